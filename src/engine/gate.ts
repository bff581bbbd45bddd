/**
 * The pipeline gate: whether a run's findings fail it, and why. One definition for the
 * command's exit code (and its stderr line) and the API's `failed`.
 */
import type { Level } from '../rules/types.js';
import type { Finding } from './lint.js';

export const FAIL_LEVELS = ['error', 'warning', 'note', 'none'] as const;
export type FailLevel = (typeof FAIL_LEVELS)[number];

export const levelRank: Readonly<Record<Level, number>> = { note: 1, warning: 2, error: 3 };

export interface GateVerdict {
  fails: boolean;
  /** Findings at or above the fail level, as a sentence; undefined when there are none. */
  failLevelReason?: string;
  /** More warnings than allowed, in ESLint's words; undefined when within the limit. */
  maxWarningsReason?: string;
}

/**
 * Findings at or above the fail level, or more warnings than allowed, fail the gate.
 * `none` never fails, whatever the warning limit: it is the switch that turns the gate off.
 */
export function gateVerdict(findings: readonly Pick<Finding, 'level'>[], failLevel: FailLevel, maxWarnings: number | undefined): GateVerdict {
  if (failLevel === 'none') return { fails: false };
  const verdict: GateVerdict = { fails: false };
  const threshold = levelRank[failLevel];
  const failing = findings.filter((finding) => levelRank[finding.level] >= threshold).length;
  if (failing > 0) {
    const what = failLevel === 'error' ? plural(failing, 'error') : `${plural(failing, 'finding')} at level ${failLevel} or above`;
    verdict.failLevelReason = `${what} (fail level: ${failLevel}).`;
  }
  const warnings = findings.filter((finding) => finding.level === 'warning').length;
  // ESLint's wording, so a log reads the same for both tools.
  if (maxWarnings !== undefined && warnings > maxWarnings) verdict.maxWarningsReason = `too many warnings (${warnings}). Maximum allowed is ${maxWarnings}.`;
  verdict.fails = verdict.failLevelReason !== undefined || verdict.maxWarningsReason !== undefined;
  return verdict;
}

export function gateFails(findings: readonly Pick<Finding, 'level'>[], failLevel: FailLevel, maxWarnings: number | undefined): boolean {
  return gateVerdict(findings, failLevel, maxWarnings).fails;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
