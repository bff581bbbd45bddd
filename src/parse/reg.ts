/**
 * The .reg parser: reads a registry script the way regedit imports it, line by line.
 *
 * The reference is Wine's programs/regedit/regproc.c (a line-based state machine) and the
 * import tests in programs/reg/tests/import.c, which are checked against Windows. Where this
 * parser departs from Wine it says so and why. Everything regedit would not write becomes a
 * diagnostic: `malformed` for text it cannot read, `ignored` for text it reads but drops.
 *
 * Linear in the input: every line is scanned once (a dropped value's orphan continuation
 * lines are looked at once more), bytes go into a growing buffer, raw text into arrays joined once.
 */
import type { ParseDiagnostic } from './diagnostic.js';
import type { RegData, RegDataSyntax, RegDialect, RegDocument, RegKeyLine, RegTypeName, RegValueLine } from './reg-syntax.js';
import { decodeWindows1252, type SourceFile, type Span } from './text.js';

const HEADER_REGEDIT5 = 'Windows Registry Editor Version 5.00';
const HEADER_REGEDIT4 = 'REGEDIT4';

const TAB = 0x09;
const SPACE = 0x20;
const QUOTE = 0x22;
const HASH = 0x23;
const COMMA = 0x2c;
const MINUS = 0x2d;
const SEMICOLON = 0x3b;
const EQUALS = 0x3d;
const AT = 0x40;
const OPEN_BRACKET = 0x5b;
const BACKSLASH = 0x5c;
const CLOSE_BRACKET = 0x5d;

const TYPE_NAMES: readonly RegTypeName[] = [
  'REG_NONE',
  'REG_SZ',
  'REG_EXPAND_SZ',
  'REG_BINARY',
  'REG_DWORD',
  'REG_DWORD_BIG_ENDIAN',
  'REG_LINK',
  'REG_MULTI_SZ',
  'REG_RESOURCE_LIST',
  'REG_FULL_RESOURCE_DESCRIPTOR',
  'REG_RESOURCE_REQUIREMENTS_LIST',
  'REG_QWORD',
];

/** The registry type name of a numeric type code (codes above 0xb are REG_UNKNOWN). */
export function regTypeName(typeCode: number): RegTypeName {
  return TYPE_NAMES[typeCode] ?? 'REG_UNKNOWN';
}

type OtherTypeName = Exclude<RegTypeName, 'REG_SZ' | 'REG_EXPAND_SZ' | 'REG_MULTI_SZ' | 'REG_DWORD' | 'REG_QWORD'>;

function otherTypeName(typeCode: number): OtherTypeName {
  const name = regTypeName(typeCode);
  switch (name) {
    case 'REG_SZ':
    case 'REG_EXPAND_SZ':
    case 'REG_MULTI_SZ':
    case 'REG_DWORD':
    case 'REG_QWORD':
      return 'REG_UNKNOWN'; // not reached: those codes are decoded by their own branches
    default:
      return name;
  }
}

function isBlank(c: number): boolean {
  return c === SPACE || c === TAB;
}

function hexDigitValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

/** Grows by doubling, so a value spread over a million continuation lines stays linear. */
class ByteBuffer {
  private buffer = new Uint8Array(64);
  private length = 0;

  push(byte: number): void {
    if (this.length === this.buffer.length) {
      const grown = new Uint8Array(this.buffer.length * 2);
      grown.set(this.buffer);
      this.buffer = grown;
    }
    this.buffer[this.length++] = byte;
  }

  toBytes(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }
}

/** The offsets of a string without unknown escapes, shared (frozen: nothing may add to it). */
const NO_OFFSETS: number[] = Object.freeze([]) as unknown as number[];

const utf16leDecoder = new TextDecoder('utf-16le', { fatal: false, ignoreBOM: true });

interface QuotedString {
  /** The unescaped text. */
  value: string;
  /** Offset of the closing quote, -1 when the string does not close on its line. */
  close: number;
  /** Offset of a `\0` escape (regedit refuses the whole line), else -1. */
  nulEscape: number;
  /** Offsets of backslashes before a character that is not `\ " n r` (regedit drops the backslash). */
  unknownEscapes: number[];
}

type HexSegmentKind = 'done' | 'continue' | 'missing-comma' | 'invalid';

interface HexSegment {
  kind: HexSegmentKind;
  /** Just past the last character that belongs to the data on this line (a continuation `\` included). */
  stop: number;
  /** Just past the last byte or comma: where the data text ends for `rawData`. */
  dataEnd: number;
}

