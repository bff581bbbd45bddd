/**
 * Baselines: a file of known findings, so that a gate fails only on new ones. Entries are keyed
 * by the finding's fingerprint, which hashes the rule, the file path and the logical subject and
 * never a line number: moving lines keeps a finding baselined, renaming its file does not.
 *
 * ```json
 * { "version": 1, "tool": { "name": "iislint", "version": "0.1.0" },
 *   "entries": [{ "fingerprint", "rule", "file", "subject", "message" }] }
 * ```
 * Entries are sorted (file, rule, subject, fingerprint) and nothing in the file depends on the
 * time it was written, so a rewritten baseline changes only where findings changed. Pure
 * functions: the CLI reads and writes the file.
 */
import { fingerprintPath, type Finding } from './lint.js';

export const BASELINE_VERSION = 1;

export interface BaselineEntry {
  fingerprint: string;
  rule: string;
  /** The file's display path with `/` separators. */
  file: string;
  subject: string;
  /** The message when the entry was recorded, for people reading the file. */
  message: string;
}

export interface Baseline {
  version: typeof BASELINE_VERSION;
  tool: { name: string; version: string };
  entries: BaselineEntry[];
}

/** A baseline file that cannot be used: the message says what is wrong, for one line on stderr. */
export class BaselineFormatError extends Error {
  override readonly name = 'BaselineFormatError';
}

/** `pathPrefix`: where the working directory sits below the root, so entries name root-relative files. */
export function createBaseline(findings: readonly Finding[], tool: { name: string; version: string }, pathPrefix = ''): Baseline {
  const entries = findings.map((finding) => ({
    fingerprint: finding.fingerprint,
    rule: finding.ruleId,
    file: fingerprintPath(finding.file.path, pathPrefix),
    subject: finding.subject,
    message: finding.message,
  }));
  return { version: BASELINE_VERSION, tool: { name: tool.name, version: tool.version }, entries: sortEntries(entries) };
}

export function serializeBaseline(baseline: Baseline): string {
  return `${JSON.stringify({ version: baseline.version, tool: baseline.tool, entries: sortEntries([...baseline.entries]) }, null, 2)}\n`;
}

/** Parse and check a baseline file's text; throws BaselineFormatError. */
export function parseBaseline(text: string): Baseline {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new BaselineFormatError(`not valid JSON (${(error as Error).message})`);
  }
  if (!isRecord(value)) throw new BaselineFormatError('not an iislint baseline (expected a JSON object with "version" and "entries")');
  if (value['version'] !== BASELINE_VERSION) {
    throw new BaselineFormatError(`baseline version ${JSON.stringify(value['version'])} is not supported (expected ${BASELINE_VERSION})`);
  }
  const tool = value['tool'];
  const toolName = isRecord(tool) && typeof tool['name'] === 'string' ? tool['name'] : '';
  const toolVersion = isRecord(tool) && typeof tool['version'] === 'string' ? tool['version'] : '';
  const entries = value['entries'];
  if (!Array.isArray(entries)) throw new BaselineFormatError('"entries" must be a list');
  const parsed: BaselineEntry[] = entries.map((entry: unknown, index) => {
    const fields = ['fingerprint', 'rule', 'file', 'subject', 'message'] as const;
    if (!isRecord(entry)) throw new BaselineFormatError(`"entries[${index}]" must be an object`);
    for (const field of fields) {
      if (typeof entry[field] !== 'string') throw new BaselineFormatError(`"entries[${index}].${field}" must be a string`);
    }
    if (entry['fingerprint'] === '') throw new BaselineFormatError(`"entries[${index}].fingerprint" is empty`);
    return {
      fingerprint: entry['fingerprint'] as string,
      rule: entry['rule'] as string,
      file: entry['file'] as string,
      subject: entry['subject'] as string,
      message: entry['message'] as string,
    };
  });
  return { version: BASELINE_VERSION, tool: { name: toolName, version: toolVersion }, entries: parsed };
}

export interface BaselineComparison {
  /** Findings the baseline does not hold: reported, `baselineState: 'new'`. */
  fresh: Finding[];
  /** Findings the baseline holds: counted, not reported; `baselineState: 'unchanged'`. */
  known: Finding[];
  /** Entries in scope that no finding matches any more (what pruning removes). */
  stale: BaselineEntry[];
}

/**
 * Split `findings` by the baseline. Only entries `inScope` can be stale: the CLI counts the files
 * this run linted and the files that no longer exist, so that linting a subset of the files does
 * not make the entries of the others look gone. `inScope` gets the entry's `/`-separated path.
 */
export function compareWithBaseline(findings: readonly Finding[], baseline: Baseline, inScope: (file: string) => boolean): BaselineComparison {
  const known = new Set(baseline.entries.map((entry) => entry.fingerprint));
  const seen = new Set<string>();
  const comparison: BaselineComparison = { fresh: [], known: [], stale: [] };
  for (const finding of findings) {
    seen.add(finding.fingerprint);
    if (known.has(finding.fingerprint)) comparison.known.push({ ...finding, baselineState: 'unchanged' });
    else comparison.fresh.push({ ...finding, baselineState: 'new' });
  }
  comparison.stale = baseline.entries.filter((entry) => !seen.has(entry.fingerprint) && inScope(entry.file));
  return comparison;
}

/** Mark findings (suppressed ones, for SARIF) as new or unchanged against the baseline. */
export function markBaselineState(findings: readonly Finding[], baseline: Baseline): Finding[] {
  const known = new Set(baseline.entries.map((entry) => entry.fingerprint));
  return findings.map((finding) => ({ ...finding, baselineState: known.has(finding.fingerprint) ? 'unchanged' : 'new' }));
}

/** The baseline without `stale` entries. */
export function pruneBaseline(baseline: Baseline, stale: readonly BaselineEntry[]): Baseline {
  const gone = new Set(stale);
  return { ...baseline, entries: baseline.entries.filter((entry) => !gone.has(entry)) };
}

function sortEntries(entries: BaselineEntry[]): BaselineEntry[] {
  return entries.sort(
    (a, b) => compare(a.file, b.file) || compare(a.rule, b.rule) || compare(a.subject, b.subject) || compare(a.fingerprint, b.fingerprint),
  );
}


function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
