/**
 * The config file's `suppressions`: validation (called by config.ts, so messages name the bad
 * key), compilation into the engine's ConfigSuppression (globs relative to the config file, the
 * entry's place in the file for CFG006), and the expiry warnings the CLI prints.
 *
 * ```json
 * "suppressions": [
 *   { "files": ["web01/*.reg"], "rules": ["KSSL004"], "reason": "POS terminals need RC2 (OPS-1234)", "expires": "2025-06-30" }
 * ]
 * ```
 * `files` and `reason` are required; no `rules` means every rule; `expires` is the last day the
 * entry applies.
 */
import path from 'node:path';
import { expiryStatus, isCalendarDate, type ConfigSuppression } from '../engine/suppressions.js';
import { decodeBytes, type SourceFile, type Span } from '../parse/text.js';
import { checkGlobs, readConfigBytes, type LoadedConfig } from './config.js';
import { compileGlobs } from '../engine/glob.js';

export interface ConfigSuppressionEntry {
  files: string[];
  rules?: string[];
  reason: string;
  expires?: string;
}

const ENTRY_KEYS = ['files', 'rules', 'reason', 'expires'];

/** Validate `suppressions`; `fail` throws a ConfigError naming the key. */
export function validateSuppressions(
  value: unknown,
  knownRuleIds: ReadonlySet<string>,
  fail: (key: string, problem: string) => never,
): ConfigSuppressionEntry[] {
  if (!Array.isArray(value)) return fail('suppressions', 'must be a list of { "files", "reason", "rules"?, "expires"? } entries');
  return value.map((item: unknown, index) => {
    const key = `suppressions[${index}]`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      return fail(key, 'must be an object with "files" and "reason", and optionally "rules" and "expires"');
    }
    const entry = item as Record<string, unknown>;
    for (const name of Object.keys(entry)) {
      if (!ENTRY_KEYS.includes(name)) fail(`${key}.${name}`, `is not a known key (known: ${ENTRY_KEYS.join(', ')})`);
    }
    const files = entry['files'];
    if (files === undefined) fail(`${key}.files`, 'is required (globs of the files the entry applies to)');
    if (!Array.isArray(files) || files.length === 0 || files.some((glob) => typeof glob !== 'string' || glob.trim() === '')) {
      fail(`${key}.files`, 'must be a non-empty list of non-empty strings (globs)');
    }
    checkGlobs(files as string[], `${key}.files`, fail);
    const reason = entry['reason'];
    if (reason === undefined) fail(`${key}.reason`, 'is required (why these findings are accepted)');
    if (typeof reason !== 'string' || reason.trim() === '') fail(`${key}.reason`, 'must be a non-empty text (why these findings are accepted)');
    const validated: ConfigSuppressionEntry = { files: files as string[], reason: (reason as string).trim() };
    const rules = entry['rules'];
    if (rules !== undefined) {
      if (!Array.isArray(rules) || rules.length === 0) fail(`${key}.rules`, 'must be a non-empty list of rule ids (leave it out for every rule)');
      (rules as unknown[]).forEach((id, ruleIndex) => {
        if (typeof id !== 'string' || !knownRuleIds.has(id)) {
          fail(`${key}.rules[${ruleIndex}]`, `is not a rule id: ${JSON.stringify(id)} (ids are written as \`iislint rules\` lists them, e.g. KSSL004)`);
        }
      });
      validated.rules = [...new Set(rules as string[])];
    }
    const expires = entry['expires'];
    if (expires !== undefined) {
      if (typeof expires !== 'string' || !isCalendarDate(expires)) {
        fail(`${key}.expires`, `must be a date written YYYY-MM-DD, the last day the entry applies (got ${JSON.stringify(expires)})`);
      }
      validated.expires = expires as string;
    }
    return validated;
  });
}

/** The config's entries for the engine. Display paths of findings are relative to `cwd`. */
export function configSuppressions(config: LoadedConfig, cwd: string): ConfigSuppression[] {
  const entries = config.config.suppressions ?? [];
  if (entries.length === 0) return [];
  const configPath = displayPath(config.path, cwd);
  const origins = entryOrigins(config.path, configPath);
  return entries.map((entry, index) => {
    const matches = compileGlobs(entry.files);
    return {
      label: `suppressions[${index}]`,
      configPath,
      files: entry.files,
      ruleIds: entry.rules,
      reason: entry.reason,
      expires: entry.expires,
      matchesFile: (findingPath: string) => {
        const relative = path.relative(config.directory, path.resolve(cwd, findingPath)).split(path.sep).join('/');
        return relative !== '..' && !relative.startsWith('../') && !path.isAbsolute(relative) && matches(relative);
      },
      origin: origins?.file && origins.spans[index] ? { file: origins.file, span: origins.spans[index]! } : undefined,
    };
  });
}

