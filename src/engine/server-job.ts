/**
 * One server of a `--concurrency` run (see parallel.ts), linted exactly as lintServerGroups does
 * in one thread, from plain data, into plain data: the same function runs on a worker thread
 * (lint-worker.ts) and on the main thread, so which thread took a server never shows.
 */
import { InputError, type ServerGroup } from './discover.js';
import { lintServer, type Finding, type LintOptions } from './lint.js';
import { loadServer } from './load.js';
import { readServerFiles, unrecognisedNamedFiles, type ReadOptions } from './read-file.js';
import { fileReports, lintedServer, type FileReport, type LintedServer, type UnreadableFile } from './run.js';
import { SuppressionPass, type ConfigSuppression, type SuppressionOptions } from './suppressions.js';

/** A config `suppressions` entry without its functions and its source position. */
export type PlainConfigSuppression = Omit<ConfigSuppression, 'matchesFile' | 'origin'>;

/** What every thread gets once. */
export interface WorkerSetup {
  options: LintOptions & SuppressionOptions & ReadOptions;
  configSuppressions: PlainConfigSuppression[];
}

/** One server to lint. */
export interface ServerJob {
  index: number;
  group: ServerGroup;
  /** Per file display path: the indexes of the config suppressions whose globs match it. */
  suppressionMatches: Record<string, number[]>;
}

export interface ServerJobResult {
  server: LintedServer;
  files: FileReport[];
  findings: Finding[];
  suppressed: Finding[];
  unreadable: UnreadableFile[];
}

export type JobReply =
  | { index: number; kind: 'done'; result: ServerJobResult }
  /** A file named on the command line could not be read: the run stops with exit 2. */
  | { index: number; kind: 'input-error'; message: string }
  | { index: number; kind: 'crash'; message: string; stack: string | undefined };

export function lintServerJob(setup: WorkerSetup, job: ServerJob): ServerJobResult {
  // Config suppressions match by the globs the main thread evaluated for this job's files.
  const configSuppressions: ConfigSuppression[] = setup.configSuppressions.map((entry, index) => ({
    ...entry,
    matchesFile: (displayPath: string) => job.suppressionMatches[displayPath]?.includes(index) ?? false,
    origin: undefined,
  }));
  const options = { ...setup.options, configSuppressions };
  const unreadable: UnreadableFile[] = [];
  const server = loadServer(job.group.name, readServerFiles(job.group, options, unreadable), options.os, options);
  for (const problem of unrecognisedNamedFiles(job.group, server.skippedFiles)) unreadable.push(problem);
  const { findings, suppressed } = new SuppressionPass(options).applyToServer(server, lintServer(server, options));
  return {
    server: lintedServer(server),
    files: fileReports([server]),
    findings,
    suppressed,
    unreadable,
  };
}

/** The job's outcome as a reply; only an internal error (a bug) is a crash. */
export function runServerJob(setup: WorkerSetup, job: ServerJob): JobReply {
  try {
    return { index: job.index, kind: 'done', result: lintServerJob(setup, job) };
  } catch (error) {
    if (error instanceof InputError) return { index: job.index, kind: 'input-error', message: error.message };
    return {
      index: job.index,
      kind: 'crash',
      message: error instanceof Error ? error.message : String(error),
      stack: error instanceof Error ? error.stack : undefined,
    };
  }
}
