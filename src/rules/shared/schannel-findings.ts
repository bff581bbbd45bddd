/**
 * What the SChannel rules (KSSL004, KSSL005, KSSL006) say and fix alike: values as written,
 * the target OS in words, where a finding about a setting left at its OS default points, and
 * the fixes that write `"Enabled"=dword:00000000`.
 */
import type { OsProfile } from '../../model/os-profiles.js';
import { isAtOrBelow, registryPathSegments, type RegistryDeletion, type RegistryValue } from '../../model/registry.js';
import { keyPathOf, SCHANNEL_ROOT_SEGMENTS, type SchannelSetting } from '../../model/schannel.js';
import type { ServerModel } from '../../model/server.js';
import { lineBreakFor, type SourceFile, type Span } from '../../parse/text.js';
import type { Fix } from '../types.js';
import { missingValueAnchor } from './missing-value-anchor.js';

export const DISABLED_DWORD = 'dword:00000000';

/** `"Enabled"=dword:00000001` as the file writes it (continuation lines joined). */
export function valueAsWritten(value: RegistryValue): string {
  const name = value.file.text.slice(value.valueLine.nameSpan.start, value.valueLine.nameSpan.end);
  return `${name}=${value.valueLine.rawData}`;
}

/**
 * Replace the value's data with `dword:00000000`. `dataSpan` covers the data text of the first
 * line only; a hex value continued with `,\` ends at `span.end`, so the edit runs to there.
 */
export function disableValueFix(value: RegistryValue, what: string): Fix {
  return {
    description: `Set ${what} to ${DISABLED_DWORD} in ${value.file.path}`,
    edits: [{ file: value.file, span: { start: value.valueLine.dataSpan.start, end: value.valueLine.span.end }, text: DISABLED_DWORD }],
  };
}

/** `Windows Server 2003 SP1` for `win2003-sp1`, `Windows Server 2008 R2` for `win2008r2`, `Windows Server 2008 SP2 with KB4019276` for `win2008`. */
export function osLabel(os: OsProfile): string {
  let label = OS_LABELS.get(os);
  if (label === undefined) {
    label = spellOs(os);
    if (OS_LABELS.size < 64) OS_LABELS.set(os, label);
  }
  return label;
}

/** Labels by OS profile, once per process (bounded: a profile is one of a few names). */
const OS_LABELS = new Map<OsProfile, string>();

function spellOs(os: OsProfile): string {
  if (os === 'win2008') return 'Windows Server 2008 SP2 (with KB4019276)';
  const match = /^win(\d{4})(r2)?(?:-sp(\d))?$/.exec(os);
  if (!match) return os;
  return `Windows Server ${match[1]}${match[2] ? ' R2' : ''}${match[3] ? ` SP${match[3]}` : ''}`;
}

/** Why the target OS applies, for messages: `Windows Server 2003 SP1 (assumed from the IIS 6 metabase)`. */
export function targetOsPhrase(server: ServerModel, os: OsProfile): string {
  switch (server.osReason) {
    case 'option':
      return `${osLabel(os)} (--os ${os})`;
    case 'iis6-metabase':
      return `${osLabel(os)} (assumed from the IIS 6 metabase)`;
    case 'enable-kernel-ssl':
      return `${osLabel(os)} (assumed because EnableKernelSSL is set)`;
    case 'current-version':
      return `${osLabel(os)} (from ${server.osDetail})`;
    default:
      return osLabel(os);
  }
}

/** `` `[-HKEY_...\RC2 40/128]` (02.reg line 3) `` or `` `"Enabled"=-` (01.reg line 9) ``. */
export function describeDeletion(deletion: RegistryDeletion): string {
  const start = deletion.valueLine ? deletion.valueLine.span.start : deletion.keyLine.span.start;
  const line = deletion.file.lines.position(start).line;
  const text = deletion.valueLine
    ? deletion.file.text.slice(deletion.valueLine.span.start, deletion.valueLine.span.end)
    : `[-${deletion.keyLine.path}]`;
  return `\`${text}\` (${deletion.file.path} line ${line})`;
}

export interface DefaultAnchor {
  file: SourceFile;
  span: Span;
}

/**
 * Where ONE finding about settings left at their OS default points: the shared rule for
 * findings about a missing value (see missing-value-anchor.ts), scoped to SCHANNEL.
 */
export function defaultAnchor(server: ServerModel, settings: readonly SchannelSetting[]): DefaultAnchor | undefined {
  const anchor = missingValueAnchor(
    server.registry,
    settings.map((setting) => setting.segments),
    SCHANNEL_ROOT_SEGMENTS,
  );
  return anchor && { file: anchor.file, span: anchor.span };
}

/**
 * `ControlSet001` when the file writes its SChannel keys under the control set read as
 * CurrentControlSet (an offline-hive export): keys appended to it must be spelt the same way.
 */
export function controlSetWrittenIn(server: ServerModel, file: SourceFile): string | undefined {
  // No control set mapped: every SChannel key line reads CurrentControlSet as written.
  if (server.registry.controlSets.current === undefined) return undefined;
  const line = server.registry.keyLines.find(({ file: written, segments }) => written === file && isAtOrBelow(segments, SCHANNEL_ROOT_SEGMENTS));
  const spelt = line && registryPathSegments(line.keyLine.path)[2];
  return spelt !== undefined && /^controlset\d{3}$/i.test(spelt) ? spelt : undefined;
}

/**
 * Append `[key]` + `"Enabled"=dword:00000000` blocks after the last line of the LAST applied
 * SChannel file, in that file's newline style: a later file wins, so an earlier one could be
 * undone by a deletion after it.
 */
export function insertDisabledKeysFix(server: ServerModel, keySegments: readonly (readonly string[])[], description: string): Fix | undefined {
  const files = server.schannel.files;
  const file = files[files.length - 1];
  if (!file || keySegments.length === 0) return undefined;
  const newline = lineBreakFor(file);
  const lines = file.lines;
  const count = lines.lineCount;
  const lastLineEmpty = lines.lineStart(count) === lines.lineEnd(count);
  const endsWithBreak = count > 1 && lastLineEmpty;
  const endsWithBlankLine = endsWithBreak && count > 2 && lines.lineStart(count - 1) === lines.lineEnd(count - 1);
  const prefix = endsWithBlankLine ? '' : endsWithBreak ? newline : newline + newline;
  const controlSet = controlSetWrittenIn(server, file);
  const blocks = keySegments.map((segments) => {
    const written = controlSet === undefined ? keyPathOf(segments) : [...segments.slice(0, 2), controlSet, ...segments.slice(3)].join('\\');
    return `[${written}]${newline}"Enabled"=${DISABLED_DWORD}${newline}`;
  });
  return {
    description: `${description} (appended to ${file.path}, the last file applied that writes SChannel settings)`,
    edits: [{ file, span: { start: file.text.length, end: file.text.length }, text: prefix + blocks.join(newline) }],
    deferred: true,
  };
}
