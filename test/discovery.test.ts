/**
 * What the paths on the command line mean (issue 14, items 5 and 6): folders, files named one by
 * one (they join their folder's server), globs (quoted, so the linter expands them), and a path
 * with nothing to lint (exit 2, as ESLint does).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/cli.js';

const SCHANNEL = 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL';
/** Kernel-mode SSL on: RC2 left enabled breaks now, not only when it is enabled. */
const METABASE = [
  '<?xml version ="1.0"?>',
  '<configuration>',
  '<MBProperty>',
  '<IIsWebService Location ="/LM/W3SVC"',
  '\t\tEnableKernelSSL="1"',
  '\t>',
  '</IIsWebService>',
  '</MBProperty>',
  '</configuration>',
  '',
].join('\r\n');
const RC2_REG = ['Windows Registry Editor Version 5.00', '', `[${SCHANNEL}\\Ciphers\\RC2 40/128]`, '"Enabled"=dword:ffffffff', ''].join('\r\n');
const CLEAN_REG = ['Windows Registry Editor Version 5.00', '', `[${SCHANNEL}\\Protocols\\TLS 1.2\\Server]`, '"Enabled"=dword:00000001', ''].join('\r\n');

interface JsonReport {
  findings: Array<{ rule: string; file: string; server: string; message: string }>;
  files: Array<{ path: string; server: string; kind: string; skipReason?: string }>;
}

let root: string;
const write = (relative: string, content: string) => {
  const file = path.join(root, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
};
const lint = (args: string[]) => runCli([...args, '--no-config'], { cwd: root });
const json = async (args: string[]) => {
  const result = await lint([...args, '--format', 'json']);
  return { ...result, report: JSON.parse(result.stdout) as JsonReport };
};

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'iislint-discovery-'));
  write('servers/web01/MetaBase.xml', METABASE);
  write('servers/web01/schannel.reg', RC2_REG);
  write('servers/web01/clean.reg', CLEAN_REG);
  write('servers/web01/notes.txt', 'deployment notes\n');
  write('servers/web02/schannel.reg', CLEAN_REG);
  mkdirSync(path.join(root, 'empty'));
  write('docs/readme.txt', 'nothing here\n');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('a path with nothing to lint', () => {
  it.each([
    [['empty'], 'iislint: nothing to lint in empty: it holds no files (--no-error-on-unmatched-pattern allows this)\n'],
    [['docs'], 'iislint: nothing to lint in docs: no MetaBase.xml or registry export among the file it holds (--no-error-on-unmatched-pattern allows this)\n'],
    [['servers/*/*.xmlx'], 'iislint: no files match servers/*/*.xmlx (--no-error-on-unmatched-pattern allows this)\n'],
    [['servers/web02', '--ignore-pattern', '*.reg'], 'iislint: nothing to lint in servers/web02: it holds no files; 1 more is ignored (--no-error-on-unmatched-pattern allows this)\n'],
    [['servers', 'docs/*.txt'], 'iislint: nothing to lint in docs/*.txt: no MetaBase.xml or registry export among the file it matches (--no-error-on-unmatched-pattern allows this)\n'],
  ])('%j: one line naming it, exit 2', async (args, stderr) => {
    const result = await lint(args);
    expect(result.stderr).toBe(stderr);
    expect(result.code).toBe(2);
  });

  it('--no-error-on-unmatched-pattern allows it (and --verbose still says so)', async () => {
    expect(await lint(['empty', '--no-error-on-unmatched-pattern'])).toEqual({ code: 0, stdout: '', stderr: '' });
    const verbose = await lint(['docs', '--no-error-on-unmatched-pattern', '--verbose']);
    expect(verbose.code).toBe(0);
    expect(verbose.stderr).toContain('iislint: nothing to lint in docs: no MetaBase.xml or registry export among the file it holds (allowed by --no-error-on-unmatched-pattern)\n');
  });

  it('a folder with a file to lint beside unrecognised ones is not "nothing to lint"', async () => {
    expect((await lint(['servers/web01', '--preset', 'kernel-ssl', '--rule', 'KSSL004:off'])).code).toBe(0);
  });
});

