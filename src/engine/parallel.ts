/**
 * `--concurrency`: lint servers on several threads. Discovery runs on the main thread; then the
 * main thread and N-1 worker threads take servers from one queue (one job = one server; workers
 * get them in small batches, so a fleet of small servers is not a message each). A job is read,
 * parsed, modelled and linted by server-job.ts into plain data: findings, suppressed findings,
 * file reports, unreadable files and a LintedServer. Results are put back in discovery order,
 * so the run is the same as in one thread (`--concurrency 1`), whichever thread took a server.
 *
 * Workers run the COMPILED modules (dist/engine/lint-worker.js): Node cannot load TypeScript.
 * Under vitest this module is the .ts source, and it points at the dist/ counterpart instead,
 * which `npm test` builds first (`pretest`).
 *
 * Everything a worker needs must be structured-cloneable. Config-file suppressions carry a
 * glob matcher (a function): the matches are computed here for each job's files and sent as
 * data; the main thread then replays the suppressed findings to learn which entries were used
 * (for CFG006). When the options hold anything else that cannot be cloned, the run stays in
 * this thread.
 */
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { buildServerModel } from '../model/server.js';
import { discover, InputError, type DiscoverOptions, type Discovery, type ServerGroup } from './discover.js';
import type { LintOptions } from './lint.js';
import type { ReadOptions } from './read-file.js';
import { appendAll, compareFileReports, finish, lintServerGroups, withDiscovery, type FileReport, type LintRun } from './run.js';
import { lintServerJob, type JobReply, type ServerJob, type WorkerSetup } from './server-job.js';
import { localDate, SuppressionPass, type SuppressionOptions } from './suppressions.js';

export type Concurrency = 'auto' | number;

export interface ConcurrencyOptions {
  /** `auto` (default): see autoThreadCount. 1: this thread only. N: this thread and N-1 workers. */
  concurrency?: Concurrency;
  /**
   * Keep every server's model in the run (`servers`; default true): --fix needs them. Without,
   * a run in this thread keeps what worker threads send back (`lintedServers`).
   */
  keepModels?: boolean;
  /** The worker module; tests substitute one. */
  workerUrl?: URL;
}

export type LintPathsOptions = LintOptions & DiscoverOptions & SuppressionOptions & ReadOptions;

/** A worker thread failed: the CLI reports it as one line and exits 2. */
export class WorkerCrashError extends Error {
  override readonly name = 'WorkerCrashError';
}

/** Below this much input, starting a worker costs more than it saves. */
const AUTO_MIN_BYTES = 2 * 1024 * 1024;

/**
 * Below this many cores `auto` stays in one thread: on 2 cores V8's concurrent garbage collector
 * already keeps the second core busy, and `npm run bench` measured a 500-server fleet 0.83× as
 * fast with a worker as without.
 */
const AUTO_MIN_CORES = 3;

/**
 * `auto`: one thread per core (at most one per server) when there are cores to spare and enough
 * work to share: at least two servers, 2 MiB of input, and 1 MiB outside the largest server (one
 * huge server alone gains nothing from a second thread).
 */
export function autoThreadCount(groups: readonly ServerGroup[], cores = availableParallelism()): number {
  if (groups.length < 2 || cores < AUTO_MIN_CORES) return 1;
  let total = 0;
  let largest = 0;
  for (const group of groups) {
    let bytes = 0;
    for (const file of group.files) {
      try {
        bytes += statSync(file.absolutePath).size;
      } catch {
        // Unreadable: reading it reports why.
      }
    }
    total += bytes;
    largest = Math.max(largest, bytes);
  }
  if (total < AUTO_MIN_BYTES || total - largest < AUTO_MIN_BYTES / 2) return 1;
  return Math.min(groups.length, cores);
}

