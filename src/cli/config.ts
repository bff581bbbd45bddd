/**
 * The config file: `iislint.config.json` or `.iislintrc.json`, found by searching upward from
 * the working directory. Validated by hand so every message names the bad key; the JSON
 * Schema in schema/ says the same for editors (a test keeps the two in step).
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { CONFIG_FILE_LIMIT, FileTooLargeError, readInputFile } from '../engine/read-file.js';
import path from 'node:path';
import { OS_PROFILES, type OsProfile } from '../model/os-profiles.js';
import type { KernelSslMode } from '../rules/types.js';
import { PRESET_NAMES, presetName, type PresetName } from '../rules/presets.js';
import type { RuleSetting } from '../engine/lint.js';
import { validateSuppressions, type ConfigSuppressionEntry } from './suppression-config.js';
import { FAIL_LEVELS, type FailLevel } from '../engine/gate.js';
import { globProblem } from '../engine/glob.js';

export const CONFIG_FILE_NAMES = ['iislint.config.json', '.iislintrc.json'] as const;
export const KERNEL_SSL_MODES: readonly KernelSslMode[] = ['auto', 'on', 'off'];
export const RULE_SETTINGS: readonly RuleSetting[] = ['error', 'warning', 'note', 'off'];

export interface ConfigFile {
  /** A preset: `iislint:recommended` (default), `iislint:kernel-ssl`, `iislint:cis`. */
  extends?: PresetName;
  rules?: Record<string, RuleSetting>;
  kernelSsl?: KernelSslMode;
  os?: OsProfile | 'auto';
  ignore?: string[];
  failLevel?: FailLevel;
  maxWarnings?: number;
  /** Server name → globs of the files that form it (relative to the config file's directory). */
  servers?: Record<string, string[]>;
  /** Accepted findings: file globs, rules, a required reason, an optional last day (see suppression-config.ts). */
  suppressions?: ConfigSuppressionEntry[];
}

export interface LoadedConfig {
  path: string;
  /** Patterns in the file are relative to this directory. */
  directory: string;
  config: ConfigFile;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * The config file for a run started in `startDirectory`: searched upward, but no further than the
 * repository root (the folder holding `.git`) or the user's home. A config file left in `/tmp`
 * or `/` must not turn rules off for whoever runs there: outside any repository and any home,
 * only the start directory is searched.
 */
export function findConfigFile(startDirectory: string, home: string = homedir()): string | undefined {
  const chain: string[] = [];
  let bounded = false;
  for (let directory = path.resolve(startDirectory); ; directory = path.dirname(directory)) {
    chain.push(directory);
    if (directory === home || existsSync(path.join(directory, '.git'))) {
      bounded = true;
      break;
    }
    if (path.dirname(directory) === directory) break;
  }
  for (const directory of bounded ? chain : chain.slice(0, 1)) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = path.join(directory, name);
      if (existsSync(candidate)) return candidate;
    }
  }
  return undefined;
}

/** A config file's bytes, within CONFIG_FILE_LIMIT (a device or a huge file is refused, not read). */
export function readConfigBytes(configPath: string): Uint8Array {
  return readInputFile(configPath, { maxFileSize: CONFIG_FILE_LIMIT, limitName: 'the limit for a config file' });
}

