/**
 * What the TLS hardening rules (TLS001–TLS011) share: when a protocol side is offered to IIS or a
 * cipher is on, where a finding about a value left at its OS default points, the messages'
 * common parts, and the fixes that write `Enabled`=0 (and `DisabledByDefault`=1).
 *
 * A default finding is ONE per server and rule, at the nearest existing ancestor key of the
 * missing keys, in the last file (in apply order) that writes under that ancestor: that is the
 * file a later import would have to change.
 */
import { isServer2003, type OsProfile } from '../../model/os-profiles.js';
import type { RegistryValue } from '../../model/registry.js';
import { SCHANNEL_ROOT_SEGMENTS, settingKeyPath, type SchannelSetting } from '../../model/schannel.js';
import type { ProtocolSide } from '../../model/schannel-catalog.js';
import type { ServerModel } from '../../model/server.js';
import { lineBreakFor, type SourceFile, type Span } from '../../parse/text.js';
import { missingValueAnchor } from './missing-value-anchor.js';
import type { Fix, FindingDraft, Level, RuleOptions, TextEdit } from '../types.js';
import { listNames, registrySubject } from '../support.js';
import { controlSetWrittenIn, DISABLED_DWORD, osLabel, targetOsPhrase, valueAsWritten, type DefaultAnchor } from './schannel-findings.js';

export const ENABLED_DWORD = 'dword:00000001';
export const PROTOCOLS_SOURCE =
  'Microsoft Learn, "Protocols in TLS/SSL (Schannel SSP)" (learn.microsoft.com/windows/win32/secauthn/protocols-in-tls-ssl--schannel-ssp-)';
export const TLS_SETTINGS_SOURCE =
  'Microsoft Learn, "Transport Layer Security (TLS) registry settings" (learn.microsoft.com/windows-server/security/tls/tls-registry-settings)';
export const KB245030_SOURCE =
  'Microsoft KB245030, "How to restrict the use of certain cryptographic algorithms and protocols in Schannel.dll"';

/** `SCHANNEL\Protocols\TLS 1.0\Server` for a setting. */
export function shortKey(setting: SchannelSetting): string {
  let key = SHORT_KEYS.get(setting.segments);
  if (key === undefined) {
    key = ['SCHANNEL', ...setting.segments.slice(SCHANNEL_ROOT_SEGMENTS.length)].join('\\');
    // Only a frozen path can be remembered by identity (the catalogue's are: every server shares them).
    if (Object.isFrozen(setting.segments)) SHORT_KEYS.set(setting.segments, key);
  }
  return key;
}

const SHORT_KEYS = new WeakMap<readonly string[], string>();

/** The target OS in words for messages, or `an unknown Windows version`. */
export function osWords(server: ServerModel): string {
  return server.os ? targetOsPhrase(server, server.os) : 'an unknown Windows version';
}

/**
 * Where one finding about keys or values left at their default points: the project's one rule
 * for missing values (missing-value-anchor.ts), scoped to SCHANNEL.
 */
export function defaultLocation(server: ServerModel, missing: readonly (readonly string[])[]): DefaultAnchor | undefined {
  const anchor = missingValueAnchor(server.registry, missing, SCHANNEL_ROOT_SEGMENTS);
  return anchor && { file: anchor.file, span: anchor.span };
}

/** Insert `line` after a value's last line, in the file's newline style. */
function insertAfter(value: RegistryValue, line: string): TextEdit {
  const end = value.valueLine.span.end;
  const newline = lineBreakFor(value.file, value.valueLine.endLine);
  return { file: value.file, span: { start: end, end }, text: `${newline}${line}` };
}

function setDword(value: RegistryValue, data: string): TextEdit {
  return { file: value.file, span: { start: value.valueLine.dataSpan.start, end: value.valueLine.span.end }, text: data };
}

// ---------------------------------------------------------------------------------------------
// Protocols

/** A protocol side that should be off (TLS001–TLS004) and what is wrong with it. */
export interface ProtocolProblem {
  setting: SchannelSetting;
  /** The explicit value that decides (Enabled, else DisabledByDefault), or undefined: the default decides. */
  decidingValue: RegistryValue | undefined;
  /** Values left absent that explicit-value mode wants written. */
  missingValues: string[];
}

/** Whether the OS reads DisabledByDefault (not Server 2003). Unknown OS: assumed to. */
export function readsDisabledByDefault(server: ServerModel): boolean {
  return server.os === undefined || !isServer2003(server.os);
}

