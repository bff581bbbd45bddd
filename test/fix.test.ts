import * as nodeFs from 'node:fs';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LINT_OPTIONS, lintServer, type Finding } from '../src/engine/lint.js';
import { loadServer } from '../src/engine/load.js';
import { lintPaths } from '../src/engine/run.js';
import { diffLines, splitLines, unifiedDiff } from '../src/fix/diff.js';
import { canEncode, isWritableFix, spliceBytes, UnwritableEditError } from '../src/fix/encoding.js';
import { computeFixes, planFixPass, writeFixedFiles, type FixedFile } from '../src/fix/fixer.js';
import { NODE_FS, writeFileAtomic, type WriterFs } from '../src/fix/write.js';
import { decodeBytes, decodeWindows1252, encodeWindows1252, sourceFromText } from '../src/parse/text.js';
import { RULES } from '../src/rules/index.js';
import type { Rule } from '../src/rules/types.js';
import { runCli } from './support/cli.js';
import { countingReads, expectLinear } from './support/work.js';
import { corpusDir, corpusFiles, hasCorpus } from './support/corpus.js';

const V5 = 'Windows Registry Editor Version 5.00';
const S = 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL';
const PCT_SERVER = `[${S}\\Protocols\\PCT 1.0\\Server]`;
const RC2_40 = `[${S}\\Ciphers\\RC2 40/128]`;

