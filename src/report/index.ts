/**
 * The reporters and what they share. Each reporter lives in its own module and is loaded on
 * demand, so a run pays start-up time only for the format it prints.
 */
import path from 'node:path';
import type { Finding } from '../engine/lint.js';
import type { FormatName, Level, ReportInput } from './types.js';

export type Reporter = (input: ReportInput) => string;
/** A reporter that yields its report in pieces, for writers that stream (any size, never one string). */
export type ChunkedReporter = (input: ReportInput) => Iterable<string>;

export async function loadReportChunks(name: FormatName): Promise<ChunkedReporter> {
  switch (name) {
    case 'stylish':
      return (await import('./stylish.js')).stylishChunks;
    case 'sarif':
      return (await import('./sarif.js')).sarifChunks;
    case 'json':
      return (await import('./json.js')).jsonChunks;
    case 'junit':
      return (await import('./junit.js')).junitChunks;
    case 'github':
      return (await import('./github.js')).githubChunks;
    case 'compact':
      return (await import('./compact.js')).compactChunks;
    default: {
      const unknown: never = name;
      throw new Error(`unknown format: ${String(unknown)}`);
    }
  }
}

export async function loadReporter(name: FormatName): Promise<Reporter> {
  switch (name) {
    case 'stylish':
      return (await import('./stylish.js')).stylish;
    case 'sarif':
      return (await import('./sarif.js')).sarif;
    case 'json':
      return (await import('./json.js')).json;
    case 'junit':
      return (await import('./junit.js')).junit;
    case 'github':
      return (await import('./github.js')).github;
    case 'compact':
      return (await import('./compact.js')).compact;
    default: {
      const unknown: never = name;
      throw new Error(`unknown format: ${String(unknown)}`);
    }
  }
}

export interface LevelCounts {
  errors: number;
  warnings: number;
  notes: number;
}

export function countLevels(findings: readonly Pick<Finding, 'level'>[]): LevelCounts {
  const counts: LevelCounts = { errors: 0, warnings: 0, notes: 0 };
  for (const { level } of findings) counts[levelKey(level)]++;
  return counts;
}

function levelKey(level: Level): keyof LevelCounts {
  return level === 'error' ? 'errors' : level === 'warning' ? 'warnings' : 'notes';
}

/** A fix with at least one edit: what `--fix` would apply. */
export function isFixable(finding: Pick<Finding, 'fix'>): boolean {
  return finding.fix !== undefined && finding.fix.edits.length > 0;
}

/** ` (3 suppressed, 1 baselined)` for a summary line, or '' when nothing was hidden. */
export function hiddenSuffix(input: Pick<ReportInput, 'hidden'>): string {
  const parts: string[] = [];
  if (input.hidden?.suppressed) parts.push(`${input.hidden.suppressed} suppressed`);
  if (input.hidden?.baselined) parts.push(`${input.hidden.baselined} baselined`);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

/** `1 error`, `2 errors`. */
export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * Where a display path (relative to `cwd`) is relative to `root`, with `/` separators and no
 * encoding; undefined when the file is not inside `root` (another drive, or above it). SARIF
 * URIs and GitHub annotations both name files this way, since GitHub expects repository-relative paths.
 */
export function rootRelativePath(displayPath: string, cwd: string, root: string): string | undefined {
  const absolute = path.resolve(cwd, displayPath);
  const relative = path.relative(path.resolve(root), absolute);
  if (relative === '' || relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) {
    return undefined;
  }
  return relative.split(path.sep).join('/');
}

/** The absolute path of a display path, with `/` separators (a Windows drive stays `C:`). */
export function absolutePortablePath(displayPath: string, cwd: string): string {
  return path.resolve(cwd, displayPath).split(path.sep).join('/');
}