export async function lintPathsConcurrently(
  paths: readonly string[],
  options: LintPathsOptions,
  concurrency: ConcurrencyOptions = {},
): Promise<LintRun> {
  const requested = concurrency.concurrency ?? 'auto';
  const workerUrl = concurrency.workerUrl ?? defaultWorkerUrl();
  // Workers start before discovery, so their start-up (loading the modules) overlaps it: all of
  // them for an explicit N, one for `auto` where it may use workers (the rest once it knows).
  const early = requested === 'auto' ? (availableParallelism() >= AUTO_MIN_CORES ? 1 : 0) : requested - 1;
  let setup = early > 0 ? workerSetup(options) : undefined;
  const started: Worker[] = [];
  try {
    if (setup) for (let count = 0; count < early; count++) started.push(startWorker(workerUrl, setup));
  } catch (error) {
    await Promise.all(started.map((worker) => worker.terminate()));
    throw error;
  }
  let discovery: Discovery;
  try {
    discovery = discover(paths, options);
  } catch (error) {
    await Promise.all(started.map((worker) => worker.terminate()));
    throw error;
  }
  const { groups } = discovery;
  const threads = requested === 'auto' ? autoThreadCount(groups) : Math.min(requested, groups.length);
  if (threads > 1) setup ??= workerSetup(options);
  if (!setup || threads <= 1) {
    // Workers started for nothing (a single server, a small input).
    await Promise.all(started.map((worker) => worker.terminate()));
    return withDiscovery(lintServerGroups(groups, options, { keepModels: concurrency.keepModels ?? true }), discovery);
  }
  // No await before lintOnThreads listens to the workers: none of their events may pass unheard.
  for (const worker of started.splice(threads - 1)) void worker.terminate();
  return withDiscovery(await lintOnThreads(groups, options, setup, threads - 1, workerUrl, started), discovery);
}

function startWorker(workerUrl: URL, setup: WorkerSetup): Worker {
  try {
    // A larger young generation than the default: a server's garbage dies young, and fewer
    // scavenges left more of the second core to the lanes (measured: about 10% on a fleet).
    const worker = new (workerThreads().Worker)(workerUrl, { workerData: setup, resourceLimits: { maxYoungGenerationSizeMb: 32 } });
    // A worker that fails while it is not needed (started early, then terminated) must not crash
    // the process; one in use has its failures reported by lintOnThreads' own listener.
    worker.on('error', () => {});
    return worker;
  } catch (error) {
    throw new WorkerCrashError(`cannot start a worker thread: ${(error as Error).message}`);
  }
}

/** Loaded when a worker starts: most runs use one thread, and loading it cost every start a few ms (issue 16). */
function workerThreads(): typeof import('node:worker_threads') {
  return createRequire(import.meta.url)('node:worker_threads') as typeof import('node:worker_threads');
}

function defaultWorkerUrl(): URL {
  // From the TypeScript sources (vitest), run the compiled worker: Node 20 cannot load .ts.
  return import.meta.url.endsWith('.ts')
    ? new URL('../../dist/engine/lint-worker.js', import.meta.url)
    : new URL('./lint-worker.js', import.meta.url);
}

/** The options as data for the workers, or undefined when they cannot be cloned. */
function workerSetup(options: LintPathsOptions): WorkerSetup | undefined {
  // Discovery's options stay here; config suppressions travel without their matcher.
  const { cwd, skipDirectoryNames, onSkip, isIgnored, serverOf, serverPerFile, configSuppressions, ...lintOptions } = options;
  const setup: WorkerSetup = {
    // Every thread must judge expiry on the same day.
    options: { ...lintOptions, today: options.today ?? localDate() },
    configSuppressions: (configSuppressions ?? []).map(({ matchesFile, origin, ...entry }) => entry),
  };
  try {
    structuredClone(setup);
  } catch {
    return undefined;
  }
  return setup;
}

/** Jobs per message to a worker: a few, so the queue stays shared to the end. */
function batchSize(remaining: number, lanes: number): number {
  return Math.max(1, Math.min(16, Math.floor(remaining / (lanes * 4))));
}

