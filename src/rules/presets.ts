/**
 * Rule presets (config `"extends"`, `--preset`): which rules run, decided by data on each rule's
 * metadata, never by rule ids here, so rules added later join the right presets by their flags.
 *
 * - `iislint:recommended` (the default): every rule except those marked `cisOnly`.
 * - `iislint:kernel-ssl`: the Server 2003 kernel-mode SSL migration question alone (rules marked
 *   `kernelSslMigration`: the KSSL and CFG rules).
 * - `iislint:cis`: recommended plus cis-only rules, in explicit-value mode: a value the CIS
 *   benchmark audits that is absent is a finding even where the OS default is safe.
 */
import type { RuleSetting } from '../engine/lint.js';
import type { Rule, RuleMeta } from './types.js';

export const PRESET_NAMES = ['iislint:recommended', 'iislint:kernel-ssl', 'iislint:cis'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];
export const DEFAULT_PRESET: PresetName = 'iislint:recommended';

interface Preset {
  includes(meta: RuleMeta): boolean;
  /** Absent values that a benchmark audits are findings (RuleOptions.explicitValues). */
  explicitValues: boolean;
}

const PRESETS: Record<PresetName, Preset> = {
  'iislint:recommended': { includes: (meta) => !meta.cisOnly, explicitValues: false },
  'iislint:kernel-ssl': { includes: (meta) => meta.kernelSslMigration === true, explicitValues: false },
  'iislint:cis': { includes: () => true, explicitValues: true },
};

/** `cis` and `iislint:cis` both name the CIS preset; undefined for an unknown name. */
export function presetName(text: string): PresetName | undefined {
  const trimmed = text.trim();
  const full = trimmed.includes(':') ? trimmed : `iislint:${trimmed}`;
  return (PRESET_NAMES as readonly string[]).includes(full) ? (full as PresetName) : undefined;
}

/** `off` for every rule the preset leaves out; rules it includes keep their own levels. */
export function presetRuleSettings(name: PresetName, rules: readonly Rule[]): Map<string, RuleSetting> {
  const preset = PRESETS[name];
  return new Map(rules.filter((rule) => !preset.includes(rule.meta)).map((rule) => [rule.meta.id, 'off' as const]));
}

export function presetExplicitValues(name: PresetName): boolean {
  return PRESETS[name].explicitValues;
}

/** Benchmark items as SARIF rule tags (`cis/IIS10 7.4`, `stig/V-218821`), kept within SARIF's 20 tags per rule. */
export function ruleTags(meta: RuleMeta): string[] {
  const benchmarks = [...(meta.benchmarks?.cis ?? []).map((item) => `cis/${item}`), ...(meta.benchmarks?.stig ?? []).map((item) => `stig/${item}`)];
  return [...meta.tags, ...benchmarks].slice(0, 20);
}

/** `CIS IIS10 7.4, STIG V-218821` or '' (for `iislint rules` and the doc pages). */
export function benchmarkList(meta: RuleMeta): string {
  return [...(meta.benchmarks?.cis ?? []).map((item) => `CIS ${item}`), ...(meta.benchmarks?.stig ?? []).map((item) => `STIG ${item}`)].join(', ');
}
