import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseReg, regTypeName } from '../src/parse/reg.js';
import type { RegDocument, RegKeyLine, RegValueLine } from '../src/parse/reg-syntax.js';
import { decodeBytes, sourceFromText, type Span, type TextEncoding } from '../src/parse/text.js';
import { corpusDir } from './support/corpus.js';
import { countingLines, type Counter } from './support/work.js';

const regCorpusDir = path.join(corpusDir, 'reg');

const V5 = 'Windows Registry Editor Version 5.00';
const KEY = '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Test]';
const KEY_PATH = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Test';

/** Lines joined with CRLF, as regedit writes them. */
function parseLines(lines: string[], encoding: TextEncoding = 'utf-8'): RegDocument {
  return parseReg(sourceFromText('test.reg', lines.join('\r\n'), encoding));
}

/** A 5.00 document with one key line (line 2) and `lines` below it (from line 3). */
function underKey(...lines: string[]): RegDocument {
  return parseLines([V5, KEY, ...lines]);
}

function region(doc: RegDocument, span: Span): [number, number, number, number] {
  const r = doc.source.lines.region(span);
  return [r.startLine, r.startColumn, r.endLine, r.endColumn];
}

/** Diagnostics as `[kind, code, startLine, startColumn, endLine, endColumn]`. */
function diagnostics(doc: RegDocument): [string, string, number, number, number, number][] {
  return doc.diagnostics.map((d) => [d.kind, d.code, ...region(doc, d.span)]);
}

function onlyKey(doc: RegDocument): RegKeyLine {
  expect(doc.keys).toHaveLength(1);
  return doc.keys[0]!;
}

function value(doc: RegDocument, name: string): RegValueLine {
  const found = doc.keys.flatMap((k) => k.values).filter((v) => v.name === name);
  expect(found).toHaveLength(1);
  return found[0]!;
}

function valueNames(doc: RegDocument): string[] {
  return doc.keys.flatMap((k) => k.values.map((v) => v.name));
}

function utf16File(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
}

describe('header', () => {
  it('reads `Windows Registry Editor Version 5.00`', () => {
    const doc = parseLines([V5, KEY]);
    expect(doc.dialect).toBe('regedit5');
    expect(region(doc, doc.headerSpan)).toEqual([1, 1, 1, 37]);
    expect(doc.diagnostics).toEqual([]);
  });

  it('reads `REGEDIT4`, with leading blanks allowed', () => {
    const doc = parseLines([' \tREGEDIT4', KEY]);
    expect(doc.dialect).toBe('regedit4');
    expect(region(doc, doc.headerSpan)).toEqual([1, 3, 1, 11]);
    expect(doc.diagnostics).toEqual([]);
  });

  it.each([
    ['regedit4', [1, 1, 1, 9]],
    ['REGEDIT 4', [1, 1, 1, 10]],
    ['REGEDIT4 FOO', [1, 1, 1, 13]],
    ['REGEDIT', [1, 1, 1, 8]],
    ['Windows Registry Editor version 5.00', [1, 1, 1, 37]],
    ['WINDOWS REGISTRY EDITOR VERSION 5.00', [1, 1, 1, 37]],
    ['REGEDIT4 ', [1, 1, 1, 9]], // Wine compares the whole rest of the line: trailing blanks fail
    ['Windows Registry Editor Version 5.00\t', [1, 1, 1, 37]],
    ['', [1, 1, 1, 1]],
  ])('rejects %j with one diagnostic on line 1 and still parses the rest', (header, at) => {
    const doc = parseLines([header, KEY, '"Enabled"=dword:00000001']);
    expect(doc.dialect).toBeUndefined();
    expect(diagnostics(doc)).toEqual([['malformed', 'reg-header-missing', ...at]]);
    expect(onlyKey(doc).path).toBe(KEY_PATH);
    expect(value(doc, 'Enabled').data).toEqual({ type: 'REG_DWORD', typeCode: 4, dword: 1 });
  });

  it('skips a header on line 2 after a blank first line (one diagnostic only)', () => {
    const doc = parseLines(['', V5, KEY]);
    expect(doc.dialect).toBeUndefined();
    expect(region(doc, doc.headerSpan)).toEqual([1, 1, 1, 1]);
    expect(diagnostics(doc)).toEqual([['malformed', 'reg-header-missing', 1, 1, 1, 1]]);
    expect(onlyKey(doc).line).toBe(3);
  });

  it('reports an empty file as headerless', () => {
    const doc = parseReg(sourceFromText('empty.reg', ''));
    expect(doc.dialect).toBeUndefined();
    expect(doc.keys).toEqual([]);
    expect(diagnostics(doc)).toEqual([['malformed', 'reg-header-missing', 1, 1, 1, 1]]);
  });

  it('records the dialect independently of the encoding', () => {
    const ansi5 = parseReg(decodeBytes('ansi.reg', Buffer.from(`${V5}\r\n${KEY}\r\n`, 'latin1')));
    expect(ansi5.dialect).toBe('regedit5');
    expect(ansi5.source.encoding).toBe('utf-8'); // pure ASCII sniffs as UTF-8
    const wide4 = parseReg(decodeBytes('wide.reg', utf16File(`REGEDIT4\r\n${KEY}\r\n`)));
    expect(wide4.dialect).toBe('regedit4');
    expect([wide4.source.encoding, wide4.source.bom]).toEqual(['utf-16le', true]);
    expect(wide4.diagnostics).toEqual([]);
  });
});

