/**
 * Hostile and broken input (issue 6): every case checks the exit code, that stderr is empty or
 * ONE clear line (or that the finding is there), that no stack trace appears, that the run ends
 * on its own and memory stays bounded, and that the input files are unchanged. No case asserts a
 * duration (the owners' rule: the parsers' linearity is counted in their own tests, see
 * test/support/work.ts). Big inputs are generated here
 * in a temporary directory, never committed. The heavy cases run the built CLI in a process of
 * its own (peak RSS measured, heap capped); the others run in-process (runCli).
 */
import { createHash } from 'node:crypto';
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  closeSync,
  existsSync,
  lstatSync,
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
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runBuiltCli, type BuiltCliResult } from './support/built-cli.js';
import { runCli, type CliResult } from './support/cli.js';
import { repoRoot } from './support/fixtures.js';
import { main } from '../src/cli/main.js';
import { writeOutput } from '../src/cli/write-output.js';
import { NODE_FS, writeFileAtomic } from '../src/fix/write.js';

const MiB = 1024 * 1024;
/**
 * A safety net against a real hang, not an assertion: a child process still running after this
 * long is killed, and the case fails on its signal (the slowest takes seconds on a loaded
 * two-core machine).
 */
const SAFETY_NET_MS = 60_000;
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
function checkCommon(result: CliResult | BuiltCliResult): JsonReport | undefined {
  expect(`${result.stdout}\n${result.stderr}`).not.toMatch(/\n\s+at .+[(:]\d+/);
  expect(result.stderr).not.toMatch(/internal error/);
  // A process of its own ended by itself, not killed by the safety net.
  if ('signal' in result) expect(result.signal).toBeNull();
  // stderr is nothing, or one line per problem: never a dump.
  for (const line of result.stderr.split('\n').filter(Boolean)) expect(line).toMatch(/^iislint: /);
  return result.stdout.startsWith('{') ? (JSON.parse(result.stdout) as JsonReport) : undefined;
}

async function lintInProcess(directory: string, args: string[] = []): Promise<{ result: CliResult; report: JsonReport | undefined }> {
  const before = fingerprint(path.join(root, directory));
  const result = await runCli([directory, '--no-config', '--format', 'json', ...args], { cwd: root });
  const report = checkCommon(result);
  expect(fingerprint(path.join(root, directory))).toEqual(before);
  return { result, report };
}

/** The built CLI in a process of its own: peak RSS measured, heap capped, one thread. */
function lintInOwnProcess(directory: string, args: string[] = []): { result: BuiltCliResult; report: JsonReport | undefined } {
  const before = fingerprint(path.join(root, directory));
  const result = runBuiltCli([directory, '--no-config', '--format', 'json', '--concurrency', '1', ...args], {
    cwd: root,
    timeoutMs: SAFETY_NET_MS,
    maxOldSpaceMb: HEAP_CAP_MB,
  });
  const report = checkCommon(result);
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
  it('an empty file, named .xml or .reg, is skipped; a folder of nothing else is nothing to lint: one line, exit 2', async () => {
    write('empty/MetaBase.xml', '');
    write('empty/schannel.reg', '');
    const { result, report } = await lintInProcess('empty');
    expect(result).toMatchObject({
      code: 2,
      stderr:
        'iislint: nothing to lint in empty: no MetaBase.xml or registry export among the 2 files it holds (--no-error-on-unmatched-pattern allows this)\n',
    });
    expect((await lintInProcess('empty', ['--no-error-on-unmatched-pattern'])).result).toMatchObject({ code: 0, stderr: '' });
    expect(report!.files).toEqual([
      { path: 'empty/MetaBase.xml', server: 'empty', kind: 'skipped', skipReason: 'empty file' },
      { path: 'empty/schannel.reg', server: 'empty', kind: 'skipped', skipReason: 'empty file' },
    ]);
  });

  it('binary garbage named .xml or .reg is skipped as neither format (with a file to lint beside it: exit 0)', async () => {
    const bytes = garbage(64 * 1024);
    bytes[0] = 0;
    write('garbage/MetaBase.xml', bytes);
    write('garbage/schannel.reg', bytes);
    write('garbage/tls.reg', REG_HEADER);
    const { result, report } = await lintInProcess('garbage');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(report!.findings).toEqual([]);
    expect(report!.files.map((file) => [file.kind, file.skipReason])).toEqual([
      ['skipped', 'not a MetaBase.xml or a registry export (no XML root, no regedit header)'],
      ['skipped', 'not a MetaBase.xml or a registry export (no XML root, no regedit header)'],
      ['reg', undefined],
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

  it('XML nested 100,000 deep: read without recursion, the run ending on its own, in bounded memory', () => {
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

  it('a right header and every line malformed: one CFG001 per line, the run ending on its own', () => {
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

  it.skipIf(!permissionsHold)(
    `15.3 a folder that cannot be read: one line, exit 2, the other folders still linted${permissionsHold ? '' : ' (skipped: running as root, which reads a folder whatever its permissions)'}`,
    async () => {
      write('unreadable-dir/locked/MetaBase.xml', `${METABASE_HEAD}${METABASE_TAIL}`);
      write('unreadable-dir/open/MetaBase.xml', `${METABASE_HEAD}${METABASE_TAIL}`);
      chmodSync(path.join(root, 'unreadable-dir/locked'), 0o000);
      const result = await runCli(['unreadable-dir', '--no-config', '--format', 'json'], { cwd: root });
      expect(result.code).toBe(2);
      expect(result.stderr).toBe('iislint: unreadable-dir/locked: cannot search this directory: permission denied\n');
      expect((JSON.parse(result.stdout) as JsonReport).files.map((file) => file.path)).toEqual(['unreadable-dir/open/MetaBase.xml']);
    },
  );

  it('a path that does not exist: one line, exit 2', async () => {
    const result = await runCli(['does-not-exist', '--no-config'], { cwd: root });
    checkCommon(result);
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
    const result = runBuiltCli(['huge/MetaBase.xml', '--no-config'], { cwd: root, timeoutMs: SAFETY_NET_MS });
    checkCommon(result);
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

// ---------------------------------------------------------------------------------------------
// Hostile environments for output (issues 14 and 15): what the run writes, and where.
// ---------------------------------------------------------------------------------------------

/** An HTTPS site whose root requires client certificates: KSSL001, an error. */
const CLIENT_CERT_HTTPS =
  `${METABASE_HEAD}<IIsWebServer Location ="/LM/W3SVC/1" SecureBindings=":443:">\r\n</IIsWebServer>\r\n` +
  `<IIsWebVirtualDir Location ="/LM/W3SVC/1/ROOT" AccessSSLFlags="AccessSSL | AccessSSLNegotiateCert | AccessSSLRequireCert">\r\n</IIsWebVirtualDir>\r\n${METABASE_TAIL}`;

/** One CFG003 warning per line: enough of them make a report larger than a pipe's buffer. */
function ignoredLinesReg(count: number): string {
  const line = '[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.0\\Server] "Enabled"=dword:00000000';
  return `${REG_HEADER}\r\n${Array.from({ length: count }, () => line).join('\r\n')}\r\n`;
}

describe('output to a reader that goes away (issue 14.4)', () => {
  const bin = path.join(repoRoot, 'bin/iislint.js');
  /** `iislint … | head -c 100`: the exit code of iislint itself, and its stderr. */
  const pipedIntoHead = (args: string[]) => {
    const quoted = [process.execPath, bin, ...args].map((word) => `'${word.replace(/'/g, `'\\''`)}'`).join(' ');
    const result = spawnSync('bash', ['-c', `${quoted} 2>"$ERR" | head -c 100 >/dev/null; echo "\${PIPESTATUS[0]}"`], {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1', ERR: path.join(root, 'pipe-stderr.txt') },
      encoding: 'utf8',
      timeout: SAFETY_NET_MS,
    });
    expect(result.signal).toBeNull();
    return { code: Number(result.stdout.trim()), stderr: readFileSync(path.join(root, 'pipe-stderr.txt'), 'utf8') };
  };

  it('a closed stdout ends the run quietly, with the exit code it would have had', () => {
    write('piped/tls.reg', ignoredLinesReg(1500));
    expect(pipedIntoHead(['piped', '--no-config'])).toEqual({ code: 0, stderr: '' });
    expect(pipedIntoHead(['piped', '--no-config', '--fail-level', 'warning'])).toEqual({ code: 1, stderr: '' });
    expect(pipedIntoHead(['piped', '--no-config', '--format', 'json', '--max-warnings', '0'])).toEqual({
      code: 1,
      stderr: 'iislint: too many warnings (1500). Maximum allowed is 0.\n',
    });
  });
});

describe('GITHUB_STEP_SUMMARY (issue 15.20)', () => {
  it('an unwritable step summary is a warning; the gate keeps its verdict', async () => {
    write('summary/MetaBase.xml', CLIENT_CERT_HTTPS);
    // A directory cannot be appended to, not even by root.
    const summary = path.join(root, 'summary');
    const result = await runCli(['summary', '--no-config', '--format', 'github'], { cwd: root, env: { GITHUB_STEP_SUMMARY: summary } });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^::error /m);
    expect(result.stderr).toBe(`iislint: warning: cannot append to GITHUB_STEP_SUMMARY (${summary}): EISDIR\n`);
  });
});

describe('input text in console output (issues 15.4, 15.5, 15.6)', () => {
  /** A flag list with line breaks and runner commands, and a key name with a terminal title sequence. */
  const writeHostile = (directory: string) => {
    write(
      `${directory}/MetaBase.xml`,
      `${METABASE_HEAD}<IIsWebVirtualDir Location ="/LM/W3SVC/1/ROOT" AccessSSLFlags="AccessSSL | Bogus&#10;::add-mask::x&#10;##vso[task.setvariable variable=y]z">\r\n</IIsWebVirtualDir>\r\n${METABASE_TAIL}`,
    );
    write(
      `${directory}/schannel.reg`,
      `${REG_HEADER}\r\n[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS\u001b]0;pwned\u0007 1.0\\Server]\r\n"Enabled"=dword:00000000\r\n`,
    );
  };
  const RUNNER_COMMAND = /^(::|##vso\[|##\[)/;

  it.each(['stylish', 'compact'])('%s: no line starts a runner command, no control character gets through', async (format) => {
    writeHostile('inject');
    const result = await runCli(['inject', '--no-config', '--format', format], { cwd: root, tty: false });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Bogus\\n::add-mask::x\\n##vso[');
    expect(result.stdout).toContain('TLS\\x1b]0;pwned\\x07 1.0');
    for (const line of result.stdout.split('\n')) expect(line).not.toMatch(RUNNER_COMMAND);
    expect(result.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
  });

  it('github: every line is one of our own workflow commands, with no control character', async () => {
    writeHostile('inject');
    const result = await runCli(['inject', '--no-config', '--format', 'github'], { cwd: root });
    for (const line of result.stdout.trimEnd().split('\n')) expect(line).toMatch(/^::(error|warning|notice) file=/);
    expect(result.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
  });

  it('a file name with a line break, ESC and a runner command: escaped in reports and on stderr', async () => {
    const folder = 'names/odd\n::error::x\u001b[2J';
    write(`${folder}/schannel.reg`, `${REG_HEADER}\r\n[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.0\\Server] "Enabled"=dword:00000000\r\n`);
    write('names/::warning::y.reg', `${REG_HEADER}\r\n[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.0\\Server] "Enabled"=dword:00000000\r\n`);
    for (const format of ['stylish', 'compact']) {
      const result = await runCli(['names', '--no-config', '--format', format, '--verbose'], { cwd: root });
      expect(result.stdout).toContain('names/odd\\n::error::x\\x1b[2J/schannel.reg');
      for (const line of result.stdout.split('\n')) expect(line).not.toMatch(RUNNER_COMMAND);
      expect(result.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
      // Every stderr line is one line of ours.
      for (const line of result.stderr.trimEnd().split('\n')) expect(line).toMatch(/^iislint: /);
      expect(result.stderr).toContain('names/odd\\n::error::x\\x1b[2J/schannel.reg');
    }
    // A relative path that would begin a line with a runner command is shown as ./path.
    const alone = await runCli(['::warning::y.reg', '--no-config', '--format', 'compact'], { cwd: path.join(root, 'names') });
    expect(alone.stdout).toMatch(/^\.\/::warning::y\.reg:3:/);
  });

  it('--fix-dry-run quotes an odd path in the diff headers as git does, and patch edits that file only', () => {
    const folder = 'dry/x\n+++ b/victim.reg';
    const rc2 = `${REG_HEADER}\r\n[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Ciphers\\RC2 40/128]\r\n"Enabled"=dword:ffffffff\r\n`;
    write(`${folder}/schannel.reg`, rc2);
    write('dry/victim.reg', rc2);
    const result = spawnSync(process.execPath, [path.join(repoRoot, 'bin/iislint.js'), folder, '--no-config', '--fix-dry-run'], {
      cwd: root,
      encoding: 'utf8',
    });
    const headers = result.stdout.split('\n').filter((line) => /^(---|\+\+\+) /.test(line));
    expect(headers).toEqual(['--- "a/dry/x\\n+++ b/victim.reg/schannel.reg"', '+++ "b/dry/x\\n+++ b/victim.reg/schannel.reg"']);
    const patch = spawnSync('patch', ['-p1', '--dry-run', '--batch'], { cwd: root, input: result.stdout, encoding: 'utf8' });
    expect(patch.stdout).toContain("checking file 'dry/x\n+++ b/victim.reg/schannel.reg'");
    expect(patch.stdout).not.toMatch(/checking file dry\/victim\.reg/);
  });
});

describe('writing reports where the user says (issue 15.1)', () => {
  const CLIENT_CERT = CLIENT_CERT_HTTPS;
  const tmpFiles = (directory: string) => readdirSync(directory).filter((name) => name.endsWith('.tmp'));

  it('character devices are written straight through: /dev/null stays a device (root could replace it)', async () => {
    write('devices/MetaBase.xml', CLIENT_CERT);
    // --write-baseline baselines the run's findings: exit 0.
    for (const [option, code] of [['-o', 1], ['--sarif-file', 1], ['--write-baseline', 0]] as const) {
      const result = await runCli(['devices', '--no-config', option, '/dev/null'], { cwd: root });
      expect([option, result.code]).toEqual([option, code]);
      expect(result.stderr).not.toMatch(/cannot write/);
      expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    }
    const remediated = await runCli(['remediate', 'devices', '--no-config', '-o', '/dev/null'], { cwd: root });
    expect([remediated.code, statSync('/dev/null').isCharacterDevice()]).toEqual([0, true]);
    expect(tmpFiles('/dev')).toEqual([]);
  });

  it('a device that refuses the bytes (/dev/full): one line, exit 2, the device left as it is', async () => {
    write('devices/MetaBase.xml', CLIENT_CERT);
    const result = await runCli(['devices', '--no-config', '-o', '/dev/full'], { cwd: root });
    expect(result).toMatchObject({ code: 2, stderr: 'iislint: cannot write /dev/full: ENOSPC\n' });
    expect(statSync('/dev/full').isCharacterDevice()).toBe(true);
  });

  it('/dev/stdout is the process\'s own output, whatever it points at', () => {
    write('devices/MetaBase.xml', CLIENT_CERT);
    const result = runBuiltCli(['devices', '--no-config', '--format', 'json', '-o', '/dev/stdout'], { cwd: root });
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ version: 1, summary: { errors: 1 } });
    expect(lstatSync('/dev/stdout').isSymbolicLink()).toBe(true);
  });

  it('a FIFO is written straight through to its reader and stays a FIFO', async () => {
    write('devices/MetaBase.xml', CLIENT_CERT);
    const fifo = path.join(root, 'report.fifo');
    rmSync(fifo, { force: true });
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const reader = spawn('cat', [fifo]);
    let received = '';
    reader.stdout.on('data', (chunk: Buffer) => (received += chunk.toString('utf8')));
    const done = new Promise((resolve) => reader.on('close', resolve));
    const result = await runCli(['devices', '--no-config', '--format', 'compact', '-o', fifo], { cwd: root });
    await done;
    expect(result.code).toBe(1);
    expect(received).toMatch(/^devices\/MetaBase\.xml:\d+:\d+: error .*\[KSSL001\]$/m);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it('a symbolic link is followed: the file it points to is written, the link stays a link', async () => {
    write('devices/MetaBase.xml', CLIENT_CERT);
    const target = write('links/real/report.txt', 'old report');
    chmodSync(target, 0o640);
    const link = path.join(root, 'links/report.txt');
    rmSync(link, { force: true });
    symlinkSync('real/report.txt', link);
    const result = await runCli(['devices', '--no-config', '--format', 'compact', '-o', link], { cwd: root });
    expect(result.code).toBe(1);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(target, 'utf8')).toMatch(/\[KSSL001\]/);
    expect(statSync(target).mode & 0o777).toBe(0o640);
    // A link to a file not there yet: the file is created where the link points.
    const dangling = path.join(root, 'links/new.txt');
    rmSync(dangling, { force: true });
    symlinkSync('real/new-report.txt', dangling);
    await runCli(['devices', '--no-config', '--format', 'compact', '-o', dangling], { cwd: root });
    expect(lstatSync(dangling).isSymbolicLink()).toBe(true);
    expect(readFileSync(path.join(root, 'links/real/new-report.txt'), 'utf8')).toMatch(/\[KSSL001\]/);
    expect(tmpFiles(path.join(root, 'links/real'))).toEqual([]);
  });

  it('a write that fails half-way leaves the old file whole and no *.tmp behind', () => {
    const target = write('failing/report.json', 'old');
    function* failing(): Generator<string> {
      yield 'x'.repeat(3 * MiB);
      throw Object.assign(new Error('disk gone'), { code: 'EIO' });
    }
    expect(() => writeOutput(target, failing())).toThrow('cannot write');
    expect(readFileSync(target, 'utf8')).toBe('old');
    expect(tmpFiles(path.join(root, 'failing'))).toEqual([]);
  });

  it('chunks are written as their UTF-8, characters split across the writer\'s buffer included', () => {
    const target = path.join(root, 'chunked/report.txt');
    // Chunks of odd lengths with 2-, 3- and 4-byte characters (and a lone surrogate, written as
    // U+FFFD as Buffer.from writes it), more than a few megabytes in all: every buffer boundary
    // falls somewhere inside a character sooner or later.
    const pieces = ['a', 'é', '€', '😀', 'b\uD800c', 'x'.repeat(1 << 20), '÷'.repeat(300_001), '🔒'.repeat(250_003)];
    const chunks = Array.from({ length: 24 }, (_, index) => pieces[index % pieces.length]!.repeat((index % 3) + 1));
    writeOutput(target, chunks);
    expect(readFileSync(target).equals(Buffer.from(chunks.join(''), 'utf8'))).toBe(true);
  });
});

describe('huge result sets (issues 14.11, 15.11)', () => {
  it('a report is written in pieces, never as one string (half a million findings would not fit)', async () => {
    write('many/tls.reg', ignoredLinesReg(20_000));
    const chunks: number[] = [];
    const code = await main(['many', '--no-config', '--format', 'json', '--concurrency', '1'], {
      stdout: (text) => chunks.push(text.length),
      stderr: () => {},
      cwd: root,
      env: {},
      stdoutIsTty: false,
      readStdin: async () => new Uint8Array(),
    });
    expect(code).toBe(0);
    const total = chunks.reduce((sum, length) => sum + length, 0);
    expect(total).toBeGreaterThan(4 * MiB);
    // Pieces of about a megabyte (the writer gathers chunks up to 1 MiB, plus the last chunk added).
    expect(Math.max(...chunks)).toBeLessThan(2 * MiB);
  });

  it('SARIF keeps the 25,000 most severe results, says so, and the exit code counts every finding', async () => {
    // 25,002 CFG003 warnings, and one error the cap must keep although it comes last.
    write('capped/tls.reg', `${ignoredLinesReg(25_002)}\r\nnot a registry line\r\n`);
    const out = path.join(root, 'capped.sarif');
    const result = await runCli(['capped', '--no-config', '--sarif-file', out, '--format', 'json', '--max-warnings', '25001'], { cwd: root });
    expect(result.code).toBe(1);
    const json = JSON.parse(result.stdout) as JsonReport;
    expect(json.findings).toHaveLength(25_003);
    expect(result.stderr).toBe(
      'iislint: warning: SARIF holds the 25000 most severe results, GitHub\'s limit for a run: 3 less severe left out (the json format holds every finding)\n' +
        'iislint: too many warnings (25002). Maximum allowed is 25001.\n',
    );
    const run = JSON.parse(readFileSync(out, 'utf8')).runs[0];
    expect(run.results).toHaveLength(25_000);
    expect(run.results.filter((result: { level: string }) => result.level === 'error')).toHaveLength(1);
    // Report order, and the last warnings are the ones left out.
    expect(run.results.at(-1).ruleId).toBe('CFG001');
    expect(run.results.at(-2).locations[0].physicalLocation.region.startLine).toBe(25_001);
    expect(run.invocations[0].toolExecutionNotifications.at(-1).message.text).toMatch(/at most 25,000 results in a run: the 3 least severe were left out/);
  });
});

describe('--fix keeps what the file was (issues 15.9, 15.18)', () => {
  const RC2_ON = `${REG_HEADER}\r\n[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Ciphers\\RC2 40/128]\r\n"Enabled"=dword:ffffffff\r\n`;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

  it.skipIf(!isRoot)(`as root, a rewritten file keeps its owner, group and mode${isRoot ? '' : ' (skipped: needs root to give a file away)'}`, async () => {
    const file = write('owned/schannel.reg', RC2_ON);
    chownSync(file, 1234, 1234);
    chmodSync(file, 0o640);
    const result = await runCli(['owned', '--no-config', '--fix', '--format', 'compact'], { cwd: root });
    expect(result.stderr).toBe('');
    expect(readFileSync(file, 'latin1')).toContain('"Enabled"=dword:00000000');
    const stats = statSync(file);
    expect([stats.uid, stats.gid, stats.mode & 0o7777]).toEqual([1234, 1234, 0o640]);
  });

  it('a read-only (0444) file is not rewritten: one clear line, exit 2, the file as it was', async () => {
    const file = write('readonly/schannel.reg', RC2_ON);
    chmodSync(file, 0o444);
    const result = await runCli(['readonly', '--no-config', '--fix', '--format', 'compact'], { cwd: root });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'iislint: readonly/schannel.reg: cannot write the fixes: the file is read-only (mode 0444): not rewritten; make it writable to apply the fixes\n',
    );
    expect(readFileSync(file, 'latin1')).toBe(RC2_ON);
    expect(statSync(file).mode & 0o7777).toBe(0o444);
  });

  it('an owner the new copy cannot be given: refused, the original untouched, no temporary file left', () => {
    const file = write('foreign/schannel.reg', RC2_ON);
    const fs = {
      ...NODE_FS,
      statSync: (target: string) => ({ ...NODE_FS.statSync(target), uid: 4321 }),
      fchownSync: () => {
        throw Object.assign(new Error('operation not permitted'), { code: 'EPERM' });
      },
    };
    expect(() => writeFileAtomic(file, Buffer.from('new'), fs)).toThrow(/cannot give the rewritten file its owner and group \(uid 4321, gid \d+\): EPERM; not rewritten/);
    expect(readFileSync(file, 'latin1')).toBe(RC2_ON);
    expect(readdirSync(path.join(root, 'foreign'))).toEqual(['schannel.reg']);
  });
});

/**
 * The red team's review (issue 15): what each case of theirs expects now. Cases on writing
 * reports and --fix are with the output and fix tests.
 */
describe('hostile review: discovery, detection and configuration', () => {
  /** An HTTPS site that requires client certificates: a KSSL001 error. */
  const CLIENT_CERT_SITE =
    '<IIsWebServer Location="/LM/W3SVC/1" SecureBindings=":443:"/>\r\n' +
    '<IIsWebVirtualDir Location="/LM/W3SVC/1/ROOT" AccessSSLFlags="AccessSSL | AccessSSLNegotiateCert | AccessSSLRequireCert"/>\r\n';
  /** Directories nested `levels` deep below `directory` (paths longer than PATH_MAX need relative steps: bash cd). */
  const nest = (directory: string, levels: number, file: string, content: string, name = 'a') => {
    mkdirSync(path.join(root, directory), { recursive: true });
    writeFileSync(path.join(root, 'nested-content.tmp-input'), content);
    const chain = (count: number) => Array.from({ length: count }, () => name).join('/');
    const perStep = Math.floor(800 / (name.length + 1));
    const script = [
      `cd ${JSON.stringify(path.join(root, directory))}`,
      `for i in $(seq ${Math.floor(levels / perStep)}); do mkdir -p ${chain(perStep)} && cd ${chain(perStep)}; done`,
      levels % perStep > 0 ? `mkdir -p ${chain(levels % perStep)} && cd ${chain(levels % perStep)}` : 'true',
      `cp ${JSON.stringify(path.join(root, 'nested-content.tmp-input'))} ${file}`,
    ].join(' && ');
    expect(spawnSync('bash', ['-c', script]).status).toBe(0);
    rmSync(path.join(root, 'nested-content.tmp-input'));
  };
  const removeDeep = (directory: string) => spawnSync('rm', ['-rf', path.join(root, directory)]);

  it('15.2 a metabase whose root element starts after 64 KiB (a long comment) is still linted', async () => {
    write('late-root/MetaBase.xml', `<?xml version="1.0"?>\r\n<!--${' padding'.repeat(12_000)}-->\r\n${METABASE_HEAD.replace('<?xml version ="1.0"?>\r\n', '')}${CLIENT_CERT_SITE}${METABASE_TAIL}`);
    const { result, report } = await lintInProcess('late-root');
    expect(result.code).toBe(1);
    expect(report!.files).toEqual([{ path: 'late-root/MetaBase.xml', server: 'late-root', kind: 'metabase' }]);
    expect(report!.findings.map((finding) => finding.rule)).toContain('KSSL001');
  });

  it('15.2 a file named on the command line that is not recognised: one line, exit 2', async () => {
    write('named/notes.txt', 'not a configuration file\n');
    write('named/tls.reg', REG_HEADER);
    const result = await runCli(['named/notes.txt', 'named/tls.reg', '--no-config', '--format', 'json'], { cwd: root });
    checkCommon(result);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('iislint: named/notes.txt: not linted: not a MetaBase.xml or a registry export (no XML root, no regedit header)\n');
    // The other named file is still linted.
    expect((JSON.parse(result.stdout) as JsonReport).files.map((file) => [file.path, file.kind])).toEqual([
      ['named/notes.txt', 'skipped'],
      ['named/tls.reg', 'reg'],
    ]);
  });

  it('15.3 and 15.13: a folder 1,500 levels deep is searched in linear time; one deeper than the path limit is reported, exit 2', async () => {
    try {
      nest('deep-tree/web01', 1_500, 'MetaBase.xml', `${METABASE_HEAD}${CLIENT_CERT_SITE}${METABASE_TAIL}`);
      const deep = await runCli(['deep-tree', '--no-config', '--format', 'json'], { cwd: root });
      checkCommon(deep);
      expect(deep.code).toBe(1);
      expect((JSON.parse(deep.stdout) as JsonReport).files.map((file) => file.kind)).toEqual(['metabase']);
      // 11 bytes a level: past 4,096 bytes no call of the system takes the path.
      nest('too-deep', 420, 'MetaBase.xml', `${METABASE_HEAD}${METABASE_TAIL}`, 'abcdefghij');
      write('too-deep/tls.reg', REG_HEADER);
      const tooDeep = await runCli(['too-deep', '--no-config', '--format', 'json'], { cwd: root });
      checkCommon(tooDeep);
      expect(tooDeep.code).toBe(2);
      expect(tooDeep.stderr).toMatch(/^iislint: too-deep\/(abcdefghij\/)+abcdefghij: cannot search this directory: the path is longer than the system allows\n$/);
      expect((JSON.parse(tooDeep.stdout) as JsonReport).files.map((file) => file.path)).toEqual(['too-deep/tls.reg']);
    } finally {
      removeDeep('deep-tree');
      removeDeep('too-deep');
    }
  }, 120_000);

  it('15.7 60,000 suppression directives in a 3.6 MB .reg: linear, each finding suppressed', () => {
    const lines = Array.from({ length: 60_000 }, (_, index) => `; iislint-disable CFG001 -- accepted ${index}\r\nnot a registry line ${index}\r\n`);
    write('directives/x.reg', `${REG_HEADER}\r\n${lines.join('')}`);
    const { result, report } = lintInOwnProcess('directives', ['--report-unused-directives']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(report!.findings).toEqual([]);
    expect((report as unknown as { summary: { suppressed: number } }).summary.suppressed).toBe(60_000);
  });

  it('15.8 and 15.19: a glob that would backtrack for minutes is matched at once; an invalid one is an error of use', async () => {
    write('globs/web01/tls.reg', REG_HEADER);
    const slow = `${'**/a/'.repeat(12)}x`;
    expect((await lintInProcess('globs', ['--ignore-pattern', slow])).result.code).toBe(0);
    const invalid = await runCli(['globs', '--no-config', '--ignore-pattern', '[z-a]'], { cwd: root });
    checkCommon(invalid);
    expect(invalid).toEqual({ code: 2, stdout: '', stderr: 'iislint: --ignore-pattern [z-a]: not a valid glob: the range z-a in [z-a] is out of order\n' });
    write('globs/bad.json', JSON.stringify({ ignore: ['ok', '[z-a]'] }));
    const inConfig = await runCli(['globs', '-c', 'globs/bad.json'], { cwd: root });
    checkCommon(inConfig);
    expect(inConfig.code).toBe(2);
    expect(inConfig.stderr).toMatch(/: "ignore\[1\]" is not a valid glob: the range z-a in \[z-a\] is out of order\n$/);
  });

  it('15.10 --stdin stops at --max-file-size: one line, exit 2', async () => {
    const result = await runCli(['--stdin', '--no-config', '--max-file-size', '10k'], { cwd: root, stdin: `${REG_HEADER}${';'.repeat(20 * 1024)}` });
    checkCommon(result);
    expect(result).toEqual({ code: 2, stdout: '', stderr: 'iislint: <stdin>: over the --max-file-size limit of 10 KB: not read\n' });
  });

  it.skipIf(!existsSync('/dev/zero'))('15.10 and 15.16: an endless stdin, config or baseline is refused at its limit, not read on', () => {
    write('zero/tls.reg', REG_HEADER);
    const stdin = spawnSync('bash', ['-c', `${JSON.stringify(process.execPath)} ${JSON.stringify(path.join(repoRoot, 'bin/iislint.js'))} --stdin --no-config --max-file-size 1MB < /dev/zero`], {
      cwd: root,
      encoding: 'utf8',
      timeout: SAFETY_NET_MS,
    });
    // Ended by itself at the limit (the endless input not read on until the safety net).
    expect(stdin.signal).toBeNull();
    expect([stdin.status, stdin.stderr]).toEqual([2, 'iislint: <stdin>: over the --max-file-size limit of 1 MB: not read\n']);
    const config = runBuiltCli(['zero', '-c', '/dev/zero'], { cwd: root, timeoutMs: SAFETY_NET_MS });
    checkCommon(config);
    expect(config).toMatchObject({ code: 2, stderr: 'iislint: /dev/zero: cannot read the config file (over the limit for a config file of 4 MB: not read)\n' });
    expect(config.peakRss).toBeLessThan(200 * MiB);
    const baseline = runBuiltCli(['zero', '--no-config', '--baseline', '/dev/zero'], { cwd: root, timeoutMs: SAFETY_NET_MS, maxOldSpaceMb: HEAP_CAP_MB });
    checkCommon(baseline);
    expect(baseline.code).toBe(2);
    expect(baseline.stderr).toMatch(/^iislint: \/dev\/zero: cannot read the baseline \(over the limit for a baseline of 256 MB: not read\)\n$/);
  }, 120_000);

  it('15.15 --concurrency above the number of cores is capped, with a note', async () => {
    write('cores/tls.reg', REG_HEADER);
    const result = await runCli(['cores', '--no-config', '--concurrency', '1000'], { cwd: root });
    checkCommon(result);
    const cores = availableParallelism();
    expect(result).toEqual({ code: 0, stdout: '', stderr: `iislint: note: --concurrency 1000 is more than the ${cores} cores here: using ${cores}\n` });
  });

  it('15.17 a named file over --max-file-size does not stop the run: the other named files are linted', async () => {
    write('sizes/big/MetaBase.xml', `${METABASE_HEAD}${' '.repeat(20 * 1024)}${METABASE_TAIL}`);
    write('sizes/small/MetaBase.xml', `${METABASE_HEAD}${CLIENT_CERT_SITE}${METABASE_TAIL}`);
    const result = await runCli(['sizes/big/MetaBase.xml', 'sizes/small/MetaBase.xml', '--no-config', '--format', 'json', '--max-file-size', '10k'], { cwd: root });
    checkCommon(result);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('iislint: sizes/big/MetaBase.xml: 20.1 KB, over the --max-file-size limit of 10 KB: not read\n');
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.files.map((file) => file.path)).toEqual(['sizes/small/MetaBase.xml']);
    expect(report.findings.map((finding) => finding.rule)).toContain('KSSL001');
  });

  it.each(['__proto__', 'constructor', 'prototype'])('15.21 a config that maps the name %s is refused, naming the key', async (name) => {
    write('proto/tls.reg', REG_HEADER);
    write('proto/config.json', `{ "servers": { "${name}": ["proto/*.reg"] } }`);
    const result = await runCli(['proto', '-c', 'proto/config.json'], { cwd: root });
    checkCommon(result);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`config\\.json: "servers\\.${name}" is not allowed: __proto__, constructor, prototype cannot be names here\\n$`));
  });

  it('15.22 a config file above the repository root or outside any repository is not used', async () => {
    write('outside/iislint.config.json', JSON.stringify({ rules: { KSSL001: 'off' } }));
    write('outside/project/web01/MetaBase.xml', `${METABASE_HEAD}${CLIENT_CERT_SITE}${METABASE_TAIL}`);
    const cwd = path.join(root, 'outside/project');
    // No .git anywhere up from here (a temporary folder): only the working directory is searched.
    const result = await runCli(['web01', '--format', 'compact'], { cwd });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('[KSSL001]');
    // A repository below the config file: the search stops at its root.
    mkdirSync(path.join(cwd, '.git'), { recursive: true });
    expect((await runCli(['.', '--format', 'compact'], { cwd: path.join(cwd, 'web01') })).stdout).toContain('[KSSL001]');
  });

  it('15.23 a temporary file left by a crashed --fix is not linted', async () => {
    const { temporaryPathFor } = await import('../src/fix/write.js');
    write('crashed/MetaBase.xml', `${METABASE_HEAD}${METABASE_TAIL}`);
    const leftOver = path.relative(root, temporaryPathFor(path.join(root, 'crashed/MetaBase.xml')));
    write(leftOver, `${METABASE_HEAD}${CLIENT_CERT_SITE}`);
    const { result, report } = await lintInProcess('crashed', ['--verbose']);
    expect(result.code).toBe(0);
    expect(report!.files.map((file) => file.path)).toEqual(['crashed/MetaBase.xml']);
    expect(result.stderr).toContain(`iislint: skipped ${leftOver}: a temporary file left by an interrupted --fix\n`);
  });
});
