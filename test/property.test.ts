/**
 * Property-based tests (fast-check) of the decoder and the .reg parser: any bytes decode and
 * parse without throwing, every reported position is inside the text, the line index agrees
 * with the text, and parse → print → parse gives the same keys and values. Run counts are
 * modest for CI; a failure prints its seed and a shrunk counterexample.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectKind } from '../src/parse/detect.js';
import { parseMetabase } from '../src/parse/metabase.js';
import type { MetabaseDocument } from '../src/parse/metabase-syntax.js';
import { parseReg } from '../src/parse/reg.js';
import { printRegDocument } from '../src/parse/reg-print.js';
import type { RegData, RegDocument } from '../src/parse/reg-syntax.js';
import { decodeBytes, sourceFromText, type SourceFile, type Span } from '../src/parse/text.js';
import { corpusDir } from './support/corpus.js';

const RUNS = { numRuns: 200 };

/** Bytes with the prefixes the decoder branches on, and plain random bytes. */
const anyBytes = fc.oneof(
  fc.uint8Array({ maxLength: 600 }),
  fc
    .tuple(
      fc.constantFrom([0xff, 0xfe], [0xfe, 0xff], [0xef, 0xbb, 0xbf], [0x3c, 0x00, 0x3f], [0x00, 0x3c, 0x00], []),
      fc.uint8Array({ maxLength: 600 }),
    )
    .map(([prefix, rest]) => Uint8Array.from([...prefix, ...rest])),
  // Text-like: line breaks, CR, LF, quotes, brackets and backslashes are what the parsers care about.
  fc
    .array(fc.constantFrom(0x0d, 0x0a, 0x22, 0x5b, 0x5d, 0x5c, 0x3d, 0x2c, 0x3b, 0x40, 0x20, 0x41, 0x30, 0x00, 0xd8, 0xdc, 0xff), {
      maxLength: 600,
    })
    .map((codes) => Uint8Array.from(codes)),
);

function expectInside(span: Span, source: SourceFile, what: string): void {
  expect(span.start, `${what} start`).toBeGreaterThanOrEqual(0);
  expect(span.start, `${what} start ≤ end`).toBeLessThanOrEqual(span.end);
  expect(span.end, `${what} end`).toBeLessThanOrEqual(source.text.length);
}

/** The line index agrees with the text, character by character. */
function expectLineIndexConsistent(source: SourceFile): void {
  const { text, lines } = source;
  expect(lines.textLength).toBe(text.length);
  const breaks = text.match(/\r\n|\r|\n/g) ?? [];
  expect(lines.lineCount).toBe(breaks.length + 1);
  for (let line = 1; line <= lines.lineCount; line++) {
    const start = lines.lineStart(line);
    const end = lines.lineEnd(line);
    expect(start).toBeLessThanOrEqual(end);
    expect(text.slice(start, end)).not.toMatch(/[\r\n]/);
    if (line < lines.lineCount) expect(['\r\n', '\r', '\n']).toContain(text.slice(end, lines.lineStart(line + 1)));
    else expect(end).toBe(text.length);
  }
  for (let offset = 0; offset <= text.length; offset++) {
    const position = lines.position(offset);
    expect(position.line).toBeGreaterThanOrEqual(1);
    expect(position.line).toBeLessThanOrEqual(lines.lineCount);
    expect(lines.lineStart(position.line) + position.column - 1).toBe(offset);
  }
  const kinds = new Set(breaks);
  const expected = kinds.size === 0 ? 'none' : kinds.size > 1 ? 'mixed' : kinds.has('\r\n') ? 'crlf' : kinds.has('\n') ? 'lf' : 'cr';
  expect(source.newline).toBe(expected);
}