/** A value line read up to its `=`. */
interface ValueHead {
  line: number;
  /** Offset of the `"` or `@` that starts the value. */
  start: number;
  name: string;
  nameSpan: Span;
  /** First character after `=` and blanks. */
  dataStart: number;
  /** End of the line's content with trailing blanks removed (a trailing comment included). */
  dataEnd: number;
  unknownEscapes: number[];
}

/** What a value line read whole adds to its head: data (unless it deletes the value) and where it ends. */
type ValueParts = { rawData: string; dataSpan: Span; end: number; endLine: number } & (
  | { deletion: true }
  | { deletion: false; data: RegData; syntax: RegDataSyntax }
);

export function parseReg(source: SourceFile): RegDocument {
  return new RegParser(source).parse();
}

class RegParser {
  private readonly text: string;
  private readonly lineCount: number;
  private readonly keys: RegKeyLine[] = [];
  private readonly diagnostics: ParseDiagnostic[] = [];
  private dialect: RegDialect | undefined;
  private stringsAreUtf16 = false;
  /** Where the next value would be written (regedit's "current key"); undefined when no key is open. */
  private openKey: RegKeyLine | undefined;
  /** Why no key is open, for the message (read only while openKey is undefined). */
  private noKeyReason = 'no key line comes before it';
  /** Line of a key line regedit skipped since the current key was opened (`[ key]`, `[key` ...). */
  private skippedKeyLine: number | undefined;

  constructor(private readonly source: SourceFile) {
    this.text = source.text;
    this.lineCount = source.lines.lineCount;
  }

  parse(): RegDocument {
    const headerSpan = this.parseHeader();
    // Strings inside hex(1)/hex(2)/hex(7) follow the header, not the file's encoding: 5.00 scripts
    // saved as ANSI or UTF-8 keep their UTF-16LE hex bytes and import fine. (Wine decides by the
    // BOM instead.) Without a valid header nothing is imported; decode by encoding for display.
    this.stringsAreUtf16 =
      this.dialect === 'regedit5' || (this.dialect === undefined && this.source.encoding.startsWith('utf-16'));
    let line = 2;
    while (line <= this.lineCount) line = this.parseLine(line);
    this.diagnostics.sort((a, b) => a.span.start - b.span.start);
    return { source: this.source, dialect: this.dialect, headerSpan, keys: this.keys, diagnostics: this.diagnostics };
  }

  // ---- header ---------------------------------------------------------------------------

  private parseHeader(): Span {
    const lines = this.source.lines;
    const lineStart = lines.lineStart(1);
    const lineEnd = lines.lineEnd(1);
    const start = this.skipBlanks(lineStart, lineEnd);
    // Leading blanks are allowed, nothing else: the rest of the line must match exactly
    // (Wine's parse_file_header compares the whole remaining line, so trailing blanks fail too).
    const header = this.text.slice(start, lineEnd);
    if (header === HEADER_REGEDIT5) this.dialect = 'regedit5';
    else if (header === HEADER_REGEDIT4) this.dialect = 'regedit4';
    if (this.dialect) return { start, end: lineEnd };
    const end = this.trimEnd(start, lineEnd);
    const found = this.text.slice(start, end);
    const why =
      found === ''
        ? 'the first line is blank'
        : found === HEADER_REGEDIT5 || found === HEADER_REGEDIT4
          ? 'blanks follow the header'
          : found === 'REGEDIT'
            ? '`REGEDIT` alone is the Windows 3.1 format'
            : found.startsWith('REGEDIT')
              ? `\`${truncate(found)}\` is accepted by regedit, which then imports nothing`
              : `\`${truncate(found)}\` is not a header`;
    this.report(
      'malformed',
      'reg-header-missing',
      `The first line must be exactly \`${HEADER_REGEDIT5}\` or \`${HEADER_REGEDIT4}\` (case-sensitive): ${why}; regedit imports nothing from this file.`,
      start,
      end,
    );
    return { start: lineStart, end: lineEnd };
  }

  // ---- lines ----------------------------------------------------------------------------

