/**
 * A worker thread of `--concurrency` (see parallel.ts): lints the servers of each message it
 * gets (a batch of jobs) and replies with their results, in one message, as plain data.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runServerJob, type ServerJob, type WorkerSetup } from './server-job.js';

const setup = workerData as WorkerSetup;

parentPort!.on('message', (jobs: ServerJob[]) => {
  parentPort!.postMessage(jobs.map((job) => runServerJob(setup, job)));
});
