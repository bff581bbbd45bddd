/**
 * What every reporter receives. Reporters are pure: (ReportInput) => string. They never decide
 * a level, never read files, never print.
 */
import type { Finding } from '../engine/lint.js';
import type { FileReport } from '../engine/run.js';
import type { FailLevel } from '../engine/gate.js';
import type { RuleReportMeta } from '../engine/rule-metadata.js';

/** A finding's level, as reporters print it. */
export type Level = Finding['level'];

export type FormatName = 'stylish' | 'sarif' | 'json' | 'junit' | 'github' | 'compact';
export const FORMAT_NAMES: readonly FormatName[] = ['stylish', 'sarif', 'json', 'junit', 'github', 'compact'];

/** Something the tool itself says about the run (a skipped or unreadable file), not a finding. */
export interface ToolNotification {
  level: 'error' | 'warning' | 'note';
  message: string;
  /** Display path of the file concerned, when there is one. */
  path?: string;
}

export interface ReportInput {
  /** Findings to report, sorted (file, line, column, rule). Paths are display paths relative to `cwd`. */
  findings: readonly Finding[];
  /** Every file looked at: recognised or skipped, with the reason. */
  files: readonly FileReport[];
  /** Metadata of every rule of the run, passed in by the caller (SARIF lists them all so ruleIndex is stable). */
  rules: readonly RuleReportMeta[];
  tool: { name: string; version: string; informationUri: string };
  /** The working directory that display paths are relative to (absolute). */
  cwd: string;
  /** What SARIF URIs are relative to (absolute): the git root above cwd, else cwd, or --sarif-root. */
  sarifRoot: string;
  /** SARIF runs[].automationDetails.id; undefined = a default derived from the tool name. */
  category: string | undefined;
  notifications: readonly ToolNotification[];
  /** Whether the run completed (false when an internal error stopped part of it). */
  executionSuccessful: boolean;
  /**
   * The run's fail level: JUnit reports findings below it as passing test cases. Undefined =
   * `error`, the command's default.
   */
  failLevel?: FailLevel;
  /** Colour for console formats (stylish). */
  color: boolean;
  /** Counts the console summary mentions besides the findings (filled by later features: suppressed, baselined). */
  hidden?: { suppressed?: number; baselined?: number };
  /**
   * Findings only SARIF carries (other formats leave them out): baselined ones, marked
   * `baselineState: 'unchanged'` (left out, GitHub would close their alerts as fixed), and with
   * --include-suppressed the suppressed ones, with their `suppressions`.
   */
  sarifOnly?: readonly Finding[];
  /** Each server's target OS and which value decided it (SARIF run properties). */
  servers?: readonly { name: string; os: string | undefined; osReason: string; osDetail: string }[];
}