describe('decodeBytes', () => {
  it('any bytes: no throw, a consistent line index, the BOM removed and the odd UTF-16 byte dropped', () => {
    fc.assert(
      fc.property(anyBytes, (bytes) => {
        const source = decodeBytes('file', bytes);
        expectLineIndexConsistent(source);
        const utf16 = source.encoding.startsWith('utf-16');
        const bodyLength = bytes.length - (source.bom ? (source.encoding === 'utf-8' ? 3 : 2) : 0);
        expect(source.droppedOddByte).toBe(utf16 && bodyLength % 2 === 1);
        if (source.droppedOddByte) expect(source.hadDecodeErrors).toBe(true);
        if (utf16) expect(source.text.length).toBe(Math.floor(bodyLength / 2));
      }),
      { numRuns: 300 },
    );
  });

  it('UTF-8 and UTF-16LE with BOM give back the text they encode', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        fc.pre(!text.startsWith('\uFEFF'));
        const utf8 = decodeBytes('file', Buffer.from(text, 'utf8'));
        expect(utf8).toMatchObject({ text, encoding: 'utf-8', bom: false, hadDecodeErrors: false });
        const utf16 = decodeBytes('file', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
        expect(utf16).toMatchObject({ text, encoding: 'utf-16le', bom: true, hadDecodeErrors: false, droppedOddByte: false });
      }),
      RUNS,
    );
  });

  it('a lone surrogate in UTF-16 is a decode error, never a throw', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 50 }),
        fc.constantFrom('\uD800', '\uDBFF', '\uDC00', '\uDFFF'),
        fc.string({ maxLength: 50 }),
        (before, lone, after) => {
          fc.pre(!/[\uD800-\uDFFF]/.test(before + after));
          const source = decodeBytes('file', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(before + lone + after, 'utf16le')]));
          expect(source.hadDecodeErrors).toBe(true);
          expect(source.text.length).toBe(before.length + 1 + after.length);
        },
      ),
      RUNS,
    );
  });
});

/** Every position a RegDocument reports is inside its text; lines inside the file. */
function expectRegPositionsInside(document: RegDocument): void {
  const source = document.source;
  expectInside(document.headerSpan, source, 'header');
  let previous = 0;
  for (const diagnostic of document.diagnostics) {
    expectInside(diagnostic.span, source, `diagnostic ${diagnostic.code}`);
    expect(diagnostic.span.start).toBeGreaterThanOrEqual(previous);
    previous = diagnostic.span.start;
  }
  for (const key of document.keys) {
    expectInside(key.span, source, 'key');
    expectInside(key.pathSpan, source, 'key path');
    expect(source.text.slice(key.pathSpan.start, key.pathSpan.end)).toBe(key.path);
    expect(key.line).toBeGreaterThanOrEqual(1);
    expect(key.line).toBeLessThanOrEqual(source.lines.lineCount);
    if (key.ignoredTail) expectInside(key.ignoredTail.span, source, 'key tail');
    for (const value of key.values) {
      expectInside(value.span, source, 'value');
      expectInside(value.nameSpan, source, 'value name');
      expectInside(value.dataSpan, source, 'value data');
      expect(value.startLine).toBeGreaterThanOrEqual(1);
      expect(value.startLine).toBeLessThanOrEqual(value.endLine);
      expect(value.endLine).toBeLessThanOrEqual(source.lines.lineCount);
      expect(source.lines.position(value.span.start).line).toBe(value.startLine);
    }
  }
}

// ---- generated .reg text ---------------------------------------------------------------------

const pathText = fc.string({
  unit: fc.constantFrom('H', 'K', 'L', 'M', '\\', ' ', ']', '[', 'é', '1', '/', ';', '"'),
  minLength: 1,
  maxLength: 20,
});
const nameText = fc.string({
  unit: fc.constantFrom('E', 'n', '\\\\', '\\"', '\\n', '\\r', '\\q', '=', ';', ' ', '[', '@', 'é', '😀'),
  maxLength: 12,
});
const hexByte = fc
  .oneof({ weight: 9, arbitrary: fc.integer({ min: 0, max: 0xff }) }, { weight: 1, arbitrary: fc.integer({ min: 0x100, max: 0x1ff }) })
  .map((value) => value.toString(16).padStart(2, '0'));
