/**
 * Reading a linted file (src/engine/read-file.ts): its bytes are freed as soon as they are
 * decoded (issue 16), with the size limits unchanged.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileTooLargeError, readInputFile, readReleasableFile } from '../src/engine/read-file.js';
import { parseServerFiles, type FileInput } from '../src/engine/load.js';
import { DEFAULT_LINT_OPTIONS } from '../src/engine/lint.js';
import { lintFileGroups } from '../src/engine/run.js';

const MiB = 1024 * 1024;
let root: string;

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'iislint-read-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const METABASE = '<?xml version ="1.0"?>\r\n<configuration>\r\n<MBProperty>\r\n<IIsWebService\tLocation ="/LM/W3SVC"\r\n\t>\r\n</IIsWebService>\r\n</MBProperty>\r\n</configuration>\r\n';

describe('readReleasableFile', () => {
  it('reads the bytes readInputFile reads, and release() gives their memory back at once', () => {
    const file = path.join(root, 'large.txt');
    writeFileSync(file, Buffer.alloc(16 * MiB, 0x61));
    const read = readReleasableFile(file);
    expect(Buffer.compare(read.bytes, readInputFile(file))).toBe(0);
    const before = process.memoryUsage().rss;
    read.release();
    // No garbage collection runs here: only an explicit free gives the pages back.
    expect(before - process.memoryUsage().rss).toBeGreaterThan(12 * MiB);
    expect(read.bytes.length).toBe(0);
  });

  it('keeps the limits: a file over it is not read, an endless device stops at it', () => {
    const file = path.join(root, 'over.txt');
    writeFileSync(file, 'x'.repeat(2000));
    expect(() => readReleasableFile(file, { maxFileSize: 1000 })).toThrow(new FileTooLargeError(2000, 1000));
    if (!existsSync('/dev/zero')) return; // not on Windows
    expect(() => readReleasableFile('/dev/zero', { maxFileSize: 4 * MiB })).toThrow(new FileTooLargeError(undefined, 4 * MiB));
  });
});

describe('decoding releases only the bytes the reader owns', () => {
  it('parseServerFiles releases read bytes once decoded, with the same text', () => {
    const text = METABASE.replace('<MBProperty>', `<!-- ${'x'.repeat(2 * MiB)} -->\r\n<MBProperty>`);
    const file = path.join(root, 'MetaBase.xml');
    writeFileSync(file, text);
    const input: FileInput = { path: 'MetaBase.xml', ...readReleasableFile(file) };
    const loaded = parseServerFiles([input]);
    expect(loaded.metabaseDocuments[0]!.source.text).toBe(text);
    expect(input.bytes.length).toBe(0);
  });

  it('a small file (under 1 MB) is an ordinary Buffer, left to the garbage collector', () => {
    const file = path.join(root, 'small.xml');
    writeFileSync(file, METABASE);
    const input = readReleasableFile(file);
    input.release();
    expect(new TextDecoder().decode(input.bytes)).toBe(METABASE);
  });

  it("bytes given through the API are the caller's: never released", () => {
    const bytes = new TextEncoder().encode(METABASE);
    const run = lintFileGroups([{ name: 'web01', files: [{ path: 'MetaBase.xml', bytes }] }], DEFAULT_LINT_OPTIONS);
    expect(run.files).toMatchObject([{ path: 'MetaBase.xml', kind: 'metabase' }]);
    expect(new TextDecoder().decode(bytes)).toBe(METABASE);
  });
});
