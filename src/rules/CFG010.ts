/**
 * CFG010 registry-value-conflict: two .reg files of one server disagree on a value, and which one
 * wins depends on the order they are imported in: natural order (how iislint applies them,
 * `9-a.reg` before `10-b.reg`) and plain text order (`10-b.reg` before `9-a.reg`) disagree.
 */
import { comparePlainFileNames, isAtOrBelow, registryNameKey, type RegistryTree } from '../model/registry.js';
import type { RegData, RegKeyLine, RegValueLine } from '../parse/reg-syntax.js';
import type { SourceFile } from '../parse/text.js';
import { registrySubject } from './support.js';
import type { FindingDraft, Rule } from './types.js';

/** What one file does to one value, in the end: write data, or delete it (value or key deletion). */
type Effect =
  | { kind: 'write'; data: RegData; valueLine: RegValueLine; keyLine: RegKeyLine }
  | { kind: 'delete'; valueLine?: RegValueLine; keyLine: RegKeyLine };

/** A file's lines in order: key lines with their values, and `[-key]` lines. */
type FileEvent = { kind: 'key'; segments: string[]; keyLine: RegKeyLine } | { kind: 'delete-key'; segments: string[]; keyLine: RegKeyLine };

interface ValueRef {
  segments: string[];
  name: string;
}

const valueId = (segments: readonly string[], name: string) => `${segments.map(registryNameKey).join('\\')}#${registryNameKey(name)}`;

function fileEvents(registry: RegistryTree, file: SourceFile): FileEvent[] {
  const events: FileEvent[] = [];
  for (const line of registry.keyLines) if (line.file === file) events.push({ kind: 'key', segments: line.segments, keyLine: line.keyLine });
  for (const deletion of registry.deletions) {
    if (deletion.file === file && deletion.valueName === undefined) events.push({ kind: 'delete-key', segments: deletion.segments, keyLine: deletion.keyLine });
  }
  return events.sort((a, b) => a.keyLine.span.start - b.keyLine.span.start);
}

/** Every value a file writes or deletes by name. */
function valuesTouched(events: readonly FileEvent[]): Map<string, ValueRef> {
  const touched = new Map<string, ValueRef>();
  for (const event of events) {
    if (event.kind !== 'key') continue;
    for (const value of event.keyLine.values) touched.set(valueId(event.segments, value.name), { segments: event.segments, name: value.name });
  }
  return touched;
}

function effectOn(events: readonly FileEvent[], value: ValueRef): Effect | undefined {
  let effect: Effect | undefined;
  const id = valueId(value.segments, value.name);
  for (const event of events) {
    if (event.kind === 'delete-key') {
      if (isAtOrBelow(value.segments, event.segments)) effect = { kind: 'delete', keyLine: event.keyLine };
      continue;
    }
    for (const line of event.keyLine.values) {
      if (valueId(event.segments, line.name) !== id) continue;
      if (line.deletion) effect = { kind: 'delete', valueLine: line, keyLine: event.keyLine };
      else if (line.data) effect = { kind: 'write', data: line.data, valueLine: line, keyLine: event.keyLine };
    }
  }
  return effect;
}

function dataKey(data: RegData): string {
  const bytes = 'bytes' in data && data.bytes ? [...data.bytes].join(',') : '';
  if ('dword' in data) return `dword:${data.dword}`;
  if ('qword' in data) return `qword:${data.qword}`;
  if ('text' in data) return `${data.type}:${data.text}`;
  if ('strings' in data) return `${data.type}:${data.strings.join('\u0000')}`;
  return `${data.type}:${bytes}`;
}

function sameOutcome(a: Effect, b: Effect): boolean {
  if (a.kind !== b.kind) return false;
  return a.kind === 'delete' || dataKey(a.data) === dataKey((b as Extract<Effect, { kind: 'write' }>).data);
}

/** `"Enabled"=dword:00000000`, or `[-...\RC2 40/128]` / `"Enabled"=-`. */
function describe(effect: Effect, file: SourceFile): string {
  const line = effect.valueLine ?? effect.keyLine;
  const text = effect.valueLine ? file.text.slice(line.span.start, line.span.end) : `[-...\\${effect.keyLine.path.split('\\').pop() ?? ''}]`;
  return `\`${text}\` (line ${file.lines.position(line.span.start).line})`;
}

function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

/** Whether the winner's effect is what the server ends up with (no later file changed it again). */
function isFinal(registry: RegistryTree, value: ValueRef, effect: Effect): boolean {
  const final = registry.find(value.segments)?.value(value.name);
  return effect.kind === 'write' ? final?.valueLine === effect.valueLine : final === undefined;
}

