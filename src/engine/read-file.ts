/**
 * Reading one input file with a size limit: the size is checked on the open file before any
 * byte is read, and no more than the limit is ever read (a file that grows meanwhile, or a
 * device that never ends, cannot exhaust memory).
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { describeFsError, type ServerGroup, type UnreadableFile } from './discover.js';
import type { FileInput } from './load.js';

/** `--max-file-size`'s default: far above any real MetaBase.xml (tens of MB), far below memory trouble. */
export const DEFAULT_MAX_FILE_SIZE = 256 * 1024 * 1024;

export interface ReadOptions {
  /** Largest file read, in bytes (default DEFAULT_MAX_FILE_SIZE). */
  maxFileSize?: number;
  /** How messages name the limit (default: the --max-file-size limit). */
  limitName?: string;
}

/** A file over the limit: its message is the reason shown after the path. */
export class FileTooLargeError extends Error {
  override readonly name = 'FileTooLargeError';
  constructor(
    /** Undefined when reading stopped at the limit (a device, a growing file): the full size is not known. */
    readonly size: number | undefined,
    readonly limit: number,
    limitName = 'the --max-file-size limit',
  ) {
    super(`${size === undefined ? 'over' : `${formatByteSize(size)}, over`} ${limitName} of ${formatByteSize(limit)}: not read`);
  }
}

/**
 * Config and baseline files are read whole before anything else happens: without a limit,
 * `-c /dev/zero` grew to 16.8 GB. A config file is a few KB (4 MB is thousands of suppressions);
 * a baseline holds one entry per accepted finding, so it gets the input files' default limit.
 */
export const CONFIG_FILE_LIMIT = 4 * 1024 * 1024;
export const BASELINE_FILE_LIMIT = DEFAULT_MAX_FILE_SIZE;

export function readInputFile(absolutePath: string, options: ReadOptions = {}): Uint8Array {
  return readLimited(absolutePath, options, (size) => Buffer.allocUnsafe(size)).bytes;
}

/** A file's bytes that the reader owns: `release()` frees their memory at once (a large file's bytes are then empty). */
export interface ReleasableBytes {
  bytes: Uint8Array;
  release(): void;
}

/**
 * readInputFile for bytes that are garbage once decoded (a linted file). An ArrayBuffer's memory
 * is freed only when a full garbage collection finds it dead, which a run of a few seconds may
 * never reach: a 30 MB metabase's bytes stayed alive beside its text to the end (issue 16). A
 * resizable ArrayBuffer shrunk to 0 gives its memory back at once, so release() does that.
 */
export function readReleasableFile(absolutePath: string, options: ReadOptions = {}): ReleasableBytes {
  return readLimited(absolutePath, options, resizableBytes);
}

/** The parts of a resizable ArrayBuffer (ES2024) that lib ES2022 does not type. */
interface Resizable {
  resize(length: number): void;
}
type ResizableConstructor = new (length: number, options: { maxByteLength: number }) => ArrayBuffer & Resizable;

/**
 * Below this, bytes are an ordinary Buffer left to the garbage collector: a resizable buffer is
 * pages of its own (a system call to get, another to free), which cost a fleet of 500 small
 * servers several percent of its time, for memory that does not matter.
 */
const RELEASED_FROM = 1024 * 1024;

function resizableBytes(size: number): Uint8Array {
  if (size < RELEASED_FROM) return Buffer.allocUnsafe(size);
  return new Uint8Array(new (ArrayBuffer as unknown as ResizableConstructor)(size, { maxByteLength: size }));
}

function release(bytes: Uint8Array): void {
  const buffer = bytes.buffer as ArrayBufferLike & Partial<Resizable>;
  if ((buffer as { resizable?: boolean }).resizable === true) buffer.resize!(0);
}