  /** Parses the line (and any continuation lines it owns); returns the next line to read. */
  private parseLine(line: number): number {
    const lines = this.source.lines;
    const lineStart = lines.lineStart(line);
    const lineEnd = lines.lineEnd(line);
    const start = this.skipBlanks(lineStart, lineEnd);
    if (start === lineEnd) return line + 1;
    const first = this.text.charCodeAt(start);
    if (first === SEMICOLON || first === HASH) return line + 1; // comment lines, `#` only here
    if (first === OPEN_BRACKET) {
      this.parseKeyLine(line, start, lineEnd);
      return line + 1;
    }
    if (first === QUOTE || first === AT) return this.parseValue(line, start, lineEnd);
    const end = this.trimEnd(start, lineEnd);
    // A repeated header (concatenated scripts, or one after a blank first line): regedit skips it.
    const content = this.text.slice(start, end).replace(/^\uFEFF/, '');
    if (content === HEADER_REGEDIT5 || content === HEADER_REGEDIT4) return line + 1;
    this.report(
      'malformed',
      'reg-value-syntax',
      'regedit cannot read this line: it is not a `[key]`, a `"name"=value`, an `@=value` or a `;` comment; it is skipped.',
      start,
      end,
    );
    return line + 1;
  }

  private parseKeyLine(line: number, start: number, lineEnd: number): void {
    const text = this.text;
    const contentEnd = this.trimEnd(start, lineEnd);
    const afterBracket = start + 1;
    const deletion = text.charCodeAt(afterBracket) === MINUS;
    const pathStart = deletion ? afterBracket + 1 : afterBracket;
    let close = -1;
    for (let i = contentEnd - 1; i >= afterBracket; i--) {
      if (text.charCodeAt(i) === CLOSE_BRACKET) {
        close = i;
        break;
      }
    }
    if (isBlank(text.charCodeAt(afterBracket)) || (deletion && isBlank(text.charCodeAt(pathStart)) && close >= 0)) {
      this.report(
        'ignored',
        'reg-key-leading-space',
        deletion
          ? 'A blank after `[-` makes regedit skip this line: the key is not deleted.'
          : 'A blank after `[` makes regedit skip this line: the key is not opened and the values below it do not go to it.',
        start,
        contentEnd,
      );
      if (deletion) {
        // Wine's delete_key_state still closes the current key before refusing the path.
        this.openKey = undefined;
        this.noKeyReason = `the key deletion on line ${line} is skipped and leaves no key open`;
        this.skippedKeyLine = undefined;
      } else {
        // regedit leaves the previous key open (Wine: key_name_state does not close it).
        this.skippedKeyLine = line;
      }
      return;
    }
    if (close < 0) {
      this.report(
        'malformed',
        'reg-key-unclosed',
        'This key line has no closing `]`: regedit skips it, and the values below it do not go to this key.',
        start,
        contentEnd,
      );
      this.skippedKeyLine = line;
      return;
    }
    const key: RegKeyLine = {
      kind: 'key',
      path: text.slice(pathStart, close),
      deletion,
      span: { start, end: close + 1 },
      pathSpan: { start: pathStart, end: close },
      line,
      values: [],
    };
    const tailStart = this.skipBlanks(close + 1, contentEnd);
    if (tailStart < contentEnd) {
      key.ignoredTail = { text: text.slice(tailStart, contentEnd), span: { start: tailStart, end: contentEnd } };
      if (text.charCodeAt(tailStart) !== SEMICOLON) {
        this.report(
          'ignored',
          'reg-key-trailing-text',
          `regedit ignores everything after the last \`]\` of a key line: \`${truncate(key.ignoredTail.text)}\` is not written. Put each value on its own line.`,
          tailStart,
          contentEnd,
        );
      }
    }
    this.keys.push(key);
    if (deletion) {
      this.openKey = undefined;
      this.noKeyReason = `the key deletion on line ${line} leaves no key open`;
    } else {
      this.openKey = key;
    }
    this.skippedKeyLine = undefined;
  }

  // ---- values ---------------------------------------------------------------------------

