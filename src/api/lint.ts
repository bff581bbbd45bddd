/**
 * The programmatic `lint`: the command line's lint run without argv, stdout or exit codes.
 * Options are the config file's settings plus `cwd` and `config`; they override the config
 * file as command-line options do. Results are plain data (JSON-serialisable, structured-
 * clonable): findings, files, a summary per server, counts and the gate's verdict.
 */
import path from 'node:path';
import { ConfigError, findConfigFile, loadConfigFile, validateConfig, type LoadedConfig } from '../cli/config.js';
import { gateFails, type FailLevel } from '../engine/gate.js';
import { pathMatcher } from '../cli/settings.js';
import { configSuppressions, expiryNotices } from '../cli/suppression-config.js';
import type { Finding, LintOptions as EngineLintOptions, RuleSetting } from '../engine/lint.js';
import { lintFileGroups, lintPaths, type FileReport, type LintRun, type UnreadableFile } from '../engine/run.js';
import { localDate, type SuppressionOptions } from '../engine/suppressions.js';
import type { OsProfile } from '../model/os-profiles.js';
import type { OsReason, ServerModel } from '../model/server.js';
import { countLevels, type LevelCounts } from '../report/index.js';
import type { ToolNotification } from '../report/types.js';
import { RULES } from '../rules/index.js';
import { DEFAULT_PRESET, presetExplicitValues, presetRuleSettings } from '../rules/presets.js';
import type { KernelSslMode } from '../rules/types.js';
import { defaultSarifRoot, rootPrefix } from './tool.js';
import { fileNotifications } from '../report/notifications.js';

export interface LintOptions {
  /** What relative paths, display paths and the config search start from. Default: `process.cwd()`. */
  cwd?: string;
  /**
   * The config file: a path (relative to `cwd`), `false` for none, or undefined (the default)
   * to search upward from `cwd` for `iislint.config.json` / `.iislintrc.json`, as the CLI does.
   */
  config?: string | false;
  /** `auto` (default): each server's EnableKernelSSL decides; `on`: KSSL findings are errors; `off`: KSSL001–005, 007 do not run. */
  kernelSsl?: KernelSslMode;
  /** Target OS, or `auto` (default). */
  os?: OsProfile | 'auto';
  /** A preset (`iislint:recommended`, `iislint:kernel-ssl`, `iislint:cis`; prefix optional); overrides the config file's `extends`. */
  extends?: string;
  /** Rule id → level or `off`; merged over the config file's `rules` and the preset. */
  rules?: Record<string, RuleSetting>;
  /** Globs of files not to lint, relative to `cwd`; added to the config file's `ignore`. */
  ignore?: string[];
  /** Server name → globs (relative to `cwd`) of the files that form it; replaces the config file's `servers`. */
  servers?: Record<string, string[]>;
  /** The lowest level that makes `failed` true (default `error`; `none`: never, whatever `maxWarnings` says). */
  failLevel?: FailLevel;
  /** `failed` is also true with more warnings than this. */
  maxWarnings?: number;
  /** Report inline directives and config suppressions that suppress nothing (CFG006), as `--report-unused-directives`. */
  reportUnusedDirectives?: boolean;
  /** An inline disable directive without a reason suppresses nothing and is a finding, as `--require-reason`. */
  requireReason?: boolean;
  /** Each file named in `paths` is a server of its own, as `--server-per-file` (default: it joins its folder's server). */
  serverPerFile?: boolean;
}

export interface LintTextOptions extends Omit<LintOptions, 'ignore' | 'servers' | 'serverPerFile'> {
  /** The name the text is reported under (as `--stdin-filename`). Default `<text>`. */
  filePath?: string;
}

/** What one server (one folder, a file named with --server-per-file, or a config `servers` group) looks like to iislint. */
export interface ServerSummary {
  name: string;
  /** Display paths of the files linted as this server's (metabase or registry export), sorted. */
  files: string[];
  /** The target OS the rules assumed; `unknown` when nothing said (only explicit settings count then). */
  os: OsProfile | 'unknown';
  osReason: OsReason;
  /** Which value decided the target OS, in words. */
  osDetail: string;
  /** Whether the server's files hold an IIS 6 metabase. */
  metabase: boolean;
  /** Whether the server's files hold an SChannel export. */
  schannelExported: boolean;
  /** http.sys `EnableKernelSSL` as written: 1 → `enabled`, 0 → `disabled`, anything else → `invalid`, none → `unset`. */
  enableKernelSsl: 'enabled' | 'disabled' | 'invalid' | 'unset';
  /** Counts of this server's findings. */
  summary: LevelCounts;
}