async function lintOnThreads(
  groups: readonly ServerGroup[],
  options: LintPathsOptions,
  setup: WorkerSetup,
  workerCount: number,
  workerUrl: URL,
  /** Workers started already (before discovery); the rest are started here. */
  started: readonly Worker[] = [],
): Promise<LintRun> {
  const entries = options.configSuppressions ?? [];
  const jobs: ServerJob[] = groups.map((group, index) => {
    const suppressionMatches: Record<string, number[]> = {};
    for (const file of group.files) {
      const matching = entries.flatMap((entry, entryIndex) => (entry.matchesFile(file.displayPath) ? [entryIndex] : []));
      if (matching.length > 0) suppressionMatches[file.displayPath] = matching;
    }
    return { index, group, suppressionMatches };
  });
  const replies: (JobReply | undefined)[] = new Array(jobs.length);
  const lanes = workerCount + 1;
  let next = 0;
  let failure: Error | undefined;
  const workers: Worker[] = [];
  let outstanding = 0;
  let wake: (() => void) | undefined;
  const notify = () => {
    const resume = wake;
    wake = undefined;
    resume?.();
  };
  const fail = (error: Error) => {
    failure ??= error;
    notify();
  };
  const take = (count: number) => {
    const batch = jobs.slice(next, next + count);
    next += batch.length;
    return batch;
  };

  try {
    for (let count = 0; count < workerCount; count++) {
      let current: ServerJob[] = [];
      // Pushed before anything can throw: the finally below terminates every worker started.
      const worker = started[count] ?? startWorker(workerUrl, setup);
      workers.push(worker);
      const send = () => {
        current = take(batchSize(jobs.length - next, lanes));
        if (current.length === 0) return;
        outstanding++;
        worker.postMessage(current);
      };
      const where = () => (current.length > 0 ? ` while linting ${groups[current[0]!.index]!.name}` : '');
      worker.on('message', (batch: JobReply[]) => {
        outstanding--;
        if (!Array.isArray(batch)) {
          fail(new WorkerCrashError(`a worker thread sent an unexpected message${where()}`));
          return;
        }
        for (const reply of batch) {
          replies[reply.index] = reply;
          if (reply.kind === 'crash')
            fail(new WorkerCrashError(`a worker thread failed while linting ${groups[reply.index]!.name}: ${reply.message}`));
        }
        current = [];
        if (!failure) send();
        notify();
      });
      worker.on('error', (error) => fail(new WorkerCrashError(`a worker thread crashed${where()}: ${error.message}`)));
      worker.on('exit', (code) => {
        if (outstanding > 0 || current.length > 0) fail(new WorkerCrashError(`a worker thread exited with code ${code}${where()}`));
      });
      send();
    }
    // This thread is a lane too: it is warm already, and would otherwise only wait.
    while (!failure && next < jobs.length) {
      const job = take(1)[0]!;
      try {
        replies[job.index] = { index: job.index, kind: 'done', result: lintServerJob(setup, job) };
      } catch (error) {
        // As in one thread: an unreadable named file is a result (the first one in order stops the
        // run), anything else a bug that ends it now.
        if (!(error instanceof InputError)) throw error;
        replies[job.index] = { index: job.index, kind: 'input-error', message: error.message };
      }
      // Let the workers' replies in, and give them their next batch.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    while (!failure && outstanding > 0) await new Promise<void>((resolve) => (wake = resolve));
    if (failure) throw failure;
  } finally {
    await Promise.all([...new Set([...workers, ...started])].map((worker) => worker.terminate()));
  }
  return assemble(groups, replies, options);
}

/** The run as one thread would have built it: results in discovery order. */
function assemble(groups: readonly ServerGroup[], replies: readonly (JobReply | undefined)[], options: LintPathsOptions): LintRun {
  const run: LintRun = { servers: [], lintedServers: [], files: [], findings: [], suppressed: [], unreadable: [] };
  const files: FileReport[] = [];
  for (let index = 0; index < groups.length; index++) {
    const reply = replies[index];
    // The first unreadable named file in discovery order stops the run, as in one thread.
    if (reply?.kind === 'input-error') throw new InputError(reply.message);
    if (reply?.kind !== 'done') throw new WorkerCrashError(`no result for ${groups[index]!.name}`);
    const { result } = reply;
    run.lintedServers!.push(result.server);
    appendAll(files, result.files);
    appendAll(run.findings, result.findings);
    appendAll(run.suppressed, result.suppressed);
    appendAll(run.unreadable, result.unreadable);
  }
  // The threads applied the config suppressions; replaying what they suppressed here (a server
  // with no files, so no directives) tells this thread's pass which entries were used.
  const suppressions = new SuppressionPass(options);
  if ((options.configSuppressions ?? []).length > 0) {
    suppressions.applyToServer(buildServerModel({ name: '', metabaseDocuments: [], regDocuments: [] }, undefined), run.suppressed);
  }
  finish(run, suppressions);
  run.files = files.sort(compareFileReports);
  return run;
}
