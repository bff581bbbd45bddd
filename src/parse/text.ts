/**
 * Text decoding and positions: the one place where bytes become text and offsets become
 * 1-based line/column. Everything downstream works on UTF-16 code-unit offsets into
 * `SourceFile.text` (the decoded text without its BOM), which is also what SARIF counts.
 */

import { isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';

export type TextEncoding = 'utf-16le' | 'utf-16be' | 'utf-8' | 'windows-1252';
export type NewlineStyle = 'crlf' | 'lf' | 'cr' | 'mixed' | 'none';

/** A half-open range [start, end) of UTF-16 code-unit offsets into `SourceFile.text`. */
export interface Span {
  start: number;
  end: number;
}

/** 1-based line and column; columns count UTF-16 code units. */
export interface Position {
  line: number;
  column: number;
}

/** A region as reporters need it: end column exclusive, as in SARIF. */
export interface Region {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export interface SourceFile {
  /** Path as the user gave it or as discovered (used in messages and reports). */
  path: string;
  /** The decoded text, BOM removed. */
  text: string;
  encoding: TextEncoding;
  bom: boolean;
  newline: NewlineStyle;
  /** True when decoding met bytes that do not form valid text in `encoding` (an odd UTF-16 tail included). */
  hadDecodeErrors: boolean;
  /** A UTF-16 file's odd last byte, dropped as regedit drops it. */
  droppedOddByte: boolean;
  lines: LineIndex;
}

const decoders = new Map<string, TextDecoder>();
function decoder(label: string): TextDecoder {
  let found = decoders.get(label);
  if (!found) {
    found = new TextDecoder(label, { fatal: false, ignoreBOM: true });
    decoders.set(label, found);
  }
  return found;
}

/**
 * Decide the encoding from the bytes: a BOM wins; BOM-less UTF-16 is recognised by an XML
 * declaration's `<\0` / `\0<` pattern (XML 1.0 Appendix F); otherwise UTF-8 when the bytes
 * are valid UTF-8, else windows-1252 (what regedit calls ANSI on Western systems).
 */
export function sniffEncoding(bytes: Uint8Array): { encoding: TextEncoding; bom: boolean } {
  const b0 = bytes[0];
  const b1 = bytes[1];
  const b2 = bytes[2];
  if (b0 === 0xff && b1 === 0xfe) return { encoding: 'utf-16le', bom: true };
  if (b0 === 0xfe && b1 === 0xff) return { encoding: 'utf-16be', bom: true };
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { encoding: 'utf-8', bom: true };
  if (b0 === 0x3c && b1 === 0x00 && b2 === 0x3f) return { encoding: 'utf-16le', bom: false };
  if (b0 === 0x00 && b1 === 0x3c && b2 === 0x00) return { encoding: 'utf-16be', bom: false };
  return { encoding: isValidUtf8(bytes) ? 'utf-8' : 'windows-1252', bom: false };
}

function isValidUtf8(bytes: Uint8Array): boolean {
  // Native (simdutf): a byte loop in JS was a visible share of reading a 30 MB metabase.
  return isUtf8(bytes);
}

export function decodeBytes(path: string, bytes: Uint8Array): SourceFile {
  const { encoding, bom } = sniffEncoding(bytes);
  const bomLength = !bom ? 0 : encoding === 'utf-8' ? 3 : 2;
  let body = bytes.subarray(bomLength);
  // A UTF-16 file with an odd byte count ends in half a character: regedit drops that byte, so
  // do we (and say so through hadDecodeErrors) rather than turn it into U+FFFD text.
  const oddTail = encoding.startsWith('utf-16') && body.length % 2 === 1;
  if (oddTail) body = body.subarray(0, body.length - 1);
  const text = encoding === 'windows-1252' ? decodeWindows1252(body) : decoder(encoding).decode(body);
  const hadDecodeErrors =
    oddTail ||
    (encoding !== 'windows-1252' && text.includes('\uFFFD') && !containsEncodedReplacementChar(body, encoding)) ||
    hasLoneSurrogate(text);
  return makeSourceFile(path, text, encoding, bom, hadDecodeErrors, oddTail);
}

/** For text that did not come from bytes (tests, --stdin already decoded). */
export function sourceFromText(path: string, text: string, encoding: TextEncoding = 'utf-8', bom = false): SourceFile {
  return makeSourceFile(path, text, encoding, bom, false, false);
}

function makeSourceFile(
  path: string,
  text: string,
  encoding: TextEncoding,
  bom: boolean,
  hadDecodeErrors: boolean,
  droppedOddByte: boolean,
): SourceFile {
  return new DecodedSourceFile(path, text, encoding, bom, hadDecodeErrors, droppedOddByte);
}

/**
 * A SourceFile whose line index is built on first use: only a reported position, a fix or a
 * line-based scan needs it, and a 30 MB metabase has over a million lines (issue 16).
 */
class DecodedSourceFile implements SourceFile {
  private index: LineIndex | undefined;

  constructor(
    readonly path: string,
    readonly text: string,
    readonly encoding: TextEncoding,
    readonly bom: boolean,
    readonly hadDecodeErrors: boolean,
    readonly droppedOddByte: boolean,
  ) {}

  get lines(): LineIndex {
    return (this.index ??= new LineIndex(this.text));
  }

  get newline(): NewlineStyle {
    return this.lines.newlineStyle;
  }

  /** The fields as plain data (JSON and test comparisons see what the object literal had). */
  toJSON(): object {
    const { path, text, encoding, bom, newline, hadDecodeErrors, droppedOddByte, lines } = this;
    return { path, text, encoding, bom, newline, hadDecodeErrors, droppedOddByte, lines };
  }
}

/** windows-1252 bytes 0x80-0x9F (Node's TextDecoder treats this label as Latin-1); 0 = undefined byte, kept as its C1 code. */
const WINDOWS_1252_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
  0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];

export function decodeWindows1252(bytes: Uint8Array): string {
  const chunks: string[] = [];
  const chunkSize = 0x8000;
  for (let start = 0; start < bytes.length; start += chunkSize) {
    const end = Math.min(bytes.length, start + chunkSize);
    const codes = new Uint16Array(end - start);
    for (let i = start; i < end; i++) {
      const byte = bytes[i]!;
      codes[i - start] = byte >= 0x80 && byte <= 0x9f ? WINDOWS_1252_HIGH[byte - 0x80] || byte : byte;
    }
    chunks.push(String.fromCharCode(...codes));
  }
  return chunks.join('');
}

/** The reverse of WINDOWS_1252_HIGH: code point -> byte 0x80-0x9F (the undefined bytes map from their C1 codes). */
const WINDOWS_1252_REVERSE: ReadonlyMap<number, number> = new Map(
  WINDOWS_1252_HIGH.map((code, index) => [code || 0x80 + index, 0x80 + index] as const),
);

/** The windows-1252 byte of one UTF-16 code unit, or undefined when windows-1252 has no byte for it. */
export function windows1252Byte(code: number): number | undefined {
  if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) return code;
  return WINDOWS_1252_REVERSE.get(code);
}

