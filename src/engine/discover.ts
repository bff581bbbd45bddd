/**
 * From the paths a user names to groups of files, one group per server: the files in one
 * directory form one server; a file named alone on the command line is its own server.
 * Files are read once here; recognition is by content (see parse/detect.ts).
 */
import { lstatSync, readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { groupIisServers } from './iis-server-folder.js';

export interface DiscoveredFile {
  /** Path for display and reports: relative to the working directory when below it. */
  displayPath: string;
  absolutePath: string;
  /** Named on the command line (not found by searching a directory). */
  explicit: boolean;
}

export interface ServerGroup {
  /** The directory's path (or the lone file's path), as displayed. */
  name: string;
  files: DiscoveredFile[];
}

/** A problem that stops the run: the CLI prints it as one line and exits 2. */
export class InputError extends Error {
  override readonly name = 'InputError';
}

export interface DiscoverOptions {
  cwd: string;
  /** Directory names never searched. */
  skipDirectoryNames?: ReadonlySet<string>;
  /** Called for every path that is ignored or unreadable while searching, for a verbose mode. */
  onSkip?: (displayPath: string, reason: string) => void;
  /** Ignore globs (config `ignore`, --ignore-pattern): true when the path is not to be linted. */
  isIgnored?: (absolutePath: string) => boolean;
  /** Config `servers`: the server a file belongs to regardless of its directory. */
  serverOf?: (absolutePath: string) => string | undefined;
}

const DEFAULT_SKIPPED_DIRECTORIES: ReadonlySet<string> = new Set(['.git', 'node_modules']);

export function discoverServers(paths: readonly string[], options: DiscoverOptions): ServerGroup[] {
  const skipDirectoryNames = options.skipDirectoryNames ?? DEFAULT_SKIPPED_DIRECTORIES;
  const groups = new Map<string, ServerGroup>();
  const seenFiles = new Set<string>();
  const addFile = (groupKey: string, groupName: string, absolutePath: string, explicit: boolean, knownRealPath?: string) => {
    const real = knownRealPath ?? safeRealpath(absolutePath);
    if (seenFiles.has(real)) return;
    seenFiles.add(real);
    if (options.isIgnored?.(absolutePath)) {
      options.onSkip?.(displayPath(absolutePath, options.cwd), 'matches an ignore pattern');
      return;
    }
    const namedServer = options.serverOf?.(absolutePath);
    if (namedServer !== undefined) {
      groupKey = `server:${namedServer}`;
      groupName = namedServer;
    }
    let group = groups.get(groupKey);
    if (!group) {
      group = { name: groupName, files: [] };
      groups.set(groupKey, group);
    }
    group.files.push({ absolutePath, displayPath: displayPath(absolutePath, options.cwd), explicit });
  };

  for (const given of paths) {
    const absolute = path.resolve(options.cwd, given);
    let stats;
    try {
      stats = statSync(absolute);
    } catch (error) {
      throw new InputError(`${given}: ${describeFsError(error)}`);
    }
    if (stats.isFile()) {
      addFile(`file:${absolute}`, displayPath(absolute, options.cwd), absolute, true);
    } else if (stats.isDirectory()) {
      const visitedDirectories = new Set<string>();
      walk(absolute, skipDirectoryNames, visitedDirectories, options, (file, real) => {
        const directory = path.dirname(file);
        addFile(`dir:${directory}`, displayPath(directory, options.cwd), file, false, real);
      });
    } else {
      throw new InputError(`${given}: not a file or directory`);
    }
  }
  for (const group of groups.values()) group.files.sort((a, b) => compareStrings(a.displayPath, b.displayPath));
  const sorted = [...groups.values()].sort((a, b) => compareStrings(a.name, b.name));
  // IIS 7+: a server folder spans sub-folders (its web.config files); see iis-server-folder.ts.
  return groupIisServers(sorted, options.cwd);
}

function walk(
  directory: string,
  skipDirectoryNames: ReadonlySet<string>,
  visited: Set<string>,
  options: DiscoverOptions,
  onFile: (file: string, realPath: string | undefined) => void,
): void {
  // Symlink loops: a directory is entered once by its real path.
  const real = safeRealpath(directory);
  if (visited.has(real)) return;
  visited.add(real);
  let dirents: Dirent[];
  try {
    dirents = readdirSync(directory, { withFileTypes: true });
  } catch (error) {
    options.onSkip?.(displayPath(directory, options.cwd), describeFsError(error));
    return;
  }
  const types = new Map(dirents.map((dirent) => [dirent.name, dirent]));
  const entries = [...types.keys()].sort(compareStrings);
  for (const entry of entries) {
    const full = path.join(directory, entry);
    // A plain file in a directory entered by its real path: its real path is known without a
    // system call (a fleet of servers is thousands of files). Links and the rest are stat'ed.
    const dirent = types.get(entry)!;
    if (dirent.isFile()) {
      onFile(full, path.join(real, entry));
      continue;
    }
    let isDirectory = dirent.isDirectory();
    if (!isDirectory) {
      let stats;
      try {
        stats = statSync(full);
      } catch (error) {
        const isLink = safeIsSymlink(full);
        options.onSkip?.(displayPath(full, options.cwd), isLink ? 'broken symbolic link' : describeFsError(error));
        continue;
      }
      if (stats.isFile()) {
        onFile(full, undefined);
        continue;
      }
      isDirectory = stats.isDirectory();
    }
    if (isDirectory) {
      if (skipDirectoryNames.has(entry)) continue;
      if (options.isIgnored?.(full)) {
        options.onSkip?.(displayPath(full, options.cwd), 'matches an ignore pattern');
        continue;
      }
      walk(full, skipDirectoryNames, visited, options, onFile);
    }
  }
}

function safeRealpath(target: string): string {
  try {
    return realpathSync(target);
  } catch {
    return target;
  }
}

function safeIsSymlink(target: string): boolean {
  try {
    return lstatSync(target).isSymbolicLink();
  } catch {
    return false;
  }
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'EISDIR':
      return 'is a directory';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

function displayPath(absolute: string, cwd: string): string {
  const relative = path.relative(cwd, absolute);
  if (relative === '') return '.';
  if (relative.startsWith('..') || path.isAbsolute(relative)) return absolute;
  return relative;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