describe('key lines', () => {
  it('reads the path, its spans and its line', () => {
    const doc = parseLines([V5, '', KEY]);
    const key = onlyKey(doc);
    expect(key).toMatchObject({ kind: 'key', path: KEY_PATH, deletion: false, line: 3, values: [] });
    expect(region(doc, key.span)).toEqual([3, 1, 3, 35]);
    expect(region(doc, key.pathSpan)).toEqual([3, 2, 3, 34]);
    expect(key.ignoredTail).toBeUndefined();
    expect(doc.diagnostics).toEqual([]);
  });

  it('allows blanks before `[` and keeps blanks inside the brackets', () => {
    const doc = parseLines([V5, ' \t[HKEY_CURRENT_USER\\Subkey1c ]']);
    const key = onlyKey(doc);
    expect(key.path).toBe('HKEY_CURRENT_USER\\Subkey1c ');
    expect(region(doc, key.span)).toEqual([2, 3, 2, 32]);
    expect(doc.diagnostics).toEqual([]);
  });

  it('runs the path to the LAST `]` on the line', () => {
    const doc = parseLines([V5, '[HKEY_CURRENT_USER\\a]b] tail']);
    const key = onlyKey(doc);
    expect(key.path).toBe('HKEY_CURRENT_USER\\a]b');
    expect(key.ignoredTail?.text).toBe('tail');
    expect(diagnostics(doc)).toEqual([['ignored', 'reg-key-trailing-text', 2, 25, 2, 29]]);
  });

  it('ignores a value written on the key line: ignoredTail, a diagnostic on the tail, no value', () => {
    const doc = parseLines([V5, `${KEY} "Enabled"=dword:00000001  `, '"Other"=dword:2']);
    const key = onlyKey(doc);
    expect(key.ignoredTail?.text).toBe('"Enabled"=dword:00000001');
    expect(region(doc, key.ignoredTail!.span)).toEqual([2, 36, 2, 60]);
    expect(diagnostics(doc)).toEqual([['ignored', 'reg-key-trailing-text', 2, 36, 2, 60]]);
    expect(valueNames(doc)).toEqual(['Other']);
  });

  it('keeps a `;` comment tail without a diagnostic and ignores a blank tail', () => {
    const commented = parseLines([V5, `${KEY} ; the test key`]);
    expect(onlyKey(commented).ignoredTail?.text).toBe('; the test key');
    expect(commented.diagnostics).toEqual([]);
    const blank = parseLines([V5, `${KEY} \t `]);
    expect(onlyKey(blank).ignoredTail).toBeUndefined();
    expect(blank.diagnostics).toEqual([]);
  });

  it('reads `[-path]` as a key deletion', () => {
    const doc = parseLines([V5, '[-HKEY_LOCAL_MACHINE\\SOFTWARE\\Test]']);
    const key = onlyKey(doc);
    expect(key).toMatchObject({ path: KEY_PATH, deletion: true, line: 2, values: [] });
    expect(region(doc, key.pathSpan)).toEqual([2, 3, 2, 35]);
    expect(region(doc, key.span)).toEqual([2, 1, 2, 36]);
  });

  it('writes no value after a key deletion: regedit has no open key', () => {
    const doc = parseLines([V5, KEY, '[-HKEY_LOCAL_MACHINE\\SOFTWARE\\Test\\Sub]', '"Wine46a"=dword:12345678']);
    expect(doc.keys.map((k) => [k.deletion, k.values.length])).toEqual([
      [false, 0],
      [true, 0],
    ]);
    expect(diagnostics(doc)).toEqual([['ignored', 'reg-value-without-key', 4, 1, 4, 25]]);
  });

  it('skips `[ path]`; its values stay with the key still open (as in Wine)', () => {
    const doc = parseLines([V5, KEY, '"Before"="1"', '[ HKEY_LOCAL_MACHINE\\SOFTWARE\\Other]', '"After"="2"']);
    const key = onlyKey(doc);
    expect(key.path).toBe(KEY_PATH);
    expect(key.values.map((v) => v.name)).toEqual(['Before', 'After']);
    expect(diagnostics(doc)).toEqual([
      ['ignored', 'reg-key-leading-space', 4, 1, 4, 37],
      ['ignored', 'reg-value-after-ignored-key', 5, 1, 5, 12],
    ]);
  });

  it('skips `[\\tpath]` and, with no key open before it, writes none of its values', () => {
    const doc = parseLines([V5, '[\tHKEY_LOCAL_MACHINE\\SOFTWARE\\Test]', '"A"="1"', '"B"=dword:2']);
    expect(doc.keys).toEqual([]);
    expect(diagnostics(doc)).toEqual([
      ['ignored', 'reg-key-leading-space', 2, 1, 2, 36],
      ['ignored', 'reg-value-without-key', 3, 1, 3, 8],
      ['ignored', 'reg-value-without-key', 4, 1, 4, 12],
    ]);
  });

  it('skips `[- path]` (nothing deleted) and leaves no key open', () => {
    const doc = parseLines([V5, KEY, '[- HKEY_LOCAL_MACHINE\\SOFTWARE\\Test]', '"A"="1"']);
    expect(onlyKey(doc).values).toEqual([]);
    expect(diagnostics(doc)).toEqual([
      ['ignored', 'reg-key-leading-space', 3, 1, 3, 37],
      ['ignored', 'reg-value-without-key', 4, 1, 4, 8],
    ]);
  });

  it('reports a key line without `]`', () => {
    const doc = parseLines([V5, '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Test  ', '"A"="1"']);
    expect(doc.keys).toEqual([]);
    expect(diagnostics(doc)).toEqual([
      ['malformed', 'reg-key-unclosed', 2, 1, 2, 34],
      ['ignored', 'reg-value-without-key', 3, 1, 3, 8],
    ]);
  });
});

