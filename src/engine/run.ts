/**
 * The whole pipeline for paths on disk: discover -> read -> parse -> model -> rules.
 * The CLI and the programmatic API both call this.
 */
import { readFileSync } from 'node:fs';
import type { ServerModel } from '../model/server.js';
import { compareFindings, lintServer, type Finding, type LintOptions } from './lint.js';
import { describeFsError, discoverServers, InputError, type DiscoverOptions } from './discover.js';
import { loadServer, type FileInput } from './load.js';

export interface FileReport {
  path: string;
  server: string;
  /** What the file was recognised as, or why it was skipped. */
  kind: 'metabase' | 'reg' | 'skipped';
  skipReason?: string;
}

/** A file found while searching a directory that could not be read: the run goes on, the exit code says so. */
export interface UnreadableFile {
  path: string;
  reason: string;
}

export interface LintRun {
  servers: ServerModel[];
  files: FileReport[];
  findings: Finding[];
  unreadable: UnreadableFile[];
}

export interface FileGroup {
  name: string;
  files: FileInput[];
}

export function lintPaths(paths: readonly string[], options: LintOptions & DiscoverOptions): LintRun {
  const run = emptyRun();
  // One server at a time: only its files are in memory while it is linted.
  for (const group of discoverServers(paths, options)) {
    const files: FileInput[] = [];
    for (const file of group.files) {
      try {
        files.push({ path: file.displayPath, bytes: readFileSync(file.absolutePath) });
      } catch (error) {
        // A file the user named must be readable; one met while searching is reported and skipped.
        if (file.explicit) throw new InputError(`${file.displayPath}: ${describeFsError(error)}`);
        run.unreadable.push({ path: file.displayPath, reason: describeFsError(error) });
      }
    }
    lintGroup(run, { name: group.name, files }, options);
  }
  return finish(run);
}

/** Lint files already in memory (also --stdin): one server per group. */
export function lintFileGroups(groups: readonly FileGroup[], options: LintOptions): LintRun {
  const run = emptyRun();
  for (const group of groups) lintGroup(run, group, options);
  return finish(run);
}

function emptyRun(): LintRun {
  return { servers: [], files: [], findings: [], unreadable: [] };
}

function lintGroup(run: LintRun, group: FileGroup, options: LintOptions): void {
  const server = loadServer(group.name, group.files, options.os);
  run.servers.push(server);
  run.findings.push(...lintServer(server, options));
}

function finish(run: LintRun): LintRun {
  run.findings.sort(compareFindings);
  run.files = fileReports(run.servers);
  return run;
}

function fileReports(servers: readonly ServerModel[]): FileReport[] {
  const reports: FileReport[] = [];
  for (const server of servers) {
    for (const document of server.metabaseDocuments) reports.push({ path: document.source.path, server: server.name, kind: 'metabase' });
    for (const document of server.regDocuments) reports.push({ path: document.source.path, server: server.name, kind: 'reg' });
    for (const skipped of server.skippedFiles) {
      reports.push({ path: skipped.file.path, server: server.name, kind: 'skipped', skipReason: skipped.reason });
    }
  }
  return reports.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
