/**
 * Issue 15, item 14: a metabase dense with attributes used 35–46× its size in memory, so the
 * --max-file-size default did not bound memory. Attributes are now offsets in flat arrays.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runBuiltCli } from './support/built-cli.js';

const MiB = 1024 * 1024;
let root: string;

beforeAll(() => {
  ensureBuilt();
  root = mkdtempSync(path.join(tmpdir(), 'iislint-memory-'));
}, 300_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('memory of a metabase dense with attributes', () => {
  it('one million attributes (8 MB): peak memory a small multiple of the file, not 30×', () => {
    const attributes = Array.from({ length: 100 }, (_, index) => ` P${index}="${index % 10}"`).join('');
    const keys = Array.from({ length: 10_000 }, (_, index) => `<IIsWebDirectory Location="/LM/W3SVC/1/ROOT/d${index}"${attributes}/>\r\n`);
    const text = `<?xml version ="1.0"?>\r\n<configuration>\r\n<MBProperty>\r\n${keys.join('')}</MBProperty>\r\n</configuration>\r\n`;
    mkdirSync(path.join(root, 'dense'));
    writeFileSync(path.join(root, 'dense/MetaBase.xml'), text);
    const result = runBuiltCli(['dense', '--no-config', '--format', 'json', '--concurrency', '1'], { cwd: root, timeoutMs: 120_000 });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    // Node itself is about 45 MB; before flat storage this file took about 270 MB.
    expect(result.peakRss).toBeLessThan(64 * MiB + 12 * text.length);
  });
});