describe('value names and string data', () => {
  it('reads `"name"="data"` with every span', () => {
    const doc = underKey('"Functions"="TLS_AES_256_GCM_SHA384,TLS_AES_128_GCM_SHA256"');
    const v = value(doc, 'Functions');
    expect(v).toMatchObject({
      kind: 'value',
      startLine: 3,
      endLine: 3,
      deletion: false,
      syntax: 'string',
      rawData: '"TLS_AES_256_GCM_SHA384,TLS_AES_128_GCM_SHA256"',
      data: { type: 'REG_SZ', typeCode: 1, text: 'TLS_AES_256_GCM_SHA384,TLS_AES_128_GCM_SHA256' },
    });
    expect(v.data).not.toHaveProperty('bytes');
    expect(region(doc, v.nameSpan)).toEqual([3, 1, 3, 12]);
    expect(region(doc, v.dataSpan)).toEqual([3, 13, 3, 60]);
    expect(region(doc, v.span)).toEqual([3, 1, 3, 60]);
    expect(doc.diagnostics).toEqual([]);
  });

  it('unescapes `\\\\` and `\\"` in names and data', () => {
    const doc = underKey('"a\\\\b\\"c"="x\\\\y\\"z"', '"literal"="\\\\0"');
    expect(value(doc, 'a\\b"c').data).toEqual({ type: 'REG_SZ', typeCode: 1, text: 'x\\y"z' });
    expect(value(doc, 'literal').data).toEqual({ type: 'REG_SZ', typeCode: 1, text: '\\0' });
    expect(doc.diagnostics).toEqual([]);
  });

  it('unescapes `\\n` and `\\r` as Wine does', () => {
    const doc = underKey('"lines"="one\\ntwo\\rthree"');
    expect(value(doc, 'lines').data).toEqual({ type: 'REG_SZ', typeCode: 1, text: 'one\ntwo\rthree' });
    expect(doc.diagnostics).toEqual([]);
  });

  it('drops the backslash of an unknown escape and says so', () => {
    const doc = underKey('"ErrorLoggingDir"="C:\\Windows"');
    expect(value(doc, 'ErrorLoggingDir').data).toEqual({ type: 'REG_SZ', typeCode: 1, text: 'C:Windows' });
    expect(diagnostics(doc)).toEqual([['ignored', 'reg-string-escape-unknown', 3, 22, 3, 24]]);
  });

  it('drops a value whose name or data holds `\\0`', () => {
    const doc = underKey('"Wine70a"="\\0"', '"a\\0b"="x"', '"kept"="y"');
    expect(valueNames(doc)).toEqual(['kept']);
    expect(diagnostics(doc)).toEqual([
      ['malformed', 'reg-string-escape-invalid', 3, 1, 3, 15],
      ['malformed', 'reg-string-escape-invalid', 4, 1, 4, 11],
    ]);
  });

  it('reads `@=` as the default value (name \'\')', () => {
    const doc = underKey('@="Test string"');
    const v = value(doc, '');
    expect(v.data).toEqual({ type: 'REG_SZ', typeCode: 1, text: 'Test string' });
    expect(region(doc, v.nameSpan)).toEqual([3, 1, 3, 2]);
  });

  it('reads `"name"=-` and `@=-` as value deletions', () => {
    const doc = underKey('"Enabled"=-', '"Functions"=  -  ; reset', '@=-');
    const enabled = value(doc, 'Enabled');
    expect(enabled).toMatchObject({ deletion: true, rawData: '-' });
    expect(enabled.data).toBeUndefined();
    expect(enabled.syntax).toBeUndefined();
    expect(region(doc, enabled.dataSpan)).toEqual([3, 11, 3, 12]);
    expect(region(doc, value(doc, 'Functions').span)).toEqual([4, 1, 4, 16]);
    expect(value(doc, '').deletion).toBe(true);
    expect(doc.diagnostics).toEqual([]);
  });

  it('rejects text after `=-`', () => {
    const doc = underKey('"Wine46d"=-"Test"', '"Wine46f"=- #comment');
    expect(valueNames(doc)).toEqual([]);
    expect(diagnostics(doc)).toEqual([
      ['malformed', 'reg-value-syntax', 3, 1, 3, 18],
      ['malformed', 'reg-value-syntax', 4, 1, 4, 21],
    ]);
  });

  it('allows blanks around `=` and before the name', () => {
    const doc = underKey('  "  Wine6c  "  =  "  Spaces everywhere  "  ', '\t@\t=\tdword:\t00000008\t');
    const spaced = value(doc, '  Wine6c  ');
    expect(spaced.data).toEqual({ type: 'REG_SZ', typeCode: 1, text: '  Spaces everywhere  ' });
    expect(region(doc, spaced.span)).toEqual([3, 3, 3, 43]);
    expect(value(doc, '').data).toEqual({ type: 'REG_DWORD', typeCode: 4, dword: 8 });
    expect(doc.diagnostics).toEqual([]);
  });

  it('drops a string that does not close on its line and reads the next line afresh', () => {
    const doc = underKey('"Test"="Test \\', 'Value"', '"Next"="ok"');
    expect(valueNames(doc)).toEqual(['Next']);
    expect(diagnostics(doc)).toEqual([
      ['malformed', 'reg-string-unterminated', 3, 1, 3, 15],
      ['malformed', 'reg-value-syntax', 4, 1, 4, 7],
    ]);
  });

  it('drops a line whose name does not close (the next `"` closes it, as in Wine)', () => {
    const doc = underKey('"NameNoEndQuote=1', '"NameNoEndQuote="Asdffdsa"');
    expect(valueNames(doc)).toEqual([]);
    expect(diagnostics(doc)).toEqual([
      ['malformed', 'reg-string-unterminated', 3, 1, 3, 18],
      ['malformed', 'reg-value-syntax', 4, 1, 4, 27],
    ]);
  });

  it('accepts only a `;` comment after a string', () => {
    const doc = underKey('"Wine26a"="Value1"  ;comment', '"Wine26c"="Value3"  #comment', '"Wine37a"="foo"bar"');
    expect(valueNames(doc)).toEqual(['Wine26a']);
    expect(value(doc, 'Wine26a').span.end - value(doc, 'Wine26a').span.start).toBe(18);
    expect(diagnostics(doc)).toEqual([
      ['malformed', 'reg-string-trailing-text', 4, 1, 4, 29],
      ['malformed', 'reg-string-trailing-text', 5, 1, 5, 20],
    ]);
  });

  it('reports a missing `=`, missing data and an unknown data type', () => {
    const doc = underKey('"NoEquals" "x"', '"NoData"=', '"Upper"=DWORD:00000001', '"Old"=str:"x"', '"Bare"=Asdffdsa');
    expect(valueNames(doc)).toEqual([]);
    expect(diagnostics(doc)).toEqual([
      ['malformed', 'reg-value-syntax', 3, 1, 3, 15],
      ['malformed', 'reg-value-syntax', 4, 1, 4, 10],
      ['malformed', 'reg-data-type-unknown', 5, 1, 5, 23],
      ['malformed', 'reg-data-type-unknown', 6, 1, 6, 14],
      ['malformed', 'reg-data-type-unknown', 7, 1, 7, 16],
    ]);
  });

  it('reports a value before any key', () => {
    const doc = parseLines([V5, '"Enabled"=dword:00000000', KEY]);
    expect(onlyKey(doc).values).toEqual([]);
    expect(diagnostics(doc)).toEqual([['ignored', 'reg-value-without-key', 2, 1, 2, 25]]);
  });
});