  /** Parses a value starting at `start` (a `"` or `@`); returns the next line to read. */
  private parseValue(line: number, start: number, lineEnd: number): number {
    const text = this.text;
    const contentEnd = this.trimEnd(start, lineEnd);
    let name = '';
    let nameEnd = start + 1;
    let unknownEscapes = NO_OFFSETS;
    if (text.charCodeAt(start) === QUOTE) {
      const quoted = this.readQuoted(start + 1, contentEnd);
      if (quoted.nulEscape >= 0) {
        this.reportNulEscape(start, contentEnd);
        return line + 1;
      }
      if (quoted.close < 0) {
        this.report(
          'malformed',
          'reg-string-unterminated',
          'The value name has no closing `"` on this line (a string cannot continue onto the next line): regedit skips the line.',
          start,
          contentEnd,
        );
        return line + 1;
      }
      name = quoted.value;
      nameEnd = quoted.close + 1;
      unknownEscapes = quoted.unknownEscapes;
    }
    const equals = this.skipBlanks(nameEnd, contentEnd);
    if (equals >= contentEnd || text.charCodeAt(equals) !== EQUALS) {
      this.report('malformed', 'reg-value-syntax', 'Expected `=` after the value name: regedit skips this line.', start, contentEnd);
      return line + 1;
    }
    const dataStart = this.skipBlanks(equals + 1, contentEnd);
    const head: ValueHead = {
      line,
      start,
      name,
      nameSpan: { start, end: nameEnd },
      dataStart,
      dataEnd: contentEnd,
      unknownEscapes,
    };
    if (dataStart >= contentEnd) {
      this.report('malformed', 'reg-value-syntax', 'No data after `=`: regedit skips this line.', start, contentEnd);
      return line + 1;
    }
    const first = text.charCodeAt(dataStart);
    if (first === MINUS) return this.parseDeletion(head);
    if (first === QUOTE) return this.parseString(head);
    if (text.startsWith('hex:', dataStart)) return this.parseHex(head, 3, 'hex', dataStart + 4);
    if (text.startsWith('dword:', dataStart)) return this.parseDword(head);
    if (text.startsWith('hex(', dataStart)) return this.parseTypedHex(head);
    this.report(
      'malformed',
      'reg-data-type-unknown',
      `Unknown data \`${truncate(text.slice(dataStart, contentEnd))}\`: regedit reads only \`"text"\`, \`dword:\`, \`hex:\`, \`hex(N):\` and \`-\` (case-sensitive) and skips this line.`,
      start,
      contentEnd,
    );
    return line + 1;
  }

  private parseDeletion(head: ValueHead): number {
    const after = this.skipBlanks(head.dataStart + 1, head.dataEnd);
    if (after < head.dataEnd && this.text.charCodeAt(after) !== SEMICOLON) {
      this.report(
        'malformed',
        'reg-value-syntax',
        'Text after `=-`: regedit deletes nothing and skips this line.',
        head.start,
        head.dataEnd,
      );
      return head.line + 1;
    }
    const end = head.dataStart + 1;
    this.addValue(head, { deletion: true, rawData: '-', dataSpan: { start: head.dataStart, end }, end, endLine: head.line });
    return head.line + 1;
  }

  private parseString(head: ValueHead): number {
    const text = this.text;
    const quoted = this.readQuoted(head.dataStart + 1, head.dataEnd);
    if (quoted.nulEscape >= 0) {
      this.reportNulEscape(head.start, head.dataEnd);
      return head.line + 1;
    }
    if (quoted.close < 0) {
      this.report(
        'malformed',
        'reg-string-unterminated',
        'The string has no closing `"` on this line (a string cannot continue onto the next line): regedit drops this value.',
        head.start,
        head.dataEnd,
      );
      return head.line + 1;
    }
    const end = quoted.close + 1;
    const after = this.skipBlanks(end, head.dataEnd);
    if (after < head.dataEnd && text.charCodeAt(after) !== SEMICOLON) {
      this.report(
        'malformed',
        'reg-string-trailing-text',
        `Text after the closing \`"\` (only a \`;\` comment may follow; \`"\` inside a string is written \`\\"\`): regedit drops this value.`,
        head.start,
        head.dataEnd,
      );
      return head.line + 1;
    }
    if (quoted.unknownEscapes.length > 0) head.unknownEscapes = [...head.unknownEscapes, ...quoted.unknownEscapes];
    this.addValue(head, {
      deletion: false,
      data: { type: 'REG_SZ', typeCode: 1, text: quoted.value },
      syntax: 'string',
      rawData: text.slice(head.dataStart, end),
      dataSpan: { start: head.dataStart, end },
      end,
      endLine: head.line,
    });
    return head.line + 1;
  }

