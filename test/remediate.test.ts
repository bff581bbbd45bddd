import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LINT_OPTIONS, lintServer, type LintOptions } from '../src/engine/lint.js';
import { loadServer, type FileInput } from '../src/engine/load.js';
import { lintPaths } from '../src/engine/run.js';
import { buildRemediation, REMEDIATED_SUBJECTS } from '../src/fix/remediate.js';
import { parseReg } from '../src/parse/reg.js';
import { decodeBytes } from '../src/parse/text.js';
import { KSSL004 } from '../src/rules/KSSL004.js';
import { KSSL005 } from '../src/rules/KSSL005.js';
import { runCli } from './support/cli.js';
import { repoRoot } from './support/fixtures.js';

const V5 = 'Windows Registry Editor Version 5.00';
const S = 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL';
const TOOL = { name: 'iislint', version: '9.9.9' };
const examples = path.join(repoRoot, 'examples');

let root: string;
beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'iislint-remediate-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function examplesRun(options: Partial<LintOptions> = {}) {
  return lintPaths([examples], { ...DEFAULT_LINT_OPTIONS, ...options, cwd: repoRoot });
}

/** A server folder's files as the engine reads them, plus `extra` files. */
function serverFiles(folder: string, extra: FileInput[] = []): FileInput[] {
  const files = readdirSync(folder).map((name) => ({ path: `${folder}/${name}`, bytes: readFileSync(path.join(folder, name)) }));
  return [...files, ...extra];
}

describe('the remediation file for examples/', () => {
  const remediation = buildRemediation(examplesRun().servers, TOOL);

  it('is exactly this text, as regedit writes it: UTF-16LE with BOM, CRLF, a blank line after every key', () => {
    const key = (name: string) => [`[${S}\\${name}]`, '"Enabled"=dword:00000000', ''];
    const default2003 = 'the Windows Server 2003 SP1 default';
    expect(remediation.text.split('\r\n')).toEqual([
      V5,
      '',
      '; Written by iislint 9.9.9 (`iislint remediate`). It sets "Enabled"=dword:00000000 for',
      '; every RC2 cipher and for PCT 1.0 (server side) that is enabled on at least one linted server:',
      '; kernel-mode SSL cannot use them, and they are weak (RC2: export-grade ciphers; PCT 1.0: MS04-011).',
      '; Import it on each server (`reg import <file>`) and restart the server: KB245030 asks for a restart after SCHANNEL changes.',
      '; Linted servers: examples/web01-intranet, examples/web02-shop, examples/web03-hardened, examples/web06-win2019',
      ';',
      `; RC2 128/128: enabled on examples/web01-intranet (${default2003}); examples/web02-shop (${default2003})`,
      `; RC2 40/128: enabled on examples/web01-intranet (${default2003}); examples/web02-shop (${default2003})`,
      `; RC2 56/128: enabled on examples/web01-intranet (${default2003}); examples/web02-shop (${default2003})`,
      '; PCT 1.0\\Server: enabled on examples/web01-intranet ("Enabled"=dword:00000001 in examples/web01-intranet/schannel.reg line 28)',
      '',
      ...key('Ciphers\\RC2 128/128'),
      ...key('Ciphers\\RC2 40/128'),
      ...key('Ciphers\\RC2 56/128'),
      ...key('Protocols\\PCT 1.0\\Server'),
      '',
    ]);
    expect([...remediation.bytes.subarray(0, 4)]).toEqual([0xff, 0xfe, 0x57, 0x00]);
    expect(Buffer.from(remediation.bytes).equals(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(remediation.text, 'utf16le')]))).toBe(true);
    expect(remediation.text.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
  });

  it('parses back with the project\'s own parser: regedit 5, no diagnostics, each key once', () => {
    const source = decodeBytes('remediate.reg', remediation.bytes);
    expect([source.encoding, source.bom, source.newline]).toEqual(['utf-16le', true, 'crlf']);
    const document = parseReg(source);
    expect(document.dialect).toBe('regedit5');
    expect(document.diagnostics).toEqual([]);
    expect(document.keys.map((key) => [key.path, key.values.map((value) => [value.name, value.data])])).toEqual(
      remediation.keys.map((key) => [key.path, [['Enabled', { type: 'REG_DWORD', typeCode: 4, dword: 0 }]]]),
    );
  });

  it.each(['web01-intranet', 'web02-shop', 'web03-hardened'])(
    'applied after %s\'s own files, every RC2 and PCT 1.0 server setting is off and KSSL004/KSSL005 are quiet',
    (name) => {
      const folder = path.join('examples', name);
      const files = serverFiles(path.join(repoRoot, folder)).map((file) => ({ ...file, path: path.relative(repoRoot, file.path) }));
      const remediated = [...files, { path: `${folder}/zz-iislint-remediate.reg`, bytes: remediation.bytes }];
      const model = loadServer(folder, remediated, undefined);
      for (const subject of REMEDIATED_SUBJECTS) expect(model.schannel.setting(subject)?.state, subject.name).not.toBe('enabled');
      expect(lintServer(model, { ...DEFAULT_LINT_OPTIONS, kernelSsl: 'on' }, [KSSL004, KSSL005])).toEqual([]);
    },
  );

  it('does not depend on --kernel-ssl or rule levels: it is built from the models, not from findings', () => {
    const off = buildRemediation(examplesRun({ kernelSsl: 'off', ruleSettings: new Map([['KSSL004', 'off']]) }).servers, TOOL);
    expect(off.text).toBe(remediation.text);
  });
});