describe('dword data', () => {
  it.each([
    ['dword:00000001', 1],
    ['dword:1', 1],
    ['dword:00000A00', 0xa00],
    ['dword:ffffffff', 0xffffffff],
    ['dword:FFFFFFFF', 0xffffffff],
    ['dword:  00000008', 8],
    ['dword:\t\t00000008', 8],
    ['dword:1234;5678', 0x1234],
    ['dword:00000A00  ; TLS1.1+1.2', 0xa00],
  ])('reads `%s`', (data, dword) => {
    const doc = underKey(`"Value"=${data}`);
    expect(value(doc, 'Value').data).toEqual({ type: 'REG_DWORD', typeCode: 4, dword });
    expect(doc.diagnostics).toEqual([]);
  });

  it('keeps a trailing comment out of rawData and the spans', () => {
    const doc = underKey('"DefaultSecureProtocols"=dword:00000A00  ; TLS1.1+1.2');
    const v = value(doc, 'DefaultSecureProtocols');
    expect(v.rawData).toBe('dword:00000A00');
    expect(region(doc, v.dataSpan)).toEqual([3, 26, 3, 40]);
    expect(region(doc, v.span)).toEqual([3, 1, 3, 40]);
  });

  it.each([
    'dword:',
    'dword:hello',
    'dword:123456789',
    'dword:0x123',
    'dword:123 456',
    'dword:12345678abc',
    'dword:1234#5678',
    'dword:1234 #5678',
    'dword:-1',
  ])('rejects `%s`', (data) => {
    const doc = underKey(`"Value"=${data}`);
    expect(valueNames(doc)).toEqual([]);
    expect(diagnostics(doc)).toEqual([['malformed', 'reg-dword-invalid', 3, 1, 3, 9 + data.length]]);
  });

  it('covers the line meant as a continuation of a dword with the same diagnostic', () => {
    const doc = underKey('"Wine41a"=dword:1234\\', '5678', '"Next"=dword:1');
    expect(valueNames(doc)).toEqual(['Next']);
    expect(diagnostics(doc)).toEqual([['malformed', 'reg-dword-invalid', 3, 1, 4, 5]]);
  });
});