/** Bytes, sometimes continued over lines with `,\` (and a comment or a blank line in between). */
const hexList = fc
  .array(hexByte, { maxLength: 40 })
  .chain((bytes) =>
    fc
      .array(fc.constantFrom('', '', '', '\\\r\n  ', '\\\r\n', '\\ ; wrap\r\n  ', '\\\r\n\r\n  ', '\\\r\n; note\r\n  '), {
        minLength: bytes.length,
        maxLength: bytes.length,
      })
      .map((breaks) => bytes.map((byte, index) => (index < bytes.length - 1 ? `${byte},${breaks[index]}` : byte)).join('')),
  );
const validData = fc.oneof(
  fc.constant('-'),
  nameText.map((text) => `"${text}"`),
  fc
    .integer({ min: 1, max: 8 })
    .chain((count) => fc.string({ unit: fc.constantFrom('0', '1', 'a', 'F', '9'), minLength: count, maxLength: count }))
    .map((digits) => `dword:${digits}`),
  hexList.map((list) => `hex:${list}`),
  fc
    .tuple(fc.constantFrom('0', '1', '2', '4', '5', '7', 'b', 'B', '1f', 'ffffffff'), hexList)
    .map(([type, list]) => `hex(${type}):${list}`),
);
const brokenData = fc.constantFrom(
  'junk',
  '"unterminated',
  'dword:1 trailing',
  'dword:',
  'dword:123456789',
  'hex:01,02 03',
  'hex:01,\\',
  'hex(x):01',
  'hex():',
  '=-x',
  '"a\\0b"',
  '- x',
);
const validKey = fc
  .tuple(fc.constantFrom('[', '[', '[-'), pathText, fc.constantFrom(']', ']', '] ;c', '] "x"=dword:1', ']  '))
  .map((parts) => parts.join(''));
const validValue = fc
  .tuple(
    fc.oneof(
      fc.constant('@'),
      nameText.map((name) => `"${name}"`),
    ),
    fc.constantFrom('=', ' = ', '=  '),
    validData,
    fc.constantFrom('', '', ' ; comment', '  '),
  )
  .map((parts) => parts.join(''));
const brokenLine = fc.oneof(
  fc.tuple(fc.constantFrom('[ ', '[-  ', '['), pathText).map((parts) => parts.join('')),
  fc.tuple(fc.constantFrom('"x"=', '@=', '"open'), brokenData).map((parts) => parts.join('')),
  fc.constantFrom('', '  ', '; comment', '# hash', 'not a line', 'Windows Registry Editor Version 5.00', '  00,01', ',\\'),
);
const regLine = fc.oneof({ weight: 3, arbitrary: validKey }, { weight: 6, arbitrary: validValue }, { weight: 2, arbitrary: brokenLine });
const regText = fc
  .tuple(
    fc.constantFrom(
      'Windows Registry Editor Version 5.00',
      'Windows Registry Editor Version 5.00',
      'REGEDIT4',
      'REGEDIT',
      '',
      'Windows Registry Editor Version 5.00 ',
    ),
    fc.array(regLine, { maxLength: 30 }),
    fc.constantFrom('\r\n', '\n', '\r'),
  )
  .map(([header, lines, newline]) => [header, ...lines].join('\r\n').replace(/\r\n/g, newline));

/** What a key/value means, without positions: what must survive printing. */
function meaning(document: RegDocument): unknown {
  return document.keys.map((key) => ({
    path: key.path,
    deletion: key.deletion,
    values: key.values.map((value) => ({
      name: value.name,
      deletion: value.deletion,
      syntax: value.syntax,
      data: value.data ? dataMeaning(value.data) : undefined,
    })),
  }));
}

function dataMeaning(data: RegData): unknown {
  const plain: Record<string, unknown> = { ...data };
  if ('bytes' in data && data.bytes) plain['bytes'] = Buffer.from(data.bytes).toString('hex');
  if ('qword' in data && data.qword !== undefined) plain['qword'] = data.qword.toString();
  return plain;
}