describe('files named one by one', () => {
  it('join their folder\'s server, so findings are those of the folder (kernel-mode SSL from the metabase)', async () => {
    const folder = await json(['servers/web01']);
    const named = await json(['servers/web01/MetaBase.xml', 'servers/web01/schannel.reg', 'servers/web01/clean.reg']);
    expect(named.code).toBe(folder.code);
    expect(named.report.findings).toEqual(folder.report.findings);
    const rc2 = named.report.findings.find((finding) => finding.rule === 'KSSL004');
    expect(rc2).toMatchObject({ server: path.join('servers', 'web01'), message: expect.stringMatching(/EnableKernelSSL/) });
  });

  it('only the named files are linted', async () => {
    const { report } = await json(['servers/web01/MetaBase.xml', 'servers/web01/clean.reg']);
    expect(report.files.map((file) => file.path)).toEqual([path.join('servers', 'web01', 'MetaBase.xml'), path.join('servers', 'web01', 'clean.reg')].sort());
    expect(report.files.every((file) => file.server === path.join('servers', 'web01'))).toBe(true);
  });

  it('--server-per-file keeps the old grouping: each named file a server of its own', async () => {
    const { report } = await json(['servers/web01/MetaBase.xml', 'servers/web01/schannel.reg', '--server-per-file']);
    expect(report.files.map((file) => [file.path, file.server])).toEqual([
      [path.join('servers', 'web01', 'MetaBase.xml'), path.join('servers', 'web01', 'MetaBase.xml')],
      [path.join('servers', 'web01', 'schannel.reg'), path.join('servers', 'web01', 'schannel.reg')],
    ]);
    // Without the metabase beside it, the .reg cannot say kernel-mode SSL is on.
    const message = (run: JsonReport) => run.findings.find((finding) => finding.rule === 'KSSL004')?.message;
    expect(message(report)).toBeDefined();
    expect(message(report)).not.toBe(message((await json(['servers/web01'])).report));
  });

  it('an unrecognised file named literally is an error, exit 2', async () => {
    const result = await lint(['servers/web01/notes.txt', 'servers/web01/clean.reg']);
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: 'iislint: servers/web01/notes.txt: not linted: not a MetaBase.xml or a registry export (no XML root, no regedit header)\n',
    });
  });
});

describe('glob patterns in paths', () => {
  it('a quoted glob is expanded by the linter; its files join their folders\' servers', async () => {
    const { code, report } = await json(['servers/*/*.reg', 'servers/web01/MetaBase.xml']);
    expect(code).toBe(1);
    expect(report.files.map((file) => [file.path, file.server])).toEqual([
      [path.join('servers', 'web01', 'MetaBase.xml'), path.join('servers', 'web01')],
      [path.join('servers', 'web01', 'clean.reg'), path.join('servers', 'web01')],
      [path.join('servers', 'web01', 'schannel.reg'), path.join('servers', 'web01')],
      [path.join('servers', 'web02', 'schannel.reg'), path.join('servers', 'web02')],
    ]);
    expect(report.findings).toEqual((await json(['servers/web01'])).report.findings);
  });

  it('a glob matching a folder searches it; `**` crosses folders', async () => {
    expect((await json(['servers/web0[2-9]'])).report.files.map((file) => file.path)).toEqual([path.join('servers', 'web02', 'schannel.reg')]);
    expect((await json(['**/schannel.reg'])).report.files.map((file) => file.path)).toEqual([
      path.join('servers', 'web01', 'schannel.reg'),
      path.join('servers', 'web02', 'schannel.reg'),
    ]);
  });

  it('an unrecognised file a glob matches is skipped, with its reason in --verbose', async () => {
    const result = await lint(['servers/web01/*', '--verbose', '--preset', 'kernel-ssl', '--rule', 'KSSL004:off']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`iislint: skipped ${path.join('servers', 'web01', 'notes.txt')}: not a MetaBase.xml or a registry export`);
  });

  it('an invalid glob is an error of use', async () => {
    expect(await lint(['servers/[z-a]/*.reg'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'iislint: servers/[z-a]/*.reg: not a valid glob: the range z-a in [z-a] is out of order\n',
    });
  });
});