describe('hex data', () => {
  it('reads `hex:` as REG_BINARY', () => {
    const doc = underKey('"TestBinary"=hex:aa,bb,CC,11');
    const v = value(doc, 'TestBinary');
    expect(v.syntax).toBe('hex');
    expect(v.rawData).toBe('hex:aa,bb,CC,11');
    expect(v.data).toEqual({ type: 'REG_BINARY', typeCode: 3, bytes: new Uint8Array([0xaa, 0xbb, 0xcc, 0x11]) });
    expect(doc.diagnostics).toEqual([]);
  });

  it('takes single-digit bytes, blanks after commas, a trailing comma and an empty list (as Wine)', () => {
    const doc = underKey('"short"=hex:1,a', '"spaced"=hex:01, 02,\t03', '"trailing"=hex:01,02,', '"empty"=hex:', '"commented"=hex:01 ;c');
    expect(value(doc, 'short').data).toMatchObject({ bytes: new Uint8Array([1, 10]) });
    expect(value(doc, 'spaced').data).toMatchObject({ bytes: new Uint8Array([1, 2, 3]) });
    expect(value(doc, 'trailing').data).toMatchObject({ bytes: new Uint8Array([1, 2]) });
    expect(value(doc, 'empty').data).toEqual({ type: 'REG_BINARY', typeCode: 3, bytes: new Uint8Array([]) });
    expect(value(doc, 'commented').data).toMatchObject({ bytes: new Uint8Array([1]) });
    expect(doc.diagnostics).toEqual([]);
  });

  it.each(['hex:01 ,02', 'hex:01,,02', 'hex:100', 'hex:25,1a4', 'hex:01,02 #c', 'hex:0g', 'hex:,\\', 'hex:25,48\\,4f', 'hex:01,\\4f'])(
    'rejects `%s`',
    (data) => {
      const doc = underKey(`"Value"=${data}`);
      expect(valueNames(doc)).toEqual([]);
      expect(diagnostics(doc)).toEqual([['malformed', 'reg-hex-invalid', 3, 1, 3, 9 + data.length]]);
    },
  );

  it('joins continuation lines; blank and `;` lines inside are skipped', () => {
    const doc = underKey(
      '"Wine60a"=hex(7):4c,00,69,00,6e,00,65,00,20,00,  \\  ;comment',
      '',
      '  ; inside',
      '  63,00,6f,00,\\',
      '\t6e,00,00,00,00,00  ;end',
      '"Next"=dword:1',
    );
    const v = value(doc, 'Wine60a');
    expect(v).toMatchObject({ startLine: 3, endLine: 7, syntax: 'hex-typed' });
    expect(v.rawData).toBe('hex(7):4c,00,69,00,6e,00,65,00,20,00,63,00,6f,00,6e,00,00,00,00,00');
    expect(region(doc, v.dataSpan)).toEqual([3, 11, 3, 51]);
    expect(region(doc, v.span)).toEqual([3, 1, 7, 19]);
    expect(v.data).toEqual({
      type: 'REG_MULTI_SZ',
      typeCode: 7,
      strings: ['Line con'],
      bytes: new Uint8Array([0x4c, 0, 0x69, 0, 0x6e, 0, 0x65, 0, 0x20, 0, 0x63, 0, 0x6f, 0, 0x6e, 0, 0, 0, 0, 0]),
    });
    expect(value(doc, 'Next').startLine).toBe(8);
    expect(doc.diagnostics).toEqual([]);
  });

  it('writes what was read when the file ends after `,\\`', () => {
    const doc = underKey('"Wine62c"=hex:11,22,33,44,55,\\', '');
    const v = value(doc, 'Wine62c');
    expect(v.data).toMatchObject({ bytes: new Uint8Array([0x11, 0x22, 0x33, 0x44, 0x55]) });
    expect([v.startLine, v.endLine]).toEqual([3, 3]);
  });

  it('drops a value whose line ends in `\\` without a comma, and its orphan continuation lines', () => {
    const doc = underKey(
      '"Multi-Line4"=hex(7):4c,69,6e,65,20\\',
      '  ,63,6f,6e,\\',
      '',
      '  63,61,74',
      '"Wine40d"="Value 2"',
    );
    expect(valueNames(doc)).toEqual(['Wine40d']);
    expect(diagnostics(doc)).toEqual([['ignored', 'reg-continuation-missing-comma', 3, 1, 6, 11]]);
  });

  it('drops a value whose continuation line lacks the comma before `\\`', () => {
    const doc = underKey('"Wine53d"=hex(2):25,48,\\', '  4f,4d  \\  ;comment', '  25,50,00', '[HKEY_CURRENT_USER\\Subkey2]');
    expect(doc.keys.map((k) => k.path)).toEqual([KEY_PATH, 'HKEY_CURRENT_USER\\Subkey2']);
    expect(valueNames(doc)).toEqual([]);
    expect(diagnostics(doc)).toEqual([['ignored', 'reg-continuation-missing-comma', 3, 1, 5, 11]]);
  });

  it('drops a value interrupted by a value line, and that line with it', () => {
    const doc = underKey('"Wine55a"=hex(2):4c,69,6e,65,20,\\', '', '"Wine55b"="Test value"', '"Wine55c"="kept"');
    expect(valueNames(doc)).toEqual(['Wine55c']);
    expect(diagnostics(doc)).toEqual([
      ['ignored', 'reg-continuation-interrupted', 3, 1, 3, 34],
      ['ignored', 'reg-line-swallowed', 5, 1, 5, 23],
    ]);
  });

  it('drops a value interrupted by a `#` line or a lone `\\`', () => {
    const doc = underKey('"Wine55e"=hex:4c,\\', '#comment', '"Wine55f"="Test value"', '"Wine59a"=hex:11,\\', '  \\', '  44,55,66');
    expect(valueNames(doc)).toEqual(['Wine55f']);
    expect(diagnostics(doc).map((d) => [d[1], d[2]])).toEqual([
      ['reg-continuation-interrupted', 3],
      ['reg-line-swallowed', 4],
      ['reg-continuation-interrupted', 6],
      ['reg-line-swallowed', 7],
      ['reg-value-syntax', 8],
    ]);
  });

  it('swallows a key line that interrupts a continuation: the key is never opened', () => {
    const doc = underKey('"Wine54a"=hex(2):4c,69,6e,65,20,\\', '[HKEY_CURRENT_USER\\Subkey1]', '"After"=dword:1');
    const key = onlyKey(doc);
    expect(key.values.map((v) => v.name)).toEqual(['After']);
    expect(diagnostics(doc)).toEqual([
      ['ignored', 'reg-continuation-interrupted', 3, 1, 3, 34],
      ['ignored', 'reg-line-swallowed', 4, 1, 4, 28],
      ['ignored', 'reg-value-after-ignored-key', 5, 1, 5, 16],
    ]);
  });

  it('reports a bad byte on a continuation line at that line', () => {
    const doc = underKey('"Wine63b"=hex:4c,69,\\', '  63,,6f,\\', '  6e', '"Next"=dword:1');
    expect(valueNames(doc)).toEqual(['Next']);
    expect(diagnostics(doc)).toEqual([['malformed', 'reg-hex-invalid', 4, 3, 5, 5]]);
  });
});

