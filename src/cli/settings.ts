/**
 * The settings a lint run uses: command-line options over the config file over defaults, and
 * the path matchers built from ignore and server globs.
 */
import path from 'node:path';
import type { LintOptions } from '../engine/lint.js';
import { localDate, type SuppressionOptions } from '../engine/suppressions.js';
import type { OsProfile } from '../model/os-profiles.js';
import { RULES } from '../rules/index.js';
import { DEFAULT_PRESET, PRESET_NAMES, presetExplicitValues, presetName, presetRuleSettings, type PresetName } from '../rules/presets.js';
import type { KernelSslMode } from '../rules/types.js';
import { ConfigError, findConfigFile, loadConfigFile, parseRuleOption, type LoadedConfig } from './config.js';
import type { FailLevel } from '../engine/gate.js';
import { compileGlobs, globProblem } from '../engine/glob.js';
import { serverFolderOf } from '../engine/server-folder.js';
import { configSuppressions } from './suppression-config.js';

/** The command-line options of a lint run, as commander parses them. */
export interface LintCliOptions {
  format: string;
  output?: string;
  sarifFile?: string;
  category?: string;
  sarifRoot?: string;
  failLevel?: string;
  maxWarnings?: string;
  quiet?: boolean;
  kernelSsl?: string;
  os?: string;
  /** `recommended`, `kernel-ssl`, `cis` (with or without `iislint:`). */
  preset?: string;
  rule: string[];
  config?: string | false;
  ignorePattern: string[];
  stdin?: boolean;
  stdinFilename?: string;
  fix?: boolean;
  fixDryRun?: boolean;
  reportUnusedDirectives?: boolean;
  requireReason?: boolean;
  includeSuppressed?: boolean;
  baseline?: string;
  writeBaseline?: string;
  pruneBaseline?: boolean;
  color?: boolean;
  verbose?: boolean;
  printConfig?: string;
  debug?: boolean;
  /** `auto` or N (see src/cli/run-options.ts). */
  concurrency?: string;
  /** `256MB`, `10k`, bytes (see src/cli/run-options.ts). */
  maxFileSize?: string;
  /** `--no-error-on-unmatched-pattern` sets false. */
  errorOnUnmatchedPattern?: boolean;
  serverPerFile?: boolean;
  xmlCrossCheck?: boolean;
}

export interface ResolvedSettings {
  /** Suppression settings ride along, so every lint of the run (a re-lint after --fix too) applies them. */
  lintOptions: LintOptions & SuppressionOptions;
  failLevel: FailLevel;
  maxWarnings: number | undefined;
  config: LoadedConfig | undefined;
  preset: PresetName;
  /** The config file was found above the working directory (the CLI names it on stderr). */
  configFromAbove: boolean;
  ignoreGlobs: { patterns: string[]; base: string }[];
  servers: Record<string, string[]>;
}

