/**
 * The whole pipeline for paths on disk: discover -> read -> parse -> model -> rules.
 * The CLI and the programmatic API both call this.
 */
import type { ServerModel } from '../model/server.js';
import { compareFindings, lintServer, type Finding, type LintOptions } from './lint.js';
import { discoverServers, readInputFile, type DiscoverOptions } from './discover.js';
import { loadServer } from './load.js';

export interface FileReport {
  path: string;
  server: string;
  /** What the file was recognised as, or why it was skipped. */
  kind: 'metabase' | 'reg' | 'skipped';
  skipReason?: string;
}

export interface LintRun {
  servers: ServerModel[];
  files: FileReport[];
  findings: Finding[];
}

export function lintPaths(paths: readonly string[], options: LintOptions & DiscoverOptions): LintRun {
  const groups = discoverServers(paths, options);
  const servers: ServerModel[] = [];
  const findings: Finding[] = [];
  for (const group of groups) {
    const files = group.files.map((file) => ({ path: file.displayPath, bytes: readInputFile(file) }));
    const server = loadServer(group.name, files, options.os);
    servers.push(server);
    findings.push(...lintServer(server, options));
  }
  findings.sort(compareFindings);
  return { servers, files: fileReports(servers), findings };
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