/**
 * A warning about the run, for stderr and SARIF's tool notifications. It names the config file in
 * its text but carries no path: an artifact that only a notification names is one that SARIF
 * validators flag as dead weight (SARIF2004).
 */
export interface ExpiryNotice {
  level: 'warning';
  message: string;
}

/** Warnings for entries that expired (their findings are back) or expire within 14 days. */
export function expiryNotices(entries: readonly ConfigSuppression[], today: string): ExpiryNotice[] {
  const notices: ExpiryNotice[] = [];
  for (const entry of entries) {
    const status = expiryStatus(entry.expires, today);
    const name = `${entry.label} in ${entry.configPath}`;
    if (status.state === 'expired') {
      notices.push({
        level: 'warning',
        message: `${name} expired: it applied until ${entry.expires}, so the findings it suppressed are reported again`,
      });
    } else if (status.state === 'expiring') {
      const left = status.daysLeft === 0 ? 'today is its last day' : status.daysLeft === 1 ? '1 day left' : `${status.daysLeft} days left`;
      notices.push({
        level: 'warning',
        message: `${name} expires soon: it applies until ${entry.expires} (${left}); renew its reason and date, or fix the findings`,
      });
    }
  }
  return notices;
}

function displayPath(absolute: string, cwd: string): string {
  const relative = path.relative(cwd, absolute);
  return relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? absolute : relative;
}

/** The config file's text and where each `suppressions` entry is in it; undefined if it cannot be read again. */
function entryOrigins(configPath: string, shownPath: string): { file: SourceFile; spans: Span[] } | undefined {
  let bytes: Uint8Array;
  try {
    bytes = readConfigBytes(configPath);
  } catch {
    return undefined;
  }
  const file = decodeBytes(shownPath, bytes);
  return { file, spans: topLevelArrayElements(file.text, 'suppressions') };
}

/**
 * Spans of the elements of the array at top-level key `key` of a JSON object (the text was
 * already parsed, so this scanner only needs to find its way; the last duplicate key wins, as
 * in JSON.parse). Linear.
 */
export function topLevelArrayElements(text: string, key: string): Span[] {
  let found: Span[] = [];
  let i = skipWhiteSpace(text, 0);
  if (text[i] !== '{') return found;
  i = skipWhiteSpace(text, i + 1);
  while (i < text.length && text[i] === '"') {
    const keyEnd = stringEnd(text, i);
    const name = JSON.parse(text.slice(i, keyEnd)) as string;
    i = skipWhiteSpace(text, keyEnd);
    if (text[i] !== ':') return found;
    i = skipWhiteSpace(text, i + 1);
    if (name === key && text[i] === '[') {
      found = [];
      i = skipWhiteSpace(text, i + 1);
      while (i < text.length && text[i] !== ']') {
        const end = valueEnd(text, i);
        found.push({ start: i, end });
        i = skipWhiteSpace(text, end);
        if (text[i] === ',') i = skipWhiteSpace(text, i + 1);
      }
      i++;
    } else {
      i = valueEnd(text, i);
    }
    i = skipWhiteSpace(text, i);
    if (text[i] === ',') i = skipWhiteSpace(text, i + 1);
  }
  return found;
}

function skipWhiteSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r' || text[i] === '\uFEFF')) i++;
  return i;
}

/** Offset just past the closing quote of the string starting at `from`. */
function stringEnd(text: string, from: number): number {
  let i = from + 1;
  while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
  return Math.min(i + 1, text.length);
}

function valueEnd(text: string, from: number): number {
  const first = text[from];
  if (first === '"') return stringEnd(text, from);
  if (first === '{' || first === '[') {
    let depth = 0;
    let i = from;
    while (i < text.length) {
      const c = text[i];
      if (c === '"') {
        i = stringEnd(text, i);
        continue;
      }
      if (c === '{' || c === '[') depth++;
      else if (c === '}' || c === ']') {
        depth--;
        if (depth === 0) return i + 1;
      }
      i++;
    }
    return text.length;
  }
  let i = from;
  while (i < text.length && !',}] \t\r\n'.includes(text[i]!)) i++;
  return i;
}