function readLimited(absolutePath: string, options: ReadOptions, allocate: (size: number) => Uint8Array): ReleasableBytes {
  const limit = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const fd = openSync(absolutePath, 'r');
  try {
    const stats = fstatSync(fd);
    const size = stats.size;
    if (size > limit) throw new FileTooLargeError(size, limit, options.limitName);
    const regular = stats.isFile();
    // Room for one byte more than fstat said: reaching it means the file is longer than reported
    // (it grew, or it is a /proc-like file of size 0), so grow up to limit + 1 and refuse beyond.
    let buffer = allocate(size + 1);
    let length = 0;
    try {
      for (;;) {
        const read = readSync(fd, buffer, length, buffer.length - length, null);
        length += read;
        // A regular file that gave the bytes fstat counted, and not the one more asked for, is at
        // its end (readFileSync takes it so too): confirming it by a read of 0 cost a system call per file.
        if (read === 0 || (regular && length === size)) {
          const bytes = buffer.subarray(0, length);
          return { bytes, release: () => release(bytes) };
        }
        if (length > limit) throw new FileTooLargeError(undefined, limit, options.limitName);
        if (length === buffer.length) {
          const grown = allocate(Math.min(Math.max(buffer.length * 2, 64 * 1024), limit + 1));
          grown.set(buffer.subarray(0, length));
          release(buffer);
          buffer = grown;
        }
      }
    } catch (error) {
      release(buffer);
      throw error;
    }
  } finally {
    closeSync(fd);
  }
}

const UNITS: ReadonlyArray<[string, number]> = [
  ['GB', 1024 ** 3],
  ['MB', 1024 ** 2],
  ['KB', 1024],
];

/** `256 MB`, `10 KB`, `300 bytes`: binary units, as the option reads them. */
export function formatByteSize(bytes: number): string {
  for (const [unit, size] of UNITS) {
    if (bytes >= size) {
      const value = bytes / size;
      return `${Number.isInteger(value) ? value : value.toFixed(1)} ${unit}`;
    }
  }
  return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
}

/**
 * `--max-file-size`: a whole number of bytes, or with a unit `k`/`KB`, `m`/`MB`, `g`/`GB`
 * (binary: 1 KB = 1024 bytes; case-insensitive; `KiB` too). Undefined when the text is not one.
 */
export function parseByteSize(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(b|bytes?|k|kb|kib|m|mb|mib|g|gb|gib)?\s*$/i.exec(text);
  if (!match) return undefined;
  const unit = (match[2] ?? 'b').toLowerCase()[0];
  const factor = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
  const bytes = Math.floor(Number(match[1]) * factor);
  return Number.isSafeInteger(bytes) ? bytes : undefined;
}

/**
 * Read a discovered server's files. A file that cannot be read (or is over the size limit) is
 * added to `unreadable` and skipped, whether it was named or found: the other files are still
 * linted, and the exit code says the run is incomplete.
 */
export function readServerFiles(group: ServerGroup, options: ReadOptions, unreadable: UnreadableFile[]): FileInput[] {
  const files: FileInput[] = [];
  for (const file of group.files) {
    try {
      // The bytes are freed as soon as they are decoded (see load.ts): this run owns them.
      files.push({ path: file.displayPath, ...readReleasableFile(file.absolutePath, options) });
    } catch (error) {
      unreadable.push({ path: file.displayPath, reason: describeFsError(error) });
    }
  }
  return files;
}

/**
 * A file named on the command line that is not recognised is an error, never silence (it may be
 * a metabase that detection missed, or a typing mistake): one per skipped named file.
 */
export function unrecognisedNamedFiles(group: ServerGroup, skipped: readonly { file: { path: string }; reason: string }[]): UnreadableFile[] {
  if (skipped.length === 0) return [];
  const named = new Set(group.files.filter((file) => file.explicit).map((file) => file.displayPath));
  return skipped
    .filter((entry) => named.has(entry.file.path))
    .map((entry) => ({ path: entry.file.path, reason: `not linted: ${entry.reason}` }));
}
