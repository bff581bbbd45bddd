/**
 * The pipeline gate: whether a run's findings fail it. One definition for the command's exit
 * code and the API's `failed`.
 */
import type { Level } from '../rules/types.js';
import type { Finding } from './lint.js';

export const FAIL_LEVELS = ['error', 'warning', 'note', 'none'] as const;
export type FailLevel = (typeof FAIL_LEVELS)[number];

export const levelRank: Readonly<Record<Level, number>> = { note: 1, warning: 2, error: 3 };

/** Findings at or above the fail level, or more warnings than allowed, fail the gate. */
export function gateFails(findings: readonly Finding[], failLevel: FailLevel, maxWarnings: number | undefined): boolean {
  const warnings = findings.filter((finding) => finding.level === 'warning').length;
  if (maxWarnings !== undefined && warnings > maxWarnings) return true;
  if (failLevel === 'none') return false;
  const threshold = levelRank[failLevel];
  return findings.some((finding) => levelRank[finding.level] >= threshold);
}