describe('parseReg', () => {
  it('any bytes: no throw, every position inside the text', () => {
    fc.assert(
      fc.property(anyBytes, (bytes) => {
        expectRegPositionsInside(parseReg(decodeBytes('file.reg', bytes)));
      }),
      { numRuns: 300 },
    );
  });

  it('generated .reg text: every position inside the text', () => {
    fc.assert(
      fc.property(regText, (text) => {
        expectRegPositionsInside(parseReg(sourceFromText('file.reg', text)));
      }),
      RUNS,
    );
  });

  it('parse → print → parse gives the same keys and values, and printing again the same text', () => {
    fc.assert(
      fc.property(regText, fc.integer({ min: 1, max: 30 }), (text, bytesPerLine) => {
        const first = parseReg(sourceFromText('file.reg', text));
        const printed = printRegDocument(first, { bytesPerLine });
        const second = parseReg(sourceFromText('file.reg', printed));
        expect(second.dialect).toBe(first.dialect);
        expect(meaning(second)).toEqual(meaning(first));
        // The printed text is what regedit itself would write: nothing in it is ignored or malformed,
        // apart from the missing header of a document that had none.
        expect(second.diagnostics.filter((diagnostic) => diagnostic.code !== 'reg-header-missing')).toEqual([]);
        expect(printRegDocument(second, { bytesPerLine })).toBe(printed);
      }),
      RUNS,
    );
  });

  it('UTF-16LE exports: the same keys and values as the same text in UTF-8', () => {
    fc.assert(
      fc.property(regText, (text) => {
        // With a valid 5.00 header, hex(1) strings are UTF-16LE whatever the file's encoding.
        fc.pre(/^Windows Registry Editor Version 5\.00(?:[\r\n]|$)/.test(text));
        const utf16 = parseReg(decodeBytes('file.reg', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])));
        const utf8 = parseReg(decodeBytes('file.reg', Buffer.from(text, 'utf8')));
        expect(meaning(utf16)).toEqual(meaning(utf8));
        expect(utf16.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.span])).toEqual(
          utf8.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.span]),
        );
      }),
      RUNS,
    );
  });
});

// ---- the metabase reader and fast-xml-parser ---------------------------------------------------

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

function filesBelow(directory: string): string[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    return entry.isDirectory() ? filesBelow(full) : [full];
  });
}

function metabaseSources(directories: string[]): SourceFile[] {
  return directories
    .flatMap(filesBelow)
    .map((file) => decodeBytes(file, readFileSync(file)))
    .filter((source) => detectKind(source).kind === 'metabase');
}

/** A document as plain data: its keys' properties built, for comparing two reads. */
function plainDocument(document: MetabaseDocument): object {
  return {
    ...document,
    keys: document.keys.map((key) => ({
      className: key.className,
      location: key.location,
      span: key.span,
      properties: key.properties,
      childElementCount: key.childElementCount,
    })),
  };
}

/**
 * The reader meets every element where fast-xml-parser saw it: the cross-check changes nothing
 * (and does not throw XmlCrossCheckError), on well-formed and malformed files alike.
 */
function expectCrossCheckAgrees(source: SourceFile): void {
  expect(plainDocument(parseMetabase(source, { crossCheck: true }))).toEqual(plainDocument(parseMetabase(source)));
}