/** Whether `os` has the protocol side at all (an unknown OS might). */
export function osHas(setting: SchannelSetting): boolean {
  return setting.state !== 'absent';
}

/**
 * The sides of `protocol` that are offered although they should be off. Server side always;
 * with explicit values (cis) the Client side too, and every side whose `Enabled`=0 /
 * `DisabledByDefault`=1 is not written explicitly.
 */
const SERVER_SIDE: readonly ProtocolSide[] = ['Server'];
const BOTH_SIDES: readonly ProtocolSide[] = ['Server', 'Client'];

export function protocolsToTurnOff(server: ServerModel, options: RuleOptions, protocol: string): ProtocolProblem[] {
  const sides = options.explicitValues ? BOTH_SIDES : SERVER_SIDE;
  const problems: ProtocolProblem[] = [];
  for (const side of sides) {
    const setting = server.schannel.setting({ category: 'protocol', name: protocol, side });
    if (!setting || !osHas(setting)) continue;
    const enabled = setting.provenance.kind === 'explicit' ? setting.provenance.value : undefined;
    const dbd = setting.disabledByDefault?.provenance.kind === 'explicit' ? setting.disabledByDefault.provenance.value : undefined;
    const explicitlyOn = setting.state === 'enabled' && enabled !== undefined && setting.disabledByDefault?.state !== 'yes';
    const offered = setting.offered === 'yes' || explicitlyOn;
    const missingValues: string[] = [];
    if (options.explicitValues) {
      if (!enabled) missingValues.push('Enabled');
      if (!dbd && readsDisabledByDefault(server)) missingValues.push('DisabledByDefault');
    }
    if (offered) {
      const deciding = enabled && setting.state === 'enabled' ? enabled : dbd && setting.disabledByDefault?.state === 'no' ? dbd : undefined;
      problems.push({ setting, decidingValue: deciding, missingValues });
    } else if (missingValues.length > 0) {
      problems.push({ setting, decidingValue: undefined, missingValues });
    }
  }
  return problems;
}

/** `.reg` lines that turn a protocol side off. */
export function protocolOffLines(setting: SchannelSetting, server: ServerModel): string[] {
  return [
    `[${settingKeyPath(setting)}]`,
    `"Enabled"=${DISABLED_DWORD}`,
    ...(readsDisabledByDefault(server) ? [`"DisabledByDefault"=${ENABLED_DWORD}`] : []),
  ];
}

/** Fix of an explicit value that offers a protocol side: Enabled=0 and DisabledByDefault=1. */
export function protocolOffFix(setting: SchannelSetting, value: RegistryValue, server: ServerModel): Fix {
  const enabled = setting.provenance.kind === 'explicit' ? setting.provenance.value : undefined;
  const dbd = setting.disabledByDefault?.provenance.kind === 'explicit' ? setting.disabledByDefault.provenance.value : undefined;
  const edits: TextEdit[] = [];
  if (enabled) edits.push(setDword(enabled, DISABLED_DWORD));
  if (dbd && dbd.file === value.file) edits.push(setDword(dbd, ENABLED_DWORD));
  // One insertion point, after the deciding value: both lines land in order.
  const inserted: string[] = [];
  if (!enabled) inserted.push(`"Enabled"=${DISABLED_DWORD}`);
  if (!dbd && readsDisabledByDefault(server)) inserted.push(`"DisabledByDefault"=${ENABLED_DWORD}`);
  if (inserted.length > 0) {
    const newline = lineBreakFor(value.file, value.valueLine.endLine);
    edits.push({ ...insertAfter(value, inserted[0]!), text: inserted.map((line) => `${newline}${line}`).join('') });
  }
  edits.sort((a, b) => a.span.start - b.span.start);
  return { description: `Turn \`${shortKey(setting)}\` off (Enabled=0${readsDisabledByDefault(server) ? ', DisabledByDefault=1' : ''}) in ${value.file.path}`, edits };
}