/**
 * Encode as windows-1252, the exact inverse of `decodeWindows1252` (so decoded text encodes back
 * to the same bytes). Undefined when a character has no windows-1252 byte: never guessed.
 */
export function encodeWindows1252(text: string): Uint8Array | undefined {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const byte = windows1252Byte(text.charCodeAt(i));
    if (byte === undefined) return undefined;
    bytes[i] = byte;
  }
  return bytes;
}

function containsEncodedReplacementChar(body: Uint8Array, encoding: TextEncoding): boolean {
  // U+FFFD written literally in the file is not a decode error.
  const pattern = encoding === 'utf-8' ? [0xef, 0xbf, 0xbd] : encoding === 'utf-16le' ? [0xfd, 0xff] : [0xff, 0xfd];
  outer: for (let i = 0; i + pattern.length <= body.length; i++) {
    for (let j = 0; j < pattern.length; j++) if (body[i + j] !== pattern[j]) continue outer;
    return true;
  }
  return false;
}

function hasLoneSurrogate(text: string): boolean {
  // String.prototype.isWellFormed (ES2024, native since Node 20) is not in our ES2022 lib typings.
  const native = (text as string & { isWellFormed?: () => boolean }).isWellFormed;
  if (native) return !native.call(text);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else return true;
    } else if (c >= 0xdc00 && c <= 0xdfff) return true;
  }
  return false;
}

/**
 * The line break to write when inserting lines into `file`: the one ending `line` when given and
 * present, else the file's own style (the first break of a mixed file), else CRLF (what regedit
 * and IIS write).
 */