  private parseDword(head: ValueHead): number {
    const text = this.text;
    const digitsStart = this.skipBlanks(head.dataStart + 6, head.dataEnd);
    let digitsEnd = digitsStart;
    while (digitsEnd < head.dataEnd && hexDigitValue(text.charCodeAt(digitsEnd)) >= 0) digitsEnd++;
    const count = digitsEnd - digitsStart;
    const after = this.skipBlanks(digitsEnd, head.dataEnd);
    if (count === 0 || count > 8 || (after < head.dataEnd && text.charCodeAt(after) !== SEMICOLON)) {
      const orphanEnd = this.endsWithBackslash(head.dataStart, head.dataEnd) ? this.absorbOrphanContinuation(head.line) : undefined;
      this.report(
        'malformed',
        'reg-dword-invalid',
        '`dword:` takes 1 to 8 hex digits and nothing else (no `0x`, no spaces inside, no continuation; only a `;` comment after): regedit drops this value.',
        head.start,
        orphanEnd?.end ?? head.dataEnd,
      );
      return (orphanEnd?.line ?? head.line) + 1;
    }
    this.addValue(head, {
      deletion: false,
      data: { type: 'REG_DWORD', typeCode: 4, dword: Number.parseInt(text.slice(digitsStart, digitsEnd), 16) >>> 0 },
      syntax: 'dword',
      rawData: text.slice(head.dataStart, digitsEnd),
      dataSpan: { start: head.dataStart, end: digitsEnd },
      end: digitsEnd,
      endLine: head.line,
    });
    return head.line + 1;
  }

  private parseTypedHex(head: ValueHead): number {
    const text = this.text;
    const digitsStart = head.dataStart + 4;
    let position = digitsStart;
    let typeCode = 0;
    let digit: number;
    while (position < head.dataEnd && (digit = hexDigitValue(text.charCodeAt(position))) >= 0) {
      typeCode = Math.min(typeCode * 16 + digit, 0x100000000);
      position++;
    }
    // Wine also takes what wcstoul takes (`hex():` as type 0, leading blanks, a sign); those are
    // reported here rather than guessed at.
    if (
      position === digitsStart ||
      typeCode > 0xffffffff ||
      text.charCodeAt(position) !== 0x29 /* ) */ ||
      text.charCodeAt(position + 1) !== 0x3a /* : */ ||
      position + 1 >= head.dataEnd
    ) {
      this.report(
        'malformed',
        'reg-hex-type-invalid',
        '`hex(N):` needs N as hex digits without `0x` (0 to ffffffff), then `):`: regedit drops this value.',
        head.start,
        head.dataEnd,
      );
      return head.line + 1;
    }
    return this.parseHex(head, typeCode, 'hex-typed', position + 2);
  }