export interface LintResults {
  /** The absolute directory display paths are relative to (what `format` needs). */
  cwd: string;
  /** The config file applied, or null. */
  configFile: string | null;
  /** Sorted by file, line, column, rule. Suppressed findings are not here, and do not count. */
  findings: Finding[];
  /** Findings that an inline directive or a config `suppressions` entry suppressed, each with its `suppressions`. */
  suppressed: Finding[];
  /** Every file looked at, sorted by path: recognised, or skipped with the reason. */
  files: FileReport[];
  servers: ServerSummary[];
  /** Files met while searching a directory that could not be read (the CLI exits 2 for these). */
  unreadable: UnreadableFile[];
  /** What iislint says about the run besides findings (skipped and unreadable files, expiring suppressions), as SARIF carries them. */
  notifications: ToolNotification[];
  summary: LevelCounts;
  /** What the CLI's exit code would say: findings at or above `failLevel`, more than `maxWarnings` warnings, or an unreadable file. */
  failed: boolean;
}

interface ResolvedApiSettings {
  cwd: string;
  config: LoadedConfig | undefined;
  engine: EngineLintOptions & SuppressionOptions;
  /** Warnings about config suppressions that expired or expire soon. */
  notices: ToolNotification[];
  failLevel: FailLevel;
  maxWarnings: number | undefined;
  ignoreGlobs: { patterns: string[]; base: string }[];
  servers: { globs: Record<string, string[]>; base: string } | undefined;
}

const KNOWN_RULE_IDS: ReadonlySet<string> = new Set(RULES.map((rule) => rule.meta.id));
const CONFIG_KEYS = ['extends', 'rules', 'kernelSsl', 'os', 'ignore', 'failLevel', 'maxWarnings', 'servers'] as const;
const OPTION_KEYS: readonly string[] = ['cwd', 'config', ...CONFIG_KEYS, 'reportUnusedDirectives', 'requireReason', 'serverPerFile'];

/**
 * Lint files and directories (default `.`), grouped into servers as the CLI groups them.
 * Rejects with `InputError` for a path that does not exist or cannot be read, and with
 * `ConfigError` for a bad config file or option value (the message names the key).
 */
export async function lint(paths: readonly string[] = [], options: LintOptions = {}): Promise<LintResults> {
  const settings = resolveApiSettings(options, 'lint');
  const isIgnored = pathMatcher(settings.ignoreGlobs);
  const serverMatchers = settings.servers
    ? Object.entries(settings.servers.globs).map(([name, globs]) => ({
        name,
        matches: pathMatcher([{ patterns: globs, base: settings.servers!.base }])!,
      }))
    : [];
  const serverOf = serverMatchers.length > 0 ? (file: string) => serverMatchers.find(({ matches }) => matches(file))?.name : undefined;
  const run = lintPaths(paths.length > 0 ? paths : ['.'], {
    ...settings.engine,
    cwd: settings.cwd,
    ...(isIgnored ? { isIgnored } : {}),
    ...(serverOf ? { serverOf } : {}),
    serverPerFile: options.serverPerFile ?? false,
  });
  return results(run, settings);
}

/** Lint one file's content held in memory (as `--stdin`): it is a server of its own. */
export async function lintText(content: string | Uint8Array, options: LintTextOptions = {}): Promise<LintResults> {
  const { filePath, ...rest } = options;
  const settings = resolveApiSettings(rest, 'lintText');
  const name = filePath ?? '<text>';
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  const run = lintFileGroups([{ name, files: [{ path: name, bytes }] }], settings.engine);
  return results(run, settings);
}

