/**
 * CFG003 registry-line-ignored: a .reg line regedit reads but ignores or drops (every
 * `ignored` ParseDiagnostic of the server's .reg files), with a fix for the one mistake whose
 * repair is mechanical: a value written on its key's line.
 */
import { parseReg } from '../parse/reg.js';
import type { ParseDiagnostic } from '../parse/diagnostic.js';
import type { RegDocument, RegKeyLine } from '../parse/reg-syntax.js';
import { lineBreakFor, sourceFromText } from '../parse/text.js';
import { lineTextAt } from './support.js';
import type { Fix, FindingDraft, Rule } from './types.js';
import type { AbbreviatedRootKey } from '../model/registry.js';

const TRAILING_TEXT = 'reg-key-trailing-text';

function shorten(text: string, limit = 80): string {
  return text.length > limit ? `${text.slice(0, limit - 3)}...` : text;
}

/** `[...\RC4 128/128]`: the key named by its last segment, as messages show it. */
function keyLabel(key: RegKeyLine): string {
  // The last non-empty segment, found from the end: no array of segments per finding.
  const path = key.path;
  let end = path.length;
  while (end > 0 && path.charCodeAt(end - 1) === BACKSLASH) end--;
  const lastStart = path.lastIndexOf('\\', end - 1) + 1;
  let before = lastStart - 1;
  while (before > 0 && path.charCodeAt(before - 1) === BACKSLASH) before--;
  // More than one segment: some segment ends before the last one starts.
  return end > 0 && before > 0 ? `[...\\${path.slice(lastStart, end)}]` : `[${path}]`;
}

const BACKSLASH = 0x5c;

/**
 * Whether `tail` is exactly one complete value regedit would write on a line of its own: parsed
 * alone under a key, it yields one value and no diagnostic, and it does not continue onto the
 * next line (moving a `,\` line would change what the following lines mean).
 */
function isStandaloneValue(tail: string, document: RegDocument, verdicts: Map<string, boolean>): boolean {
  if (!(tail.startsWith('"') || tail.startsWith('@'))) return false;
  if (/\\[ \t]*(?:;.*)?$/.test(tail)) return false;
  const header = document.dialect === 'regedit4' ? 'REGEDIT4' : 'Windows Registry Editor Version 5.00';
  const probeText = `${header}\r\n[HKEY_LOCAL_MACHINE\\PROBE]\r\n${tail}`;
  // Scripts repeat the same few tails (`"Enabled"=dword:00000000`): parse each text once.
  const known = verdicts.get(probeText);
  if (known !== undefined) return known;
  const probe = parseReg(sourceFromText('probe.reg', probeText));
  const values = probe.keys.flatMap((key) => key.values);
  const verdict = probe.diagnostics.length === 0 && values.length === 1 && values[0]?.endLine === 3;
  verdicts.set(probeText, verdict);
  return verdict;
}

/**
 * Key lines by where their ignored tail starts, and by where each of their values starts: built
 * once per document (a file of a million same-line values must not cost a million scans).
 */
class KeyIndex {
  private byTail: Map<number, RegKeyLine> | undefined;
  private byValue: Map<number, RegKeyLine> | undefined;

  constructor(private readonly document: RegDocument) {}

  withTailAt(offset: number): RegKeyLine | undefined {
    if (!this.byTail) {
      this.byTail = new Map();
      const keys = this.document.keys;
      for (let index = 0; index < keys.length; index++) {
        const tail = keys[index]!.ignoredTail;
        if (tail) this.byTail.set(tail.span.start, keys[index]!);
      }
    }
    return this.byTail.get(offset);
  }

  holdingValueAt(offset: number): RegKeyLine | undefined {
    if (!this.byValue) {
      this.byValue = new Map();
      for (const key of this.document.keys) for (const value of key.values) this.byValue.set(value.span.start, key);
    }
    return this.byValue.get(offset);
  }
}

