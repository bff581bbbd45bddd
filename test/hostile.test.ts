/**
 * Hostile and broken input (issue 6): every case checks the exit code, that stderr is empty or
 * ONE clear line (or that the finding is there), that no stack trace appears, that time and
 * memory stay bounded, and that the input files are unchanged. Big inputs are generated here
 * in a temporary directory, never committed. The heavy cases run the built CLI in a process of
 * its own (peak RSS measured, heap capped); the others run in-process (runCli).
 */
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runBuiltCli, type BuiltCliResult } from './support/built-cli.js';
import { runCli, type CliResult } from './support/cli.js';
import { repoRoot } from './support/fixtures.js';

const MiB = 1024 * 1024;
/** Generous: the slowest case takes about a second on a loaded two-core machine. */
const TIME_LIMIT_MS = 20_000;
const HEAP_CAP_MB = 1024;

let root: string;
const write = (relative: string, content: string | Uint8Array) => {
  const file = path.join(root, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
  return file;
};

/** Deterministic bytes (xorshift32): the same "garbage" on every run. */
function garbage(length: number, seed = 0x9e3779b9): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed >>> 0;
  for (let index = 0; index < length; index++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    bytes[index] = state & 0xff;
  }
  return bytes;
}

/** sha256 of every file below `directory` (symbolic links not followed). */
function fingerprint(directory: string): Record<string, string> {
  const hashes: Record<string, string> = {};
  const visit = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.isFile()) {
        let content: Buffer;
        try {
          content = readFileSync(full);
        } catch {
          continue;
        }
        hashes[path.relative(root, full)] = `${statSync(full).size}:${createHash('sha256').update(content).digest('hex')}`;
      }
    }
  };
  visit(directory);
  return hashes;
}

interface JsonReport {
  findings: Array<{
    file: string;
    rule: string;
    level: string;
    message: string;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
  }>;
  files: Array<{ path: string; kind: string; skipReason?: string }>;
}