describe('parseMetabase reads the same with and without fast-xml-parser', () => {
  it('on every metabase in examples/ and fixtures/, well-formed or not', () => {
    const sources = metabaseSources([path.join(repoRoot, 'examples'), path.join(repoRoot, 'fixtures')]);
    expect(sources.length).toBeGreaterThan(10);
    expect(sources.filter((source) => parseMetabase(source).diagnostics.length > 0).length).toBeGreaterThanOrEqual(6);
    for (const source of sources) expectCrossCheckAgrees(source);
  });

  it.skipIf(!existsSync(corpusDir))('on every metabase of the corpus (real and malformed)', () => {
    expect(metabaseSources([path.join(corpusDir, 'metabase')])).toHaveLength(2);
    const sources = metabaseSources([corpusDir]);
    for (const source of sources) expectCrossCheckAgrees(source);
  });

  const attributeValue = fc.string({
    unit: fc.constantFrom('a', 'Z', '1', ' ', '|', '/', '&amp;', '&lt;', '&#x41;', '&#233;', '&quot;', "'", 'é', '\r\n\t\t'),
    maxLength: 15,
  });
  const attribute = fc.tuple(
    fc.constantFrom('AccessSSLFlags', 'AccessFlags', 'Path', 'ServerComment', 'x', 'Custom'),
    attributeValue,
    fc.constantFrom('"', "'"),
  );
  const key = fc
    .tuple(
      fc.constantFrom('IIsWebServer', 'IIsWebVirtualDir', 'IIsCertMapper', 'constructor', 'toString', 'a.b-c'),
      fc.string({ unit: fc.constantFrom('/', 'LM', 'W3SVC', '1', 'ROOT'), maxLength: 6 }),
      fc.uniqueArray(attribute, { selector: ([name]) => name, maxLength: 5 }),
      fc.array(fc.tuple(fc.constantFrom('6030', '1', 'x'), attributeValue), { maxLength: 2 }),
      fc.constantFrom('\r\n\t\t', ' ', '\n'),
      fc.boolean(),
    )
    .map(([className, location, attributes, customs, separator, selfClosing]) => {
      const written = attributes
        .map(
          ([name, value, quote]) => `${separator}${name}=${quote}${value.replaceAll(quote, quote === '"' ? '&quot;' : '&apos;')}${quote}`,
        )
        .join('');
      const children = customs
        .map(([id, value]) => `\r\n\t<Custom Name="N" ID="${id}" Value="${value.replaceAll('"', '&quot;')}" Type="DWORD"/>`)
        .join('');
      const start = `<${className}${separator}Location ="${location}"${written}`;
      return selfClosing && children === '' ? `${start}/>` : `${start}${separator}>${children}<!-- c --></${className}>`;
    });
  const document = fc
    .tuple(
      fc.array(key, { maxLength: 8 }),
      fc.constantFrom('', '<?xml version ="1.0"?>\r\n', '<?xml version="1.0" encoding="UTF-8"?>\n<!-- head -->\n'),
    )
    .map(
      ([keys, prolog]) =>
        `${prolog}<configuration xmlns="urn:microsoft-catalog:XML_Metabase_V64_0">\r\n<MBProperty>\r\n${keys.join('\r\n')}\r\n</MBProperty>\r\n</configuration>\r\n`,
    );

  it('on generated well-formed metabases', () => {
    fc.assert(
      fc.property(document, (text) => {
        const source = sourceFromText('MetaBase.xml', text);
        expect(parseMetabase(source).diagnostics).toEqual([]);
        expectCrossCheckAgrees(source);
      }),
      RUNS,
    );
  });

  // Mutations reach what generation does not: truncated tags, stray markup, forbidden characters.
  const mutation = fc.tuple(
    fc.nat(),
    fc.nat({ max: 4 }),
    fc.constantFrom('', '<', '>', '"', "'", '/', '&', '<!--', '--', ']]>', '<a>', '</K>', '\u0001', '\uFFFF', '<![CDATA[x]]>'),
  );

  it('on mutated metabases, well-formed or not', () => {
    fc.assert(
      fc.property(document, fc.array(mutation, { minLength: 1, maxLength: 3 }), (text, mutations) => {
        let mutated = text;
        for (const [at, removed, inserted] of mutations) {
          const offset = at % (mutated.length + 1);
          mutated = mutated.slice(0, offset) + inserted + mutated.slice(offset + removed);
        }
        expectCrossCheckAgrees(sourceFromText('MetaBase.xml', mutated));
      }),
      { numRuns: 500 },
    );
  });
});
