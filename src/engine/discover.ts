/**
 * From the paths a user names to groups of files, one group per server: the files of one
 * server folder (see server-folder.ts) form one server, whether the folder was searched, the
 * files were named, or a glob matched them; only the files named or matched are linted
 * (`serverPerFile`: each named file is a server of its own, as before 0.2). Recognition is by
 * content, later (see parse/detect.ts).
 *
 * Every directory met is read once, and its real path is known without a system call for each
 * of its subdirectories (realpath of a deep path costs a call per level: depth² in all). A
 * directory that cannot be read is reported, never passed over in silence.
 */
import { lstatSync, readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { Minimatch } from 'minimatch';
import { globProblem, hasGlobMagic } from './glob.js';
import { groupIisServers } from './iis-server-folder.js';
import { displayPathsFrom, joinEntry } from './display-path.js';
import { serverFolderOf } from './server-folder.js';

export interface DiscoveredFile {
  /** Path for display and reports: relative to the working directory when below it. */
  displayPath: string;
  absolutePath: string;
  /** Named on the command line (not found by searching a directory or matched by a glob). */
  explicit: boolean;
}

export interface ServerGroup {
  /** The server folder's path (or the lone file's path), as displayed. */
  name: string;
  files: DiscoveredFile[];
}

/** A path that could not be read (a file, or a directory that was to be searched): the run goes on, the exit code says so. */
export interface UnreadableFile {
  path: string;
  reason: string;
}

/** What one path of the command line yielded: for "nothing to lint in …" (see inputs.ts). */
export interface SearchedInput {
  /** The path as given. */
  given: string;
  kind: 'file' | 'directory' | 'glob';
  /** Display path of the file or directory (not for a glob). */
  shown?: string;
  /** Display paths of the files it reached (ignored ones excepted), including files another path reached first. */
  files: string[];
  /** Files it reached that an ignore pattern left out. */
  ignored: number;
}

export interface Discovery {
  groups: ServerGroup[];
  unreadable: UnreadableFile[];
  inputs: SearchedInput[];
}

/** A problem that stops the run: the CLI prints it as one line and exits 2. */
export class InputError extends Error {
  override readonly name = 'InputError';
}

export interface DiscoverOptions {
  cwd: string;
  /** Directory names never searched. */
  skipDirectoryNames?: ReadonlySet<string>;
  /** Called for every path that is ignored or skipped while searching, for a verbose mode. */
  onSkip?: (displayPath: string, reason: string) => void;
  /** Ignore globs (config `ignore`, --ignore-pattern): true when the path is not to be linted. */
  isIgnored?: (absolutePath: string) => boolean;
  /** Config `servers`: the server a file belongs to regardless of its directory. */
  serverOf?: (absolutePath: string) => string | undefined;
  /** `--server-per-file`: a file named on the command line (or matched by a glob there) is a server of its own. */
  serverPerFile?: boolean;
}

const DEFAULT_SKIPPED_DIRECTORIES: ReadonlySet<string> = new Set(['.git', 'node_modules']);

/**
 * The temporary file `--fix` writes beside a file it fixes (src/fix/write.ts temporaryPathFor):
 * `.MetaBase.xml.iislint-0123456789ab.tmp`. One left by a crash is not one of the server's files.
 */
const FIX_TEMPORARY_FILE = /^\..+\.iislint-[0-9a-f]{12}\.tmp$/;

export function isFixTemporaryFile(name: string): boolean {
  return FIX_TEMPORARY_FILE.test(name);
}

export function discoverServers(paths: readonly string[], options: DiscoverOptions): ServerGroup[] {
  return discover(paths, options).groups;
}

export function discover(paths: readonly string[], options: DiscoverOptions): Discovery {
  const skipDirectoryNames = options.skipDirectoryNames ?? DEFAULT_SKIPPED_DIRECTORIES;
  const groups = new Map<string, ServerGroup>();
  const seenFiles = new Set<string>();
  const unreadable: UnreadableFile[] = [];
  const inputs: SearchedInput[] = [];
  const show = displayPathsFrom(options.cwd);
  let input: SearchedInput;

  /** `alone`: named or matched, and --server-per-file: its own server. */
  const addFile = (absolutePath: string, explicit: boolean, alone: boolean, knownRealPath?: string) => {
    if (options.isIgnored?.(absolutePath)) {
      options.onSkip?.(show(absolutePath), 'matches an ignore pattern');
      input.ignored++;
      return;
    }
    const shown = show(absolutePath);
    input.files.push(shown);
    const real = knownRealPath ?? safeRealpath(absolutePath);
    if (seenFiles.has(real)) return;
    seenFiles.add(real);
    let groupKey: string;
    let folder: string | undefined;
    const namedServer = options.serverOf?.(absolutePath);
    if (namedServer !== undefined) groupKey = `server:${namedServer}`;
    else if (alone) groupKey = `file:${absolutePath}`;
    else {
      folder = serverFolderOf(absolutePath);
      groupKey = `dir:${folder}`;
    }
    let group = groups.get(groupKey);
    if (!group) {
      // Named once, by its first file (a fleet is thousands of files in hundreds of folders).
      group = { name: namedServer ?? (folder === undefined ? shown : show(folder)), files: [] };
      groups.set(groupKey, group);
    }
    group.files.push({ absolutePath, displayPath: shown, explicit });
  };
  for (const given of paths) {
    // A path given twice, or a folder and a folder inside it: each is searched whole.
    const searcher = new FolderSearch(skipDirectoryNames, options, unreadable, show);
    const absolute = path.resolve(options.cwd, given);
    let stats;
    try {
      stats = statSync(absolute);
    } catch (error) {
      if (hasGlobMagic(given) && (error as NodeJS.ErrnoException).code === 'ENOENT') {
        input = { given, kind: 'glob', files: [], ignored: 0 };
        inputs.push(input);
        searcher.glob(given, (file, real, searched) => addFile(file, false, !searched && options.serverPerFile === true, real));
        continue;
      }
      throw new InputError(`${given}: ${describeFsError(error)}`);
    }
    if (stats.isFile()) {
      input = { given, kind: 'file', shown: show(absolute), files: [], ignored: 0 };
      inputs.push(input);
      addFile(absolute, true, options.serverPerFile === true);
    } else if (stats.isDirectory()) {
      input = { given, kind: 'directory', shown: show(absolute), files: [], ignored: 0 };
      inputs.push(input);
      searcher.search(absolute, safeRealpath(absolute), (file, real) => addFile(file, false, false, real));
    } else {
      throw new InputError(`${given}: not a file or directory`);
    }
  }
  for (const group of groups.values()) group.files.sort((a, b) => compareStrings(a.displayPath, b.displayPath));
  const sorted = [...groups.values()].sort((a, b) => compareStrings(a.name, b.name));
  // IIS 7+: a server folder spans sub-folders (its web.config files); see iis-server-folder.ts.
  return { groups: groupIisServers(sorted, options.cwd), unreadable, inputs };
}

type OnFile = (file: string, realPath: string | undefined) => void;

/** Depth-first search of directories, entries in name order; each directory entered once by its real path. */
class FolderSearch {
  private readonly visited = new Set<string>();

  constructor(
    private readonly skipDirectoryNames: ReadonlySet<string>,
    private readonly options: DiscoverOptions,
    private readonly unreadable: UnreadableFile[],
    private readonly show: (absolute: string) => string,
  ) {}

  /** Every file below `directory`, whose real path is `real`. */
  search(directory: string, real: string, onFile: OnFile): void {
    this.visit(directory, real, (full, realPath, isDirectory) => {
      if (!isDirectory) onFile(full, realPath);
      return isDirectory;
    });
  }

  /**
   * The files a glob given on the command line matches (as a shell would, anchored at its start;
   * `*` matches dot files too), and every file below a directory it matches. The search starts at
   * the pattern's leading part without magic and enters only directories the pattern can reach.
   */
  glob(pattern: string, onFile: (file: string, realPath: string | undefined, searched: boolean) => void): void {
    const problem = globProblem(pattern);
    if (problem !== undefined) throw new InputError(`${pattern}: not a valid glob: ${problem}`);
    const absolute = path.resolve(this.options.cwd, pattern).split(path.sep).join('/');
    const matcher = new Minimatch(absolute, { dot: true, nonegate: true, nocomment: true, optimizationLevel: 2 });
    const segments = absolute.split('/');
    const firstMagic = segments.findIndex(hasGlobMagic);
    const base = segments.slice(0, firstMagic).join('/') || '/';
    let stats;
    try {
      stats = statSync(base);
    } catch {
      return; // nothing exists there: nothing matches
    }
    if (!stats.isDirectory()) return;
    this.visit(base, safeRealpath(base), (full, realPath, isDirectory) => {
      const posix = full.split(path.sep).join('/');
      if (matcher.match(posix)) {
        if (isDirectory) this.search(full, realPath ?? safeRealpath(full), (file, real) => onFile(file, real, true));
        else onFile(full, realPath, false);
        return false;
      }
      return isDirectory && matcher.match(posix, true);
    });
  }

  /**
   * Walk below `directory`; `enter` is called for every file and directory (not ignored, not
   * skipped) and says whether to descend into a directory.
   */
  private visit(directory: string, real: string, enter: (full: string, realPath: string | undefined, isDirectory: boolean) => boolean): void {
    // Symlink loops: a directory is entered once by its real path.
    if (this.visited.has(real)) return;
    this.visited.add(real);
    const { options, show } = this;
    let dirents: Dirent[];
    try {
      dirents = readdirSync(directory, { withFileTypes: true });
    } catch (error) {
      this.unreadable.push({ path: show(directory), reason: `cannot search this directory: ${describeFsError(error)}` });
      return;
    }
    dirents.sort((a, b) => compareStrings(a.name, b.name));
    for (const dirent of dirents) {
      const entry = dirent.name;
      const full = joinEntry(directory, entry);
      // A plain file or directory in a directory entered by its real path: its real path is known
      // without a system call (a fleet of servers is thousands of files; a deep tree, thousands of
      // levels). Links and the rest are stat'ed.
      let isDirectory = dirent.isDirectory();
      let isFile = dirent.isFile();
      let realPath: string | undefined = isDirectory || isFile ? joinEntry(real, entry) : undefined;
      if (!isDirectory && !isFile) {
        let stats;
        try {
          stats = statSync(full);
        } catch (error) {
          if (safeIsSymlink(full)) options.onSkip?.(show(full), 'broken symbolic link');
          else this.unreadable.push({ path: show(full), reason: describeFsError(error) });
          continue;
        }
        isFile = stats.isFile();
        isDirectory = stats.isDirectory();
        if (isDirectory) realPath = safeRealpath(full);
      }
      if (isFile) {
        if (isFixTemporaryFile(entry)) {
          options.onSkip?.(show(full), 'a temporary file left by an interrupted --fix');
          continue;
        }
        enter(full, realPath, false);
      } else if (isDirectory) {
        if (this.skipDirectoryNames.has(entry)) continue;
        if (options.isIgnored?.(full)) {
          options.onSkip?.(show(full), 'matches an ignore pattern');
          continue;
        }
        if (enter(full, realPath, true)) this.visit(full, realPath!, enter);
      }
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
    case 'ENAMETOOLONG':
      return 'the path is longer than the system allows';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}


function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