/** Append `[key]` blocks with the given lines after the last line of the last applied SChannel file. */
export function appendKeysFix(server: ServerModel, blocks: readonly string[][], description: string): Fix | undefined {
  const files = server.schannel.files;
  const file = files[files.length - 1];
  if (!file || blocks.length === 0) return undefined;
  const newline = lineBreakFor(file);
  const text = file.text;
  // From the last characters, not a scan of the whole file; a CRLF is one line break.
  const lastBreak = lineBreakBefore(text, text.length);
  const endsWithBreak = lastBreak > 0;
  const endsWithBlankLine = endsWithBreak && lineBreakBefore(text, text.length - lastBreak) > 0;
  const prefix = endsWithBlankLine ? '' : endsWithBreak ? newline : newline + newline;
  // An offline-hive export spells the control set ControlSet00N: appended keys must match it.
  const controlSet = controlSetWrittenIn(server, file);
  let body = '';
  for (let index = 0; index < blocks.length; index++) {
    if (index > 0) body += newline;
    const lines = blocks[index]!;
    for (let at = 0; at < lines.length; at++) body += (controlSet === undefined ? lines[at]! : respell(lines[at]!, controlSet)) + newline;
  }
  return {
    description: `${description} (appended to ${file.path}, the last file applied that writes SChannel settings)`,
    edits: [{ file, span: { start: text.length, end: text.length }, text: prefix + body }],
    deferred: true,
  };
}

