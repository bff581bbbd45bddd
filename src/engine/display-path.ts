/**
 * How discovery shows a path: relative to the working directory when below it, else absolute.
 * A fleet is thousands of files: the per-file forms here avoid path.relative and path.join,
 * which normalize and resolve their arguments again on every call.
 */
import path from 'node:path';

/**
 * path.join(directory, name) for an entry `name` read from `directory` (never `.`, `..` or
 * holding a separator) when `directory` is normalized, as every directory searched here is: on
 * POSIX a concatenation (path.join normalizes the whole path again, for each of thousands of files).
 */
export const joinEntry: (directory: string, name: string) => string =
  path.sep === '/' ? (directory, name) => (directory.endsWith('/') ? directory + name : `${directory}/${name}`) : path.join;

/**
 * displayPath(absolute, cwd) for the normalized absolute paths discovery makes (from path.resolve
 * and joinEntry). path.relative resolves both paths again on every call; on POSIX, below a
 * normalized `cwd` the answer is the rest after `cwd/`, and anywhere else the path itself (its
 * relative form would start with `..`). Windows compares paths without case: path.relative there.
 */
export function displayPathsFrom(cwd: string): (absolute: string) => string {
  if (path.sep !== '/' || path.resolve(cwd) !== cwd) return (absolute) => displayPath(absolute, cwd);
  const prefix = cwd === '/' ? '/' : `${cwd}/`;
  return (absolute) => {
    if (absolute === cwd) return '.';
    if (!absolute.startsWith(prefix)) return absolute;
    const relative = absolute.slice(prefix.length);
    return relative.startsWith('..') ? absolute : relative;
  };
}

export function displayPath(absolute: string, cwd: string): string {
  const relative = path.relative(cwd, absolute);
  if (relative === '') return '.';
  if (relative.startsWith('..') || path.isAbsolute(relative)) return absolute;
  return relative;
}