const utf16le = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
const utf16be = (text: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
const utf8bom = (text: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);

let root: string;
beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'iislint-fix-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A fresh folder under the temp root holding `files`; returns its name relative to the root. */
let serverCount = 0;
function server(files: Record<string, string | Uint8Array>): string {
  const name = `server${++serverCount}`;
  for (const [file, content] of Object.entries(files)) {
    const full = path.join(root, name, file);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return name;
}

const read = (relative: string) => readFileSync(path.join(root, relative));

/** Bytes before `start` and from `end` on (in the original) are the same in `after`. */
function expectUnchangedOutside(before: Uint8Array, after: Uint8Array, start: number, endInBefore: number): void {
  const tail = before.length - endInBefore;
  expect(Buffer.from(after.subarray(0, start)).equals(Buffer.from(before.subarray(0, start)))).toBe(true);
  expect(Buffer.from(after.subarray(after.length - tail)).equals(Buffer.from(before.subarray(endInBefore)))).toBe(true);
}

describe('windows-1252 encoding', () => {
  it('encodes every decoded byte back to itself, undefined bytes included', () => {
    const all = Uint8Array.from({ length: 256 }, (_, byte) => byte);
    expect(Buffer.from(encodeWindows1252(decodeWindows1252(all))!).equals(Buffer.from(all))).toBe(true);
  });

  it('maps the 0x80-0x9F characters and refuses what windows-1252 has no byte for', () => {
    expect([...encodeWindows1252('€‚Ž™ÿé')!]).toEqual([0x80, 0x82, 0x8e, 0x99, 0xff, 0xe9]);
    expect(encodeWindows1252('a\u2215b')).toBeUndefined(); // DIVISION SLASH
    expect(encodeWindows1252('\u0080')).toBeUndefined(); // byte 0x80 is €, so U+0080 has no byte
    expect(encodeWindows1252('Ā')).toBeUndefined();
    expect(canEncode('\u2215', 'utf-8')).toBe(true);
    expect(canEncode('\ud800', 'utf-16le')).toBe(false);
    expect(canEncode('😀', 'utf-16le')).toBe(true);
  });
});

describe('spliceBytes: every byte outside the edits stays', () => {
  it('UTF-16LE with BOM and CRLF: 2 bytes per code unit after the BOM', () => {
    const text = `${V5}\r\n; Café ✓ 😀\r\n${PCT_SERVER}\r\n"Enabled"=dword:00000001\r\n; fin ü\r\n`;
    const bytes = utf16le(text);
    const source = decodeBytes('a.reg', bytes);
    const start = text.indexOf('dword:00000001');
    const fixed = spliceBytes(bytes, source, [{ span: { start, end: start + 14 }, text: 'dword:00000000' }]);
    expect(Buffer.from(fixed).equals(utf16le(text.replace('dword:00000001', 'dword:00000000')))).toBe(true);
    expectUnchangedOutside(bytes, fixed, 2 + 2 * start, 2 + 2 * (start + 14));
  });

  it('UTF-16BE with BOM', () => {
    const text = `${V5}\r\n${PCT_SERVER}\r\n"Enabled"=dword:1\r\n`;
    const start = text.indexOf('dword:1');
    const fixed = spliceBytes(utf16be(text), decodeBytes('a.reg', utf16be(text)), [{ span: { start, end: start + 7 }, text: 'dword:00000000' }]);
    expect(Buffer.from(fixed).equals(utf16be(text.replace('dword:1', 'dword:00000000')))).toBe(true);
  });

  it('UTF-8 with BOM: byte length of the prefix (2-, 3- and 4-byte characters before the edit)', () => {
    const text = `${V5}\n; é € 😀 ∕\n${RC2_40} "Enabled"=dword:00000000\n; ü\n`;
    const bytes = utf8bom(text);
    const source = decodeBytes('a.reg', bytes);
    const start = text.indexOf(' "Enabled"');
    const fixed = spliceBytes(bytes, source, [{ span: { start, end: start + 1 }, text: '\n' }]);
    expect(Buffer.from(fixed).equals(utf8bom(text.replace('] "Enabled"', ']\n"Enabled"')))).toBe(true);
    const byteStart = 3 + Buffer.byteLength(text.slice(0, start));
    expectUnchangedOutside(bytes, fixed, byteStart, byteStart + 1);
  });

  it('windows-1252: one byte per character; non-ASCII and undefined bytes elsewhere stay', () => {
    const bytes = Buffer.concat([
      Buffer.from(`${V5}\r\n; `),
      Buffer.from([0xe9, 0x80, 0x81, 0x9d, 0xff]),
      Buffer.from(`\r\n${PCT_SERVER}\r\n"Enabled"=dword:00000001\r\n; `),
      Buffer.from([0x8d, 0xe4]),
      Buffer.from('\r\n'),
    ]);
    const source = decodeBytes('a.reg', bytes);
    expect(source.encoding).toBe('windows-1252');
    const start = source.text.indexOf('00000001');
    const fixed = spliceBytes(bytes, source, [{ span: { start: start + 7, end: start + 8 }, text: '0' }]);
    const expected = Buffer.from(bytes);
    expected[bytes.indexOf('00000001') + 7] = 0x30;
    expect(Buffer.from(fixed).equals(expected)).toBe(true);
  });

  it('refuses what it cannot write byte-exactly', () => {
    const ansi = decodeBytes('a.reg', Buffer.from([0x41, 0xe9, 0x0d, 0x0a]));
    expect(() => spliceBytes(Buffer.from([0x41, 0xe9, 0x0d, 0x0a]), ansi, [{ span: { start: 0, end: 1 }, text: '\u2215' }])).toThrow(UnwritableEditError);
    const odd = Buffer.concat([utf16le('AB'), Buffer.from([0x41])]);
    expect(() => spliceBytes(odd, decodeBytes('a.reg', odd), [{ span: { start: 0, end: 0 }, text: 'x' }])).toThrow(/does not decode cleanly/);
  });

  it('isWritableFix: no fix for a file with decode errors or text its encoding cannot hold', () => {
    const ansi = decodeBytes('a.reg', Buffer.from([0x41, 0xe9]));
    const edit = (text: string) => ({ description: 'x', edits: [{ file: ansi, span: { start: 0, end: 1 }, text }] });
    expect(isWritableFix(edit('B'))).toBe(true);
    expect(isWritableFix(edit('\u2215'))).toBe(false);
    const broken = decodeBytes('b.reg', Buffer.concat([utf16le('AB'), Buffer.from([0x41])]));
    expect(isWritableFix({ description: 'x', edits: [{ file: broken, span: { start: 0, end: 0 }, text: 'x' }] })).toBe(false);
  });
});

describe('which rules carry fixes', () => {
  it('exactly KSSL004, KSSL005, CFG003, CFG005, IIS002, the TLS rules that switch weak crypto off and WEB008, WEB013, WEB017 are fixable; their docs say `iislint --fix`', () => {
    expect(RULES.filter((rule) => rule.meta.fixable).map((rule) => rule.meta.id)).toEqual([
      'CFG003', 'CFG005', 'IIS002', 'KSSL004', 'KSSL005', 'TLS001', 'TLS002', 'TLS007', 'TLS008', 'TLS009', 'TLS010', 'TLS011', 'WEB008', 'WEB013', 'WEB017',
    ]);
    for (const rule of RULES.filter((candidate) => candidate.meta.fixable)) {
      const howToFix = rule.meta.helpMarkdown.slice(rule.meta.helpMarkdown.indexOf('## How to fix'));
      expect(howToFix.split('\n## ')[0], rule.meta.id).toContain('iislint --fix');
    }
  });

  it('the engine drops a fix from a rule that is not marked fixable', () => {
    const file = sourceFromText('a.reg', `${V5}\r\n`);
    const offering = (fixable: boolean): Rule => ({
      meta: { ...RULES[0]!.meta, id: 'CFG999', fixable },
      check: () => [{ message: 'm', file, span: { start: 0, end: 1 }, subject: 's', fix: { description: 'd', edits: [{ file, span: { start: 0, end: 1 }, text: 'w' }] } }],
    });
    const model = loadServer('s', [{ path: 'a.reg', bytes: Buffer.from(`${V5}\r\n`) }], undefined);
    expect(lintServer(model, DEFAULT_LINT_OPTIONS, [offering(false)])[0]!.fix).toBeUndefined();
    expect(lintServer(model, DEFAULT_LINT_OPTIONS, [offering(true)])[0]!.fix?.edits).toHaveLength(1);
  });
});

describe('planFixPass', () => {
  const finding = (server: string, file: string, start: number, end: number, deferred = false): Finding =>
    ({
      ruleId: 'KSSL004',
      level: 'error',
      message: `${file}:${start}`,
      server,
      file: { path: file, encoding: 'utf-8', bom: false, newline: 'lf' },
      span: { start, end },
      region: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 },
      subject: 's',
      fingerprint: '',
      fix: { description: 'd', edits: [{ path: file, span: { start, end }, region: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 }, text: 'x' }], ...(deferred ? { deferred } : {}) },
    }) as Finding;
  const usable = new Set(['a.reg', 'b.reg']);

  it('applies the first of overlapping edits; the other waits for the next pass', () => {
    const planned = planFixPass([finding('s', 'a.reg', 0, 5), finding('s', 'a.reg', 3, 8), finding('s', 'a.reg', 8, 9)], usable);
    expect(planned.map((fix) => fix.finding.message)).toEqual(['a.reg:0', 'a.reg:8']);
  });

  it('keeps a deferred fix back while another fix of its server is pending', () => {
    const deferredOnly = [finding('s', 'b.reg', 20, 20, true)];
    expect(planFixPass(deferredOnly, usable)).toHaveLength(1);
    const mixed = planFixPass([finding('s', 'a.reg', 0, 1), finding('s', 'b.reg', 20, 20, true), finding('t', 'b.reg', 30, 30, true)], usable);
    expect(mixed.map((fix) => fix.finding.message)).toEqual(['a.reg:0', 'b.reg:30']);
  });

  it('skips fixes touching a file that may not be edited', () => {
    expect(planFixPass([finding('s', 'c.reg', 0, 1)], usable)).toEqual([]);
  });
});

