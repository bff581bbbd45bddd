/**
 * Recognise a file by its content, never by its name: a MetaBase.xml may be called
 * anything (`MetaBase_12_34.xml`, an `iiscnfg /export` file) and a .reg export too.
 */
import type { SourceFile } from './text.js';

export type DetectedKind =
  | { kind: 'metabase' }
  | { kind: 'reg' }
  | { kind: 'skipped'; reason: string; /** IIS 7+ config: recognised, not yet supported. */ unsupported?: boolean };

const REG_HEADER_LIKE = /^[ \t]*(?:windows registry editor version|regedit\s*4)/i;
/** A key line: `[HKEY_LOCAL_MACHINE\...]`, `[-HKLM\...]`. */
const REG_KEY_LINE = /^[ \t]*\[-?\s*(?:HKEY_[A-Z_]+|HKLM|HKCU|HKCR|HKU|HKCC)(?:\\|\])/i;

/**
 * No fixed-size prefix decides: a metabase whose root element comes after a long comment is
 * still a metabase (a prefix would let anyone who can edit the file switch the gate off for it).
 * Every scan here is linear and copies no more than a line.
 */
export function detectKind(source: SourceFile): DetectedKind {
  const text = source.text;
  // A header-like first line is a registry export even when the header is wrong: that is a
  // finding (regedit would refuse the file), not a reason to skip it.
  if (REG_HEADER_LIKE.test(firstNonBlankLine(text))) return { kind: 'reg' };
  const first = firstNonWhiteSpace(text);
  if (text[first] === '<') return detectXml(text, first);
  // A registry script that lost its header starts straight with a key line (after comments);
  // a README or a script that merely quotes one somewhere further down is not an export.
  if (REG_KEY_LINE.test(firstLineAfterComments(text))) return { kind: 'reg' };
  if (text.length === 0) return { kind: 'skipped', reason: 'empty file' };
  return { kind: 'skipped', reason: 'not a MetaBase.xml or a registry export (no XML root, no regedit header)' };
}

/** Lines of `text` from offset 0, lazily: [start, end) of each, without its line break. */
function* lines(text: string): Generator<[number, number]> {
  let start = 0;
  while (start <= text.length) {
    let end = start;
    while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
    yield [start, end];
    if (end >= text.length) return;
    start = end + (text[end] === '\r' && text[end + 1] === '\n' ? 2 : 1);
  }
}

/** The first line holding more than blanks. */
function firstNonBlankLine(text: string): string {
  for (const [start, end] of lines(text)) {
    const line = text.slice(start, end);
    if (line.trim() !== '') return line;
  }
  return '';
}

/** The first line that is neither blank nor a `;` comment. */
function firstLineAfterComments(text: string): string {
  for (const [start, end] of lines(text)) {
    const line = text.slice(start, end);
    const trimmed = line.trim();
    if (trimmed !== '' && !trimmed.startsWith(';')) return line;
  }
  return '';
}

function firstNonWhiteSpace(text: string): number {
  let i = 0;
  while (i < text.length && /\s/.test(text[i]!)) i++;
  return i;
}

function detectXml(text: string, from: number): DetectedKind {
  const root = firstElement(text, from);
  if (root === undefined) return { kind: 'skipped', reason: 'XML without a root element' };
  const rest = (pattern: RegExp) => {
    pattern.lastIndex = root.start;
    return pattern.test(text);
  };
  if (root.name === 'configuration') {
    if (rest(/<MBProperty[\s>/]/g) || rest(/urn:microsoft-catalog:XML_Metabase/g)) return { kind: 'metabase' };
    if (rest(/<(?:system\.applicationHost|system\.webServer|configSections)[\s>/]/g)) {
      return { kind: 'skipped', reason: 'IIS 7+ applicationHost.config or web.config: not yet supported', unsupported: true };
    }
    return { kind: 'skipped', reason: 'XML <configuration> that is neither an IIS 6 metabase nor an IIS 7+ configuration' };
  }
  if (root.name === 'location' && rest(/<system\.webServer[\s>/]/g)) {
    return { kind: 'skipped', reason: 'IIS 7+ configuration fragment (<location>): not yet supported', unsupported: true };
  }
  return { kind: 'skipped', reason: `XML whose root element is <${root.name}>, not an IIS 6 metabase` };
}

/** The first element after the prolog, comments, processing instructions and DOCTYPE: its name and offset. */
function firstElement(text: string, from: number): { name: string; start: number } | undefined {
  let index = from;
  while (index < text.length) {
    const open = text.indexOf('<', index);
    if (open < 0) return undefined;
    const next = text[open + 1];
    if (next === '?') {
      index = skipPast(text, open, '?>');
    } else if (text.startsWith('<!--', open)) {
      index = skipPast(text, open, '-->');
    } else if (next === '!') {
      index = skipPast(text, open, '>');
    } else {
      const match = /^<([A-Za-z_][\w.:-]*)/.exec(text.slice(open, open + 256));
      return match ? { name: match[1]!, start: open } : undefined;
    }
    if (index < 0) return undefined;
  }
  return undefined;
}

function skipPast(text: string, from: number, terminator: string): number {
  const end = text.indexOf(terminator, from);
  return end < 0 ? -1 : end + terminator.length;
}