/** `today` (YYYY-MM-DD) judges config suppressions' `expires`; tests pass a fixed one. */
export function resolveSettings(options: LintCliOptions, cwd: string, today: string = localDate()): ResolvedSettings {
  const knownRuleIds = new Set(RULES.map((rule) => rule.meta.id));
  let config: LoadedConfig | undefined;
  if (options.config !== false) {
    const configPath = typeof options.config === 'string' ? path.resolve(cwd, options.config) : findConfigFile(cwd);
    if (configPath) config = loadConfigFile(configPath, knownRuleIds);
  }
  const file = config?.config ?? {};
  const preset = resolvePreset(options.preset, file.extends);
  // A level set for a rule (config `rules`, `--rule`) replaces the preset's choice and every
  // context-dependent level of the rule.
  const ruleSettings = presetRuleSettings(preset, RULES);
  for (const [id, setting] of Object.entries(file.rules ?? {})) ruleSettings.set(id, setting);
  for (const text of options.rule) {
    const [id, setting] = parseRuleOption(text, knownRuleIds);
    ruleSettings.set(id, setting);
  }
  const osChoice = options.os ?? file.os ?? 'auto';
  const maxWarnings = options.maxWarnings !== undefined ? parseMaxWarnings(options.maxWarnings) : file.maxWarnings;
  for (const pattern of options.ignorePattern) {
    const problem = globProblem(pattern);
    if (problem !== undefined) throw new ConfigError(`--ignore-pattern ${pattern}: not a valid glob: ${problem}`);
  }
  const ignoreGlobs = [
    ...(file.ignore && config ? [{ patterns: file.ignore, base: config.directory }] : []),
    ...(options.ignorePattern.length > 0 ? [{ patterns: options.ignorePattern, base: cwd }] : []),
  ];
  return {
    lintOptions: {
      kernelSsl: (options.kernelSsl ?? file.kernelSsl ?? 'auto') as KernelSslMode,
      os: osChoice === 'auto' ? undefined : (osChoice as OsProfile),
      ruleSettings,
      explicitValues: presetExplicitValues(preset),
      reportUnusedDirectives: options.reportUnusedDirectives ?? false,
      requireReason: options.requireReason ?? false,
      xmlCrossCheck: options.xmlCrossCheck ?? false,
      configSuppressions: config ? configSuppressions(config, cwd) : [],
      today,
    },
    failLevel: (options.failLevel ?? file.failLevel ?? 'error') as FailLevel,
    maxWarnings,
    config,
    preset,
    configFromAbove: config !== undefined && typeof options.config !== 'string' && path.dirname(config.path) !== path.resolve(cwd),
    ignoreGlobs,
    servers: config ? (file.servers ?? {}) : {},
  };
}

function resolvePreset(option: string | undefined, fromConfig: PresetName | undefined): PresetName {
  if (option === undefined) return fromConfig ?? DEFAULT_PRESET;
  const name = presetName(option);
  if (!name) throw new ConfigError(`--preset ${option}: expected one of ${PRESET_NAMES.join(', ')} (the \`iislint:\` prefix may be left out)`);
  return name;
}

function parseMaxWarnings(text: string): number {
  if (!/^\d+$/.test(text.trim())) throw new ConfigError(`--max-warnings ${text}: expected a whole number ≥ 0`);
  return Number(text);
}

/** Match a path against globs relative to their base directory. */
export function pathMatcher(globSets: readonly { patterns: string[]; base: string }[]): ((absolutePath: string) => boolean) | undefined {
  if (globSets.length === 0) return undefined;
  const compiled = globSets.map(({ patterns, base }) => ({ matches: compileGlobs(patterns), base }));
  return (absolutePath) =>
    compiled.some(({ matches, base }) => {
      const relative = path.relative(base, absolutePath).split(path.sep).join('/');
      return !relative.startsWith('../') && relative !== '..' && matches(relative);
    });
}

export function printableConfig(
  settings: ResolvedSettings,
  target: string,
  isIgnored: ((file: string) => boolean) | undefined,
  serverOf: ((file: string) => string | undefined) | undefined,
): Record<string, unknown> {
  return {
    file: target,
    configFile: settings.config?.path ?? null,
    ignored: isIgnored?.(target) ?? false,
    server: serverOf?.(target) ?? serverFolderOf(target),
    kernelSsl: settings.lintOptions.kernelSsl,
    os: settings.lintOptions.os ?? 'auto',
    preset: settings.preset,
    failLevel: settings.failLevel,
    maxWarnings: settings.maxWarnings ?? null,
    rules: Object.fromEntries(
      RULES.map((rule) => [rule.meta.id, settings.lintOptions.ruleSettings.get(rule.meta.id) ?? rule.meta.defaultLevel]),
    ),
    // The config file's suppressions entries whose globs match the file (an absolute path matches as it is).
    suppressions: (settings.lintOptions.configSuppressions ?? [])
      .filter((entry) => entry.matchesFile(target))
      .map((entry) => ({ entry: entry.label, rules: entry.ruleIds ?? 'all', reason: entry.reason, expires: entry.expires ?? null })),
  };
}
