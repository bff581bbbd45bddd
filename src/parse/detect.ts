/**
 * Recognise a file by its content: a MetaBase.xml may be called anything
 * (`MetaBase_12_34.xml`, an `iiscnfg /export` file), a .reg export and an applicationHost.config
 * too. IIS 7+ files whose role only their name tells (web.config, machine.config) are recognised
 * by name and content.
 */
import type { ConfigFileKind } from './config-syntax.js';
import type { SourceFile } from './text.js';

export type DetectedKind =
  | { kind: 'metabase' }
  | { kind: 'reg' }
  /** IIS 7+ configuration (applicationHost.config, web.config, machine.config, a fragment). */
  | { kind: 'iis-config'; configKind: ConfigFileKind }
  | { kind: 'skipped'; reason: string; /** Recognised but not yet supported (kept for callers; nothing sets it now). */ unsupported?: boolean };

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
  if (text[first] === '<') return detectXml(text, first, source.path);
  // A registry script that lost its header starts straight with a key line (after comments);
  // a README or a script that merely quotes one somewhere further down is not an export.
  if (REG_KEY_LINE.test(firstLineAfterComments(text))) return { kind: 'reg' };
  if (text.length === 0) return { kind: 'skipped', reason: 'empty file' };
  return { kind: 'skipped', reason: 'not a MetaBase.xml or a registry export (no XML root, no regedit header)' };
}

// Lines are read by offsets (no generator, no pair per line): every file of every server is
// recognised here, most of them while the code is still cold.

/** Where the line starting at `start` ends, before its line break (CRLF, LF or CR). */
function lineEnd(text: string, start: number): number {
  let end = start;
  while (end < text.length) {
    const code = text.charCodeAt(end);
    if (code === 0x0a || code === 0x0d) break;
    end++;
  }
  return end;
}

/** Where the line after the one ending at `end` (< text.length) starts. */
function nextLineStart(text: string, end: number): number {
  return end + (text.charCodeAt(end) === 0x0d && text.charCodeAt(end + 1) === 0x0a ? 2 : 1);
}

/** The first line holding more than blanks. */
function firstNonBlankLine(text: string): string {
  for (let start = 0; ; ) {
    const end = lineEnd(text, start);
    const line = text.slice(start, end);
    if (line.trim() !== '') return line;
    if (end >= text.length) return '';
    start = nextLineStart(text, end);
  }
}

/** The first line that is neither blank nor a `;` comment. */
function firstLineAfterComments(text: string): string {
  for (let start = 0; ; ) {
    const end = lineEnd(text, start);
    const line = text.slice(start, end);
    const trimmed = line.trim();
    if (trimmed !== '' && !trimmed.startsWith(';')) return line;
    if (end >= text.length) return '';
    start = nextLineStart(text, end);
  }
}

/** The first character that is not white space as `\s` means it (Unicode spaces and the BOM included). */
function firstNonWhiteSpace(text: string): number {
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    const space = code === 0x20 || (code >= 0x09 && code <= 0x0d) || (code >= 0x80 && /\s/.test(text[i]!));
    if (!space) break;
    i++;
  }
  return i;
}

/** Whether `pattern` (global) occurs in `text` from `from` on: a linear scan, no copy. */
function occursFrom(text: string, from: number, pattern: RegExp): boolean {
  pattern.lastIndex = from;
  return pattern.test(text);
}

function detectXml(text: string, from: number, filePath: string): DetectedKind {
  const root = firstElement(text, from);
  if (root === undefined) return { kind: 'skipped', reason: 'XML without a root element' };
  if (root.name === 'configuration') {
    if (occursFrom(text, root.start, /<MBProperty[\s>/]/g) || occursFrom(text, root.start, /urn:microsoft-catalog:XML_Metabase/g)) return { kind: 'metabase' };
    return detectIisConfiguration(text, root.start, filePath);
  }
  // A configuration fragment (`<location path="...">` alone, as Microsoft's samples show them).
  if (root.name === 'location') return { kind: 'iis-config', configKind: 'fragment' };
  return { kind: 'skipped', reason: `XML whose root element is <${root.name}>, not an IIS 6 metabase or an IIS 7+ configuration` };
}

/**
 * A `<configuration>` root: by exact name first (machine.config, the framework's root web.config
 * saved as root.web.config, redirection.config), then by content (system.applicationHost, whatever
 * the name), then a web.config by name. Other .config files are not read by IIS.
 */
function detectIisConfiguration(text: string, rootStart: number, filePath: string): DetectedKind {
  const name = baseName(filePath).toLowerCase();
  if (name === 'machine.config') return { kind: 'iis-config', configKind: 'machine' };
  if (name === 'root.web.config') return { kind: 'iis-config', configKind: 'rootweb' };
  if (name === 'redirection.config') return { kind: 'iis-config', configKind: 'redirection' };
  if (name === 'administration.config') {
    return { kind: 'skipped', reason: 'administration.config holds IIS Manager settings, which no request reads' };
  }
  if (occursFrom(text, rootStart, /<system\.applicationHost[\s>/]|<sectionGroup\s+name=["']system\.applicationHost["']/g)) return { kind: 'iis-config', configKind: 'apphost' };
  if (occursFrom(text, rootStart, /\sxdt:Transform\s*=/g)) {
    return { kind: 'skipped', reason: 'a web.config transform (xdt:Transform): applied at publish time, never read by IIS' };
  }
  if (name.endsWith('web.config')) return { kind: 'iis-config', configKind: 'webconfig' };
  if (name.endsWith('.config')) {
    return { kind: 'skipped', reason: 'a .config file that is not a web.config (App.config, NuGet.config, a transform): IIS does not read it' };
  }
  return { kind: 'skipped', reason: 'XML <configuration> that is neither an IIS 6 metabase nor an IIS 7+ configuration (not named web.config)' };
}

function baseName(filePath: string): string {
  const slash = Math.max(filePath.lastIndexOf('/'), filePath.lastIndexOf('\\'));
  return filePath.slice(slash + 1);
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