  /**
   * Hex bytes, possibly over several lines. Follows Wine's HEX_DATA / EOL_BACKSLASH /
   * HEX_MULTILINE states: a line ending in `,\` continues; blank and `;` lines inside the
   * continuation are skipped; any other line that does not start with a hex digit ends the
   * value unwritten AND is consumed with it (so a key line there is never opened); the end of
   * the file after `,\` writes what was read.
   */
  private parseHex(head: ValueHead, typeCode: number, syntax: RegDataSyntax, bytesStart: number): number {
    const lines = this.source.lines;
    const bytes = new ByteBuffer();
    const rawParts: string[] = [];
    let segment = this.readHexSegment(bytesStart, head.dataEnd, bytes);
    const firstStop = segment.stop;
    let segmentLine = head.line;
    let segmentStart = head.start; // where a diagnostic about the current line starts
    let segmentDataStart = head.dataStart; // where its data starts (the name may hold a `;`)
    let segmentEnd = head.dataEnd;
    let lastStop = segment.stop;
    let lastLine = head.line;
    if (segment.kind === 'done' || segment.kind === 'continue') rawParts.push(this.text.slice(head.dataStart, segment.dataEnd));
    for (;;) {
      if (segment.kind === 'done') break;
      if (segment.kind === 'missing-comma') {
        // regedit drops the value and reads the next lines as new lines: the ones meant as its
        // continuation are then unreadable and skipped. Cover them here instead of one
        // reg-value-syntax per line; a key or value line after them is parsed normally.
        const orphans = this.absorbOrphanContinuation(segmentLine);
        this.report(
          'ignored',
          'reg-continuation-missing-comma',
          `A hex line ends in \`\\\` without a comma before it (line ${segmentLine}): regedit drops the value \`${displayName(head.name)}\` and skips the lines meant as its continuation.`,
          head.start,
          orphans?.end ?? segment.stop,
        );
        return (orphans?.line ?? segmentLine) + 1;
      }
      if (segment.kind === 'invalid') {
        const orphans = this.endsWithBackslash(segmentDataStart, segmentEnd) ? this.absorbOrphanContinuation(segmentLine) : undefined;
        this.report(
          'malformed',
          'reg-hex-invalid',
          'Hex data must be bytes of hex digits (at most ff) separated by commas, a line ending in `,\\` to continue, and nothing but a `;` comment after: regedit drops this value.',
          segmentStart,
          orphans?.end ?? segmentEnd,
        );
        return (orphans?.line ?? segmentLine) + 1;
      }
      // 'continue': find the next line that carries data.
      let next = segmentLine + 1;
      let found = false;
      for (; next <= this.lineCount; next++) {
        const lineStart = lines.lineStart(next);
        const lineEnd = lines.lineEnd(next);
        const start = this.skipBlanks(lineStart, lineEnd);
        if (start === lineEnd || this.text.charCodeAt(start) === SEMICOLON) continue;
        const end = this.trimEnd(start, lineEnd);
        if (hexDigitValue(this.text.charCodeAt(start)) < 0) {
          this.report(
            'ignored',
            'reg-continuation-interrupted',
            `The hex data continued with \`\\\` on line ${segmentLine} but line ${next} is not hex data: regedit drops the value \`${displayName(head.name)}\` and skips line ${next} with it.`,
            head.start,
            lastStop,
          );
          this.report(
            'ignored',
            'reg-line-swallowed',
            `regedit reads this line as the continuation of the hex value on line ${head.line} and skips it.`,
            start,
            end,
          );
          if (this.text.charCodeAt(start) === OPEN_BRACKET) this.skippedKeyLine = next;
          return next + 1;
        }
        segment = this.readHexSegment(start, end, bytes);
        segmentLine = next;
        segmentStart = start;
        segmentDataStart = start;
        segmentEnd = end;
        if (segment.kind === 'done' || segment.kind === 'continue') {
          rawParts.push(this.text.slice(start, segment.dataEnd));
          lastStop = segment.stop;
          lastLine = next;
        }
        found = true;
        break;
      }
      if (!found) break; // end of file after `,\`: regedit writes what it has read
    }
    this.addValue(head, {
      deletion: false,
      data: this.typedData(typeCode, bytes.toBytes(), syntax),
      syntax,
      rawData: rawParts.join(''),
      dataSpan: { start: head.dataStart, end: firstStop },
      end: lastStop,
      endLine: lastLine,
    });
    return lastLine + 1;
  }

  /**
   * One line's worth of hex bytes, as Wine's convert_hex_csv_to_hex reads them: blanks may
   * precede a byte, a byte is hex digits worth at most ff (`7` is a byte, `100` is not), a comma
   * follows it; after the last byte only blanks and a `;` comment; `\` after a comma continues.
   */
  private readHexSegment(from: number, end: number, bytes: ByteBuffer): HexSegment {
    const text = this.text;
    let position = from;
    let dataEnd = from;
    for (;;) {
      position = this.skipBlanks(position, end);
      // Trailing blanks are already trimmed, so `01, ` ends like `01,` (Wine rejects it on
      // continuation lines only, an accident of where it trims).
      if (position >= end) return { kind: 'done', stop: dataEnd, dataEnd };
      const c = text.charCodeAt(position);
      let digit = hexDigitValue(c);
      if (digit >= 0) {
        let value = 0;
        let digitsEnd = position;
        while (digitsEnd < end && (digit = hexDigitValue(text.charCodeAt(digitsEnd))) >= 0) {
          value = Math.min(value * 16 + digit, 0x100);
          digitsEnd++;
        }
        if (value > 0xff) return { kind: 'invalid', stop: digitsEnd, dataEnd };
        bytes.push(value);
        if (digitsEnd < end && text.charCodeAt(digitsEnd) === COMMA) {
          position = digitsEnd + 1;
          dataEnd = position;
          continue;
        }
        dataEnd = digitsEnd;
        const after = this.skipBlanks(digitsEnd, end);
        if (after >= end || text.charCodeAt(after) === SEMICOLON) return { kind: 'done', stop: digitsEnd, dataEnd };
        if (text.charCodeAt(after) === BACKSLASH && this.onlyCommentFollows(after + 1, end)) {
          return { kind: 'missing-comma', stop: after + 1, dataEnd };
        }
        return { kind: 'invalid', stop: after, dataEnd };
      }
      if (c === BACKSLASH) {
        if (this.onlyCommentFollows(position + 1, end)) return { kind: 'continue', stop: position + 1, dataEnd };
        return { kind: 'invalid', stop: position, dataEnd };
      }
      if (c === SEMICOLON) return { kind: 'done', stop: dataEnd, dataEnd };
      return { kind: 'invalid', stop: position, dataEnd };
    }
  }

