/**
 * From text edits to bytes: a fix is spliced into the file's original bytes, so every byte
 * outside the edited ranges (BOM, encoding, newlines, odd characters) stays exactly as it was.
 * Offsets are UTF-16 code units into the decoded text; only the inserted text is encoded.
 */
import { decodeBytes, encodeWindows1252, windows1252Byte, type SourceFile, type TextEncoding } from '../parse/text.js';
import type { Fix } from '../rules/types.js';
import { applyTextEdits, type SpanEdit } from './edits.js';

/** A file whose edits cannot be written byte-exactly: why, for a warning line. */
export class UnwritableEditError extends Error {
  override readonly name = 'UnwritableEditError';
}

function bomLength(file: Pick<SourceFile, 'encoding' | 'bom'>): number {
  if (!file.bom) return 0;
  return file.encoding === 'utf-8' ? 3 : 2;
}

function isLoneSurrogateAt(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  if (code >= 0xd800 && code <= 0xdbff) {
    const next = text.charCodeAt(index + 1);
    return !(next >= 0xdc00 && next <= 0xdfff);
  }
  if (code >= 0xdc00 && code <= 0xdfff) {
    const previous = index > 0 ? text.charCodeAt(index - 1) : 0;
    return !(previous >= 0xd800 && previous <= 0xdbff);
  }
  return false;
}

/** Whether `text` can be written in `encoding` and read back as the same text. */
export function canEncode(text: string, encoding: TextEncoding): boolean {
  for (let i = 0; i < text.length; i++) {
    if (encoding === 'windows-1252' ? windows1252Byte(text.charCodeAt(i)) === undefined : isLoneSurrogateAt(text, i)) return false;
  }
  return true;
}

/** The bytes of `text` in `encoding` (no BOM); undefined when a character cannot be written. */
export function encodeText(text: string, encoding: TextEncoding): Uint8Array | undefined {
  if (!canEncode(text, encoding)) return undefined;
  switch (encoding) {
    case 'windows-1252':
      return encodeWindows1252(text);
    case 'utf-8':
      return Buffer.from(text, 'utf8');
    case 'utf-16le':
      return Buffer.from(text, 'utf16le');
    case 'utf-16be':
      return Buffer.from(text, 'utf16le').swap16();
  }
}

/** UTF-8 byte length of text[from, to): counted, not sliced, so a 30 MB file costs no copies. */
function utf8Length(text: string, from: number, to: number): number {
  let length = 0;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) length += 1;
    else if (code < 0x800) length += 2;
    // Each half of a surrogate pair counts 2: the pair is 4 bytes.
    else if (code >= 0xd800 && code <= 0xdfff) length += 2;
    else length += 3;
  }
  return length;
}

/**
 * Whether a fix can be written byte-exactly: every file it edits decoded cleanly (so offsets map
 * to bytes) and every inserted text has bytes in that file's encoding. The engine offers only
 * such fixes, so what reports count as fixable is what `--fix` applies.
 */
export function isWritableFix(fix: Fix): boolean {
  return fix.edits.every((edit) => !edit.file.hadDecodeErrors && canEncode(edit.text, edit.file.encoding));
}

/**
 * Splice `edits` (UTF-16 offsets into `source.text`, sorted and non-overlapping) into `bytes`,
 * whose decoding `source` is. Throws UnwritableEditError when that cannot be done byte-exactly.
 */
export function spliceBytes(bytes: Uint8Array, source: SourceFile, edits: readonly SpanEdit[]): Uint8Array {
  if (edits.length === 0) return bytes;
  if (source.hadDecodeErrors) throw new UnwritableEditError('it does not decode cleanly, so offsets cannot be mapped to bytes');
  const { encoding, text } = source;
  const prefix = bomLength(source);
  const parts: Uint8Array[] = [];
  let textAt = 0;
  let byteAt = prefix;
  let copiedTo = 0;
  const byteOffset = (offset: number): number => {
    if (offset < textAt) throw new UnwritableEditError('edits overlap or are out of order');
    switch (encoding) {
      case 'utf-16le':
      case 'utf-16be':
        byteAt = prefix + 2 * offset;
        break;
      case 'windows-1252':
        byteAt = offset;
        break;
      case 'utf-8':
        byteAt += utf8Length(text, textAt, offset);
        break;
    }
    textAt = offset;
    return byteAt;
  };
  for (const edit of edits) {
    if (edit.span.start > edit.span.end || edit.span.end > text.length) throw new UnwritableEditError('an edit lies outside the file');
    const start = byteOffset(edit.span.start);
    const end = byteOffset(edit.span.end);
    const inserted = encodeText(edit.text, encoding);
    if (!inserted) throw new UnwritableEditError(`the inserted text has a character ${encoding} cannot hold`);
    parts.push(bytes.subarray(copiedTo, start), inserted);
    copiedTo = end;
  }
  parts.push(bytes.subarray(copiedTo));
  const spliced = Buffer.concat(parts);
  // Belt and braces: the new bytes must read back as the edited text. (An ANSI file whose only
  // non-ASCII byte was edited away reads back as UTF-8: the same text, so that is fine.)
  const check = decodeBytes(source.path, spliced);
  if (check.hadDecodeErrors || check.bom !== source.bom || check.text !== applyTextEdits(text, edits)) {
    throw new UnwritableEditError('the edited bytes would not read back as the edited text');
  }
  return spliced;
}