describe('--fix on disk', () => {
  it('UTF-16LE + BOM + CRLF: rewrites the two values and nothing else', async () => {
    const text = `${V5}\r\n\r\n; Réglage ✓\r\n${RC2_40}\r\n"Enabled"=dword:ffffffff\r\n\r\n${PCT_SERVER}\r\n"Enabled"=dword:00000001\r\n`;
    const dir = server({ 'schannel.reg': utf16le(text) });
    const result = await runCli(['--no-config', dir, '--fix'], { cwd: root });
    expect(result).toMatchObject({ code: 0, stdout: '', stderr: '' });
    const expected = text.replace('dword:ffffffff', 'dword:00000000').replace('dword:00000001', 'dword:00000000');
    const after = read(`${dir}/schannel.reg`);
    expect(after.equals(utf16le(expected))).toBe(true);
    expectUnchangedOutside(utf16le(text), after, 2 + 2 * text.indexOf('ffffffff'), 2 + 2 * text.indexOf('00000001') + 16);
  });

  it('UTF-8 + BOM, LF: moves a value off its key line with an LF', async () => {
    const text = `${V5}\n\n; é 😀\n${RC2_40} "Enabled"=dword:00000000\n`;
    const dir = server({ 'schannel.reg': utf8bom(text) });
    const result = await runCli(['--no-config', dir, '--fix'], { cwd: root });
    expect(result.code).toBe(0);
    expect(read(`${dir}/schannel.reg`).equals(utf8bom(text.replace('] "Enabled"', ']\n"Enabled"')))).toBe(true);
  });

  it('windows-1252 with non-ASCII bytes elsewhere: only the edited bytes change', async () => {
    const before = Buffer.concat([
      Buffer.from(`${V5}\r\n; caf`),
      Buffer.from([0xe9, 0x80, 0x81]),
      Buffer.from(`\r\n${PCT_SERVER}\r\n"Enabled"=dword:00000001\r\n; `),
      Buffer.from([0x9d, 0xfc]),
      Buffer.from('\r\n'),
    ]);
    const dir = server({ 'schannel.reg': before });
    expect((await runCli(['--no-config', dir, '--fix'], { cwd: root })).code).toBe(0);
    const at = before.indexOf('00000001');
    const expected = Buffer.from(before);
    expected[at + 7] = 0x30;
    expect(read(`${dir}/schannel.reg`).equals(expected)).toBe(true);
  });

  it('a file without a final newline: the appended keys follow in its newline style (LF)', async () => {
    const text = `${V5}\n\n[${S}\\Ciphers]`;
    const dir = server({ 'schannel.reg': text });
    // The kernel-ssl preset: only KSSL004's appended keys, not the TLS rules' (SSL 2.0, RC4, ...).
    const result = await runCli(['--no-config', dir, '--os', 'win2003-sp1', '--preset', 'kernel-ssl', '--fix'], { cwd: root });
    expect(result.code).toBe(0);
    const block = (name: string) => `[${S}\\Ciphers\\${name}]\n"Enabled"=dword:00000000\n`;
    expect(read(`${dir}/schannel.reg`).toString('utf8')).toBe(`${text}\n\n${block('RC2 128/128')}\n${block('RC2 56/128')}\n${block('RC2 40/128')}`);
  });

  it('fixes an ignored line before adding keys: the value that now takes effect is not added again', async () => {
    const dir = server({
      'a-disable.reg': `${V5}\r\n\r\n${RC2_40} "Enabled"=dword:00000000\r\n`,
      'b-schannel.reg': `${V5}\r\n\r\n[${S}\\Ciphers]\r\n`,
    });
    const result = await runCli(['--no-config', dir, '--os', 'win2003-sp1', '--preset', 'kernel-ssl', '--fix', '--format', 'compact'], { cwd: root });
    expect(result.code).toBe(0);
    expect(read(`${dir}/a-disable.reg`).toString()).toBe(`${V5}\r\n\r\n${RC2_40}\r\n"Enabled"=dword:00000000\r\n`);
    // Second pass: only the two RC2 ciphers still at their default are added.
    expect(read(`${dir}/b-schannel.reg`).toString()).toBe(
      `${V5}\r\n\r\n[${S}\\Ciphers]\r\n\r\n[${S}\\Ciphers\\RC2 128/128]\r\n"Enabled"=dword:00000000\r\n\r\n[${S}\\Ciphers\\RC2 56/128]\r\n"Enabled"=dword:00000000\r\n`,
    );
  });

  it('is idempotent: a second --fix changes nothing and a dry run then shows no diff', async () => {
    const dir = server({});
    cpSync(new URL('../examples/web01-intranet/', import.meta.url), path.join(root, dir), { recursive: true });
    await runCli(['--no-config', dir, '--fix'], { cwd: root });
    const once = Object.fromEntries(readdirSync(path.join(root, dir)).map((file) => [file, read(`${dir}/${file}`)]));
    const second = await runCli(['--no-config', dir, '--fix'], { cwd: root });
    for (const [file, bytes] of Object.entries(once)) expect(read(`${dir}/${file}`).equals(bytes), file).toBe(true);
    const dry = await runCli(['--no-config', dir, '--fix-dry-run'], { cwd: root });
    expect(dry.stdout).toBe('');
    expect(second.code).toBe(dry.code);
  });

  it('exit code comes from what remains', async () => {
    const onlyFixable = server({ 'schannel.reg': `${V5}\r\n${PCT_SERVER}\r\n"Enabled"=dword:00000001\r\n` });
    expect((await runCli(['--no-config', onlyFixable], { cwd: root })).code).toBe(1);
    expect((await runCli(['--no-config', onlyFixable, '--fix'], { cwd: root })).code).toBe(0);
    const withClientCerts = server({
      'schannel.reg': `${V5}\r\n${PCT_SERVER}\r\n"Enabled"=dword:00000001\r\n`,
      'MetaBase.xml': readFileSync(new URL('../examples/web02-shop/MetaBase.xml', import.meta.url)),
    });
    const result = await runCli(['--no-config', withClientCerts, '--fix', '--format', 'compact'], { cwd: root });
    expect(result.code).toBe(1);
    expect(result.stdout).not.toMatch(/KSSL005/);
    expect(result.stdout).toMatch(/KSSL001/);
  });

  it('leaves a suppressed finding alone', async () => {
    const text = `${V5}\r\n${PCT_SERVER}\r\n; iislint-disable-next-line KSSL005 -- legacy kiosk\r\n"Enabled"=dword:00000001\r\n${RC2_40}\r\n"Enabled"=dword:00000001\r\n`;
    const dir = server({ 'schannel.reg': text });
    const result = await runCli(['--no-config', dir, '--fix'], { cwd: root });
    expect(result.code).toBe(0);
    expect(read(`${dir}/schannel.reg`).toString()).toBe(text.replace(/dword:00000001\r\n$/, 'dword:00000000\r\n'));
  });

  it('--quiet --fix fixes only errors, as the report shows only errors', async () => {
    const text = `${V5}\r\n[${S}\\Protocols\\TLS 1.0\\Server] "Enabled"=dword:00000000\r\n${PCT_SERVER}\r\n"Enabled"=dword:00000001\r\n`;
    const dir = server({ 'schannel.reg': text });
    expect((await runCli(['--no-config', dir, '--quiet', '--fix'], { cwd: root })).code).toBe(0);
    expect(read(`${dir}/schannel.reg`).toString()).toBe(text.replace('dword:00000001', 'dword:00000000'));
  });

  it('the stylish count of fixable problems is what --fix removes', async () => {
    const dir = server({});
    cpSync(new URL('../examples/web01-intranet/', import.meta.url), path.join(root, dir), { recursive: true });
    const before = await runCli(['--no-config', dir, '--format', 'json'], { cwd: root });
    const findings = (JSON.parse(before.stdout) as { findings: { fixable: boolean }[] }).findings;
    const fixable = findings.filter((finding) => finding.fixable).length;
    expect(fixable).toBe(9);
    const stylish = await runCli(['--no-config', dir, '--fix-dry-run', '--format', 'stylish'], { cwd: root });
    expect(stylish.stderr).not.toMatch(/potentially fixable/);
    expect((await runCli(['--no-config', dir], { cwd: root })).stdout).toMatch(/\n {2}2 errors and 7 warnings potentially fixable with the `--fix` option\.\n$/);
    const after = await runCli(['--no-config', dir, '--fix', '--format', 'json'], { cwd: root });
    expect((JSON.parse(after.stdout) as { findings: unknown[] }).findings).toHaveLength(findings.length - fixable);
  });
});