  /**
   * After regedit drops a value whose line ends in `\`, the lines meant as its continuation
   * (starting with a hex digit or a comma) are read as new lines and skipped. Returns the last
   * such line, following `\` endings; blank and `;` lines between them are passed over.
   */
  private absorbOrphanContinuation(afterLine: number): { line: number; end: number } | undefined {
    const lines = this.source.lines;
    let last: { line: number; end: number } | undefined;
    for (let line = afterLine + 1; line <= this.lineCount; line++) {
      const lineStart = lines.lineStart(line);
      const lineEnd = lines.lineEnd(line);
      const start = this.skipBlanks(lineStart, lineEnd);
      if (start === lineEnd || this.text.charCodeAt(start) === SEMICOLON) continue;
      const c = this.text.charCodeAt(start);
      if (hexDigitValue(c) < 0 && c !== COMMA) break;
      const end = this.trimEnd(start, lineEnd);
      last = { line, end };
      if (!this.endsWithBackslash(start, end)) break;
    }
    return last;
  }

  /** Whether the text (a hex or dword line, so `;` starts a comment) ends in `\` before any comment. */
  private endsWithBackslash(start: number, end: number): boolean {
    let contentEnd = start;
    while (contentEnd < end && this.text.charCodeAt(contentEnd) !== SEMICOLON) contentEnd++;
    contentEnd = this.trimEnd(start, contentEnd);
    return contentEnd > start && this.text.charCodeAt(contentEnd - 1) === BACKSLASH;
  }

  private onlyCommentFollows(position: number, end: number): boolean {
    const after = this.skipBlanks(position, end);
    return after >= end || this.text.charCodeAt(after) === SEMICOLON;
  }