describe('hex(N) data', () => {
  it('decodes hex(2) as UTF-16LE in a 5.00 file', () => {
    const doc = underKey('"Wine49"=hex(2):25,00,50,00,41,00,54,00,48,00,25,00,00,00');
    const bytes = new Uint8Array([0x25, 0, 0x50, 0, 0x41, 0, 0x54, 0, 0x48, 0, 0x25, 0, 0, 0]);
    expect(value(doc, 'Wine49').data).toEqual({ type: 'REG_EXPAND_SZ', typeCode: 2, text: '%PATH%', bytes });
  });

  it('decodes hex(1), hex(2) and hex(7) as windows-1252 in a REGEDIT4 file', () => {
    const doc = parseLines(['REGEDIT4', KEY, '"sz"=hex(1):80,e9,00', '"expand"=hex(2):25,50,41,54,48,25', '"multi"=hex(7):61,00,62,63,00,00']);
    expect(value(doc, 'sz').data).toEqual({ type: 'REG_SZ', typeCode: 1, text: '€é', bytes: new Uint8Array([0x80, 0xe9, 0]) });
    expect(value(doc, 'expand').data).toMatchObject({ type: 'REG_EXPAND_SZ', text: '%PATH%' });
    expect(value(doc, 'multi').data).toMatchObject({ type: 'REG_MULTI_SZ', typeCode: 7, strings: ['a', 'bc'] });
  });

  it('reads hex(7) without its terminators and an empty hex(7)', () => {
    const doc = underKey('"one"=hex(7):4c,00,69,00', '"none"=hex(7):');
    expect(value(doc, 'one').data).toMatchObject({ strings: ['Li'] });
    expect(value(doc, 'none').data).toEqual({ type: 'REG_MULTI_SZ', typeCode: 7, strings: [], bytes: new Uint8Array([]) });
  });

  it('reads hex(4) with 4 bytes as a little-endian dword', () => {
    const doc = underKey('"Enabled"=hex(4):01,00,00,80');
    expect(value(doc, 'Enabled').data).toEqual({
      type: 'REG_DWORD',
      typeCode: 4,
      dword: 0x80000001,
      bytes: new Uint8Array([1, 0, 0, 0x80]),
    });
  });

  it('marks hex(4), hex(5) and hex(b) with the wrong byte count', () => {
    const doc = underKey('"three"=hex(4):01,00,00', '"empty"=hex(4):', '"be"=hex(5):00,00,00,01,02', '"q"=hex(b):01,00,00,00');
    expect(value(doc, 'three').data).toEqual({ type: 'REG_DWORD', typeCode: 4, bytes: new Uint8Array([1, 0, 0]), malformedForType: true });
    expect(value(doc, 'empty').data).toEqual({ type: 'REG_DWORD', typeCode: 4, bytes: new Uint8Array([]), malformedForType: true });
    expect(value(doc, 'be').data).toMatchObject({ type: 'REG_DWORD_BIG_ENDIAN', typeCode: 5, malformedForType: true });
    expect(value(doc, 'q').data).toMatchObject({ type: 'REG_QWORD', typeCode: 11, malformedForType: true });
    expect(doc.diagnostics).toEqual([]);
  });

  it('reads hex(5) with 4 bytes and hex(b) with 8 bytes', () => {
    const doc = underKey('"be"=hex(5):00,00,00,01', '"q"=hex(b):ff,ff,ff,ff,ff,ff,ff,7f');
    expect(value(doc, 'be').data).toEqual({ type: 'REG_DWORD_BIG_ENDIAN', typeCode: 5, bytes: new Uint8Array([0, 0, 0, 1]) });
    expect(value(doc, 'q').data).toEqual({
      type: 'REG_QWORD',
      typeCode: 11,
      qword: 0x7fffffffffffffffn,
      bytes: new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]),
    });
  });

  it.each([
    ['0', 'REG_NONE', 0],
    ['3', 'REG_BINARY', 3],
    ['6', 'REG_LINK', 6],
    ['8', 'REG_RESOURCE_LIST', 8],
    ['9', 'REG_FULL_RESOURCE_DESCRIPTOR', 9],
    ['A', 'REG_RESOURCE_REQUIREMENTS_LIST', 10],
    ['100', 'REG_UNKNOWN', 0x100],
    ['ffffffff', 'REG_UNKNOWN', 0xffffffff],
  ])('reads hex(%s) as %s', (n, type, typeCode) => {
    const doc = underKey(`"Value"=hex(${n}):56,61`);
    const v = value(doc, 'Value');
    expect(v.syntax).toBe('hex-typed');
    expect(v.data).toEqual({ type, typeCode, bytes: new Uint8Array([0x56, 0x61]) });
    expect(regTypeName(typeCode)).toBe(type);
  });

  it.each(['hex(100000000):56', 'hex(0x2):56', 'hex(x2):56', 'hex():56', 'hex(2)56', 'hex(2:56'])('rejects `%s`', (data) => {
    const doc = underKey(`"Value"=${data}`);
    expect(valueNames(doc)).toEqual([]);
    expect(diagnostics(doc)).toEqual([['malformed', 'reg-hex-type-invalid', 3, 1, 3, 9 + data.length]]);
  });
});

describe('comments, blank lines and other lines', () => {
  it('skips `;` and `#` lines at line start, after blanks too', () => {
    const doc = underKey(';"Comment2"="Value 2"', '    #"Comment3"="Value 3"', '#comment\\', '"Wine8"="Line 1"');
    expect(valueNames(doc)).toEqual(['Wine8']);
    expect(doc.diagnostics).toEqual([]);
  });

  it('reports any other line as malformed, spanning its content', () => {
    const doc = underKey('  NameNoQuotes="Asdffdsa"  ', 'HKEY_CURRENT_USER\\No_Opening_Bracket]');
    expect(diagnostics(doc)).toEqual([
      ['malformed', 'reg-value-syntax', 3, 3, 3, 26],
      ['malformed', 'reg-value-syntax', 4, 1, 4, 38],
    ]);
  });
});

describe('line breaks', () => {
  const body = ['[HKEY_CURRENT_USER\\A]', '"One"=hex:01,\\', '  02', '"Two"=dword:2'];
  it.each([
    ['CRLF', '\r\n', 'crlf'],
    ['LF', '\n', 'lf'],
    ['CR', '\r', 'cr'],
  ])('reads %s line breaks', (_label, eol, style) => {
    const doc = parseReg(sourceFromText('eol.reg', [V5, ...body].join(eol) + eol));
    expect(doc.source.newline).toBe(style);
    const key = onlyKey(doc);
    expect(key.values.map((v) => [v.name, v.startLine, v.endLine])).toEqual([
      ['One', 3, 4],
      ['Two', 5, 5],
    ]);
    expect(doc.diagnostics).toEqual([]);
  });

  it('reads mixed line breaks and a missing final newline', () => {
    const doc = parseReg(sourceFromText('mixed.reg', `${V5}\r\n${body[0]}\n${body[1]}\r${body[2]}\r\n${body[3]}`));
    expect(valueNames(doc)).toEqual(['One', 'Two']);
    expect(value(doc, 'Two').data).toEqual({ type: 'REG_DWORD', typeCode: 4, dword: 2 });
  });

  it('reads a UTF-16LE file with BOM', () => {
    const text = `${V5}\r\n\r\n${KEY}\r\n"Path"=hex(2):25,00,50,00,00,00\r\n"Enabled"=dword:00000001\r\n`;
    const doc = parseReg(decodeBytes('wide.reg', utf16File(text)));
    expect([doc.dialect, doc.source.encoding, doc.source.bom, doc.source.newline]).toEqual(['regedit5', 'utf-16le', true, 'crlf']);
    expect(onlyKey(doc).line).toBe(3);
    expect(value(doc, 'Path').data).toMatchObject({ type: 'REG_EXPAND_SZ', text: '%P' });
    expect(value(doc, 'Enabled').startLine).toBe(5);
  });
});

