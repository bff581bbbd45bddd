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
  const report: JsonReport = {
    version: 1,
    findings: input.findings.map((finding) => ({
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
    })),
    files: input.files.map((file) => ({
      path: file.path,
      server: file.server,
      kind: file.kind,
      ...(file.skipReason !== undefined ? { skipReason: file.skipReason } : {}),
    })),
    summary: {
      ...countLevels(input.findings),
      ...(input.hidden?.suppressed ? { suppressed: input.hidden.suppressed } : {}),
      ...(input.hidden?.baselined ? { baselined: input.hidden.baselined } : {}),
    },
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