  private typedData(typeCode: number, bytes: Uint8Array, syntax: RegDataSyntax): RegData {
    if (syntax === 'hex') return { type: 'REG_BINARY', typeCode: 3, bytes };
    switch (typeCode) {
      case 1:
      case 2: {
        // A string ends at its first NUL for every reader; regedit adds the terminator if missing.
        const decoded = this.decodeString(bytes);
        const nul = decoded.indexOf('\0');
        return { type: typeCode === 1 ? 'REG_SZ' : 'REG_EXPAND_SZ', typeCode, text: nul >= 0 ? decoded.slice(0, nul) : decoded, bytes };
      }
      case 7: {
        const decoded = this.decodeString(bytes).replace(/\0+$/, '');
        return { type: 'REG_MULTI_SZ', typeCode, strings: decoded === '' ? [] : decoded.split('\0'), bytes };
      }
      case 4:
        if (bytes.length !== 4) return { type: 'REG_DWORD', typeCode, bytes, malformedForType: true };
        return { type: 'REG_DWORD', typeCode, dword: new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, true), bytes };
      case 5:
        return bytes.length === 4
          ? { type: 'REG_DWORD_BIG_ENDIAN', typeCode, bytes }
          : { type: 'REG_DWORD_BIG_ENDIAN', typeCode, bytes, malformedForType: true };
      case 0xb:
        if (bytes.length !== 8) return { type: 'REG_QWORD', typeCode, bytes, malformedForType: true };
        return { type: 'REG_QWORD', typeCode, qword: new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true), bytes };
      default:
        return { type: otherTypeName(typeCode), typeCode, bytes };
    }
  }

  private decodeString(bytes: Uint8Array): string {
    if (!this.stringsAreUtf16) return decodeWindows1252(bytes);
    return utf16leDecoder.decode(bytes.subarray(0, bytes.length - (bytes.length % 2)));
  }

  private addValue(head: ValueHead, parts: ValueParts): void {
    const span = { start: head.start, end: parts.end };
    // One literal, every field in it (a deletion's data and syntax undefined): properties added
    // afterwards went to a second, out-of-object store on every value.
    const value: RegValueLine = {
      kind: 'value',
      name: head.name,
      nameSpan: head.nameSpan,
      span,
      startLine: head.line,
      endLine: parts.endLine,
      deletion: parts.deletion,
      rawData: parts.rawData,
      dataSpan: parts.dataSpan,
      data: parts.deletion ? undefined : parts.data,
      syntax: parts.deletion ? undefined : parts.syntax,
    };
    for (const offset of head.unknownEscapes) {
      this.report(
        'ignored',
        'reg-string-escape-unknown',
        `\`${this.text.slice(offset, offset + 2)}\` is not an escape (only \`\\\\\`, \`\\"\`, \`\\n\`, \`\\r\` are): regedit drops the backslash. Write \`\\\\\` for a backslash.`,
        offset,
        Math.min(offset + 2, this.text.length),
      );
    }
    const key = this.openKey;
    if (key === undefined) {
      const skipped = this.skippedKeyLine === undefined ? '' : `, and the key line ${this.skippedKeyLine} is skipped`;
      this.report(
        'ignored',
        'reg-value-without-key',
        `regedit has no open key for the value \`${displayName(head.name)}\` (${this.noKeyReason}${skipped}): it is not written.`,
        value.span.start,
        value.span.end,
      );
      return;
    }
    // A key's first value gets an array of exactly one: push on an empty array reserves 17 slots,
    // and most keys of an SChannel export hold one value.
    if (key.values.length === 0) key.values = [value];
    else key.values.push(value);
    if (this.skippedKeyLine !== undefined) {
      this.report(
        'ignored',
        'reg-value-after-ignored-key',
        `The key line ${this.skippedKeyLine} is skipped by regedit, so the value \`${displayName(head.name)}\` goes to the key still open from line ${key.line} (\`${truncate(key.path)}\`).`,
        value.span.start,
        value.span.end,
      );
    }
  }

  // ---- scanning helpers -----------------------------------------------------------------

  /**
   * A quoted string up to its closing `"` on this line, unescaped as Wine's
   * REGPROC_unescape_string does: `\\`, `\"`, `\n`, `\r`; `\0` refuses the line; any other
   * `\x` becomes `x` (regedit warns).
   */
  private readQuoted(from: number, end: number): QuotedString {
    const text = this.text;
    // Most strings have no escape: their value is one slice, and no array is made for them.
    let pieces: string[] | undefined;
    let unknownEscapes = NO_OFFSETS;
    let pieceStart = from;
    for (let i = from; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === QUOTE) {
        const last = text.slice(pieceStart, i);
        if (pieces === undefined) return { value: last, close: i, nulEscape: -1, unknownEscapes };
        pieces.push(last);
        return { value: pieces.join(''), close: i, nulEscape: -1, unknownEscapes };
      }
      if (c !== BACKSLASH) continue;
      if (i + 1 >= end) break; // a backslash at the end of the line: the string never closes
      (pieces ??= []).push(text.slice(pieceStart, i));
      const escaped = text.charCodeAt(i + 1);
      if (escaped === 0x30 /* 0 */) return { value: '', close: -1, nulEscape: i, unknownEscapes };
      if (escaped === 0x6e /* n */) pieces.push('\n');
      else if (escaped === 0x72 /* r */) pieces.push('\r');
      else {
        if (escaped !== BACKSLASH && escaped !== QUOTE) {
          if (unknownEscapes === NO_OFFSETS) unknownEscapes = [];
          unknownEscapes.push(i);
        }
        pieces.push(text.charAt(i + 1));
      }
      i++;
      pieceStart = i + 1;
    }
    return { value: '', close: -1, nulEscape: -1, unknownEscapes };
  }

  private reportNulEscape(start: number, end: number): void {
    this.report('malformed', 'reg-string-escape-invalid', '`\\0` inside a string makes regedit skip this line.', start, end);
  }

  private skipBlanks(position: number, end: number): number {
    while (position < end && isBlank(this.text.charCodeAt(position))) position++;
    return position;
  }

  private trimEnd(start: number, end: number): number {
    while (end > start && isBlank(this.text.charCodeAt(end - 1))) end--;
    return end;
  }

  private report(kind: ParseDiagnostic['kind'], code: string, message: string, start: number, end: number): void {
    this.diagnostics.push({ kind, code, message, span: { start, end: Math.max(start, end) } });
  }
}

function displayName(name: string): string {
  return name === '' ? '@' : truncate(name);
}

function truncate(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
