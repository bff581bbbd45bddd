/**
 * `--concurrency`: servers linted on worker threads give the same run as in one thread, in the
 * same order; a worker that fails ends the run with one line, never a hang.
 *
 * Workers load the compiled modules (dist/): `ensureBuilt` brings dist/ up to date first. The
 * CLI runs in-process (runCli: TypeScript sources), its workers from dist/.
 */
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverServers } from '../src/engine/discover.js';
import { DEFAULT_LINT_OPTIONS } from '../src/engine/lint.js';
import { autoThreadCount, lintPathsConcurrently, WorkerCrashError } from '../src/engine/parallel.js';
import { lintPaths } from '../src/engine/run.js';
import { ensureBuilt } from './support/built-cli.js';
import { runCli } from './support/cli.js';
import { repoRoot } from './support/fixtures.js';

const SCHANNEL = 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL';

let root: string;
const write = (relative: string, content: string | Uint8Array) => {
  const file = path.join(root, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
  return file;
};

function metabase(site: number, accessSslFlags: string): string {
  return [
    '<?xml version ="1.0"?>',
    '<configuration xmlns="urn:microsoft-catalog:XML_Metabase_V64_0">',
    '<MBProperty>',
    `<IIsWebServer\tLocation ="/LM/W3SVC/${site}"`,
    '\t\tSecureBindings=":443:"',
    `\t\tServerComment="Site ${site}"`,
    '\t>',
    '</IIsWebServer>',
    `<IIsWebVirtualDir\tLocation ="/LM/W3SVC/${site}/ROOT"`,
    `\t\tAccessSSLFlags="${accessSslFlags}"`,
    '\t>',
    '</IIsWebVirtualDir>',
    '</MBProperty>',
    '</configuration>',
    '',
  ].join('\r\n');
}

function utf16Reg(lines: string[]): Buffer {
  return Buffer.concat([
    Buffer.from([0xff, 0xfe]),
    Buffer.from(['Windows Registry Editor Version 5.00', '', ...lines, ''].join('\r\n'), 'utf16le'),
  ]);
}

const sizeOf = (relative: string) => statSync(path.join(root, relative)).size;

beforeAll(() => {
  ensureBuilt();
  root = mkdtempSync(path.join(tmpdir(), 'iislint-concurrency-'));
  for (let server = 1; server <= 7; server++) {
    const folder = `fleet/web0${server}`;
    write(
      `${folder}/MetaBase.xml`,
      metabase(server, server % 2 === 0 ? 'AccessSSL | AccessSSLNegotiateCert' : 'AccessSSL | AccessSSLRequirCert'),
    );
    write(
      `${folder}/schannel.reg`,
      utf16Reg([
        `[${SCHANNEL}\\Ciphers\\RC2 40/128]`,
        // One server accepts its RC2 finding inline, one with a directive that suppresses nothing.
        ...(server === 3 ? ['; iislint-disable-next-line KSSL004 -- POS terminals need it'] : []),
        ...(server === 5 ? ['; iislint-disable-next-line KSSL005 -- no PCT finding here'] : []),
        `"Enabled"=dword:${server % 3 === 0 ? 'ffffffff' : '00000000'}`,
      ]),
    );
  }
  write('fleet/web04/notes.txt', 'not a configuration file');
  write('fleet/web06/MetaBase.xml', metabase(6, 'AccessSSL').slice(0, 200));
  write(
    'iislint.config.json',
    JSON.stringify({
      suppressions: [
        { files: ['fleet/web02/*.xml'], rules: ['KSSL002'], reason: 'extranet needs client certificates' },
        { files: ['fleet/web07/*'], rules: ['KSSL003'], reason: 'suppresses nothing' },
      ],
    }),
  );
}, 300_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The CLI with --concurrency N; a machine with fewer cores caps N and says so, which is all that may differ. */
async function runParallel(args: string[], n: number, cwd: string) {
  const result = await runCli([...args, '--concurrency', String(n)], { cwd });
  const note = `iislint: note: --concurrency ${n} is more than the ${availableParallelism()} cores here: using ${availableParallelism()}\n`;
  if (n > availableParallelism()) expect(result.stderr.startsWith(note)).toBe(true);
  return { ...result, stderr: result.stderr.replace(note, '') };
}

describe('--concurrency N gives the run of --concurrency 1', () => {
  const cases: Array<[string, string[]]> = [
    ['the fixtures and examples, as SARIF', ['fixtures', 'examples', '--no-config', '--format', 'sarif']],
    ['the fixtures and examples, as JSON', ['fixtures', 'examples', '--no-config', '--format', 'json']],
    [
      'a fleet with config suppressions and inline directives',
      ['fleet', '--format', 'sarif', '--include-suppressed', '--report-unused-directives'],
    ],
    ['a fleet, stylish and --verbose (servers and files in order)', ['fleet', '--no-config', '--verbose', '--no-color']],
  ];
  it.each(cases)(
    '%s',
    async (_name, args) => {
      const cwd = args.includes('fixtures') ? repoRoot : root;
      const single = await runParallel(args, 1, cwd);
      const parallel = await runParallel(args, 3, cwd);
      expect(single.code).toBeGreaterThanOrEqual(1);
      expect(parallel.code).toBe(single.code);
      expect(parallel.stdout).toBe(single.stdout);
      // Only the timing in the verbose summary line may differ.
      const untimed = (text: string) => text.replace(/ in \d+ ms$/m, '');
      expect(untimed(parallel.stderr)).toBe(untimed(single.stderr));
      expect(single.stdout.length).toBeGreaterThan(0);
      if (args.includes('--include-suppressed')) {
        // The case is only worth its name when suppressions and CFG006 are in the report.
        expect(single.stdout).toContain('"kind": "external"');
        expect(single.stdout).toContain('"kind": "inSource"');
        expect(single.stdout).toContain('suppresses nothing');
      }
    },
    120_000,
  );

  it('reports a file over --max-file-size the same way, and exits 2', async () => {
    const args = ['fleet', '--no-config', '--format', 'compact', '--max-file-size', '300'];
    const single = await runParallel(args, 1, root);
    const parallel = await runParallel(args, 4, root);
    expect(single.code).toBe(2);
    expect(single.stderr).toContain(
      `iislint: fleet/web01/MetaBase.xml: ${sizeOf('fleet/web01/MetaBase.xml')} bytes, over the --max-file-size limit of 300 bytes: not read\n`,
    );
    expect(parallel).toEqual(single);
  }, 120_000);

  it('a named file over the limit is reported, and the other files are still linted, as one thread does', async () => {
    const args = ['fleet/web01', 'fleet/web02/MetaBase.xml', 'fleet/web03', '--no-config', '--max-file-size', '300', '--format', 'compact'];
    const single = await runCli([...args, '--concurrency', '1'], { cwd: root });
    const parallel = await runParallel(args, 3, root);
    expect(single.code).toBe(2);
    expect(single.stderr).toContain(
      `iislint: fleet/web02/MetaBase.xml: ${sizeOf('fleet/web02/MetaBase.xml')} bytes, over the --max-file-size limit of 300 bytes: not read\n`,
    );
    // The run went on past the named file: web03, searched after it, was read too.
    expect(single.stderr).toMatch(/^iislint: fleet\/web03\/\S+: \d+ bytes, over the --max-file-size limit of 300 bytes: not read$/m);
    expect(parallel).toEqual(single);
  }, 120_000);

  it('rejects a --concurrency that is not auto or a whole number ≥ 1', async () => {
    for (const value of ['0', '-1', 'two', '1.5']) {
      expect(await runCli(['fleet', '--concurrency', value], { cwd: root })).toEqual({
        code: 2,
        stdout: '',
        stderr: `iislint: --concurrency ${value}: expected auto or a whole number ≥ 1\n`,
      });
    }
  });
});

describe('worker threads that fail', () => {
  const crashingWorker = (name: string, body: string) => pathToFileURL(write(`workers/${name}.mjs`, body));
  const lintWith = (workerUrl: URL) =>
    lintPathsConcurrently(['fleet'], { ...DEFAULT_LINT_OPTIONS, cwd: root }, { concurrency: 2, workerUrl });

  it('an exception in a worker: one line naming the server', async () => {
    const url = crashingWorker(
      'throws',
      "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => { throw new Error('boom'); });\n",
    );
    const error = await lintWith(url).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WorkerCrashError);
    expect((error as Error).message).toMatch(/^a worker thread crashed while linting fleet\/web0\d: boom$/);
  }, 30_000);

  it('a worker that exits: one line with the exit code', async () => {
    const url = crashingWorker(
      'exits',
      "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => process.exit(3));\n",
    );
    const error = await lintWith(url).catch((caught: unknown) => caught);
    expect((error as Error).message).toMatch(/^a worker thread exited with code 3 while linting fleet\/web0\d$/);
  }, 30_000);

  it('a worker that sends something else', async () => {
    const url = crashingWorker(
      'garbles',
      "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => parentPort.postMessage('?'));\n",
    );
    await expect(lintWith(url)).rejects.toThrow(/^a worker thread sent an unexpected message while linting fleet\/web0\d$/);
  }, 30_000);

  it('a worker that cannot load', async () => {
    const error = await lintWith(pathToFileURL(path.join(root, 'workers/missing.mjs'))).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WorkerCrashError);
    expect((error as Error).message).not.toContain('\n');
  }, 30_000);

  it('workers started before discovery and then not needed (one server) are let go, even one that cannot load', async () => {
    const options = { ...DEFAULT_LINT_OPTIONS, cwd: root };
    const alone = await lintPathsConcurrently(['fleet/web01'], options, { concurrency: 4 });
    expect(alone.lintedServers).toBeUndefined();
    expect(alone.findings).toEqual(lintPaths(['fleet/web01'], options).findings);
    expect(alone.findings.length).toBeGreaterThan(0);
    // A broken worker module that nobody needs: the run in this thread goes on.
    const workerUrl = pathToFileURL(path.join(root, 'workers/missing.mjs'));
    const unused = await lintPathsConcurrently(['fleet/web01'], options, { concurrency: 3, workerUrl });
    expect(unused.findings).toEqual(alone.findings);
    // Discovery fails (a path that does not exist): the workers started for it are let go too.
    await expect(lintPathsConcurrently(['no-such-folder'], options, { concurrency: 3, workerUrl })).rejects.toThrow(/^no-such-folder: /);
  }, 30_000);

  it('a worker that reports an internal error', async () => {
    const url = crashingWorker(
      'reports',
      "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', (jobs) => parentPort.postMessage(jobs.map((job) => ({ index: job.index, kind: 'crash', message: 'rule bug', stack: undefined }))));\n",
    );
    await expect(lintWith(url)).rejects.toThrow(/^a worker thread failed while linting fleet\/web0\d: rule bug$/);
  }, 30_000);
});