export const CFG010: Rule = {
  meta: {
    id: 'CFG010',
    name: 'registry-value-conflict',
    shortDescription: 'Two .reg files of a server set one value differently, and which wins depends on the order they are imported in.',
    fullDescription:
      'Reports a registry value that two .reg files of one server write with different data (or one writes and the ' +
      'other deletes), where natural file order (how iislint applies them: 9-a.reg before 10-b.reg) and plain text ' +
      'order (10-b.reg before 9-a.reg) would apply the two files the other way round.',
    helpMarkdown: `
## What it finds
iislint applies the .reg files of one server in natural order of their names: digit runs compare as numbers
(\`9-harden.reg\` before \`10-vendor.reg\`), the rest case-insensitively, and a later file overrides an earlier
one. No Windows source defines the order of a folder of exports, and a plain sort (\`dir\`, many scripts) puts
\`10-vendor.reg\` first. When two such files disagree on one value — different data, or one writes what the other
deletes (\`"Enabled"=-\` or \`[-key]\`) — this rule reports a note at the write that wins in natural order,
naming the other file and what it writes. Files whose order is the same either way (\`10-legacy.reg\`,
\`20-harden.reg\`) override each other silently. A value that a third, later file sets again is not reported:
neither of the two decides it.

## Why it matters
What the server ends up with depends on the order an operator imports the files in: the hardening may be
undone by the vendor file, or the other way round, and the linted result is only one of the two.

## Bad
\`9-harden.reg\` and \`10-vendor.reg\` beside each other:
\`\`\`reg
[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Ciphers\\RC2 40/128]
"Enabled"=dword:00000000
\`\`\`
\`\`\`reg
[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Ciphers\\RC2 40/128]
"Enabled"=dword:ffffffff
\`\`\`

## Good
\`09-harden.reg\` and \`10-vendor.reg\` (the same order in every sort), or one file that owns the value.

## How to fix
Number the files so that every sort gives the same order (pad with zeros: \`09-\`, \`10-\`), or remove the
value from the file that should not decide it.

## Sources
- regedit applies a file's lines in order, a later value replacing an earlier one (Wine's regedit, checked
  against Windows). No Microsoft source defines the order of several files; iislint's choice is documented in
  the README ("How a server's .reg files are read").
`,
    defaultLevel: 'note',
    tags: ['correctness', 'external/cwe/cwe-16'],
    securitySeverity: '2.0',
    precision: 'high',
    kernelSslMigration: true,
  },
  check(server) {
    const registry = server.registry;
    const files = registry.appliedFiles;
    const findings: FindingDraft[] = [];
    const events = new Map<SourceFile, FileEvent[]>();
    const eventsOf = (file: SourceFile) => {
      let list = events.get(file);
      if (!list) events.set(file, (list = fileEvents(registry, file)));
      return list;
    };
    for (let later = 0; later < files.length; later++) {
      for (let earlier = 0; earlier < later; earlier++) {
        const winner = files[later]!;
        const other = files[earlier]!;
        // Only files that a plain sort would apply the other way round.
        if (comparePlainFileNames(other.path, winner.path) <= 0) continue;
        const winnerEvents = eventsOf(winner);
        const otherEvents = eventsOf(other);
        const candidates = new Map([...valuesTouched(otherEvents), ...valuesTouched(winnerEvents)]);
        for (const value of candidates.values()) {
          const wins = effectOn(winnerEvents, value);
          const loses = effectOn(otherEvents, value);
          if (!wins || !loses || sameOutcome(wins, loses) || !isFinal(registry, value, wins)) continue;
          const line = wins.valueLine ?? wins.keyLine;
          findings.push({
            message:
              `${baseName(winner.path)} and ${baseName(other.path)} disagree on \`${value.name === '' ? '@' : value.name}\` of ` +
              `[...\\${value.segments.slice(-2).join('\\')}]: ${describe(wins, winner)} here wins in natural file order ` +
              `(the order iislint applies), but imported in plain name order ${other.path} would win with ${describe(loses, other)}. ` +
              'The result depends on the order an operator imports them in: number the files so every sort agrees (09-, 10-), ' +
              'or leave the value to one file.',
            file: winner,
            span: line.span,
            subject: registrySubject(value.segments.join('\\'), value.name === '' ? '@' : value.name),
          });
        }
      }
    }
    return findings;
  },
};