export function lineBreakFor(file: SourceFile, line?: number): string {
  const text = file.text;
  if (line !== undefined) {
    const end = file.lines.lineEnd(line);
    if (text.startsWith('\r\n', end)) return '\r\n';
    const next = text.charAt(end);
    if (next === '\n' || next === '\r') return next;
  }
  switch (file.newline) {
    case 'lf':
      return '\n';
    case 'cr':
      return '\r';
    case 'mixed': {
      const first = /\r\n|\n|\r/.exec(text);
      return first ? first[0] : '\r\n';
    }
    default:
      return '\r\n';
  }
}

/**
 * Maps offsets to 1-based positions. Line breaks are CRLF, LF or a lone CR (as editors and
 * SARIF viewers count them). Built when first asked for (see DecodedSourceFile); lookups are
 * binary searches.
 */
export class LineIndex {
  /**
   * Offset of the first character of each line in [0, count): a 30 MB metabase has over a
   * million lines. Where a line's content ends is read from the text (see lineEnd).
   */
  private readonly starts: Int32Array;
  private readonly count: number;
  readonly newlineStyle: NewlineStyle;
  readonly textLength: number;

  constructor(private readonly text: string) {
    // Sized from the text (metabase and .reg lines are rarely under 24 characters), so that a
    // large file is read into one array without growth copies; the spare room is kept as is.
    // No larger floor: a server's files are a few KB, and 16 entries stay on V8's heap.
    let starts = new Int32Array(Math.max(16, Math.ceil(text.length / 24)));
    let count = 1;
    let crlf = 0;
    let lf = 0;
    let cr = 0;
    const length = text.length;
    // Jump from break to break with indexOf (native) instead of testing every character: the
    // next LF and the next CR are each searched forward only, so the whole pass stays linear.
    let nextLf = text.indexOf('\n');
    let nextCr = text.indexOf('\r');
    while (nextLf !== -1 || nextCr !== -1) {
      let next: number;
      if (nextCr === -1 || (nextLf !== -1 && nextLf < nextCr)) {
        lf++;
        next = nextLf + 1;
        nextLf = text.indexOf('\n', next);
      } else if (nextLf === nextCr + 1) {
        crlf++;
        next = nextCr + 2;
        nextLf = text.indexOf('\n', next);
        nextCr = text.indexOf('\r', next);
      } else {
        cr++;
        next = nextCr + 1;
        nextCr = text.indexOf('\r', next);
      }
      if (count === starts.length) {
        const grown = new Int32Array(Math.ceil(starts.length * 1.5));
        grown.set(starts);
        starts = grown;
      }
      starts[count++] = next;
    }
    this.starts = starts;
    this.count = count;
    this.textLength = length;
    const kinds = (crlf > 0 ? 1 : 0) + (lf > 0 ? 1 : 0) + (cr > 0 ? 1 : 0);
    this.newlineStyle = kinds === 0 ? 'none' : kinds > 1 ? 'mixed' : crlf > 0 ? 'crlf' : lf > 0 ? 'lf' : 'cr';
  }

  get lineCount(): number {
    return this.count;
  }

  /** 0-based index of the line holding `offset` (an offset on a line break belongs to that line). */
  lineIndexOf(offset: number): number {
    let low = 0;
    let high = this.count - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  position(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.textLength));
    const index = this.lineIndexOf(clamped);
    return { line: index + 1, column: clamped - this.starts[index]! + 1 };
  }

  region(span: Span): Region {
    const start = this.position(span.start);
    const end = this.position(Math.max(span.start, span.end));
    return { startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column };
  }

  /** Offset of the start of 1-based `line`. */
  lineStart(line: number): number {
    return line >= 1 && line <= this.count ? this.starts[line - 1]! : this.textLength;
  }

  /** Offset just past the content of 1-based `line` (before its line break). */
  lineEnd(line: number): number {
    if (line < 1 || line >= this.count) return this.textLength;
    const next = this.starts[line]!;
    // The next line starts just past this line's break: CRLF, LF or CR.
    return this.text.charCodeAt(next - 1) === 0x0a && this.text.charCodeAt(next - 2) === 0x0d ? next - 2 : next - 1;
  }

  /** The span of 1-based `line`'s content, without its line break. */
  lineSpan(line: number): Span {
    return { start: this.lineStart(line), end: this.lineEnd(line) };
  }
}
