/**
 * A .reg syntax tree back to .reg text, written the way regedit exports: header, a blank line,
 * then each key line followed by its values and a blank line; strings with regedit's escapes,
 * `dword:` with eight hex digits, `hex:`/`hex(N):` bytes wrapped with `,\` continuation lines.
 *
 * What the parser reads back from the output is the same keys and values (parse → print →
 * parse is stable; test/property.test.ts checks it). What regedit ignored or dropped (comments,
 * malformed lines, text after a key's `]`, values with no open key) is not in the tree, so it is
 * not printed. Self-contained: fixes and remediation can build a tree and print it.
 */
import type { RegData, RegDataSyntax, RegDialect, RegDocument, RegKeyLine, RegValueLine } from './reg-syntax.js';

export const REG_HEADERS: Readonly<Record<RegDialect, string>> = {
  regedit5: 'Windows Registry Editor Version 5.00',
  regedit4: 'REGEDIT4',
};

export interface RegPrintOptions {
  /** Line break; default CRLF, as regedit writes. */
  newline?: string;
  /** Bytes per line of hex data before a `,\` continuation; default 25 (regedit's width: under 80 columns). */
  bytesPerLine?: number;
}

/**
 * The whole document. A document without a valid header (dialect undefined) is printed with a
 * blank first line, which regedit also refuses: the output imports exactly as little as the input.
 */
export function printRegDocument(document: Pick<RegDocument, 'dialect' | 'keys'>, options: RegPrintOptions = {}): string {
  const newline = options.newline ?? '\r\n';
  const lines = [document.dialect ? REG_HEADERS[document.dialect] : '', ''];
  for (const key of document.keys) {
    lines.push(printRegKeyLine(key));
    for (const value of key.values) lines.push(...printRegValue(value, options));
    lines.push('');
  }
  return lines.join(newline);
}

/** `[path]`, or `[-path]` for a deletion. */
export function printRegKeyLine(key: Pick<RegKeyLine, 'path' | 'deletion'>): string {
  return `[${key.deletion ? '-' : ''}${key.path}]`;
}

/** A value as one line, or several when hex data is continued. */
export function printRegValue(value: Pick<RegValueLine, 'name' | 'deletion' | 'data' | 'syntax'>, options: RegPrintOptions = {}): string[] {
  const name = value.name === '' ? '@' : quoteRegString(value.name);
  if (value.deletion || !value.data) return [`${name}=-`];
  return printRegData(`${name}=`, value.data, value.syntax ?? defaultSyntax(value.data), options);
}

/** `"text"` with regedit's escapes: `\\`, `\"`, `\n`, `\r`. */
export function quoteRegString(text: string): string {
  let quoted = '"';
  for (const character of text) {
    if (character === '\\') quoted += '\\\\';
    else if (character === '"') quoted += '\\"';
    else if (character === '\n') quoted += '\\n';
    else if (character === '\r') quoted += '\\r';
    else quoted += character;
  }
  return `${quoted}"`;
}

/** `dword:0000002a`. */
export function formatDword(dword: number): string {
  return `dword:${(dword >>> 0).toString(16).padStart(8, '0')}`;
}

function defaultSyntax(data: RegData): RegDataSyntax {
  if (data.type === 'REG_SZ' && data.bytes === undefined) return 'string';
  if (data.type === 'REG_DWORD' && data.bytes === undefined) return 'dword';
  return data.typeCode === 3 ? 'hex' : 'hex-typed';
}

function printRegData(prefix: string, data: RegData, syntax: RegDataSyntax, options: RegPrintOptions): string[] {
  if (syntax === 'string' && 'text' in data) return [`${prefix}${quoteRegString(data.text)}`];
  if (syntax === 'dword' && 'dword' in data && data.dword !== undefined) return [`${prefix}${formatDword(data.dword)}`];
  const bytes = 'bytes' in data && data.bytes ? data.bytes : stringBytes(data);
  const type = syntax === 'hex' ? 'hex:' : `hex(${data.typeCode.toString(16)}):`;
  return hexLines(`${prefix}${type}`, bytes, options.bytesPerLine ?? 25);
}

/** Bytes for data that has none (a string or dword written as text), as regedit5 stores them. */
function stringBytes(data: RegData): Uint8Array {
  if ('text' in data) return Buffer.from(`${data.text}\0`, 'utf16le');
  if ('dword' in data && data.dword !== undefined) {
    const bytes = new Uint8Array(4);
    new DataView(bytes.buffer).setUint32(0, data.dword >>> 0, true);
    return bytes;
  }
  return new Uint8Array(0);
}

/** `prefix` then `xx,xx,...`, continued with `,\` and two blanks of indent. */
export function hexLines(prefix: string, bytes: Uint8Array, bytesPerLine = 25): string[] {
  if (bytes.length === 0) return [prefix];
  const lines: string[] = [];
  for (let start = 0; start < bytes.length; start += bytesPerLine) {
    const chunk: string[] = [];
    for (let index = start; index < Math.min(bytes.length, start + bytesPerLine); index++)
      chunk.push(bytes[index]!.toString(16).padStart(2, '0'));
    const last = start + bytesPerLine >= bytes.length;
    lines.push(`${start === 0 ? prefix : '  '}${chunk.join(',')}${last ? '' : ',\\'}`);
  }
  return lines;
}
