/**
 * Writing what the user asked for (`-o`, `--sarif-file`, `--write-baseline`, `remediate -o`).
 *
 * A regular file, or a path that does not exist yet, is written atomically: a temporary file
 * beside it, renamed over it once whole (an existing file keeps its mode and, where the process
 * may set them, owner and group). Anything else is written straight through, since renaming over
 * it would replace it: character devices (`/dev/null`), FIFOs, sockets, and the process's own
 * streams (`/dev/stdout`, `/dev/fd/N`), which may be a pipe or a file the shell opened. A
 * symbolic link is followed, so the file it points to is written and the link stays a link.
 * A failed write leaves no temporary file behind.
 *
 * Content may come as chunks (an iterable of strings), so a report of any size is written
 * without ever being one string.
 */
import * as fs from 'node:fs';
import path from 'node:path';
import { InputError } from '../engine/discover.js';
import { temporaryPathFor } from '../fix/write.js';
import { escapeText } from '../report/escape.js';

export type OutputContent = string | Uint8Array | Iterable<string>;

/** Strings are gathered up to this many UTF-16 units before each write: few system calls, small buffers. */
const CHUNK_UNITS = 1 << 20;
/** Chunked content is encoded into a buffer of this size, written out whenever it fills. */
const CHUNK_BYTES = 1 << 20;
const utf8 = new TextEncoder();

/**
 * The process's own streams, by descriptor: written to as they are, whatever they point at (a
 * pipe, a socket, a file the shell opened). Opening the path would fail for a socket.
 */
const PROCESS_STREAM = /^\/(?:dev\/(?:(stdout)|(stderr)|fd\/(\d+))|proc\/self\/fd\/(\d+))$/;

/** The command's own stdout and stderr writers, used for `/dev/stdout` and `/dev/stderr`. */
export interface ProcessStreams {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** Write `content` to `target` (absolute). Throws InputError with one line saying what went wrong. */
export function writeOutput(target: string, content: OutputContent, streams?: ProcessStreams): void {
  const shown = escapeText(target);
  try {
    const stream = PROCESS_STREAM.exec(target);
    if (stream) {
      const fd = stream[1] ? 1 : stream[2] ? 2 : Number(stream[3] ?? stream[4]);
      const writer = fd === 1 ? streams?.stdout : fd === 2 ? streams?.stderr : undefined;
      if (writer && !(content instanceof Uint8Array)) return writeToStream(writer, content);
      return writeAll(fd, content);
    }
    const destination = resolveLinks(target);
    const stats = fs.statSync(destination, { throwIfNoEntry: false });
    if (stats === undefined) {
      fs.mkdirSync(path.dirname(destination), { recursive: true });
      return writeAtomic(destination, content, undefined);
    }
    if (stats.isDirectory()) throw new InputError(`${shown}: is a directory`);
    if (stats.isFile()) return writeAtomic(destination, content, stats);
    if (stats.isCharacterDevice() || stats.isFIFO() || stats.isSocket()) return writeThrough(destination, content, 'w');
    throw new InputError(`${shown}: not a regular file, character device or FIFO: not written`);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`cannot write ${shown}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/** The path a chain of symbolic links ends at, even when that path does not exist yet. */
function resolveLinks(target: string): string {
  let current = target;
  for (let hops = 0; hops < 40; hops++) {
    const stats = fs.lstatSync(current, { throwIfNoEntry: false });
    if (!stats?.isSymbolicLink()) return current;
    current = path.resolve(path.dirname(current), fs.readlinkSync(current));
  }
  throw Object.assign(new Error('too many symbolic links'), { code: 'ELOOP' });
}

function writeThrough(target: string, content: OutputContent, flags: 'w'): void {
  const fd = fs.openSync(target, flags);
  try {
    writeAll(fd, content);
  } finally {
    fs.closeSync(fd);
  }
}

function writeAtomic(destination: string, content: OutputContent, existing: fs.Stats | undefined): void {
  const temporary = temporaryPathFor(destination);
  let fd: number | undefined = fs.openSync(temporary, 'wx', existing ? existing.mode & 0o7777 : 0o666);
  try {
    if (existing) {
      // openSync's mode passes through the umask: set the original's bits exactly.
      fs.fchmodSync(fd, existing.mode & 0o7777);
      keepOwner(fd, existing);
    }
    writeAll(fd, content);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(temporary, destination);
  } catch (error) {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        // Already failing: the first error is the one to report.
      }
    }
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}

/** As root, a rewritten file keeps its owner and group (other users cannot give files away: nothing to keep). */
function keepOwner(fd: number, existing: fs.Stats): void {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return;
  if (existing.uid !== 0 || existing.gid !== (process.getgid?.() ?? 0)) fs.fchownSync(fd, existing.uid, existing.gid);
}

function writeAll(fd: number, content: OutputContent): void {
  if (typeof content === 'string') return writeBytes(fd, Buffer.from(content, 'utf8'));
  if (content instanceof Uint8Array) return writeBytes(fd, content);
  // Chunks are encoded straight into one reusable buffer, written out each time it fills: no
  // string is joined and no buffer is allocated per chunk.
  const buffer = new Uint8Array(CHUNK_BYTES);
  let used = 0;
  for (const chunk of content) {
    let rest = chunk;
    for (;;) {
      const { read, written } = utf8.encodeInto(rest, buffer.subarray(used));
      used += written;
      if (read === rest.length) break;
      // Full (or too little room left for the next character): write it out and go on.
      writeBytes(fd, buffer.subarray(0, used));
      used = 0;
      rest = rest.slice(read);
    }
  }
  if (used > 0) writeBytes(fd, buffer.subarray(0, used));
}

function writeBytes(fd: number, bytes: Uint8Array): void {
  for (let written = 0; written < bytes.length; ) written += fs.writeSync(fd, bytes, written, bytes.length - written);
}

/** Chunks to a stream writer (stdout, stderr), gathered into pieces of about a megabyte. */
export function writeToStream(write: (text: string) => void, content: OutputContent): void {
  if (typeof content === 'string') return write(content);
  if (content instanceof Uint8Array) return write(Buffer.from(content).toString('utf8'));
  let pending = '';
  for (const chunk of content) {
    pending += chunk;
    if (pending.length >= CHUNK_UNITS) {
      write(pending);
      pending = '';
    }
  }
  if (pending !== '') write(pending);
}
