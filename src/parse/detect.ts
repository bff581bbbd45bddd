/**
 * Recognise a file by its content, never by its name: a MetaBase.xml may be called
 * anything (`MetaBase_12_34.xml`, an `iiscnfg /export` file) and a .reg export too.
 */
import type { SourceFile } from './text.js';

export type DetectedKind =
  | { kind: 'metabase' }
  | { kind: 'reg' }
  | { kind: 'skipped'; reason: string; /** IIS 7+ config: recognised, not yet supported. */ unsupported?: boolean };

/** How much of a file to look at: enough for a prolog, comments and the root's first child. */
const SNIFF_LENGTH = 64 * 1024;

const REG_HEADER_LIKE = /^[ \t]*(?:windows registry editor version|regedit\s*4)/i;
/** A key line: `[HKEY_LOCAL_MACHINE\...]`, `[-HKLM\...]`. */
const REG_KEY_LINE = /^[ \t]*\[-?\s*(?:HKEY_[A-Z_]+|HKLM|HKCU|HKCR|HKU|HKCC)(?:\\|\])/i;

export function detectKind(source: SourceFile): DetectedKind {
  const head = source.text.slice(0, SNIFF_LENGTH);
  const firstContentLine = head.replace(/^(?:[ \t]*(?:\r\n|\n|\r))+/, '').split(/\r\n|\n|\r/, 1)[0] ?? '';
  // A header-like first line is a registry export even when the header is wrong: that is a
  // finding (regedit would refuse the file), not a reason to skip it.
  if (REG_HEADER_LIKE.test(firstContentLine)) return { kind: 'reg' };
  const trimmedStart = head.trimStart();
  if (trimmedStart.startsWith('<')) return detectXml(head);
  // A registry script that lost its header starts straight with a key line (after comments);
  // a README or a script that merely quotes one somewhere further down is not an export.
  if (REG_KEY_LINE.test(firstLineAfterComments(head))) return { kind: 'reg' };
  if (head.length === 0) return { kind: 'skipped', reason: 'empty file' };
  return { kind: 'skipped', reason: 'not a MetaBase.xml or a registry export (no XML root, no regedit header)' };
}

/** The first line that is neither blank nor a `;` comment. */
function firstLineAfterComments(head: string): string {
  for (const line of head.split(/\r\n|\n|\r/, 200)) {
    const trimmed = line.trim();
    if (trimmed !== '' && !trimmed.startsWith(';')) return line;
  }
  return '';
}

function detectXml(head: string): DetectedKind {
  const root = firstElementName(head);
  if (root === undefined) return { kind: 'skipped', reason: 'XML without a root element in its first 64 KiB' };
  if (root === 'configuration') {
    if (/<MBProperty[\s>/]/.test(head) || /urn:microsoft-catalog:XML_Metabase/.test(head)) return { kind: 'metabase' };
    if (/<(?:system\.applicationHost|system\.webServer|configSections)[\s>/]/.test(head)) {
      return { kind: 'skipped', reason: 'IIS 7+ applicationHost.config or web.config: not yet supported', unsupported: true };
    }
    return { kind: 'skipped', reason: 'XML <configuration> that is neither an IIS 6 metabase nor an IIS 7+ configuration' };
  }
  if (root === 'location' && /<system\.webServer[\s>/]/.test(head)) {
    return { kind: 'skipped', reason: 'IIS 7+ configuration fragment (<location>): not yet supported', unsupported: true };
  }
  return { kind: 'skipped', reason: `XML whose root element is <${root}>, not an IIS 6 metabase` };
}

/** The first element name after the prolog, comments, processing instructions and DOCTYPE. */
function firstElementName(head: string): string | undefined {
  let index = 0;
  while (index < head.length) {
    const open = head.indexOf('<', index);
    if (open < 0) return undefined;
    const next = head[open + 1];
    if (next === '?') {
      index = skipPast(head, open, '?>');
    } else if (head.startsWith('<!--', open)) {
      index = skipPast(head, open, '-->');
    } else if (next === '!') {
      index = skipPast(head, open, '>');
    } else {
      const match = /^<([A-Za-z_][\w.:-]*)/.exec(head.slice(open, open + 256));
      return match?.[1];
    }
    if (index < 0) return undefined;
  }
  return undefined;
}

function skipPast(text: string, from: number, terminator: string): number {
  const end = text.indexOf(terminator, from);
  return end < 0 ? -1 : end + terminator.length;
}