const CURRENT_CONTROL_SET_KEY = /^\[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\/i;

/** `[HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\...]` spelt with `controlSet` instead; other lines as they are. */
function respell(line: string, controlSet: string): string {
  return CURRENT_CONTROL_SET_KEY.test(line) ? line.replace(CURRENT_CONTROL_SET_KEY, `[HKEY_LOCAL_MACHINE\\SYSTEM\\${controlSet}\\`) : line;
}

/** The length of the line break (CRLF 2, LF or CR 1) that ends just before `end`, or 0. */
function lineBreakBefore(text: string, end: number): number {
  const last = text.charCodeAt(end - 1);
  if (last === 0x0a) return text.charCodeAt(end - 2) === 0x0d ? 2 : 1;
  return last === 0x0d ? 1 : 0;
}

export interface ProtocolRuleText {
  /** `SSL 2.0`. */
  protocol: string;
  /** Completes "SSL 2.0 … is offered to IIS: …": why it matters, one sentence. */
  why: string;
  /** Print the .reg lines instead of offering a fix (TLS 1.0/1.1: turning them off is the user's call). */
  fixable: boolean;
  level: Level;
}

/** Findings of a protocol-off rule: one per explicit value, one per server for the defaults. */
export function protocolOffFindings(server: ServerModel, options: RuleOptions, text: ProtocolRuleText): FindingDraft[] {
  const problems = protocolsToTurnOff(server, options, text.protocol);
  const findings: FindingDraft[] = [];
  const leftAtDefault: ProtocolProblem[] = [];
  for (const problem of problems) {
    const value = problem.decidingValue;
    if (!value) {
      leftAtDefault.push(problem);
      continue;
    }
    const lines = protocolOffLines(problem.setting, server);
    findings.push({
      message:
        `${text.protocol} ${problem.setting.subject.category === 'protocol' ? problem.setting.subject.side : ''} side is offered to IIS: ` +
        `\`${valueAsWritten(value)}\` in ${value.file.path} on ${osWords(server)}. ${text.why}` +
        (text.fixable ? '' : ` To turn it off (only once no client still needs it), import ${regLines(lines)}`),
      file: value.file,
      span: value.valueLine.span,
      level: text.level,
      subject: registrySubject(settingKeyPath(problem.setting), value.name),
      ...(text.fixable ? { fix: protocolOffFix(problem.setting, value, server) } : {}),
    });
  }
  if (leftAtDefault.length > 0 && server.schannel.exported) {
    const finding = protocolDefaultFinding(server, leftAtDefault, text);
    if (finding) findings.push(finding);
  }
  return findings;
}

function protocolDefaultFinding(server: ServerModel, problems: readonly ProtocolProblem[], text: ProtocolRuleText): FindingDraft | undefined {
  const missing: (readonly string[])[] = [];
  for (let index = 0; index < problems.length; index++) missing.push(problems[index]!.setting.segments);
  const anchor = defaultLocation(server, missing);
  if (!anchor) return undefined;
  // One pass for the message's list, the lines to import and whether an OS default offers a side.
  const described: string[] = [];
  const blocks: string[][] = [];
  let offeredByDefault = false;
  for (let index = 0; index < problems.length; index++) {
    const problem = problems[index]!;
    const offeredSide = problem.setting.offered === 'yes';
    if (offeredSide) offeredByDefault = true;
    const offered = offeredSide ? 'offered by the OS default' : 'not written explicitly';
    const absent = problem.missingValues.length > 0 ? problem.missingValues.join(' and ') : 'Enabled';
    described.push(`\`${shortKey(problem.setting)}\` (${offered}; ${absent} absent)`);
    blocks.push(protocolOffLines(problem.setting, server));
  }
  const fix = text.fixable ? appendKeysFix(server, blocks, `Turn ${text.protocol} off`) : undefined;
  const os = server.os ? osLabel(server.os) : 'the target OS';
  const finding: FindingDraft = {
    message:
      `${text.protocol} is left at the ${os} default: ${listNames(described, described.length)}, on ${osWords(server)}. ` +
      (offeredByDefault ? `${text.why} ` : 'The CIS benchmark audits these values as written, even where the default is safe. ') +
      `File to change: ${anchor.file.path}` +
      (text.fixable ? '.' : `; to turn it off (only once no client still needs it), import ${regBlocks(blocks)}`),
    file: anchor.file,
    span: anchor.span,
    level: text.level,
    subject: registrySubject(`SCHANNEL\\Protocols\\${text.protocol}`, 'default'),
  };
  if (fix) finding.fix = fix;
  return finding;
}

// ---------------------------------------------------------------------------------------------
// Ciphers

export interface CipherRuleText {
  /** `RC4`. */
  family: string;
  why: string;
  level: Level;
  /** Cipher key names the rule looks at, for this server. */
  names: readonly string[];
  /** Names reported only when written (no default assumed: `RC2 56/56`). */
  explicitOnly?: readonly string[];
  /** Names the CIS benchmark audits as explicit values (explicit-value mode). */
  audited?: readonly string[];
}

export function cipherOnFindings(server: ServerModel, options: RuleOptions, text: CipherRuleText): FindingDraft[] {
  const findings: FindingDraft[] = [];
  const leftAtDefault: SchannelSetting[] = [];
  const names = text.names;
  for (let index = 0; index < names.length; index++) {
    const name = names[index]!;
    const setting = server.schannel.setting({ category: 'cipher', name });
    if (!setting || setting.state === 'absent') continue;
    const value = setting.provenance.kind === 'explicit' ? setting.provenance.value : undefined;
    if (setting.state === 'enabled' && value) {
      findings.push({
        message:
          `${text.family} cipher \`${name}\` is on: \`${valueAsWritten(value)}\` in ${value.file.path} on ${osWords(server)}. ${text.why} ` +
          `Set \`"Enabled"=${DISABLED_DWORD}\`.`,
        file: value.file,
        span: value.valueLine.span,
        level: text.level,
        subject: registrySubject(settingKeyPath(setting), 'Enabled'),
        fix: {
          description: `Set "Enabled" of \`${name}\` to ${DISABLED_DWORD} in ${value.file.path}`,
          edits: [setDword(value, DISABLED_DWORD)],
        },
      });
      continue;
    }
    if (value || setting.provenance.kind === 'invalid-type') continue;
    if (text.explicitOnly?.includes(name)) continue;
    const onByDefault = setting.state === 'enabled' && setting.provenance.kind === 'default';
    const audited = options.explicitValues === true && (text.audited ?? []).includes(name);
    if (onByDefault || audited) leftAtDefault.push(setting);
  }
  if (leftAtDefault.length > 0 && server.schannel.exported) {
    const missing: (readonly string[])[] = [];
    for (let index = 0; index < leftAtDefault.length; index++) missing.push(leftAtDefault[index]!.segments);
    const anchor = defaultLocation(server, missing);
    if (anchor) {
      // One pass for the message's list, the keys to append and whether a default turns one on.
      const described: string[] = [];
      const blocks: string[][] = [];
      let onByDefault = false;
      for (let index = 0; index < leftAtDefault.length; index++) {
        const setting = leftAtDefault[index]!;
        const enabled = setting.state === 'enabled';
        if (enabled) onByDefault = true;
        described.push(`\`${shortKey(setting)}\` (${enabled ? 'on by default' : 'not written explicitly'}; Enabled absent)`);
        blocks.push([`[${settingKeyPath(setting)}]`, `"Enabled"=${DISABLED_DWORD}`]);
      }
      const fix = appendKeysFix(server, blocks, `Turn ${text.family} off`);
      const finding: FindingDraft = {
        message:
          `${text.family} is left at the ${server.os ? osLabel(server.os) : 'OS'} default: ${listNames(described, described.length)}, on ${osWords(server)}. ` +
          (onByDefault ? `${text.why} ` : 'The CIS benchmark audits an explicit `Enabled`=0, even where the default is safe. ') +
          `Add \`"Enabled"=${DISABLED_DWORD}\` under each key; file to change: ${anchor.file.path}.`,
        file: anchor.file,
        span: anchor.span,
        level: text.level,
        subject: registrySubject('SCHANNEL\\Ciphers', `${text.family} default`),
      };
      if (fix) finding.fix = fix;
      findings.push(finding);
    }
  }
  return findings;
}

/** The sources section every TLS rule page ends with. */
/**
 * .reg lines to import, on one line of the message: every console format escapes a line break
 * inside a message (a finding must not start a line of its own), so each line is quoted instead.
 */
export function regLines(lines: readonly string[]): string {
  return lines.map((line) => `\`${line}\``).join(' ');
}

/** `.reg` blocks (a key and its values each) as regLines prints them, an empty line between two blocks. */
export function regBlocks(blocks: readonly (readonly string[])[]): string {
  const lines: string[] = [];
  for (let index = 0; index < blocks.length; index++) {
    if (index > 0) lines.push('');
    for (const line of blocks[index]!) lines.push(line);
  }
  return regLines(lines);
}

/** How a cipher rule (TLS007–TLS011) counts explicit values and defaults: its help page's shared part. */
export const CIPHER_COUNTING_HELP = `- **Explicit**: a non-zero \`Enabled\` DWORD (1 and 0xffffffff alike): one finding per key, at the \`"Enabled"=\` line.
- **Default**: \`Enabled\` absent on a target OS whose default is on (Windows Server 2003: every cipher but NULL, KB245030).
  One finding per server at the nearest existing ancestor key, in the last file (in apply order) that writes under it,
  listing every key left at the default. From Server 2008 on no source this project checked states a cipher default,
  so only explicit values count there; a server with no SChannel export gets no default finding.
- With the \`iislint:cis\` preset, a key the CIS benchmark audits whose \`Enabled\` is absent is a finding even where
  the default is off.`;

/**
 * How to switch a cipher off. No claim that SChannel reads cipher keys only at boot: KB245030 says
 * cipher changes take effect without a restart, and asks for one after other SCHANNEL changes.
 */
export const CIPHER_FIX_HELP = `Write \`"Enabled"=dword:00000000\` under each key (create the missing ones) and import the file. KB245030 describes
cipher changes as taking effect without a restart but asks for one after other SCHANNEL changes; a restart makes sure
every setting of the file is in force. \`iislint --fix\` does that: it rewrites an explicit value, or appends the missing
keys to the last .reg file of the server that writes SChannel settings.`;

/** What a protocol rule's help page (TLS001–TLS004) needs beyond the protocol's name. */
export interface ProtocolHelp {
  protocol: string;
  /** After "The <protocol> Server side offered to IIS." */
  levelNote?: string;
  why: string;
  /** true: `--fix` turns it off; false: the user decides, the message prints the lines. */
  fixable: boolean;
}

/** The help Markdown of a rule that reports a protocol's Server side offered to IIS. */
export function protocolOffHelp(help: ProtocolHelp): string {
  const key = `[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\${help.protocol}\\Server]`;
  const reg = (enabled: string, disabledByDefault: string) =>
    `\`\`\`reg\nWindows Registry Editor Version 5.00\n\n${key}\n"Enabled"=dword:${enabled}\n"DisabledByDefault"=dword:${disabledByDefault}\n\`\`\``;
  const fix = help.fixable
    ? 'Write `"Enabled"=dword:00000000` and `"DisabledByDefault"=dword:00000001` under the Server key (and the Client key for CIS), import the file and restart the server. `iislint --fix` does that: it rewrites an explicit value, or appends the missing keys to the last .reg file of the server that writes SChannel settings.'
    : `No automatic fix: turning ${help.protocol} off can lock out old clients, which is your decision. The message prints the .reg lines to import once no client needs ${help.protocol}: \`"Enabled"=dword:00000000\` and \`"DisabledByDefault"=dword:00000001\` under the Server key (and the Client key for CIS). Restart the server after importing.`;
  return `
## What it finds
The ${help.protocol} Server side offered to IIS.${help.levelNote ? ` ${help.levelNote}` : ''}

A protocol's Server side is **offered to IIS** when it is enabled (a non-zero \`Enabled\` DWORD, or no \`Enabled\` and an
OS default of enabled) and not disabled by default (\`DisabledByDefault\` non-zero, or absent with an OS default of
"disabled by default"). IIS never asks SChannel for a protocol explicitly, so a side that is disabled by default is off
for IIS. Windows Server 2003 reads only \`Enabled\` (no source says it reads \`DisabledByDefault\`).

- **Explicit**: one finding at the \`Enabled\` line when \`Enabled\` decides, else at the explicit \`DisabledByDefault\` line
  that decides.
- **Default**: one finding per server at the nearest existing ancestor key of the missing key, in the last file (in
  apply order) that writes under it; the message lists every key left at the default. A server with no SChannel export
  gets no default finding (KSSL007 covers Server 2003). Where the OS default is unknown (no \`--os\`, no CurrentVersion
  export, or no source states it) only explicit values count.
- With the \`iislint:cis\` preset (explicit-value mode) the Client side is checked too, and a side whose \`Enabled\`=0 and
  \`DisabledByDefault\`=1 are not written is a finding even where the OS default is safe.

## Why it matters
${help.why}

## Bad
${reg('00000001', '00000000')}

## Good
${reg('00000000', '00000001')}

## How to fix
${fix}

${sourcesSection(PROTOCOL_SOURCES)}`;
}

const PROTOCOL_SOURCES = [
  'Microsoft Learn, "Protocols in TLS/SSL (Schannel SSP)": per-OS protocol defaults.',
  'Microsoft Learn, "Transport Layer Security (TLS) registry settings": `Enabled` ("a non-zero value") and `DisabledByDefault`.',
  'KB245030: Windows Server 2003 SChannel keys; TLS 1.1/1.2 on 2008 SP2/2008 R2 ship disabled by default.',
  '`win2008` means Windows Server 2008 SP2 with KB4019276 (RTM and SP1 have no TLS 1.1/1.2).',
];

export function sourcesSection(sources: readonly string[]): string {
  return `## Sources\n${sources.map((source) => `- ${source}`).join('\n')}\n`;
}

/** Span helper for findings at a key line. */
export function keyLineSpan(origin: { file: SourceFile; keyLine: { span: Span } }): { file: SourceFile; span: Span } {
  return { file: origin.file, span: origin.keyLine.span };
}

export type { OsProfile };

// ---------------------------------------------------------------------------------------------
// A protocol that should be on (TLS 1.2)

/** `.reg` lines that offer a protocol side. */
export function protocolOnLines(setting: SchannelSetting): string[] {
  return [`[${settingKeyPath(setting)}]`, `"Enabled"=${ENABLED_DWORD}`, `"DisabledByDefault"=${DISABLED_DWORD}`];
}

/**
 * Sides of `protocol` that the OS has but that are not offered (Server side), or, in
 * explicit-value mode, whose `Enabled`=1 / `DisabledByDefault`=0 are not written (both sides).
 */
export function protocolsToTurnOn(server: ServerModel, options: RuleOptions, protocol: string): ProtocolProblem[] {
  const sides = options.explicitValues ? BOTH_SIDES : SERVER_SIDE;
  const problems: ProtocolProblem[] = [];
  for (const side of sides) {
    const setting = server.schannel.setting({ category: 'protocol', name: protocol, side });
    if (!setting || !osHas(setting)) continue;
    const enabled = setting.provenance.kind === 'explicit' ? setting.provenance.value : undefined;
    const dbd = setting.disabledByDefault?.provenance.kind === 'explicit' ? setting.disabledByDefault.provenance.value : undefined;
    const missingValues: string[] = [];
    if (options.explicitValues) {
      if (!enabled) missingValues.push('Enabled');
      if (!dbd && readsDisabledByDefault(server)) missingValues.push('DisabledByDefault');
    }
    if (setting.offered === 'no') {
      const deciding = enabled && setting.state === 'disabled' ? enabled : dbd && setting.disabledByDefault?.state === 'yes' ? dbd : undefined;
      problems.push({ setting, decidingValue: deciding, missingValues });
    } else if (missingValues.length > 0) {
      problems.push({ setting, decidingValue: undefined, missingValues });
    }
  }
  return problems;
}