describe('robustness', () => {
  /** Small deterministic PRNG so a failure can be replayed. */
  function random(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  const fragments = [
    V5, 'REGEDIT4', '', ' ', '[', ']', '[-', '[ ', KEY, '"', '"a"', '=', '@', '-', 'dword:', 'hex:', 'hex(', '2', '7', 'b', '):',
    '01', ',', ',\\', '\\', ';', '#', '\\0', '\\"', '\\\\', 'ff', '100', ' \t', '\r', '\n', '\r\n', '\u00e9', '\uD83D', '\uFEFF',
  ];

  function checkDocument(doc: RegDocument): void {
    const length = doc.source.text.length;
    const inside = (span: Span) => {
      expect(span.start).toBeGreaterThanOrEqual(0);
      expect(span.end).toBeGreaterThanOrEqual(span.start);
      expect(span.end).toBeLessThanOrEqual(length);
    };
    inside(doc.headerSpan);
    for (const d of doc.diagnostics) inside(d.span);
    for (const key of doc.keys) {
      inside(key.span);
      inside(key.pathSpan);
      for (const v of key.values) {
        inside(v.span);
        inside(v.nameSpan);
        inside(v.dataSpan);
        expect(v.endLine).toBeGreaterThanOrEqual(v.startLine);
      }
    }
  }

  it('never throws on random bytes or random fragments, and keeps every span inside the text', () => {
    const next = random(20240611);
    for (let round = 0; round < 400; round++) {
      let bytes: Uint8Array;
      if (round % 2 === 0) {
        bytes = new Uint8Array(Math.floor(next() * 300));
        for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(next() * 256);
        if (round % 4 === 0) bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), bytes]);
      } else {
        const parts: string[] = [];
        const count = Math.floor(next() * 60);
        for (let i = 0; i < count; i++) parts.push(fragments[Math.floor(next() * fragments.length)]!);
        const text = parts.join('');
        bytes = round % 3 === 0 ? utf16File(text) : Buffer.from(text, 'utf8');
      }
      const doc = parseReg(decodeBytes(`random-${round}.reg`, bytes));
      checkDocument(doc);
    }
  });

  it('parses a million continuation lines in linear time', () => {
    const lineCount = 1_000_000;
    const parts: string[] = [V5, KEY, '"Big"=hex:\\'];
    for (let i = 0; i < lineCount; i++) parts.push('  01,02,03,04,\\');
    parts.push('  05');
    const { doc, lookups } = underKeylessCounted(parts);
    const big = value(doc, 'Big');
    expect([big.startLine, big.endLine]).toEqual([3, lineCount + 4]);
    expect(big.data?.type).toBe('REG_BINARY');
    const bytes = (big.data as { bytes: Uint8Array }).bytes;
    expect(bytes.length).toBe(lineCount * 4 + 1);
    expect(bytes[bytes.length - 1]).toBe(5);
    expect(big.rawData.length).toBe('hex:'.length + lineCount * 12 + 2);
    // Linear, counted rather than timed: every line is looked up a bounded number of times (its
    // start and its end), never rescanned from the value's first line.
    expect(lookups.count).toBeLessThanOrEqual(2 * (lineCount + 4));
  });

  it('covers a million orphan continuation lines in linear time', () => {
    const lineCount = 1_000_000;
    const parts: string[] = [V5, KEY, '"Big"=hex:00\\'];
    for (let i = 0; i < lineCount; i++) parts.push('  01,02,03,04,\\');
    parts.push('  05', '"After"=dword:1');
    const { doc, lookups } = underKeylessCounted(parts);
    expect(valueNames(doc)).toEqual(['After']);
    expect(diagnostics(doc)).toEqual([['ignored', 'reg-continuation-missing-comma', 3, 1, lineCount + 4, 5]]);
    // The orphan lines are covered in one pass: each looked up (start and end) once, none again
    // (a few lookups more place the diagnostic).
    expect(lookups.count).toBeLessThanOrEqual(2 * (lineCount + 5) + 4);
  });

  /** The parse, counting the line lookups it makes (work measured without a clock). */
  function underKeylessCounted(lines: string[]): { doc: RegDocument; lookups: Counter } {
    const { file, lookups } = countingLines(sourceFromText('big.reg', lines.join('\r\n')));
    return { doc: parseReg(file), lookups };
  }
});