export function loadConfigFile(configPath: string, knownRuleIds: ReadonlySet<string>): LoadedConfig {
  let text: string;
  try {
    text = new TextDecoder().decode(readConfigBytes(configPath));
  } catch (error) {
    if (error instanceof FileTooLargeError) throw new ConfigError(`${configPath}: cannot read the config file (${error.message})`);
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(`${configPath}: cannot read the config file (${code === 'ENOENT' ? 'no such file' : code ?? String(error)})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ConfigError(`${configPath}: invalid JSON: ${(error as Error).message}`);
  }
  return { path: configPath, directory: path.dirname(configPath), config: validateConfig(parsed, configPath, knownRuleIds) };
}

const KNOWN_KEYS = new Set(['$schema', 'extends', 'rules', 'kernelSsl', 'os', 'ignore', 'failLevel', 'maxWarnings', 'servers', 'suppressions']);

export function validateConfig(value: unknown, source: string, knownRuleIds: ReadonlySet<string>): ConfigFile {
  const fail = (key: string, problem: string): never => {
    throw new ConfigError(`${source}: "${key}" ${problem}`);
  };
  if (!isRecord(value)) throw new ConfigError(`${source}: the config must be a JSON object`);
  for (const key of Object.keys(value)) {
    if (!KNOWN_KEYS.has(key)) fail(key, `is not a known setting (known: ${[...KNOWN_KEYS].filter((k) => k !== '$schema').join(', ')})`);
  }
  const config: ConfigFile = {};
  if (value['rules'] !== undefined) {
    const rules = value['rules'];
    if (!isRecord(rules)) fail('rules', 'must be an object of rule id → level');
    config.rules = Object.create(null) as Record<string, RuleSetting>;
    for (const [id, setting] of Object.entries(rules as Record<string, unknown>)) {
      checkName(id, `rules.${id}`, fail);
      const upper = id.toUpperCase();
      if (!knownRuleIds.has(upper)) fail(`rules.${id}`, 'is not a rule id (run `iislint rules` for the list)');
      if (typeof setting !== 'string' || !(RULE_SETTINGS as readonly string[]).includes(setting)) {
        fail(`rules.${id}`, `must be one of ${RULE_SETTINGS.join(', ')}`);
      }
      config.rules[upper] = setting as RuleSetting;
    }
  }
  if (value['extends'] !== undefined) {
    const name = typeof value['extends'] === 'string' ? presetName(value['extends']) : undefined;
    if (!name) fail('extends', `must be one of ${PRESET_NAMES.join(', ')} (got ${JSON.stringify(value['extends'])})`);
    config.extends = name;
  }
  if (value['kernelSsl'] !== undefined) config.kernelSsl = oneOf(value['kernelSsl'], KERNEL_SSL_MODES, 'kernelSsl', fail);
  if (value['os'] !== undefined) config.os = oneOf(value['os'], ['auto', ...OS_PROFILES] as const, 'os', fail);
  if (value['failLevel'] !== undefined) config.failLevel = oneOf(value['failLevel'], FAIL_LEVELS, 'failLevel', fail);
  if (value['maxWarnings'] !== undefined) {
    const max = value['maxWarnings'];
    if (typeof max !== 'number' || !Number.isInteger(max) || max < 0) fail('maxWarnings', 'must be a whole number ≥ 0');
    config.maxWarnings = max as number;
  }
  if (value['ignore'] !== undefined) config.ignore = stringList(value['ignore'], 'ignore', fail);
  if (value['servers'] !== undefined) {
    const servers = value['servers'];
    if (!isRecord(servers)) fail('servers', 'must be an object of server name → list of globs');
    config.servers = Object.create(null) as Record<string, string[]>;
    for (const [name, globs] of Object.entries(servers as Record<string, unknown>)) {
      if (name.trim() === '') fail('servers', 'has an empty server name');
      checkName(name, `servers.${name}`, fail);
      config.servers[name] = stringList(globs, `servers.${name}`, fail);
    }
  }
  if (value['suppressions'] !== undefined) config.suppressions = validateSuppressions(value['suppressions'], knownRuleIds, fail);
  return config;
}

/**
 * Names that would reach an object's prototype rather than a property: `"servers":
 * {"__proto__": […]}` was accepted and silently dropped. Refused wherever a config maps names
 * to values.
 */
const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export function checkName(name: string, key: string, fail: (key: string, problem: string) => never): void {
  if (PROTOTYPE_KEYS.has(name)) fail(key, `is not allowed: ${[...PROTOTYPE_KEYS].join(', ')} cannot be names here`);
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], key: string, fail: (key: string, problem: string) => never): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    fail(key, `must be one of ${allowed.join(', ')} (got ${JSON.stringify(value)})`);
  }
  return value as T;
}

function stringList(value: unknown, key: string, fail: (key: string, problem: string) => never): string[] {
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string' || item.trim() === '')) {
    fail(key, 'must be a list of non-empty strings (globs)');
  }
  checkGlobs(value as string[], key, fail);
  return value as string[];
}

/** Each pattern must be a valid glob: `[z-a]` is a mistake to report, not a pattern that matches nothing. */
export function checkGlobs(patterns: readonly string[], key: string, fail: (key: string, problem: string) => never): void {
  patterns.forEach((pattern, index) => {
    const problem = globProblem(pattern);
    if (problem !== undefined) fail(`${key}[${index}]`, `is not a valid glob: ${problem}`);
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `--rule KSSL004:warning` / `--rule CFG005:off`. */
export function parseRuleOption(text: string, knownRuleIds: ReadonlySet<string>): [string, RuleSetting] {
  const match = /^([A-Za-z]+\d+):([a-z]+)$/.exec(text.trim());
  if (!match) throw new ConfigError(`--rule ${text}: expected ID:LEVEL, e.g. --rule KSSL004:warning or --rule CFG005:off`);
  const id = match[1]!.toUpperCase();
  const setting = match[2]!;
  if (!knownRuleIds.has(id)) throw new ConfigError(`--rule ${text}: unknown rule ${id} (run \`iislint rules\` for the list)`);
  if (!(RULE_SETTINGS as readonly string[]).includes(setting)) {
    throw new ConfigError(`--rule ${text}: level must be one of ${RULE_SETTINGS.join(', ')}`);
  }
  return [id, setting as RuleSetting];
}

