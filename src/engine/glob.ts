/**
 * Glob patterns for ignore lists, server grouping, config suppressions and the paths given on
 * the command line, matched against `/`-separated paths relative to the directory the pattern
 * belongs to (the config file's, or the cwd). Supports `**`, `*`, `?`, `[...]`, `{a,b}`. As in
 * .gitignore, a pattern without a `/` matches a file or directory name at any depth, and a
 * pattern that matches a directory matches everything below it.
 *
 * Matching is minimatch's (a well-kept library), not a hand-written translation to one regular
 * expression: a pattern such as ten `**​/a` segments made the old translation (and picomatch)
 * backtrack exponentially on a deep path, while minimatch matches segment by segment.
 */
import { Minimatch, type MinimatchOptions } from 'minimatch';

export type GlobMatcher = (relativePath: string) => boolean;

/** A pattern that cannot be a glob (`[z-a]`): the caller reports it as an error of use. */
export class GlobError extends Error {
  override readonly name = 'GlobError';
}

/** `*` matches dot files too; `!` and `#` are plain characters, as they were before. */
const OPTIONS: MinimatchOptions = { dot: true, nonegate: true, nocomment: true, optimizationLevel: 2 };

/** Characters that make a path a pattern rather than a name. */
const MAGIC = /[*?[\]{}]/;

export function hasGlobMagic(text: string): boolean {
  return MAGIC.test(text);
}

export function compileGlob(pattern: string): GlobMatcher {
  const problem = globProblem(pattern);
  if (problem !== undefined) throw new GlobError(`invalid glob ${JSON.stringify(pattern)}: ${problem}`);
  let body = pattern.trim().replaceAll('\\', '/');
  if (body.startsWith('./')) body = body.slice(2);
  const anchored = body.includes('/') && !body.startsWith('**/');
  if (body.startsWith('/')) body = body.slice(1);
  if (body.endsWith('/')) body = body.slice(0, -1);
  if (!anchored && !body.startsWith('**/')) body = `**/${body}`;
  // The pattern itself, and everything below what it matches.
  const itself = new Minimatch(body, OPTIONS);
  const below = new Minimatch(`${body}/**`, OPTIONS);
  return (relativePath) => itself.match(relativePath) || below.match(relativePath);
}

export function compileGlobs(patterns: readonly string[]): GlobMatcher {
  const matchers = patterns.map(compileGlob);
  return (relativePath) => matchers.some((matches) => matches(relativePath));
}

/**
 * Why a pattern is not a valid glob, or undefined. minimatch quietly makes a bracket expression
 * with a reversed range (`[z-a]`) match nothing; a user who wrote one made a mistake to be told.
 */
export function globProblem(pattern: string): string | undefined {
  if (pattern.trim() === '') return 'empty pattern';
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] !== '[') continue;
    // The class ends at the first `]` that is not its first character (after `!` or `^`).
    let j = i + 1;
    if (pattern[j] === '!' || pattern[j] === '^') j++;
    const first = j;
    let end = -1;
    for (let k = first; k < pattern.length; k++) {
      if (pattern[k] === '[' && pattern[k + 1] === ':') {
        const close = pattern.indexOf(':]', k + 2);
        if (close >= 0) {
          k = close + 1;
          continue;
        }
      }
      if (pattern[k] === ']' && k > first) {
        end = k;
        break;
      }
    }
    if (end < 0) continue; // an unclosed `[` is a literal character
    const body = pattern.slice(first, end);
    for (let k = 0; k + 2 < body.length; k++) {
      if (body[k + 1] === '-' && body[k] !== '[' && body[k + 2] !== ']' && body.codePointAt(k)! > body.codePointAt(k + 2)!) {
        return `the range ${body[k]}-${body[k + 2]} in [${pattern.slice(i + 1, end)}] is out of order`;
      }
    }
    i = end;
  }
  return undefined;
}