describe.skipIf(!existsSync(regCorpusDir))('corpus/reg', () => {
  const load = (name: string): RegDocument => parseReg(decodeBytes(name, readFileSync(path.join(regCorpusDir, name))));
  const keyAt = (doc: RegDocument, suffix: string): RegKeyLine[] => doc.keys.filter((k) => k.path.endsWith(suffix));
  const SCHANNEL = 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL';

  it('loads every file with a valid header and no malformed line', () => {
    const files = readdirSync(regCorpusDir).filter((f) => f.endsWith('.reg'));
    expect(files.length).toBeGreaterThanOrEqual(12);
    for (const file of files) {
      const doc = load(file);
      expect({ file, dialect: doc.dialect }).toEqual({ file, dialect: 'regedit5' });
      expect({ file, malformed: doc.diagnostics.filter((d) => d.kind === 'malformed') }).toEqual({ file, malformed: [] });
    }
  });

  it('pssl-regedit-export-utf16.reg: a genuine UTF-16LE regedit export', () => {
    const doc = load('pssl-regedit-export-utf16.reg');
    expect([doc.dialect, doc.source.encoding, doc.source.bom, doc.source.newline]).toEqual(['regedit5', 'utf-16le', true, 'crlf']);
    expect(doc.keys.slice(0, 3).map((k) => [k.path, k.line])).toEqual([
      [SCHANNEL, 3],
      [`${SCHANNEL}\\Ciphers`, 6],
      [`${SCHANNEL}\\CipherSuites`, 8],
    ]);
    expect(doc.keys[0]!.values.map((v) => [v.name, v.startLine, v.data])).toEqual([
      ['EventLogging', 4, { type: 'REG_DWORD', typeCode: 4, dword: 1 }],
    ]);
    const client = keyAt(doc, '\\Protocols\\SSL 2.0\\Client');
    expect(client.map((k) => k.line)).toEqual([18]);
    expect(client[0]!.values.map((v) => [v.name, v.startLine, v.data])).toEqual([
      ['DisabledByDefault', 19, { type: 'REG_DWORD', typeCode: 4, dword: 1 }],
    ]);
    expect(doc.diagnostics).toEqual([]);
  });

  it('reemdemo-tls11-12-utf16.reg: TLS 1.1/1.2 enabled', () => {
    const doc = load('reemdemo-tls11-12-utf16.reg');
    const facts = (suffix: string) =>
      keyAt(doc, suffix).flatMap((k) => [k.line, ...k.values.map((v) => [v.name, v.startLine, v.data?.type === 'REG_DWORD' && 'dword' in v.data ? v.data.dword : undefined])]);
    expect(facts('\\TLS 1.1\\Client')).toEqual([7, ['DisabledByDefault', 8, 0], ['Enabled', 9, 1]]);
    expect(facts('\\TLS 1.1\\Server')).toEqual([11, ['Enabled', 12, 1], ['DisabledByDefault', 13, 0]]);
    expect(facts('\\TLS 1.2\\Client')).toEqual([17, ['Enabled', 18, 1], ['DisabledByDefault', 19, 0]]);
    expect(facts('\\TLS 1.2\\Server')).toEqual([21, ['Enabled', 22, 1], ['DisabledByDefault', 23, 0]]);
    expect(doc.diagnostics).toEqual([]);
  });

  it.each([
    ['natthasath-enable-rc4-key-and-value-same-line.reg', [102, 101, 101]],
    ['natthasath-enable-ssl3-key-and-value-same-line.reg', [107, 107, 107, 107]],
    ['natthasath-disable-ssl3-actually-ssl2.reg', [107, 107, 107, 107]],
  ])('%s: values on the key line are never written', (file, columns) => {
    const doc = load(file);
    expect(doc.keys.map((k) => k.line)).toEqual(columns.map((_, i) => i + 3));
    for (const key of doc.keys) {
      expect(key.values).toEqual([]);
      expect(key.ignoredTail?.text).toMatch(/^"(Enabled|DisabledByDefault)"=dword:0000000[01]$/);
    }
    expect(doc.keys[0]!.ignoredTail?.text).toMatch(/^"Enabled"=/);
    expect(diagnostics(doc).map((d) => [d[0], d[1], d[2], d[3]])).toEqual(
      columns.map((column, i) => ['ignored', 'reg-key-trailing-text', i + 3, column]),
    );
  });

  it('iiscrypto-backup-deletes.reg: key deletions and value deletions', () => {
    const doc = load('iiscrypto-backup-deletes.reg');
    const deletions = doc.keys.filter((k) => k.deletion);
    expect(deletions).toHaveLength(47);
    expect([deletions[0]!.path, deletions[0]!.line]).toEqual([`${SCHANNEL}\\Ciphers\\NULL`, 3]);
    expect(deletions.every((k) => k.values.length === 0)).toBe(true);
    const ssl2Client = doc.keys.filter((k) => k.path === `${SCHANNEL}\\Protocols\\SSL 2.0\\Client`);
    expect(ssl2Client.map((k) => [k.line, k.deletion, k.values.map((v) => [v.name, v.startLine, v.deletion])])).toEqual([
      [47, false, [['Enabled', 48, true]]],
      [62, false, [['DisabledByDefault', 63, false]]],
    ]);
    const functions = value(doc, 'Functions');
    expect([functions.startLine, functions.deletion, functions.data]).toEqual([107, true, undefined]);
    expect(doc.diagnostics).toEqual([]);
  });

  it('novaq-tls12-inline-comment.reg: a dword followed by a comment', () => {
    const doc = load('novaq-tls12-inline-comment.reg');
    const v = value(doc, 'DefaultSecureProtocols');
    expect([v.startLine, v.rawData, v.data]).toEqual([8, 'dword:00000A00', { type: 'REG_DWORD', typeCode: 4, dword: 0xa00 }]);
    expect(doc.diagnostics).toEqual([]);
  });

  it('kieran-tls12-no-final-newline.reg: the last value is read', () => {
    const doc = load('kieran-tls12-no-final-newline.reg');
    const server = keyAt(doc, '\\TLS 1.2\\Server');
    expect(server.map((k) => k.line)).toEqual([7]);
    expect(server[0]!.values.map((v) => [v.name, v.startLine, v.data])).toEqual([
      ['DisabledByDefault', 8, { type: 'REG_DWORD', typeCode: 4, dword: 0 }],
      ['Enabled', 9, { type: 'REG_DWORD', typeCode: 4, dword: 1 }],
    ]);
    expect(doc.diagnostics).toEqual([]);
  });

  it('ennima-http-parameters-escaped-string.reg: `\\\\` in a REG_SZ', () => {
    const doc = load('ennima-http-parameters-escaped-string.reg');
    expect(onlyKey(doc).path).toBe('HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters');
    expect(value(doc, 'ErrorLoggingDir').data).toEqual({ type: 'REG_SZ', typeCode: 1, text: '\\systemroot\\System32\\Logfiles' });
    expect(value(doc, 'ErrorLogFileTruncateSize').data).toEqual({ type: 'REG_DWORD', typeCode: 4, dword: 2_000_000 });
    expect(doc.diagnostics).toEqual([]);
  });
});