function trailingTextFinding(
  document: RegDocument,
  index: KeyIndex,
  diagnostic: ParseDiagnostic,
  verdicts: Map<string, boolean>,
): { message: string; fix?: Fix } | undefined {
  const key = index.withTailAt(diagnostic.span.start);
  const tail = key?.ignoredTail;
  if (!key || !tail) return undefined;
  const shown = shorten(tail.text);
  const label = keyLabel(key);
  const isValue = tail.text.startsWith('"') || tail.text.startsWith('@');
  if (!isValue) {
    return {
      message:
        `regedit ignores everything after the key's closing \`]\`: \`${shown}\` on the line of ${label} is not read. ` +
        'Remove it, or start it with `;` if it is a comment.',
    };
  }
  const message =
    `regedit ignores everything after the key's closing \`]\`: \`${shown}\` is never written to ${label}. ` +
    'Put the value on its own line below the key.';
  if (key.deletion || !isStandaloneValue(tail.text, document, verdicts)) return { message };
  const file = document.source;
  return {
    message,
    fix: {
      description: `Move \`${shown}\` onto its own line below ${label}.`,
      edits: [{ file, span: { start: key.span.end, end: tail.span.start }, text: lineBreakFor(file, key.line) }],
    },
  };
}

/** The parser names the key still open by its truncated start; name it by its last segment instead. */
function valueAfterIgnoredKeyMessage(index: KeyIndex, diagnostic: ParseDiagnostic): string | undefined {
  const key = index.holdingValueAt(diagnostic.span.start);
  if (!key) return undefined;
  const replaced = diagnostic.message.replace(/ \(`[^`]*`\)\.$/, ` (${keyLabel(key)}).`);
  return replaced === diagnostic.message ? undefined : replaced;
}

/**
 * `[HKLM\...]`: regedit takes only full root names and drops the key with its values (Wine's
 * regedit, checked against Windows; Wine's `reg import` accepts the short names, regedit does
 * not). The fix spells the root in full, which makes the key and its values take effect.
 */
function abbreviatedRootFinding(abbreviated: AbbreviatedRootKey): FindingDraft {
  const { file, keyLine, fullRoot } = abbreviated;
  const path = keyLine.path;
  const leading = path.length - path.replace(/^\\+/, '').length;
  const written = path.slice(leading).split('\\')[0] ?? '';
  const start = keyLine.pathSpan.start + leading;
  const what = keyLine.deletion ? 'deletes nothing' : 'is dropped with its values: nothing under it is written';
  return {
    message:
      `regedit accepts only full root names: \`${written}\` in ${keyLabel(keyLine)} is an abbreviation, so the line ${what}. ` +
      `Write \`${fullRoot}\` instead of \`${written}\`.`,
    file,
    span: keyLine.span,
    subject: `reg:${file.path}#reg-key-abbreviated-root#${lineTextAt(file, keyLine.span.start)}`,
    fix: {
      description: `Spell the root ${fullRoot} in full in ${keyLabel(keyLine)}.`,
      edits: [{ file, span: { start, end: start + written.length }, text: fullRoot }],
    },
  };
}