describe('which settings it disables', () => {
  const PCT = `[${S}\\Protocols\\PCT 1.0\\Server]`;

  it('explicit enabling values on a server without a known OS, each key once across servers, sorted', () => {
    const a = [{ path: 'a/schannel.reg', bytes: Buffer.from(`${V5}\r\n\r\n[${S}\\Ciphers\\RC2 56/56]\r\n"Enabled"=dword:ffffffff\r\n[${S}\\Ciphers\\RC2 40/128]\r\n"Enabled"=dword:ffffffff\r\n${PCT}\r\n"Enabled"=dword:00000001\r\n`) }];
    const b = [{ path: 'b/schannel.reg', bytes: Buffer.from(`${V5}\r\n\r\n${PCT.toLowerCase()}\r\n"Enabled"=dword:00000002\r\n`) }];
    const remediation = buildRemediation([loadServer('a', a, undefined), loadServer('b', b, undefined)], TOOL);
    expect(remediation.keys).toEqual([
      // `RC2 56/56` (line 4) is DES (KB245030), not RC2: kernel-mode SSL does not need it off.
      { label: 'RC2 40/128', path: `${S}\\Ciphers\\RC2 40/128`, enabledOn: [{ server: 'a', because: '"Enabled"=dword:ffffffff in a/schannel.reg line 6' }] },
      {
        label: 'PCT 1.0\\Server',
        path: `${S}\\Protocols\\PCT 1.0\\Server`,
        enabledOn: [
          { server: 'a', because: '"Enabled"=dword:00000001 in a/schannel.reg line 8' },
          { server: 'b', because: '"Enabled"=dword:00000002 in b/schannel.reg line 4' },
        ],
      },
    ]);
  });

  it('nothing when everything is off or unknown: a file with only the header and a line saying so', () => {
    const off = [{ path: 'x.reg', bytes: Buffer.from(`${V5}\r\n\r\n${PCT}\r\n"Enabled"=dword:00000000\r\n`) }];
    const remediation = buildRemediation([loadServer('x', off, undefined)], TOOL);
    expect(remediation.keys).toEqual([]);
    expect(remediation.text).toMatch(/; Nothing to disable: no linted server has an RC2 cipher or PCT 1.0 enabled\.\r\n\r\n$/);
    expect(parseReg(decodeBytes('r.reg', remediation.bytes)).keys).toEqual([]);
  });

  it('a server name cannot break out of its comment line', () => {
    const files = [{ path: 'x.reg', bytes: Buffer.from(`${V5}\r\n\r\n${PCT}\r\n"Enabled"=dword:00000001\r\n`) }];
    const remediation = buildRemediation([loadServer('evil\r\n[HKEY_LOCAL_MACHINE\\X]', files, undefined)], TOOL);
    expect(remediation.text).toContain('; Linted servers: evil??[HKEY_LOCAL_MACHINE\\X]\r\n');
    expect(parseReg(decodeBytes('r.reg', remediation.bytes)).keys.map((key) => key.path)).toEqual([`${S}\\Protocols\\PCT 1.0\\Server`]);
  });
});

describe('iislint remediate', () => {
  it('writes the file named by -o and exits 0', async () => {
    cpSync(examples, path.join(root, 'examples'), { recursive: true });
    const result = await runCli(['remediate', 'examples', '--no-config', '-o', 'out/fix.reg'], { cwd: root });
    expect(result).toMatchObject({ code: 0, stdout: '', stderr: '' });
    const expected = buildRemediation(lintPaths(['examples'], { ...DEFAULT_LINT_OPTIONS, cwd: root }).servers, { name: 'iislint', version: JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).version });
    expect(readFileSync(path.join(root, 'out', 'fix.reg')).equals(Buffer.from(expected.bytes))).toBe(true);
  });

  it.each([[[]], [['-o', '-']]])('refuses to print the UTF-16 file to stdout (%j): exit 2, one line', async (args) => {
    const result = await runCli(['remediate', 'examples', '--no-config', ...args], { cwd: root });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('iislint: remediate writes a UTF-16LE .reg file: name it with -o FILE.reg\n');
    expect(result.stdout).toBe('');
  });

  it('says so on stderr when there is nothing to remediate, and still writes the header-only file', async () => {
    mkdirSync(path.join(root, 'hardened'), { recursive: true });
    cpSync(path.join(examples, 'web03-hardened'), path.join(root, 'hardened'), { recursive: true });
    const result = await runCli(['remediate', 'hardened', '--no-config', '-o', 'hardened.reg'], { cwd: root });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('iislint: nothing to remediate: no RC2 cipher or PCT 1.0 is enabled on 1 linted server; hardened.reg holds only the header\n');
    expect(existsSync(path.join(root, 'hardened.reg'))).toBe(true);
  });

  it('honours --os: with an unknown OS only explicit values count', async () => {
    // A file named on the command line belongs to its folder's server: `only`.
    mkdirSync(path.join(root, 'only'), { recursive: true });
    writeFileSync(path.join(root, 'only', 'only.reg'), `${V5}\r\n\r\n[${S}\\Ciphers]\r\n`);
    const unknown = await runCli(['remediate', 'only/only.reg', '--no-config', '-o', 'only-unknown.reg'], { cwd: root });
    expect(unknown.stderr).toMatch(/nothing to remediate/);
    const forced = await runCli(['remediate', 'only/only.reg', '--no-config', '--os', 'win2003-sp2', '-o', 'only-2003.reg'], { cwd: root });
    expect(forced.stderr).toBe('');
    const text = decodeBytes('r.reg', readFileSync(path.join(root, 'only-2003.reg'))).text;
    expect(text).toContain('; RC2 40/128: enabled on only (the Windows Server 2003 SP2 default)\r\n');
  });
});
