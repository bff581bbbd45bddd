/**
 * Writing a fixed file: whole or not at all. The bytes go to a temporary file in the same
 * directory (same file system, so the rename is atomic) with the original's permissions,
 * are flushed to disk, and the temporary file is renamed over the original. Any failure
 * removes the temporary file and leaves the original untouched.
 */
import * as nodeFs from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

/** The file-system calls the writer makes: tests inject failures through this. */
export interface WriterFs {
  realpathSync(target: string): string;
  statSync(target: string): { mode: number; uid: number; gid: number };
  openSync(target: string, flags: string, mode?: number): number;
  fstatSync(fd: number): { uid: number; gid: number };
  fchownSync(fd: number, uid: number, gid: number): void;
  fchmodSync(fd: number, mode: number): void;
  writeSync(fd: number, buffer: Uint8Array, offset: number, length: number): number;
  fsyncSync(fd: number): void;
  closeSync(fd: number): void;
  renameSync(from: string, to: string): void;
  unlinkSync(target: string): void;
}

export const NODE_FS: WriterFs = {
  realpathSync: (target) => nodeFs.realpathSync(target),
  statSync: (target) => nodeFs.statSync(target),
  openSync: (target, flags, mode) => nodeFs.openSync(target, flags, mode),
  fstatSync: (fd) => nodeFs.fstatSync(fd),
  fchownSync: (fd, uid, gid) => nodeFs.fchownSync(fd, uid, gid),
  fchmodSync: (fd, mode) => nodeFs.fchmodSync(fd, mode),
  writeSync: (fd, buffer, offset, length) => nodeFs.writeSync(fd, buffer, offset, length),
  fsyncSync: (fd) => nodeFs.fsyncSync(fd),
  closeSync: (fd) => nodeFs.closeSync(fd),
  renameSync: (from, to) => nodeFs.renameSync(from, to),
  unlinkSync: (target) => nodeFs.unlinkSync(target),
};

/** `.name.iislint-<random>.tmp` beside the target: hidden, and recognisable if a crash leaves one. */
export function temporaryPathFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.iislint-${randomBytes(6).toString('hex')}.tmp`);
}

/** Why a file is left as it is although its rewrite could be written (read-only, owner that cannot be kept). */
export class RewriteRefusedError extends Error {
  override readonly name = 'RewriteRefusedError';
}

/**
 * Replace `target` with `bytes` atomically. An existing target keeps its permission bits, owner
 * and group; a symbolic link is followed, so the file it points to is replaced, not the link.
 * A read-only file (no write bit at all) is refused, as editors do, and so is a file whose owner
 * or group the new copy cannot be given (a rename would hand it to whoever runs the fix).
 * Throws after cleaning up.
 */
export function writeFileAtomic(target: string, bytes: Uint8Array, fs: WriterFs = NODE_FS): void {
  let destination = target;
  let original: { mode: number; uid: number; gid: number } | undefined;
  try {
    destination = fs.realpathSync(target);
    const stats = fs.statSync(destination);
    original = { mode: stats.mode & 0o7777, uid: stats.uid, gid: stats.gid };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const mode = original?.mode;
  if (mode !== undefined && (mode & 0o222) === 0) {
    throw new RewriteRefusedError(`the file is read-only (mode ${mode.toString(8).padStart(4, '0')}): not rewritten; make it writable to apply the fixes`);
  }
  const temporary = temporaryPathFor(destination);
  let fd: number | undefined;
  let created = false;
  try {
    fd = fs.openSync(temporary, 'wx', mode ?? 0o666);
    created = true;
    if (original !== undefined) {
      const copy = fs.fstatSync(fd);
      if (copy.uid !== original.uid || copy.gid !== original.gid) {
        try {
          fs.fchownSync(fd, original.uid, original.gid);
        } catch (error) {
          throw new RewriteRefusedError(
            `cannot give the rewritten file its owner and group (uid ${original.uid}, gid ${original.gid}): ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}; not rewritten`,
          );
        }
      }
    }
    // openSync's mode is filtered by the umask (and chown clears set-id bits): set the original's bits exactly.
    if (mode !== undefined) fs.fchmodSync(fd, mode);
    for (let written = 0; written < bytes.length; ) written += fs.writeSync(fd, bytes, written, bytes.length - written);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(temporary, destination);
    created = false;
  } catch (error) {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        // Already failing: the original error is the one to report.
      }
    }
    if (created) {
      try {
        fs.unlinkSync(temporary);
      } catch {
        // Nothing more can be done; the original file is intact either way.
      }
    }
    throw error;
  }
}
