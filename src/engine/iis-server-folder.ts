/**
 * IIS 7+ servers span folders: the server folder is the one holding applicationHost.config (at
 * its top, or under `inetsrv/config/`), and every web.config below it, in whatever sub-folder,
 * belongs to that server. Without an applicationHost.config, the web.config files of one folder
 * tree form one server, rooted at the topmost. Discovery groups files by directory first; this
 * merges those groups.
 */
import path from 'node:path';
import { detectKind } from '../parse/detect.js';
import { decodeBytes } from '../parse/text.js';
import type { DiscoveredFile, ServerGroup } from './discover.js';
import { displayPathsFrom } from './display-path.js';
import { readInputFile } from './read-file.js';

export function isWebConfigName(fileName: string): boolean {
  const lower = fileName.toLowerCase();
  return lower.endsWith('web.config') && lower !== 'root.web.config';
}

/**
 * Whether the path ends in `.config` in any case, tested in place: only such a file can be an
 * applicationHost.config or a web.config, and a fleet's thousands of other files need not have
 * their names made and lowercased. (No other character lowercases to one of `.config`'s.)
 */
function mayBeConfigFile(filePath: string): boolean {
  const suffix = '.config';
  const start = filePath.length - suffix.length;
  if (start < 0) return false;
  for (let index = 0; index < suffix.length; index++) {
    let code = filePath.charCodeAt(start + index);
    if (code >= 0x41 && code <= 0x5a) code |= 0x20;
    if (code !== suffix.charCodeAt(index)) return false;
  }
  return true;
}

/**
 * By name, or by content for any other *.config (an `applicationHost_SSL.config` backup is one
 * too). Content is read whole and recognised by detectKind, like every other file: a fixed-size
 * prefix would let a long leading comment hide the file's role.
 */
function isApplicationHost(file: DiscoveredFile): boolean {
  if (!mayBeConfigFile(file.absolutePath)) return false;
  const name = path.basename(file.absolutePath).toLowerCase();
  if (name === 'applicationhost.config') return true;
  if (!name.endsWith('.config') || isWebConfigName(name) || name === 'machine.config' || name === 'redirection.config' || name === 'administration.config') return false;
  try {
    const detected = detectKind(decodeBytes(file.absolutePath, readInputFile(file.absolutePath)));
    return detected.kind === 'iis-config' && detected.configKind === 'apphost';
  } catch {
    // Unreadable or over the size limit: the file's own read reports it later.
    return false;
  }
}

/** The folder holding applicationHost.config, or the one above its `inetsrv/config`. */
function serverFolderOf(appHostPath: string): string {
  const folder = path.dirname(appHostPath);
  const config = path.basename(folder).toLowerCase();
  const inetsrv = path.basename(path.dirname(folder)).toLowerCase();
  return config === 'config' && inetsrv === 'inetsrv' ? path.dirname(path.dirname(folder)) : folder;
}