describe('--fix-dry-run', () => {
  const text = `${V5}\n\n${RC2_40} "Enabled"=dword:00000000\n\n${PCT_SERVER}\n"Enabled"=dword:00000001`;
  const expectedDiff = (dir: string) =>
    [
      `--- a/${dir}/schannel.reg`,
      `+++ b/${dir}/schannel.reg`,
      '@@ -1,6 +1,7 @@',
      ` ${V5}`,
      ' ',
      `-${RC2_40} "Enabled"=dword:00000000`,
      `+${RC2_40}`,
      '+"Enabled"=dword:00000000',
      ' ',
      ` ${PCT_SERVER}`,
      '-"Enabled"=dword:00000001',
      '\\ No newline at end of file',
      '+"Enabled"=dword:00000000',
      '\\ No newline at end of file',
      '',
    ].join('\n');

  it('prints the exact unified diff, the report on stderr, and writes nothing', async () => {
    const dir = server({ 'schannel.reg': text });
    const result = await runCli(['--no-config', dir, '--fix-dry-run'], { cwd: root });
    expect(result.stdout).toBe(expectedDiff(dir));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(read(`${dir}/schannel.reg`).toString()).toBe(text);
    expect(readdirSync(path.join(root, dir))).toEqual(['schannel.reg']);
  });

  it('writes the diff to -o; with a machine format the report keeps its place and the diff goes to stderr', async () => {
    const dir = server({ 'schannel.reg': text });
    const toFile = await runCli(['--no-config', dir, '--fix-dry-run', '-o', `${dir}-fixes.diff`], { cwd: root });
    expect(toFile.stdout).toBe('');
    expect(read(`${dir}-fixes.diff`).toString()).toBe(expectedDiff(dir));
    const json = await runCli(['--no-config', dir, '--fix-dry-run', '--format', 'json'], { cwd: root });
    expect(json.stderr).toBe(expectedDiff(dir));
    expect((JSON.parse(json.stdout) as { findings: unknown[] }).findings).toEqual([]);
    expect(read(`${dir}/schannel.reg`).toString()).toBe(text);
  });

  it('shows a CRLF file\'s \\r as it is', () => {
    expect(unifiedDiff('x.reg', 'a\r\nb\r\n', 'a\r\nc\r\n')).toBe('--- a/x.reg\n+++ b/x.reg\n@@ -1,2 +1,2 @@\n a\r\n-b\r\n+c\r\n');
  });

  it.each([
    [['--fix', '--stdin'], /'--fix' cannot be used with option '--stdin'/],
    [['--fix-dry-run', '--stdin'], /'--fix-dry-run' cannot be used with option '--stdin'/],
    [['--fix', '--fix-dry-run'], /'--fix' cannot be used with option '--fix-dry-run'/],
    [['--fix', '--baseline', 'b.json'], /'--fix' cannot be used with option '--baseline <file>'/],
    [['--fix-dry-run', '--baseline', 'b.json'], /'--fix-dry-run' cannot be used with option '--baseline <file>'/],
  ])('%j is a usage error', async (args, message) => {
    const result = await runCli(['--no-config', ...args], { cwd: root, stdin: `${V5}\r\n` });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('unifiedDiff', () => {
  it('merges nearby changes into one hunk and splits distant ones, with GNU ranges', () => {
    const before = Array.from({ length: 30 }, (_, i) => `line ${i + 1}\n`).join('');
    const after = before.replace('line 2\n', 'line two\n').replace('line 6\n', '').replace('line 25\n', 'line 25\nnew\n');
    expect(unifiedDiff('f', before, after)).toBe(
      [
        '--- a/f',
        '+++ b/f',
        '@@ -1,9 +1,8 @@',
        ' line 1',
        '-line 2',
        '+line two',
        ' line 3',
        ' line 4',
        ' line 5',
        '-line 6',
        ' line 7',
        ' line 8',
        ' line 9',
        '@@ -23,6 +22,7 @@',
        ' line 23',
        ' line 24',
        ' line 25',
        '+new',
        ' line 26',
        ' line 27',
        ' line 28',
        '',
      ].join('\n'),
    );
    expect(unifiedDiff('f', '', 'a\n')).toBe('--- a/f\n+++ b/f\n@@ -0,0 +1 @@\n+a\n');
    expect(unifiedDiff('f', 'same', 'same')).toBe('');
  });

  it('always yields a script that rebuilds both texts (random cases, and a long stretch past the Myers budget)', () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const cases: [string[], string[]][] = [];
    for (let round = 0; round < 300; round++) {
      const a = Array.from({ length: random(30) }, () => `l${random(6)}\n`);
      const b = a.flatMap((line) => (random(5) === 0 ? [] : random(6) === 0 ? [line, `n${random(4)}\n`] : [random(8) === 0 ? 'x\n' : line]));
      cases.push([a, b]);
    }
    const long = Array.from({ length: 60_000 }, (_, i) => (i % 3 === 0 ? `k${i}\n` : 'r\n'));
    cases.push([long, long.map((line) => (line.startsWith('k') ? `${line}r\n` : line))]);
    for (const [a, b] of cases) {
      const ops = diffLines(a, b);
      expect(ops.filter((op) => op.kind !== 'insert').map((op) => a[op.oldIndex])).toEqual(a);
      expect(ops.filter((op) => op.kind !== 'delete').map((op) => (op.kind === 'insert' ? b[op.newIndex] : a[op.oldIndex]))).toEqual(b);
    }
  });

  it('stays linear on a large file with many small changes', () => {
    const fixedFile = (count: number) => {
      const lines = Array.from({ length: count }, (_, i) => (i % 4 === 0 ? `[key ${i}] "v"=dword:0\n` : '"x"=dword:1\n'));
      return { lines, after: lines.map((line) => line.replace('] "v"', ']\n"v"')).join('') };
    };
    const big = fixedFile(200_000);
    const diff = unifiedDiff('big.reg', big.lines.join(''), big.after);
    expect(diff.split('\n').filter((line) => line.startsWith('+') && !line.startsWith('+++'))).toHaveLength(100_000);
    // Counted, not timed: the lines the diff reads (every comparison reads two), for n and 2n lines.
    const reads = (count: number) => {
      const { lines, after } = fixedFile(count);
      const before = countingReads(lines);
      const fixed = countingReads(splitLines(after));
      const ops = diffLines(before.items, fixed.items);
      expect(ops.filter((op) => op.kind === 'insert')).toHaveLength(count / 2);
      return before.reads.count + fixed.reads.count;
    };
    expectLinear('lines read', reads(25_000), reads(50_000), 2);
  });
});

describe('safety', () => {
  it('a file changed between the lint and the fix is left alone with a warning', () => {
    const dir = server({ 'schannel.reg': `${V5}\r\n${PCT_SERVER}\r\n"Enabled"=dword:00000001\r\n` });
    const run = lintPaths([dir], { ...DEFAULT_LINT_OPTIONS, cwd: root });
    writeFileSync(path.join(root, dir, 'schannel.reg'), `${V5}\r\n; edited meanwhile\r\n${PCT_SERVER}\r\n"Enabled"=dword:00000001\r\n`);
    const outcome = computeFixes(run, { cwd: root, lintOptions: DEFAULT_LINT_OPTIONS });
    expect(outcome.files).toEqual([]);
    expect(outcome.warnings).toEqual([`${dir}/schannel.reg: changed while linting; not fixed`]);
  });

  it('a file changed between computing and writing the fixes is not written', () => {
    const dir = server({ 'schannel.reg': `${V5}\r\n${PCT_SERVER}\r\n"Enabled"=dword:00000001\r\n` });
    const outcome = computeFixes(lintPaths([dir], { ...DEFAULT_LINT_OPTIONS, cwd: root }), { cwd: root, lintOptions: DEFAULT_LINT_OPTIONS });
    expect(outcome.files).toHaveLength(1);
    writeFileSync(path.join(root, dir, 'schannel.reg'), 'changed');
    const written = writeFixedFiles(outcome.files);
    expect(written.failures).toEqual([`${dir}/schannel.reg: changed while linting; fixes not written`]);
    expect(read(`${dir}/schannel.reg`).toString()).toBe('changed');
  });

  function fixedFile(): FixedFile {
    const dir = server({ 'schannel.reg': `${V5}\r\n${PCT_SERVER}\r\n"Enabled"=dword:00000001\r\n` });
    return computeFixes(lintPaths([dir], { ...DEFAULT_LINT_OPTIONS, cwd: root }), { cwd: root, lintOptions: DEFAULT_LINT_OPTIONS }).files[0]!;
  }

  it.each(['writeSync', 'fsyncSync', 'renameSync'] as const)('a failing %s leaves the original intact and no temporary file', (failing) => {
    const file = fixedFile();
    const fs = failingFs(failing);
    const written = writeFixedFiles([file], { fs });
    expect(written.failures).toEqual([`${file.path}: cannot write the fixes: injected ${failing} failure`]);
    expect(readFileSync(file.absolutePath).equals(Buffer.from(file.originalBytes))).toBe(true);
    expect(readdirSync(path.dirname(file.absolutePath))).toEqual(['schannel.reg']);
  });

  // Root writes anywhere: the permission case cannot be tested as root (the injected failures above still run).
  it.skipIf(process.getuid?.() === 0)('a read-only directory: the write fails, the original stays, nothing is left behind', () => {
    const file = fixedFile();
    const directory = path.dirname(file.absolutePath);
    chmodSync(directory, 0o555);
    try {
      const written = writeFixedFiles([file]);
      expect(written.failures).toEqual([`${file.path}: cannot write the fixes: permission denied`]);
    } finally {
      chmodSync(directory, 0o755);
    }
    expect(readFileSync(file.absolutePath).equals(Buffer.from(file.originalBytes))).toBe(true);
    expect(readdirSync(directory)).toEqual(['schannel.reg']);
  });

  it('keeps the file mode and replaces the file a symbolic link points to', () => {
    const file = fixedFile();
    chmodSync(file.absolutePath, 0o640);
    const link = path.join(path.dirname(file.absolutePath), 'link.reg');
    nodeFs.symlinkSync('schannel.reg', link);
    writeFileAtomic(link, file.fixedBytes);
    expect(nodeFs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(statSync(file.absolutePath).mode & 0o777).toBe(0o640);
    expect(readFileSync(file.absolutePath).equals(Buffer.from(file.fixedBytes))).toBe(true);
    expect(readdirSync(path.dirname(file.absolutePath)).sort()).toEqual(['link.reg', 'schannel.reg']);
  });

  it('input files are never modified without --fix', async () => {
    const text = `${V5}\r\n${RC2_40} "Enabled"=dword:00000000\r\n${PCT_SERVER}\r\n"Enabled"=dword:00000001\r\n`;
    const dir = server({ 'schannel.reg': text });
    for (const args of [[], ['--format', 'sarif'], ['--fix-dry-run'], ['--fix-dry-run', '--format', 'json']]) {
      await runCli(['--no-config', dir, ...args], { cwd: root });
      expect(read(`${dir}/schannel.reg`).toString()).toBe(text);
    }
  });
});

/** The real file system, except that `failing` throws. */
function failingFs(failing: keyof WriterFs): WriterFs {
  const real = NODE_FS;

  return {
    ...real,
    [failing]: () => {
      throw new Error(`injected ${failing} failure`);
    },
  };
}

describe.skipIf(!hasCorpus)('the corpus', () => {
  const files = ['reg', 'metabase', 'apphost'].flatMap((folder) => corpusFiles(folder).map((name) => `${folder}/${name}`));

  it.each(files)('%s: decode + no-op fix, and every line rewritten as itself, is byte-identical', (relative) => {
    const bytes = readFileSync(path.join(corpusDir, relative));
    const source = decodeBytes(relative, bytes);
    expect(Buffer.from(spliceBytes(bytes, source, [])).equals(bytes)).toBe(true);
    if (source.hadDecodeErrors) return;
    const edits = Array.from({ length: source.lines.lineCount }, (_, index) => {
      const span = source.lines.lineSpan(index + 1);
      return { span, text: source.text.slice(span.start, span.end) };
    });
    expect(Buffer.from(spliceBytes(bytes, source, edits)).equals(bytes)).toBe(true);
  });

  // Without a target OS only explicit values are fixed; as Server 2003 the RC2 defaults are appended too.
  const cases = corpusFiles('reg').flatMap((name) => [[name, 'auto'] as const, [name, 'win2003-sp1'] as const]);
  it.each(cases)('reg/%s (--os %s): --fix keeps encoding, BOM and newline style, and a second --fix changes nothing', async (name, os) => {
    const dir = server({ [name]: readFileSync(path.join(corpusDir, 'reg', name)) });
    const original = read(`${dir}/${name}`);
    const dry = await runCli(['--no-config', dir, '--os', os, '--fix-dry-run'], { cwd: root });
    expect(read(`${dir}/${name}`).equals(original)).toBe(true);
    const fixed = await runCli(['--no-config', dir, '--os', os, '--fix'], { cwd: root });
    expect(fixed.code).toBeLessThan(2);
    const after = read(`${dir}/${name}`);
    const [a, b] = [decodeBytes(name, original), decodeBytes(name, after)];
    expect([b.encoding, b.bom]).toEqual([a.encoding, a.bom]);
    if (a.newline !== 'none') expect(b.newline).toBe(a.newline);
    expect(unifiedDiff(`${dir}/${name}`, a.text, b.text)).toBe(dry.stdout);
    await runCli(['--no-config', dir, '--os', os, '--fix'], { cwd: root });
    expect(read(`${dir}/${name}`).equals(after)).toBe(true);
  });
});
