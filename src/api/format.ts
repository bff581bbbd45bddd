/**
 * The programmatic `format`: results of `lint` as any report format, byte for byte what the
 * CLI prints for the same run. Async because reporters load on demand (src/report/index.ts),
 * so a program pays only for the formats it uses.
 */
import path from 'node:path';
import { loadReporter } from '../report/index.js';
import { FORMAT_NAMES, type FormatName, type ReportInput } from '../report/types.js';
import { runRuleMetadata } from '../engine/rule-metadata.js';
import type { FailLevel } from '../engine/gate.js';
import type { LintResults } from './lint.js';
import { defaultSarifRoot, toolInfo } from './tool.js';

export interface FormatOptions {
  /** ANSI colour in `stylish` (default false). */
  color?: boolean;
  /** SARIF `runs[].automationDetails.id` (as `--category`). */
  category?: string;
  /** What SARIF URIs are relative to, resolved against `results.cwd` (default: the git root above it, else it). */
  sarifRoot?: string;
  /** Also write the suppressed findings to SARIF, marked with their `suppressions` (as `--include-suppressed`). */
  includeSuppressed?: boolean;
  /** JUnit reports findings below it as passing test cases (as `--fail-level`; default `error`). */
  failLevel?: FailLevel;
}

/** What formatting reads of the results (so filtered or deserialised results format too). */
export type FormattableResults = Pick<LintResults, 'cwd' | 'findings' | 'suppressed' | 'files' | 'unreadable' | 'notifications'> &
  Partial<Pick<LintResults, 'servers'>>;

/** Render results as `stylish`, `compact`, `json`, `sarif`, `junit` or `github`. Rejects with a TypeError for any other name. */
export async function format(
  results: FormattableResults,
  name: FormatName,
  options: FormatOptions = {},
): Promise<string> {
  if (!(FORMAT_NAMES as readonly string[]).includes(name)) {
    throw new TypeError(`unknown format "${String(name)}" (known: ${FORMAT_NAMES.join(', ')})`);
  }
  return (await loadReporter(name))(reportInput(results, options));
}

/** The same input the CLI gives its reporters, so both print the same thing. */
function reportInput(results: FormattableResults, options: FormatOptions): ReportInput {
  return {
    findings: results.findings,
    files: results.files,
    rules: runRuleMetadata(),
    tool: toolInfo(),
    cwd: results.cwd,
    sarifRoot: options.sarifRoot !== undefined ? path.resolve(results.cwd, options.sarifRoot) : defaultSarifRoot(results.cwd),
    category: options.category,
    notifications: results.notifications,
    executionSuccessful: results.unreadable.length === 0,
    color: options.color ?? false,
    hidden: { suppressed: results.suppressed.length, baselined: 0 },
    sarifOnly: options.includeSuppressed ? results.suppressed : [],
    ...(results.servers
      ? { servers: results.servers.map(({ name, os, osReason, osDetail }) => ({ name, os: os === 'unknown' ? undefined : os, osReason, osDetail })) }
      : {}),
    failLevel: options.failLevel ?? 'error',
  };
}
