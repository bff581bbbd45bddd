import { describe, expect, it } from 'vitest';
import { decodeBytes, LineIndex, sniffEncoding, sourceFromText } from '../src/parse/text.js';

const utf16le = (text: string, bom = true) =>
  Buffer.concat([bom ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0), Buffer.from(text, 'utf16le')]);
const utf16be = (text: string) => {
  const le = Buffer.from(text, 'utf16le');
  const be = Buffer.alloc(le.length);
  for (let i = 0; i < le.length; i += 2) {
    be[i] = le[i + 1]!;
    be[i + 1] = le[i]!;
  }
  return Buffer.concat([Buffer.from([0xfe, 0xff]), be]);
};

describe('decodeBytes', () => {
  it('decodes UTF-16LE with BOM and records encoding, BOM and CRLF', () => {
    const source = decodeBytes('a.reg', utf16le('Windows Registry Editor Version 5.00\r\n\r\n[HKLM\\X]\r\n'));
    expect(source.encoding).toBe('utf-16le');
    expect(source.bom).toBe(true);
    expect(source.newline).toBe('crlf');
    expect(source.text.startsWith('Windows Registry Editor')).toBe(true);
    expect(source.hadDecodeErrors).toBe(false);
  });

  it('decodes UTF-16BE with BOM', () => {
    const source = decodeBytes('a.xml', utf16be('<a>é</a>'));
    expect(source).toMatchObject({ encoding: 'utf-16be', bom: true, text: '<a>é</a>' });
  });

  it('recognises BOM-less UTF-16LE XML by its declaration', () => {
    const source = decodeBytes('a.xml', utf16le('<?xml version="1.0"?><a/>', false));
    expect(source).toMatchObject({ encoding: 'utf-16le', bom: false, text: '<?xml version="1.0"?><a/>' });
  });

  it('decodes UTF-8 with and without BOM', () => {
    const withBom = decodeBytes('m.xml', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<é/>\n')]));
    expect(withBom).toMatchObject({ encoding: 'utf-8', bom: true, text: '<é/>\n', newline: 'lf' });
    const without = decodeBytes('m.xml', Buffer.from('<é/>'));
    expect(without).toMatchObject({ encoding: 'utf-8', bom: false, text: '<é/>', newline: 'none' });
  });

  it('falls back to windows-1252 for bytes that are not UTF-8', () => {
    // 0xE9 = é, 0x80 = € in windows-1252.
    const source = decodeBytes('a.reg', Buffer.from([0x52, 0xe9, 0x80, 0x0d, 0x0a]));
    expect(source).toMatchObject({ encoding: 'windows-1252', text: 'Ré€\r\n', newline: 'crlf' });
  });

  it('flags an odd byte count and lone surrogates in UTF-16 as decode errors, without throwing', () => {
    const odd = decodeBytes('x.reg', Buffer.concat([utf16le('AB'), Buffer.from([0x41])]));
    expect(odd.hadDecodeErrors).toBe(true);
    const lone = decodeBytes('x.reg', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from([0x00, 0xd8, 0x41, 0x00])]));
    expect(lone.hadDecodeErrors).toBe(true);
  });

  it('does not count a literal U+FFFD as a decode error', () => {
    expect(decodeBytes('a', Buffer.from('a\uFFFDb')).hadDecodeErrors).toBe(false);
    expect(decodeBytes('a', Buffer.from([0x61, 0xff, 0x62])).encoding).toBe('windows-1252');
  });

  it('sniffs an empty file as UTF-8 without BOM', () => {
    expect(sniffEncoding(new Uint8Array())).toEqual({ encoding: 'utf-8', bom: false });
    expect(decodeBytes('e', new Uint8Array()).lines.lineCount).toBe(1);
  });
});

describe('LineIndex', () => {
  it('maps offsets to 1-based line and column for CRLF, LF and CR', () => {
    const index = new LineIndex('ab\r\ncd\nef\rgh');
    expect(index.lineCount).toBe(4);
    expect(index.position(0)).toEqual({ line: 1, column: 1 });
    expect(index.position(2)).toEqual({ line: 1, column: 3 });
    expect(index.position(4)).toEqual({ line: 2, column: 1 });
    expect(index.position(7)).toEqual({ line: 3, column: 1 });
    expect(index.position(10)).toEqual({ line: 4, column: 1 });
    expect(index.position(12)).toEqual({ line: 4, column: 3 });
    expect(index.newlineStyle).toBe('mixed');
  });

  it('gives line spans without their line breaks', () => {
    const index = new LineIndex('ab\r\ncd\n');
    expect(index.lineSpan(1)).toEqual({ start: 0, end: 2 });
    expect(index.lineSpan(2)).toEqual({ start: 4, end: 6 });
    expect(index.lineSpan(3)).toEqual({ start: 7, end: 7 });
  });

  it('counts columns in UTF-16 code units (a surrogate pair is two)', () => {
    const index = new LineIndex('😀x');
    expect(index.position(2)).toEqual({ line: 1, column: 3 });
  });

  it('converts a span to an end-exclusive region', () => {
    const source = sourceFromText('f', 'abc\ndef');
    expect(source.lines.region({ start: 5, end: 7 })).toEqual({ startLine: 2, startColumn: 2, endLine: 2, endColumn: 4 });
  });

  it('indexes a large text in linear time', () => {
    const text = 'x\r\n'.repeat(1_000_000);
    const index = new LineIndex(text);
    expect(index.lineCount).toBe(1_000_001);
    expect(index.position(text.length - 1)).toEqual({ line: 1_000_000, column: 3 });
  });
});