/** The checks every case shares; returns the parsed JSON report when stdout holds one. */
function checkCommon(result: CliResult | BuiltCliResult, milliseconds: number): JsonReport | undefined {
  expect(`${result.stdout}\n${result.stderr}`).not.toMatch(/\n\s+at .+[(:]\d+/);
  expect(result.stderr).not.toMatch(/internal error/);
  expect(milliseconds).toBeLessThan(TIME_LIMIT_MS);
  // stderr is nothing, or one line per problem: never a dump.
  for (const line of result.stderr.split('\n').filter(Boolean)) expect(line).toMatch(/^iislint: /);
  return result.stdout.startsWith('{') ? (JSON.parse(result.stdout) as JsonReport) : undefined;
}

async function lintInProcess(directory: string, args: string[] = []): Promise<{ result: CliResult; report: JsonReport | undefined }> {
  const before = fingerprint(path.join(root, directory));
  const started = performance.now();
  const result = await runCli([directory, '--no-config', '--format', 'json', ...args], { cwd: root });
  const report = checkCommon(result, performance.now() - started);
  expect(fingerprint(path.join(root, directory))).toEqual(before);
  return { result, report };
}

/** The built CLI in a process of its own: peak RSS measured, heap capped, one thread. */
function lintInOwnProcess(directory: string, args: string[] = []): { result: BuiltCliResult; report: JsonReport | undefined } {
  const before = fingerprint(path.join(root, directory));
  const result = runBuiltCli([directory, '--no-config', '--format', 'json', '--concurrency', '1', ...args], {
    cwd: root,
    timeoutMs: TIME_LIMIT_MS * 2,
    maxOldSpaceMb: HEAP_CAP_MB,
  });
  expect(result.signal).toBeNull();
  const report = checkCommon(result, result.milliseconds);
  expect(fingerprint(path.join(root, directory))).toEqual(before);
  return { result, report };
}

const METABASE_HEAD = '<?xml version ="1.0"?>\r\n<configuration xmlns="urn:microsoft-catalog:XML_Metabase_V64_0">\r\n<MBProperty>\r\n';
const METABASE_TAIL = '</MBProperty>\r\n</configuration>\r\n';
const REG_HEADER = 'Windows Registry Editor Version 5.00\r\n';

beforeAll(() => {
  ensureBuilt();
  root = mkdtempSync(path.join(tmpdir(), 'iislint-hostile-'));
}, 300_000);
afterAll(() => {
  // chmod 000 directories would stop rmSync for a non-root user.
  spawnSync('chmod', ['-R', 'u+rwX', root]);
  rmSync(root, { recursive: true, force: true });
});

describe('empty and binary files', () => {
  it('an empty file, named .xml or .reg, is skipped: exit 0, nothing on stderr', async () => {
    write('empty/MetaBase.xml', '');
    write('empty/schannel.reg', '');
    const { result, report } = await lintInProcess('empty');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(report!.files).toEqual([
      { path: 'empty/MetaBase.xml', server: 'empty', kind: 'skipped', skipReason: 'empty file' },
      { path: 'empty/schannel.reg', server: 'empty', kind: 'skipped', skipReason: 'empty file' },
    ]);
  });

  it('binary garbage named .xml or .reg is skipped as neither format', async () => {
    const bytes = garbage(64 * 1024);
    bytes[0] = 0;
    write('garbage/MetaBase.xml', bytes);
    write('garbage/schannel.reg', bytes);
    const { result, report } = await lintInProcess('garbage');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(report!.findings).toEqual([]);
    expect(report!.files.map((file) => [file.kind, file.skipReason])).toEqual([
      ['skipped', 'not a MetaBase.xml or a registry export (no XML root, no regedit header)'],
      ['skipped', 'not a MetaBase.xml or a registry export (no XML root, no regedit header)'],
    ]);
  });

  it('garbage after a metabase root is one XML error (and the encoding error), at the first bad byte', async () => {
    write(
      'garbage-xml/MetaBase.xml',
      Buffer.concat([Buffer.from('<?xml version="1.0"?>\r\n<configuration><MBProperty>'), garbage(64 * 1024)]),
    );
    const { result, report } = await lintInProcess('garbage-xml');
    expect(result).toMatchObject({ code: 1, stderr: '' });
    expect(report!.findings.map((finding) => [finding.rule, finding.line])).toEqual([
      ['CFG001', 2],
      ['CFG001', 2],
    ]);
    // Which comes first depends on the garbage: the first forbidden character may precede the first bad byte.
    expect(report!.findings.filter((finding) => /^MetaBase\.xml is not well-formed XML: /.test(finding.message))).toHaveLength(1);
  });

  it('garbage after a valid regedit header: a CFG001 per line regedit cannot read, every position inside the file', async () => {
    write('garbage-reg/schannel.reg', Buffer.concat([Buffer.from(REG_HEADER), garbage(64 * 1024)]));
    const { result, report } = await lintInProcess('garbage-reg');
    expect(result).toMatchObject({ code: 1, stderr: '' });
    expect(report!.findings.length).toBeGreaterThan(10);
    const lines = readFileSync(path.join(root, 'garbage-reg/schannel.reg'), 'latin1').split(/\r\n|\n|\r/).length;
    for (const finding of report!.findings) {
      expect(['CFG001', 'CFG003']).toContain(finding.rule);
      expect(finding.line).toBeGreaterThanOrEqual(2);
      expect(finding.endLine).toBeLessThanOrEqual(lines);
    }
  });
});

describe('broken XML', () => {
  it('truncated XML: one finding at the end of the file', async () => {
    const text = readFileSync(path.join(repoRoot, 'examples/web01-intranet/MetaBase.xml'), 'utf8');
    const cut = text.indexOf('Path="D:\\Inetpub\\hr"') + 10;
    write('truncated/MetaBase.xml', text.slice(0, cut));
    const { result, report } = await lintInProcess('truncated');
    expect(result).toMatchObject({ code: 1, stderr: '' });
    const lines = text
      .slice(0, cut)
      .replace(/^\uFEFF/, '')
      .split('\n');
    // The keys read before the cut still count: the site serves HTTPS without an SChannel export.
    expect(report!.findings).toEqual([
      expect.objectContaining({ rule: 'KSSL007', line: 2 }),
      expect.objectContaining({
        rule: 'CFG001',
        endLine: lines.length,
        line: lines.length,
        column: lines[lines.length - 1]!.length + 1,
        message: expect.stringMatching(
          /^MetaBase\.xml is not well-formed XML: unexpected end of file: the value of Path \(line \d+\) is not closed\./,
        ),
      }),
    ]);
  });

  it('XML nested 100,000 deep: read without recursion, in bounded time and memory', () => {
    const depth = 100_000;
    write(
      'deep/MetaBase.xml',
      `${METABASE_HEAD}<IIsWebService Location="/LM/W3SVC">${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}</IIsWebService>\r\n${METABASE_TAIL}`,
    );
    write('deep-open/MetaBase.xml', `${METABASE_HEAD}<IIsWebService Location="/LM/W3SVC">${'<a>'.repeat(depth)}`);
    const closed = lintInOwnProcess('deep');
    expect(closed.result).toMatchObject({ code: 0, stderr: '' });
    expect(closed.report!.findings).toEqual([]);
    expect(closed.result.peakRss).toBeLessThan(400 * MiB);
    const open = lintInOwnProcess('deep-open');
    expect(open.result).toMatchObject({ code: 1, stderr: '' });
    expect(open.report!.findings).toEqual([
      expect.objectContaining({
        rule: 'CFG001',
        line: 4,
        message: expect.stringContaining('unexpected end of file: <a> (line 4) is not closed'),
      }),
    ]);
  });

  it('a 50 MB single-line file: linear, bounded memory', () => {
    const value = 'x'.repeat(50 * MiB);
    write(
      'single-line/MetaBase.xml',
      `<?xml version="1.0"?><configuration><MBProperty><IIsWebService Location="/LM/W3SVC" ServerComment="${value}"/></MBProperty></configuration>`,
    );
    const { result, report } = lintInOwnProcess('single-line');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(report!.files).toEqual([{ path: 'single-line/MetaBase.xml', server: 'single-line', kind: 'metabase' }]);
    // The text (50 MB), its bytes, and Node itself.
    expect(result.peakRss).toBeLessThan(400 * MiB);
  });

  it('a 50 MB single-line .reg: the header is wrong, so one finding, and the rest is not read as lines', () => {
    write('single-line-reg/big.reg', `${REG_HEADER.trim()} ${'x'.repeat(50 * MiB)}`);
    const { result, report } = lintInOwnProcess('single-line-reg');
    expect(result).toMatchObject({ code: 1, stderr: '' });
    expect(report!.findings.map((finding) => [finding.rule, finding.line, finding.column])).toEqual([['CFG001', 1, 1]]);
    expect(result.peakRss).toBeLessThan(400 * MiB);
  });
});

describe('entities and DOCTYPE', () => {
  const billionLaughs = [
    '<!ENTITY lol "lol">',
    ...Array.from({ length: 9 }, (_, index) => `<!ENTITY lol${index + 1} "${(index === 0 ? '&lol;' : `&lol${index};`).repeat(10)}">`),
  ].join('');

  it('an entity expansion bomb is never expanded: the DOCTYPE is the finding', async () => {
    write(
      'bomb/MetaBase.xml',
      `<?xml version="1.0"?>\r\n<!DOCTYPE configuration [${billionLaughs}]>\r\n<configuration><MBProperty><IIsWebService Location="/LM/W3SVC" ServerComment="&lol9;"/></MBProperty></configuration>\r\n`,
    );
    const { result, report } = await lintInProcess('bomb');
    expect(result).toMatchObject({ code: 1, stderr: '' });
    expect(report!.findings).toEqual([
      expect.objectContaining({
        rule: 'CFG001',
        line: 2,
        column: 1,
        endColumn: 10,
        message: expect.stringContaining('a DOCTYPE is not accepted in a metabase'),
      }),
    ]);
  });

  it('a reference to an undeclared entity is an error at the reference, not an expansion', async () => {
    write('entity-ref/MetaBase.xml', `${METABASE_HEAD}<IIsWebService Location="/LM/W3SVC" ServerComment="&lol9;"/>\r\n${METABASE_TAIL}`);
    const { result, report } = await lintInProcess('entity-ref');
    expect(result).toMatchObject({ code: 1, stderr: '' });
    expect(report!.findings).toEqual([
      expect.objectContaining({
        rule: 'CFG001',
        line: 4,
        column: 52,
        endColumn: 58,
        message: expect.stringContaining('unknown entity &lol9;'),
      }),
    ]);
  });

  it('a DOCTYPE in a MetaBase is a finding at the DOCTYPE', async () => {
    write(
      'doctype/MetaBase.xml',
      `<?xml version ="1.0"?>\r\n<!DOCTYPE configuration>\r\n<configuration><MBProperty><IIsWebService Location="/LM/W3SVC"/></MBProperty></configuration>\r\n`,
    );
    const { result, report } = await lintInProcess('doctype');
    expect(result).toMatchObject({ code: 1, stderr: '' });
    expect(report!.findings).toEqual([expect.objectContaining({ rule: 'CFG001', line: 2, column: 1, endLine: 2, endColumn: 10 })]);
  });

  describe('external entities are never resolved', () => {
    let server: Server;
    let port = 0;
    let connections = 0;
    beforeAll(async () => {
      server = createServer((socket) => {
        connections++;
        socket.destroy();
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as { port: number }).port;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('no network: a SYSTEM DTD and SYSTEM entities on a listening local port get no connection', async () => {
      write(
        'xxe-network/MetaBase.xml',
        `<?xml version="1.0"?>\r\n<!DOCTYPE configuration SYSTEM "http://127.0.0.1:${port}/metabase.dtd" [<!ENTITY remote SYSTEM "http://127.0.0.1:${port}/x">]>\r\n` +
          '<configuration><MBProperty><IIsWebService Location="/LM/W3SVC" ServerComment="&remote;"/></MBProperty></configuration>\r\n',
      );
      const { result, report } = await lintInProcess('xxe-network');
      expect(result).toMatchObject({ code: 1, stderr: '' });
      expect(report!.findings.map((finding) => finding.rule)).toEqual(['CFG001']);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(connections).toBe(0);
    });

    // Opening a FIFO for reading blocks until a writer comes, and none ever does: reading the
    // entity would hang the process until the timeout.
    const fifoSupported = spawnSync('mkfifo', ['--version']).status === 0;
    it.skipIf(!fifoSupported)(
      `no file read: a SYSTEM entity naming a FIFO does not block${fifoSupported ? '' : ' (skipped: no mkfifo here)'}`,
      () => {
        mkdirSync(path.join(root, 'xxe-file'), { recursive: true });
        const fifo = path.join(root, 'xxe-fifo');
        expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
        write(
          'xxe-file/MetaBase.xml',
          `<?xml version="1.0"?>\r\n<!DOCTYPE configuration [<!ENTITY local SYSTEM "file://${fifo}">]>\r\n` +
            '<configuration><MBProperty><IIsWebService Location="/LM/W3SVC" ServerComment="&local;"/></MBProperty></configuration>\r\n',
        );
        const { result, report } = lintInOwnProcess('xxe-file');
        expect(result).toMatchObject({ code: 1, stderr: '' });
        expect(report!.findings.map((finding) => finding.rule)).toEqual(['CFG001']);
      },
    );
  });
});

describe('encodings and registry exports', () => {
  it('UTF-16 with an odd byte count and a lone surrogate: the odd byte is the finding', async () => {
    const text = `${REG_HEADER}\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Bench]\r\n"Name"="a`;
    write(
      'utf16-odd/export.reg',
      Buffer.concat([
        Buffer.from([0xff, 0xfe]),
        Buffer.from(text, 'utf16le'),
        Buffer.from([0x00, 0xd8]),
        Buffer.from('b"\r\n', 'utf16le'),
        Buffer.from([0x41]),
      ]),
    );
    const { result, report } = await lintInProcess('utf16-odd');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(report!.findings).toEqual([
      expect.objectContaining({
        rule: 'CFG001',
        level: 'warning',
        line: 5,
        column: 1,
        message: expect.stringContaining('ends with an odd number of bytes'),
      }),
    ]);
  });

  it('a value continued over a million lines: linear', () => {
    write(
      'continuations/export.reg',
      `${REG_HEADER}\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Bench]\r\n"Bin"=hex:00,\\\r\n${'  00,\\\r\n'.repeat(1_000_000)}  00\r\n`,
    );
    const { result, report } = lintInOwnProcess('continuations');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(report!.findings).toEqual([]);
    expect(result.peakRss).toBeLessThan(600 * MiB);
  });

  it('a right header and every line malformed: one CFG001 per line, in bounded time', () => {
    const lines = 200_000;
    write('all-malformed/export.reg', `${REG_HEADER}${'this is not a registry line\r\n'.repeat(lines)}`);
    const { result, report } = lintInOwnProcess('all-malformed');
    expect(result).toMatchObject({ code: 1, stderr: '' });
    expect(report!.findings).toHaveLength(lines);
    expect(report!.findings[lines - 1]).toMatchObject({ rule: 'CFG001', line: lines + 1, column: 1 });
    expect(result.peakRss).toBeLessThan(1024 * MiB);
  });
});

describe('the file system', () => {
  // Root reads any file whatever its mode: then the case cannot be made, and is skipped visibly.
  const permissionsHold = (() => {
    const probe = path.join(tmpdir(), `iislint-permission-probe-${process.pid}`);
    writeFileSync(probe, 'x');
    chmodSync(probe, 0o000);
    let readable = true;
    try {
      closeSync(openSync(probe, 'r'));
    } catch {
      readable = false;
    }
    rmSync(probe, { force: true });
    return !readable;
  })();

  it.skipIf(!permissionsHold)(
    `a file that cannot be read: one line, exit 2, the other files still linted${permissionsHold ? '' : ' (skipped: running as root, which reads a file whatever its permissions)'}`,
    async () => {
      write('unreadable/secret.reg', `${REG_HEADER}\r\n`);
      write('unreadable/MetaBase.xml', `${METABASE_HEAD}${METABASE_TAIL}`);
      chmodSync(path.join(root, 'unreadable/secret.reg'), 0o000);
      const result = await runCli(['unreadable', '--no-config', '--format', 'json'], { cwd: root });
      expect(result.code).toBe(2);
      expect(result.stderr).toBe('iislint: unreadable/secret.reg: permission denied\n');
      expect((JSON.parse(result.stdout) as JsonReport).files.map((file) => file.path)).toEqual(['unreadable/MetaBase.xml']);
    },
  );

  it('a path that does not exist: one line, exit 2', async () => {
    const started = performance.now();
    const result = await runCli(['does-not-exist', '--no-config'], { cwd: root });
    checkCommon(result, performance.now() - started);
    expect(result).toEqual({ code: 2, stdout: '', stderr: 'iislint: does-not-exist: no such file or directory\n' });
  });

  it('symbolic-link loops in a searched directory: each file once, no hang', async () => {
    write('loops/web01/MetaBase.xml', `${METABASE_HEAD}${METABASE_TAIL}`);
    symlinkSync('..', path.join(root, 'loops/web01/parent'));
    symlinkSync('.', path.join(root, 'loops/self'));
    symlinkSync('itself', path.join(root, 'loops/itself'));
    const { result, report } = await lintInProcess('loops');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(report!.files.map((file) => file.path)).toEqual(['loops/web01/MetaBase.xml']);
  });
});

describe('--max-file-size', () => {
  it('a file over the limit found while searching: one line, exit 2, the other files still linted', async () => {
    write('limit/big/MetaBase.xml', `${METABASE_HEAD}${' '.repeat(20 * 1024)}${METABASE_TAIL}`);
    write('limit/small/MetaBase.xml', `${METABASE_HEAD}${METABASE_TAIL}`);
    const { result, report } = await lintInProcess('limit', ['--max-file-size', '10k']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('iislint: limit/big/MetaBase.xml: 20.1 KB, over the --max-file-size limit of 10 KB: not read\n');
    expect(report!.files.map((file) => file.path)).toEqual(['limit/small/MetaBase.xml']);
  });

  it('the size is checked before reading: a 300 MB file is refused at once, in little memory (default 256 MB)', () => {
    mkdirSync(path.join(root, 'huge'), { recursive: true });
    const huge = path.join(root, 'huge/MetaBase.xml');
    // Sparse: 300 MB long, hardly any disk, and reading it would show in the peak RSS.
    closeSync(openSync(huge, 'w'));
    truncateSync(huge, 300 * MiB);
    const before = statSync(huge);
    const result = runBuiltCli(['huge/MetaBase.xml', '--no-config'], { cwd: root, timeoutMs: TIME_LIMIT_MS });
    checkCommon(result, result.milliseconds);
    // Unchanged (hashing 300 MB would prove no more than size and modification time do here).
    expect(statSync(huge)).toMatchObject({ size: before.size, mtimeMs: before.mtimeMs });
    expect(result).toMatchObject({
      code: 2,
      stdout: '',
      stderr: 'iislint: huge/MetaBase.xml: 300 MB, over the --max-file-size limit of 256 MB: not read\n',
    });
    expect(result.peakRss).toBeLessThan(200 * MiB);
  });

  it('a bad size is a usage error', async () => {
    expect(await runCli(['limit', '--max-file-size', 'lots'], { cwd: root })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'iislint: --max-file-size lots: expected a size such as 256MB, 10k or 1048576 (bytes)\n',
    });
  });
});