function resolveApiSettings(options: LintOptions, caller: 'lint' | 'lintText'): ResolvedApiSettings {
  // JavaScript callers get no type check: a misspelt option is an error, not silently ignored.
  for (const key of Object.keys(options)) {
    if (!OPTION_KEYS.includes(key)) throw new ConfigError(`${caller}() options: "${key}" is not a known option (known: ${OPTION_KEYS.join(', ')})`);
  }
  if (options.serverPerFile !== undefined && typeof options.serverPerFile !== 'boolean') {
    throw new ConfigError(`${caller}() options: "serverPerFile" must be true or false`);
  }
  const cwd = path.resolve(options.cwd ?? process.cwd());
  let config: LoadedConfig | undefined;
  if (options.config !== false) {
    if (options.config !== undefined && typeof options.config !== 'string') {
      throw new ConfigError(`${caller}() options: "config" must be a file path or false`);
    }
    const configPath = options.config !== undefined ? path.resolve(cwd, options.config) : findConfigFile(cwd);
    if (configPath) config = loadConfigFile(configPath, KNOWN_RULE_IDS);
  }
  const overrides = validateConfig(configShaped(options), `${caller}() options`, KNOWN_RULE_IDS);
  const file = config?.config ?? {};
  const osChoice = overrides.os ?? file.os ?? 'auto';
  const today = localDate();
  const suppressions = config ? configSuppressions(config, cwd) : [];
  return {
    cwd,
    config,
    engine: {
      kernelSsl: overrides.kernelSsl ?? file.kernelSsl ?? 'auto',
      os: osChoice === 'auto' ? undefined : osChoice,
      ruleSettings: new Map<string, RuleSetting>([
        ...presetRuleSettings(overrides.extends ?? file.extends ?? DEFAULT_PRESET, RULES),
        ...Object.entries({ ...file.rules, ...overrides.rules }),
      ]),
      explicitValues: presetExplicitValues(overrides.extends ?? file.extends ?? DEFAULT_PRESET),
      reportUnusedDirectives: options.reportUnusedDirectives ?? false,
      requireReason: options.requireReason ?? false,
      configSuppressions: suppressions,
      today,
      fingerprintPrefix: rootPrefix(defaultSarifRoot(cwd), cwd),
    },
    notices: expiryNotices(suppressions, today),
    failLevel: overrides.failLevel ?? file.failLevel ?? 'error',
    maxWarnings: overrides.maxWarnings ?? file.maxWarnings,
    ignoreGlobs: [
      ...(file.ignore && config ? [{ patterns: file.ignore, base: config.directory }] : []),
      ...(overrides.ignore ? [{ patterns: overrides.ignore, base: cwd }] : []),
    ],
    servers: overrides.servers
      ? { globs: overrides.servers, base: cwd }
      : file.servers && config
        ? { globs: file.servers, base: config.directory }
        : undefined,
  };
}

/** Only the settings a config file can hold, so the config validator checks them and names a bad key. */
function configShaped(options: LintOptions): Record<string, unknown> {
  const shaped: Record<string, unknown> = {};
  for (const key of CONFIG_KEYS) {
    if (options[key] !== undefined) shaped[key] = options[key];
  }
  return shaped;
}

function results(run: LintRun, settings: ResolvedApiSettings): LintResults {
  const summary = countLevels(run.findings);
  // In the order the CLI reports them.
  const notifications: ToolNotification[] = [...settings.notices, ...fileNotifications(run)];
  return {
    cwd: settings.cwd,
    configFile: settings.config?.path ?? null,
    findings: run.findings,
    suppressed: run.suppressed ?? [],
    files: run.files,
    servers: run.servers.map((server) => summarizeServer(server, run.findings)),
    unreadable: run.unreadable,
    notifications,
    summary,
    failed: run.unreadable.length > 0 || gateFails(run.findings, settings.failLevel, settings.maxWarnings),
  };
}


function summarizeServer(server: ServerModel, findings: readonly Finding[]): ServerSummary {
  const files = [...server.metabaseDocuments, ...server.regDocuments, ...server.configDocuments].map((document) => document.source.path).sort();
  const kernelSsl = server.httpSys.enableKernelSsl;
  return {
    name: server.name,
    files,
    os: server.os ?? 'unknown',
    osReason: server.osReason,
    osDetail: server.osDetail,
    metabase: server.metabase !== undefined,
    schannelExported: server.schannel.exported,
    enableKernelSsl: !kernelSsl ? 'unset' : kernelSsl.mode === 'kernel' ? 'enabled' : kernelSsl.mode === 'user' ? 'disabled' : 'invalid',
    summary: countLevels(findings.filter((finding) => finding.server === server.name)),
  };
}