describe('choosing the number of workers', () => {
  it('auto stays in this thread for small inputs, and for one server', () => {
    expect(autoThreadCount(discoverServers(['fleet'], { cwd: root }), 8)).toBe(1);
    expect(autoThreadCount(discoverServers(['fleet/web01'], { cwd: root }), 8)).toBe(1);
    expect(autoThreadCount(discoverServers(['fleet'], { cwd: root }), 1)).toBe(1);
  });

  it('auto uses one thread per core from 3 cores, at most one per server, when there is enough input', () => {
    const big = mkdtempSync(path.join(tmpdir(), 'iislint-auto-'));
    try {
      for (let server = 0; server < 3; server++) {
        mkdirSync(path.join(big, `s${server}`));
        writeFileSync(path.join(big, `s${server}`, 'MetaBase.xml'), ' '.repeat(1024 * 1024));
      }
      const groups = discoverServers([big], { cwd: big });
      expect(autoThreadCount(groups, 2)).toBe(1); // 2 cores: the garbage collector has the second one
      expect(autoThreadCount(groups, 4)).toBe(3);
      expect(autoThreadCount(groups, 8)).toBe(3);
      expect(availableParallelism()).toBeGreaterThanOrEqual(1);
    } finally {
      rmSync(big, { recursive: true, force: true });
    }
  });

  it('options that cannot cross to a worker keep the run in this thread', async () => {
    const options = { ...DEFAULT_LINT_OPTIONS, cwd: root, extra: () => 'not cloneable' };
    const run = await lintPathsConcurrently(['fleet'], options, { concurrency: 4 });
    expect(run.lintedServers).toBeUndefined();
    expect(run.findings).toEqual(lintPaths(['fleet'], options).findings);
  });
});

describe('one thread without the models (the CLI, except --fix)', () => {
  it('keeps what worker threads send back: the same findings, files and servers, and no model', async () => {
    const options = { ...DEFAULT_LINT_OPTIONS, cwd: root };
    const kept = await lintPathsConcurrently(['fleet'], options, { concurrency: 1 });
    const dropped = await lintPathsConcurrently(['fleet'], options, { concurrency: 1, keepModels: false });
    expect(kept.servers.length).toBe(7);
    expect(dropped.servers).toEqual([]);
    expect(dropped.lintedServers).toEqual(
      kept.servers.map(({ name, os, osReason, osDetail, notes }) => ({ name, os, osReason, osDetail, notes })),
    );
    expect(dropped.files).toEqual(kept.files);
    expect(dropped.files.some((file) => file.kind === 'skipped')).toBe(true);
    expect(dropped.findings).toEqual(kept.findings);
    expect(dropped.unreadable).toEqual(kept.unreadable);
  });
});
