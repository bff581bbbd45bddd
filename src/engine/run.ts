/**
 * The whole pipeline for paths on disk: discover -> read -> parse -> model -> rules.
 * The CLI and the programmatic API both call this.
 */
import type { ServerModel } from '../model/server.js';
import { compareFindings, lintPlan, lintServer, type Finding, type LintOptions, type LintPlan } from './lint.js';
import { discover, type DiscoverOptions, type Discovery, type SearchedInput, type ServerGroup, type UnreadableFile } from './discover.js';
import { loadServer, type FileInput } from './load.js';
import { readServerFiles, unrecognisedNamedFiles, type ReadOptions } from './read-file.js';
import { SuppressionPass, type SuppressionOptions } from './suppressions.js';

export interface FileReport {
  path: string;
  server: string;
  /** What the file was recognised as, or why it was skipped. */
  kind: 'metabase' | 'reg' | 'iis-config' | 'skipped';
  skipReason?: string;
  /** IIS 7+ configuration: where the file applies (the web.config mapping), for --verbose. */
  detail?: string;
}

export type { UnreadableFile } from './discover.js';

/** What the CLI says of a linted server: a ServerModel is one, and a worker thread sends one back. */
export type LintedServer = Pick<ServerModel, 'name' | 'os' | 'osReason' | 'osDetail' | 'notes'>;

export interface LintRun {
  /** The servers' models, when they were linted in this thread (empty after worker threads: see lintedServers). */
  servers: ServerModel[];
  /** Set by src/engine/parallel.ts when worker threads linted the servers: their models stayed there. */
  lintedServers?: LintedServer[];
  files: FileReport[];
  findings: Finding[];
  /** Findings an inline directive or a config entry suppressed, each with its `suppressions`. */
  suppressed: Finding[];
  /** Paths (and directories) that could not be read, and files named on the command line that were not recognised. */
  unreadable: UnreadableFile[];
  /** What each path given yielded (runs of paths on disk): see inputs.ts. */
  inputs?: SearchedInput[];
}

export interface FileGroup {
  name: string;
  files: FileInput[];
}

export function lintPaths(paths: readonly string[], options: LintOptions & DiscoverOptions & SuppressionOptions & ReadOptions): LintRun {
  const discovery = discover(paths, options);
  return withDiscovery(lintServerGroups(discovery.groups, options), discovery);
}

/** The run with what discovery learnt: unreadable directories first, then the files' problems. */
export function withDiscovery(run: LintRun, discovery: Discovery): LintRun {
  run.unreadable = [...discovery.unreadable, ...run.unreadable];
  run.inputs = discovery.inputs;
  return run;
}

/**
 * Lint discovered servers in this thread: lintPaths after discovery, and `--concurrency 1`.
 * `keepModels: false` keeps only what the CLI reports of each server (lintedServers, as after
 * worker threads): a fleet's models are garbage as soon as each server is linted, instead of
 * all of them staying alive to the end (less memory, less garbage-collector work).
 */
export function lintServerGroups(
  groups: readonly ServerGroup[],
  options: LintOptions & SuppressionOptions & ReadOptions,
  { keepModels = true }: { keepModels?: boolean } = {},
): LintRun {
  const run = emptyRun();
  const suppressions = new SuppressionPass(options);
  const plan = lintPlan(options);
  const lintedServers: LintedServer[] = [];
  const files: FileReport[] = [];
  // One server at a time: only its files are in memory while it is linted.
  // The files' bytes are an argument only: free once decoded, not held while the server is linted.
  for (const group of groups) {
    const server = loadServer(group.name, readServerFiles(group, options, run.unreadable), options.os, options);
    appendAll(run.unreadable, unrecognisedNamedFiles(group, server.skippedFiles));
    lintLoadedServer(run, server, options, suppressions, plan);
    if (keepModels) {
      run.servers.push(server);
    } else {
      lintedServers.push(lintedServer(server));
      appendAll(files, fileReports([server]));
    }
  }
  finish(run, suppressions);
  if (!keepModels) {
    run.lintedServers = lintedServers;
    run.files = files.sort(compareFileReports);
  }
  return run;
}

/** What a run keeps of a server whose model it lets go. */
export function lintedServer(server: ServerModel): LintedServer {
  return { name: server.name, os: server.os, osReason: server.osReason, osDetail: server.osDetail, notes: server.notes };
}

/** Lint files already in memory (also --stdin): one server per group. */
export function lintFileGroups(groups: readonly FileGroup[], options: LintOptions & SuppressionOptions): LintRun {
  const run = emptyRun();
  const suppressions = new SuppressionPass(options);
  const plan = lintPlan(options);
  for (const group of groups) lintGroup(run, group, options, suppressions, plan);
  return finish(run, suppressions);
}

function emptyRun(): LintRun {
  return { servers: [], files: [], findings: [], suppressed: [], unreadable: [] };
}

function lintGroup(run: LintRun, group: FileGroup, options: LintOptions, suppressions: SuppressionPass, plan: LintPlan): void {
  const server = loadServer(group.name, group.files, options.os, options);
  lintLoadedServer(run, server, options, suppressions, plan);
  run.servers.push(server);
}

function lintLoadedServer(run: LintRun, server: ServerModel, options: LintOptions, suppressions: SuppressionPass, plan: LintPlan): void {
  // Directives are read from the server's texts here, while they are still in memory.
  const { findings, suppressed } = suppressions.applyToServer(server, lintServer(server, options, undefined, plan));
  // Not push(...findings): spreading 200,000 findings (a file of malformed lines) overflows the stack.
  appendAll(run.findings, findings);
  appendAll(run.suppressed, suppressed);
}

/** `target.push(...items)` for arrays of any length. */
export function appendAll<T>(target: T[], items: readonly T[]): void {
  for (let index = 0; index < items.length; index++) target.push(items[index]!);
}

/** Exported for src/engine/parallel.ts, which assembles a run from worker threads' results. */
export function finish(run: LintRun, suppressions: SuppressionPass): LintRun {
  appendAll(run.findings, suppressions.finish());
  run.findings.sort(compareFindings);
  run.suppressed.sort(compareFindings);
  run.files = fileReports(run.servers);
  return run;
}

export function fileReports(servers: readonly ServerModel[]): FileReport[] {
  const reports: FileReport[] = [];
  // Indexed loops: with a fleet's models let go, this runs once per server.
  for (let serverIndex = 0; serverIndex < servers.length; serverIndex++) {
    const server = servers[serverIndex]!;
    const { metabaseDocuments, regDocuments } = server;
    for (let index = 0; index < metabaseDocuments.length; index++) {
      reports.push({ path: metabaseDocuments[index]!.source.path, server: server.name, kind: 'metabase' });
    }
    for (let index = 0; index < regDocuments.length; index++) reports.push({ path: regDocuments[index]!.source.path, server: server.name, kind: 'reg' });
    for (const document of server.configDocuments) {
      const notes = server.iis?.notesFor(document.source.path) ?? [];
      reports.push({ path: document.source.path, server: server.name, kind: 'iis-config', ...(notes.length > 0 ? { detail: notes.join('; ') } : {}) });
    }
    for (const skipped of server.skippedFiles) {
      reports.push({ path: skipped.file.path, server: server.name, kind: 'skipped', skipReason: skipped.reason });
    }
  }
  return reports.sort(compareFileReports);
}

export function compareFileReports(a: FileReport, b: FileReport): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}
