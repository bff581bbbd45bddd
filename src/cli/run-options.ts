/**
 * The options that govern how a lint run uses the machine rather than what it reports:
 * `--concurrency` and `--max-file-size`.
 */
import { availableParallelism } from 'node:os';
import type { Concurrency } from '../engine/parallel.js';
import { DEFAULT_MAX_FILE_SIZE, parseByteSize } from '../engine/read-file.js';
import { ConfigError } from './config.js';

export interface RunOptions {
  concurrency: Concurrency;
  maxFileSize: number;
  /** What the user should know about how the options were applied (stderr). */
  notes: string[];
}

/** `auto` or a whole number ≥ 1 (1 = lint in this thread). */
export function parseConcurrency(text: string | undefined): Concurrency {
  if (text === undefined || text.trim().toLowerCase() === 'auto') return 'auto';
  if (!/^\s*\d+\s*$/.test(text) || Number(text) < 1 || !Number.isSafeInteger(Number(text))) {
    throw new ConfigError(`--concurrency ${text}: expected auto or a whole number ≥ 1`);
  }
  return Number(text);
}

/** Bytes, or a number with k/KB, m/MB, g/GB (binary units): `256MB`, `10k`, `1048576`. */
export function parseMaxFileSize(text: string | undefined): number {
  if (text === undefined) return DEFAULT_MAX_FILE_SIZE;
  const bytes = parseByteSize(text);
  if (bytes === undefined || bytes < 1)
    throw new ConfigError(`--max-file-size ${text}: expected a size such as 256MB, 10k or 1048576 (bytes)`);
  return bytes;
}

/**
 * More threads than cores only adds memory and contention: 1000 threads on 300 servers took
 * 46 s and 3.2 GB where one took 1 s and 91 MB. A number above the core count is capped, with a note.
 */
export function resolveRunOptions(options: { concurrency?: string; maxFileSize?: string }, cores = availableParallelism()): RunOptions {
  const notes: string[] = [];
  let concurrency = parseConcurrency(options.concurrency);
  if (concurrency !== 'auto' && concurrency > cores) {
    notes.push(`--concurrency ${concurrency} is more than the ${cores} cores here: using ${cores}`);
    concurrency = cores;
  }
  return { concurrency, maxFileSize: parseMaxFileSize(options.maxFileSize), notes };
}
