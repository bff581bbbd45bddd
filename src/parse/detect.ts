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
  if (trimmedStart.startsWith('<')) return detectXml(head, source.path);
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

function detectXml(head: string, filePath: string): DetectedKind {
  const root = firstElementName(head);
  if (root === undefined) return { kind: 'skipped', reason: 'XML without a root element in its first 64 KiB' };
  if (root === 'configuration') {
    if (/<MBProperty[\s>/]/.test(head) || /urn:microsoft-catalog:XML_Metabase/.test(head)) return { kind: 'metabase' };
    return detectIisConfiguration(head, filePath);
  }
  // A configuration fragment (`<location path="...">` alone, as Microsoft's samples show them).
  if (root === 'location') return { kind: 'iis-config', configKind: 'fragment' };
  return { kind: 'skipped', reason: `XML whose root element is <${root}>, not an IIS 6 metabase or an IIS 7+ configuration` };
}

/**
 * A `<configuration>` root: by exact name first (machine.config, the framework's root web.config
 * saved as root.web.config, redirection.config), then by content (system.applicationHost, whatever
 * the name), then a web.config by name. Other .config files are not read by IIS.
 */
function detectIisConfiguration(head: string, filePath: string): DetectedKind {
  const name = baseName(filePath).toLowerCase();
  if (name === 'machine.config') return { kind: 'iis-config', configKind: 'machine' };
  if (name === 'root.web.config') return { kind: 'iis-config', configKind: 'rootweb' };
  if (name === 'redirection.config') return { kind: 'iis-config', configKind: 'redirection' };
  if (name === 'administration.config') {
    return { kind: 'skipped', reason: 'administration.config holds IIS Manager settings, which no request reads' };
  }
  if (/<system\.applicationHost[\s>/]|<sectionGroup\s+name=["']system\.applicationHost["']/.test(head)) return { kind: 'iis-config', configKind: 'apphost' };
  if (/\sxdt:Transform\s*=/.test(head)) {
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