export const CFG003: Rule = {
  meta: {
    id: 'CFG003',
    name: 'registry-line-ignored',
    shortDescription: 'A .reg line that regedit reads but ignores or drops, so the setting it holds is never written.',
    fullDescription:
      'Reports .reg text that regedit silently ignores or drops: a value written after a key\'s closing `]`, `[ key]` ' +
      'with a blank after `[`, a key with an abbreviated root (`[HKLM\\...]`), a hex continuation that lost its comma or was interrupted, a value before any key, ' +
      'values that land in the wrong key after a skipped key line, and unknown string escapes.',
    helpMarkdown: `
## What it finds
Text regedit reads without an error and then ignores or drops, found by reading the file the way regedit imports it
(Wine's regedit, checked against Windows):
- **A value on its key's line**: \`[key] "Enabled"=dword:00000000\`. The key name runs to the last \`]\`; the rest of
  the line is ignored, so the value is never written (seen in public "disable SSL 3.0" scripts).
- **\`[ key]\`**: a blank right after \`[\` (or \`[-\`) makes regedit skip the key line.
- **An abbreviated root**: \`[HKLM\\SYSTEM\\...]\`. regedit takes only full root names (\`HKEY_LOCAL_MACHINE\`,
  \`HKEY_CURRENT_USER\`, ...); Wine's regedit drops such a key and its values (Wine's \`reg import\` accepts the short
  names; a file imported by double-click goes through regedit). iislint treats the key and its values as not written.
- **Values after a skipped key line** go to the key still open above it (\`reg-value-after-ignored-key\`), or nowhere
  when no key is open (\`reg-value-without-key\`, also a value before the first key).
- **A hex continuation that lost its comma** (\`...,00\\\` instead of \`...,00,\\\`) or that is interrupted by a
  line that is not hex data: regedit drops the whole value and skips the lines meant as its continuation.
- **An unknown escape in a string** (\`"C:\\temp"\`): regedit drops the backslash.

## Why it matters
The setting looks present to anyone reading the file, but the registry never receives it: an SChannel hardening
script whose \`Enabled\`=0 values sit on their key lines leaves SSL 3.0 (POODLE, CVE-2014-3566), RC4 (RFC 7465) or
RC2 (CVE-2015-0204 class) exactly as they were, and every audit of the file is wrong.

## Bad
\`\`\`reg
Windows Registry Editor Version 5.00

[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\SSL 3.0\\Server] "Enabled"=dword:00000000
[ HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Ciphers\\RC2 40/128]
"Enabled"=dword:00000000
\`\`\`

## Good
\`\`\`reg
Windows Registry Editor Version 5.00

[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\SSL 3.0\\Server]
"Enabled"=dword:00000000

[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Ciphers\\RC2 40/128]
"Enabled"=dword:00000000
\`\`\`

## How to fix
Put every value on its own line below its key; start key lines with \`[\` directly followed by the full root name; end every
continued hex line with \`,\\\`; write a backslash in a string as \`\\\\\`. Re-exporting the keys with regedit or
\`reg export\` gives a file in the exact format regedit reads.

\`iislint --fix\` (or \`--fix-dry-run\` to see the diff first) moves a value written on its key's line onto its own
line, and spells an abbreviated root in full: the mistakes whose repair is mechanical (see Notes); the others need a
person to say what was meant.

## Notes
- Each diagnostic is one finding at the exact text regedit ignores: the tail after \`]\`, the skipped key line, the
  dropped value (with its continuation lines), the swallowed line, the two characters of an unknown escape.
- **Fix** (offered with the finding): only for a value on its key's line, and only when the tail is exactly one complete
  value (it parses alone without any diagnostic and does not continue with \`\\\`) and the key line is not a
  deletion \`[-key]\`. The fix replaces the blanks between \`]\` and the value with a line break in the file's own
  style (the break that ends that line, else the file's newline style, else CRLF). The fix makes regedit write the value the line
  shows, which may enable something weak: other rules then report it. Text after \`]\` that is not a value, and every
  other diagnostic, get no fix: the intent is not certain.
- An abbreviated root is one finding on the key line, naming the full root to write; its fix replaces the abbreviation
  (\`HKLM\`, \`HKCU\`, \`HKCR\`, \`HKU\`, \`HKCC\`, \`HKDD\`) with the full name. The values under the key then take effect:
  other rules report what they enable.
- A \`;\` comment after a key's \`]\` is allowed and not reported.
- Lines regedit cannot parse at all are CFG001.
`,
    defaultLevel: 'warning',
    tags: ['correctness', 'security', 'external/cwe/cwe-16'],
    securitySeverity: '5.0',
    precision: 'very-high',
    kernelSslMigration: true,
    fixable: true,
  },
  check(server) {
    const findings: FindingDraft[] = [];
    const verdicts = new Map<string, boolean>();
    for (const document of server.regDocuments) {
      const file = document.source;
      const index = new KeyIndex(document);
      for (const diagnostic of document.diagnostics) {
        if (diagnostic.kind !== 'ignored') continue;
        const special = diagnostic.code === TRAILING_TEXT ? trailingTextFinding(document, index, diagnostic, verdicts) : undefined;
        const reworded =
          diagnostic.code === 'reg-value-after-ignored-key' ? valueAfterIgnoredKeyMessage(index, diagnostic) : undefined;
        const finding: FindingDraft = {
          message: special?.message ?? reworded ?? diagnostic.message,
          file,
          span: diagnostic.span,
          subject: `reg:${file.path}#${diagnostic.code}#${lineTextAt(file, diagnostic.span.start)}`,
        };
        if (special?.fix) finding.fix = special.fix;
        findings.push(finding);
      }
    }
    for (const abbreviated of server.registry.abbreviatedRootKeys) findings.push(abbreviatedRootFinding(abbreviated));
    return findings;
  },
};