function isInside(folder: string, filePath: string): boolean {
  const relative = path.relative(folder, filePath);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** Case-folded where path.relative folds case (Windows). */
function folderKey(resolved: string): string {
  return process.platform === 'win32' ? resolved.toLowerCase() : resolved;
}

/**
 * Folders by resolved path: which of them may hold a file is found by looking up the file's own
 * ancestors, not by testing every folder (a tree of thousands of web.config folders was quadratic).
 * It gives candidates in the folders' order; the caller still applies its exact test.
 */
class FolderIndex {
  private readonly byKey = new Map<string, number[]>();
  private count = 0;

  constructor(folders: readonly string[] = []) {
    for (const folder of folders) this.add(folder);
  }

  add(folder: string): void {
    const key = folderKey(path.resolve(folder));
    const list = this.byKey.get(key);
    if (list) list.push(this.count++);
    else this.byKey.set(key, [this.count++]);
  }

  /** Positions (in order of adding) of the folders that are `target` or above it. */
  candidates(target: string): number[] {
    const found: number[] = [];
    let current = path.resolve(target);
    for (;;) {
      const list = this.byKey.get(folderKey(current));
      if (list) found.push(...list);
      const parent = path.dirname(current);
      if (parent === current) break;
      current = parent;
    }
    return found.sort((a, b) => a - b);
  }
}

/**
 * Merge directory groups into IIS servers: files found by searching a directory, and files named
 * on the command line (a shell-expanded glob names them one by one, and must not change the
 * findings), move to their server folder. A file that is its own server (`--server-per-file`) and
 * a config `servers` entry keep their group: their group is not named after the file's folder.
 */
export function groupIisServers(groups: readonly ServerGroup[], cwd: string): ServerGroup[] {
  const displayPath = displayPathsFrom(cwd);
  // Distinct folders never display alike, so one displayPath per group (not per file) decides.
  const isDirectoryGroup = (group: ServerGroup) => {
    const folder = group.files.length > 0 ? path.dirname(group.files[0]!.absolutePath) : undefined;
    return folder !== undefined && group.files.every((file) => path.dirname(file.absolutePath) === folder) && displayPath(folder) === group.name;
  };
  const movable = groups.filter(isDirectoryGroup).flatMap((group) => group.files);
  const serverFolders = [...new Set(movable.filter(isApplicationHost).map((file) => serverFolderOf(file.absolutePath)))].sort(
    (a, b) => b.length - a.length,
  );
  const treeRoots = webConfigTreeRoots(movable, serverFolders);
  if (serverFolders.length === 0 && treeRoots.length === 0) return [...groups];

  /** The server folder (or web.config tree root) a file moves to, or undefined to stay. */
  const serverIndex = new FolderIndex(serverFolders);
  const rootIndex = new FolderIndex(treeRoots);
  const destination = (file: DiscoveredFile): string | undefined => {
    const name = path.basename(file.absolutePath);
    const directory = path.dirname(file.absolutePath);
    for (const position of serverIndex.candidates(directory)) {
      const folder = serverFolders[position]!;
      const inConfigFolder = directory === folder || directory === path.join(folder, 'inetsrv', 'config');
      if (inConfigFolder || (isWebConfigName(name) && isInside(folder, file.absolutePath))) return folder;
    }
    if (!isWebConfigName(name)) return undefined;
    for (const position of rootIndex.candidates(directory)) if (isInside(treeRoots[position]!, file.absolutePath)) return treeRoots[position];
    return undefined;
  };

  const merged = new Map<string, ServerGroup>();
  const kept: ServerGroup[] = [];
  for (const group of groups) {
    if (!isDirectoryGroup(group)) {
      kept.push(group);
      continue;
    }
    const staying: DiscoveredFile[] = [];
    for (const file of group.files) {
      const folder = destination(file);
      if (folder === undefined) {
        staying.push(file);
        continue;
      }
      let server = merged.get(folder);
      if (!server) {
        server = { name: displayPath(folder), files: [] };
        merged.set(folder, server);
      }
      server.files.push(file);
    }
    if (staying.length > 0) kept.push({ ...group, files: staying });
  }
  // A directory group whose name is a server's keeps its remaining files (a README) in its own group.
  const serverNamed = new Map<string, ServerGroup>();
  for (const server of merged.values()) if (!serverNamed.has(server.name)) serverNamed.set(server.name, server);
  const result = [...kept.filter((group) => !serverNamed.has(group.name)), ...merged.values()];
  for (const group of kept) {
    const server = serverNamed.get(group.name);
    if (server && group !== undefined) server.files.push(...group.files);
  }
  for (const group of result) group.files.sort((a, b) => compare(a.displayPath, b.displayPath));
  return result.sort((a, b) => compare(a.name, b.name));
}

/** Without an applicationHost.config above them: each topmost folder holding a web.config. */
function webConfigTreeRoots(files: readonly DiscoveredFile[], serverFolders: readonly string[]): string[] {
  const servers = new FolderIndex(serverFolders);
  const folders = files
    .filter((file) => mayBeConfigFile(file.absolutePath) && isWebConfigName(path.basename(file.absolutePath)))
    .map((file) => path.dirname(file.absolutePath))
    .filter((folder) => !servers.candidates(folder).some((position) => folder === serverFolders[position] || isInside(serverFolders[position]!, folder)))
    .sort((a, b) => a.length - b.length);
  const roots: string[] = [];
  const index = new FolderIndex();
  for (const folder of folders) {
    if (index.candidates(folder).some((position) => roots[position] === folder || isInside(roots[position]!, folder))) continue;
    roots.push(folder);
    index.add(folder);
  }
  return roots;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
