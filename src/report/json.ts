/**
 * json: a small, documented, stable shape for scripts (docs/formats/json.md). Fields are only
 * ever added; a breaking change bumps `version`.
 *
 * ```
 * {
 *   "version": 1,
 *   "findings": [{ "file", "server", "rule", "level", "message", "line", "column",
 *                  "endLine", "endColumn", "fingerprint", "fixable" }],
 *   "files": [{ "path", "server", "kind", "skipReason"? }],
 *   "summary": { "errors", "warnings", "notes", "suppressed"?, "baselined"? }
 * }
 * ```
 * Paths are display paths (relative to the working directory, as given); positions are 1-based,
 * `endColumn` exclusive, columns in UTF-16 code units.
 */
import type { FileReport } from '../engine/run.js';
import { countLevels, isFixable, type LevelCounts } from './index.js';
import type { Level, ReportInput } from './types.js';

export interface JsonFinding {
  file: string;
  server: string;
  rule: string;
  level: Level;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fingerprint: string;
  fixable: boolean;
}

export interface JsonFile {
  path: string;
  server: string;
  kind: FileReport['kind'];
  skipReason?: string;
}

export interface JsonReport {
  version: 1;
  findings: JsonFinding[];
  files: JsonFile[];
  /** `suppressed` and `baselined` count findings left out of `findings`; present only when not 0. */
  summary: LevelCounts & { suppressed?: number; baselined?: number };
}

export function json(input: ReportInput): string {
  return [...jsonChunks(input)].join('');
}

/**
 * The same bytes as `JSON.stringify(report, null, 2)`, a finding at a time: half a million
 * findings would not fit in one string.
 */
export function* jsonChunks(input: ReportInput): Generator<string> {
  const summary: JsonReport['summary'] = {
    ...countLevels(input.findings),
    ...(input.hidden?.suppressed ? { suppressed: input.hidden.suppressed } : {}),
    ...(input.hidden?.baselined ? { baselined: input.hidden.baselined } : {}),
  };
  yield '{\n  "version": 1,\n  "findings": ';
  yield* jsonArray(input.findings, toJsonFinding);
  yield ',\n  "files": ';
  yield* jsonArray(input.files, toJsonFile);
  yield `,\n  "summary": ${nested(summary)}\n}\n`;
}

function toJsonFinding(finding: ReportInput['findings'][number]): JsonFinding {
  return {
    file: finding.file.path,
    server: finding.server,
    rule: finding.ruleId,
    level: finding.level,
    message: finding.message,
    line: finding.region.startLine,
    column: finding.region.startColumn,
    endLine: finding.region.endLine,
    endColumn: finding.region.endColumn,
    fingerprint: finding.fingerprint,
    fixable: isFixable(finding),
  };
}

function toJsonFile(file: FileReport): JsonFile {
  return {
    path: file.path,
    server: file.server,
    kind: file.kind,
    ...(file.skipReason !== undefined ? { skipReason: file.skipReason } : {}),
  };
}

/** Elements stringified together: one JSON.stringify and one re-indent per batch, not per element. */
const BATCH = 512;
const WRAPPER_HEAD = '{\n  "a": [';
const WRAPPER_TAIL = '\n  ]\n}';

/** A top-level array, each element as JSON.stringify would indent it at depth 2. */
function* jsonArray<T, U>(items: readonly T[], convert: (item: T) => U): Generator<string> {
  if (items.length === 0) {
    yield '[]';
    return;
  }
  yield '[';
  for (let start = 0; start < items.length; start += BATCH) {
    const batch = items.slice(start, start + BATCH).map(convert);
    // Inside an object the elements are already at depth 2: `{"a": [\n    {…},\n    {…}\n  ]}` minus the wrapper.
    const text = JSON.stringify({ a: batch }, null, 2);
    yield `${start > 0 ? ',' : ''}${text.slice(WRAPPER_HEAD.length, -WRAPPER_TAIL.length)}`;
  }
  yield '\n  ]';
}

/** JSON.stringify(value, null, 2) placed at an indentation (strings never hold a raw line break). */
function nested(value: unknown, indent = '  '): string {
  return JSON.stringify(value, null, 2).replace(/\n/g, `\n${indent}`);
}
