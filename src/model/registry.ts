/**
 * The registry of one server as its .reg files would leave it: files applied in natural
 * file-name order, later lines winning, `[-key]` and `"v"=-` deletions honoured. Every value
 * remembers the file and line that set it; every key remembers the lines that opened it.
 *
 * Two things regedit does that a plain reading of the files misses (DOMAIN.md §4):
 * - a key written with an abbreviated root (`[HKLM\...]`) is dropped with its values (Wine's
 *   regedit, checked against Windows): such keys are not applied;
 * - an export of an offline hive or of HKLM\SYSTEM names `SYSTEM\ControlSet00N`, not
 *   CurrentControlSet: the current one is mapped onto CurrentControlSet (see ControlSetMapping).
 */
import type { RegData, RegDocument, RegKeyLine, RegValueLine } from '../parse/reg-syntax.js';
import type { SourceFile } from '../parse/text.js';

const ROOT_ALIASES: Readonly<Record<string, string>> = {
  HKLM: 'HKEY_LOCAL_MACHINE',
  HKCU: 'HKEY_CURRENT_USER',
  HKCR: 'HKEY_CLASSES_ROOT',
  HKU: 'HKEY_USERS',
  HKCC: 'HKEY_CURRENT_CONFIG',
  HKDD: 'HKEY_DYN_DATA',
};

const ROOT_ALIAS_MAX_LENGTH = Math.max(...Object.keys(ROOT_ALIASES).map((alias) => alias.length));

/**
 * The full root name when `path` starts with an abbreviated one (`HKLM\...` → HKEY_LOCAL_MACHINE).
 * regedit accepts only full root names: it drops such a key and its values.
 */
export function abbreviatedRootOf(path: string): string | undefined {
  // The first non-empty segment, without splitting the whole path.
  let start = 0;
  while (path.charCodeAt(start) === 0x5c) start++;
  if (start === path.length) return undefined;
  const end = path.indexOf('\\', start);
  const stop = end === -1 ? path.length : end;
  // Every abbreviation is 3 or 4 letters: a full root name is not sliced and upper-cased to learn that.
  if (stop - start > ROOT_ALIAS_MAX_LENGTH) return undefined;
  return ROOT_ALIASES[path.slice(start, stop).toUpperCase()];
}

/** Split a key path into segments with its root spelled in full; empty segments (`a\\b`, trailing `\`) dropped. */
export function registryPathSegments(path: string): string[] {
  let segments = path.split('\\');
  // Filtered only when some segment is empty (rare: exports write one `\` between names).
  if (path.startsWith('\\') || path.endsWith('\\') || path.includes('\\\\')) segments = segments.filter((segment) => segment.length > 0);
  const first = segments[0];
  if (first !== undefined && first !== '') segments[0] = rootName(first);
  else if (first === '') segments.length = 0;
  return segments;
}

/** A key line's segments, or undefined for an abbreviated root (regedit drops the key: not applied). */
function keyLineSegments(keyLine: RegKeyLine): string[] | undefined {
  return abbreviatedRootOf(keyLine.path) === undefined ? registryPathSegments(keyLine.path) : undefined;
}

/** Root names as written -> in full, upper case, once per process (a few spellings; bounded). */
const ROOT_NAMES = new Map<string, string>();
const ROOT_NAMES_LIMIT = 64;

function rootName(written: string): string {
  let name = ROOT_NAMES.get(written);
  if (name === undefined) {
    const upper = written.toUpperCase();
    name = ROOT_ALIASES[upper] ?? upper;
    if (ROOT_NAMES.size < ROOT_NAMES_LIMIT) ROOT_NAMES.set(written, name);
  }
  return name;
}

/**
 * Folded names, once per process: a server's exports name the same few dozen keys again and
 * again, and so do a fleet's servers. Bounded: a hostile export could write a million names.
 */
const FOLDED_NAMES = new Map<string, string>();
const FOLDED_NAMES_LIMIT = 16_384;

/** The registry compares key and value names case-insensitively. */
export function registryNameKey(name: string): string {
  let folded = FOLDED_NAMES.get(name);
  if (folded === undefined) {
    folded = name.toLowerCase();
    if (FOLDED_NAMES.size < FOLDED_NAMES_LIMIT) FOLDED_NAMES.set(name, folded);
  }
  return folded;
}

/**
 * Whether two names are the same registry name. Same spelling first (the common case), then
 * code unit by code unit folding ASCII letters: up to the first non-ASCII character folding keeps
 * lengths, so an ASCII difference or a length difference there decides. Names with non-ASCII
 * characters before that are folded in full (registryNameKey).
 */
export function sameRegistryName(a: string, b: string): boolean {
  if (a === b) return true;
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index++) {
    const codeA = a.charCodeAt(index);
    const codeB = b.charCodeAt(index);
    if (codeA >= 0x80 || codeB >= 0x80) return registryNameKey(a) === registryNameKey(b);
    if (codeA !== codeB && foldAscii(codeA) !== foldAscii(codeB)) return false;
  }
  // Equal so far, all ASCII: a longer name has more characters after folding too.
  return a.length === b.length;
}

function foldAscii(code: number): number {
  return code >= 0x41 && code <= 0x5a ? code + 0x20 : code;
}

/** Whether `segments` is `ancestor` or below it (registry names compare case-insensitively). */
export function isAtOrBelow(segments: readonly string[], ancestor: readonly string[]): boolean {
  return segments.length >= ancestor.length && sharedNameCount(segments, ancestor, ancestor.length) === ancestor.length;
}

/** How many leading names `a` shares with the first `length` names of `b` (registry names compare case-insensitively). */
export function sharedNameCount(a: readonly string[], b: readonly string[], length = b.length): number {
  const limit = Math.min(a.length, length);
  let count = 0;
  while (count < limit && sameRegistryName(a[count]!, b[count]!)) count++;
  return count;
}

/** `key`'s ancestor `levels` levels up (`key` itself for 0); the caller knows the key is that deep. */
export function ancestorOf(key: RegistryKey, levels: number): RegistryKey {
  let at = key;
  for (let level = 0; level < levels; level++) at = at.parent!;
  return at;
}

/** Where a key was opened: a `[path]` line in some file. */
export interface KeyOrigin {
  file: SourceFile;
  keyLine: RegKeyLine;
}

export interface RegistryValue {
  name: string;
  data: RegData;
  file: SourceFile;
  valueLine: RegValueLine;
  keyLine: RegKeyLine;
}

/** What a key without subkeys or values answers: most keys have one or the other, few both. */
const NO_CHILDREN: ReadonlyMap<string, RegistryKey> = new Map();
const NO_VALUES: ReadonlyMap<string, RegistryValue> = new Map();
const NO_ORIGINS: readonly KeyOrigin[] = Object.freeze([]);

export class RegistryKey {
  // Made with the first origin: most keys have one, an ancestor-only key none.
  private originList: KeyOrigin[] | undefined = undefined;
  // Made on the first subkey or value: a leaf has no subkeys, a container no values.
  private childMap: Map<string, RegistryKey> | undefined = undefined;
  private valueMap: Map<string, RegistryValue> | undefined = undefined;

  constructor(
    /** The name as first written (the registry keeps the first spelling of a key). */
    readonly name: string,
    readonly parent: RegistryKey | undefined,
  ) {}

  /** The `[path]` lines that opened this key, in the order applied. Empty for a key that only exists as an ancestor. */
  get origins(): readonly KeyOrigin[] {
    return this.originList ?? NO_ORIGINS;
  }

  /** For RegistryTree: a `[path]` line that opened this key. */
  addOrigin(origin: KeyOrigin): void {
    if (this.originList === undefined) this.originList = [origin];
    else this.originList.push(origin);
  }

  /** Subkeys by folded name (registryNameKey). Changed only by RegistryTree. */
  get children(): ReadonlyMap<string, RegistryKey> {
    return this.childMap ?? NO_CHILDREN;
  }

  /** Values by folded name (registryNameKey). Changed only by RegistryTree. */
  get values(): ReadonlyMap<string, RegistryValue> {
    return this.valueMap ?? NO_VALUES;
  }

  /** For RegistryTree: the subkey `name`, made (with that spelling) when there is none. */
  ensureChild(name: string): RegistryKey {
    const nameKey = registryNameKey(name);
    let child = this.childMap?.get(nameKey);
    if (child === undefined) {
      child = new RegistryKey(name, this);
      (this.childMap ??= new Map()).set(nameKey, child);
    }
    return child;
  }

  /** For RegistryTree: remove a subkey; false when there was none. */
  removeChild(nameKey: string): boolean {
    return this.childMap?.delete(nameKey) ?? false;
  }

  /** For RegistryTree: set a value under its folded name. */
  setValue(nameKey: string, value: RegistryValue): void {
    (this.valueMap ??= new Map()).set(nameKey, value);
  }

  /** For RegistryTree: remove a value; false when there was none. */
  removeValue(nameKey: string): boolean {
    return this.valueMap?.delete(nameKey) ?? false;
  }

  /** Full path with the root spelled in full (`HKEY_LOCAL_MACHINE\SYSTEM\...`). */
  get path(): string {
    const names: string[] = [];
    for (let key: RegistryKey | undefined = this; key?.parent; key = key.parent) names.push(key.name);
    return names.reverse().join('\\');
  }

  /** Segments below the registry's top (root name first). */
  get segments(): string[] {
    const names: string[] = [];
    for (let key: RegistryKey | undefined = this; key?.parent; key = key.parent) names.push(key.name);
    return names.reverse();
  }

  child(name: string): RegistryKey | undefined {
    return this.childMap?.get(registryNameKey(name));
  }

  value(name: string): RegistryValue | undefined {
    return this.valueMap?.get(registryNameKey(name));
  }

  /** The first line that opened this key, if any file wrote it. */
  get firstOrigin(): KeyOrigin | undefined {
    return this.origins[0];
  }

  /** Every key below this one, depth first, children in name order (deterministic output). */
  *descendants(): Generator<RegistryKey> {
    const names = [...this.children.keys()].sort();
    for (const name of names) {
      const child = this.children.get(name)!;
      yield child;
      yield* child.descendants();
    }
  }
}

/**
 * A `[-key]` or `"value"=-` line of an applied file, whether or not what it deletes existed
 * then: it tells why a setting is back at its default, and that a file touches a subtree.
 */
export interface RegistryDeletion {
  /** The deleted key's segments (root spelled in full); for a value, the key holding it. */
  segments: string[];
  /** Set for a value deletion. */
  valueName?: string;
  file: SourceFile;
  /** The `[-key]` line, or the `[key]` line above a value deletion. */
  keyLine: RegKeyLine;
  valueLine?: RegValueLine;
  /** Whether the key or value existed when the line was applied. */
  existed: boolean;
}

const CONTROL_SET_NAME_LENGTH = 'ControlSet001'.length;

/** `ControlSet001` → 1 (the name regedit exports for a control set of HKLM\SYSTEM). */
function controlSetNumber(segments: readonly string[]): number | undefined {
  if (segments.length < 3) return undefined;
  // `ControlSet001` has 13 characters: CurrentControlSet and the rest are told apart without a regex.
  if (segments[2]!.length !== CONTROL_SET_NAME_LENGTH) return undefined;
  if (!sameRegistryName(segments[0]!, 'HKEY_LOCAL_MACHINE') || !sameRegistryName(segments[1]!, 'SYSTEM')) return undefined;
  const match = /^controlset(\d{3})$/i.exec(segments[2]!);
  return match ? Number(match[1]) : undefined;
}

const SELECT_SEGMENTS = ['HKEY_LOCAL_MACHINE', 'SYSTEM', 'Select'];

/**
 * Which `HKLM\SYSTEM\ControlSet00N` this server's exports read as CurrentControlSet:
 * - `select`: N = `HKLM\SYSTEM\Select` value `Current` (REG_DWORD), as Windows picks it;
 * - `single`: no `Select` in the exports and exactly one ControlSet00N written: that one;
 * - `ambiguous`: no `Select` and several written: none is mapped (CFG009 reports it);
 * - `none`: no ControlSet00N key at all.
 */
export interface ControlSetMapping {
  reason: 'select' | 'single' | 'ambiguous' | 'none';
  /** The N mapped onto CurrentControlSet, if any. */
  current: number | undefined;
  /** Every ControlSet00N written, ascending. */
  written: number[];
  /** The `"Current"=dword:...` line that decided it (reason `select`). */
  select?: RegistryValueLineRef;
  /** The first `[...ControlSet00N...]` line in apply order. */
  firstKey?: KeyOrigin;
}

export interface RegistryValueLineRef {
  file: SourceFile;
  keyLine: RegKeyLine;
  valueLine: RegValueLine;
}

/** A `[HKLM\...]` key line regedit drops (with its values): not applied. */
export interface AbbreviatedRootKey extends KeyOrigin {
  fullRoot: string;
}

/** `ControlSet001` as a key name. */
export function controlSetName(number: number): string {
  return `ControlSet${String(number).padStart(3, '0')}`;
}

export class RegistryTree {
  /** An unnamed top whose children are the roots (HKEY_LOCAL_MACHINE, ...). */
  readonly top = new RegistryKey('', undefined);
  /** Files applied, in order. Files without a valid header are not applied (regedit imports nothing). */
  readonly appliedFiles: SourceFile[] = [];
  /** Every deletion line applied, in order. */
  readonly deletions: RegistryDeletion[] = [];
  /**
   * Every `[key]` line applied, in order, with its key's segments (even if a later file deletes
   * the key). Segments are as applied: a mapped ControlSet00N reads CurrentControlSet.
   */
  readonly keyLines: (KeyOrigin & { segments: string[]; key: RegistryKey })[] = [];
  /** Whether a `[-key]` line removed a key that existed: until then every key line's key is still in the tree. */
  private keyRemoved = false;

  /** Whether every key line's `key` is still in the tree (no `[-key]` line removed a key that existed). */
  get keyLinesLive(): boolean {
    return !this.keyRemoved;
  }
  /** Key lines with an abbreviated root, which regedit drops with their values. */
  readonly abbreviatedRootKeys: AbbreviatedRootKey[] = [];
  /** The path and key ensureKey made or found last (undone by a key deletion). */
  private lastEnsured: readonly string[] | undefined = undefined;
  private lastEnsuredKey: RegistryKey | undefined = undefined;
  /** Which ControlSet00N reads as CurrentControlSet (set by fromDocuments). */
  controlSets: ControlSetMapping = { reason: 'none', current: undefined, written: [] };

  /** Apply documents in natural file-name order (compareFileNames), as a server's exports would be imported. */
  static fromDocuments(documents: readonly RegDocument[]): RegistryTree {
    const tree = new RegistryTree();
    const ordered = [...documents].sort((a, b) => compareFileNames(a.source.path, b.source.path));
    // Each key line's path is split once, for the control set mapping and for applying it.
    const split = ordered.map((document) => (document.dialect === undefined ? [] : document.keys.map(keyLineSegments)));
    tree.controlSets = controlSetMapping(ordered, split);
    for (let index = 0; index < ordered.length; index++) tree.applySplit(ordered[index]!, split[index]!);
    return tree;
  }

  apply(document: RegDocument): void {
    if (document.dialect === undefined) return;
    this.applySplit(document, document.keys.map(keyLineSegments));
  }

  /** Apply a document whose key lines are split already (`split`, by position in `document.keys`). */
  private applySplit(document: RegDocument, split: readonly (string[] | undefined)[]): void {
    if (document.dialect === undefined) return;
    const file = document.source;
    this.appliedFiles.push(file);
    const keyLines = document.keys;
    for (let index = 0; index < keyLines.length; index++) {
      const keyLine = keyLines[index]!;
      const written = split[index];
      if (written === undefined) {
        this.abbreviatedRootKeys.push({ file, keyLine, fullRoot: abbreviatedRootOf(keyLine.path)! });
        continue;
      }
      const segments = this.mapControlSet(written);
      if (segments.length === 0) continue;
      if (keyLine.deletion) {
        const existed = this.deleteKey(segments);
        this.deletions.push({ segments, file, keyLine, existed });
        continue;
      }
      const key = this.ensureKey(segments);
      key.addOrigin({ file, keyLine });
      this.keyLines.push({ file, keyLine, segments, key });
      const values = keyLine.values;
      for (let valueIndex = 0; valueIndex < values.length; valueIndex++) this.applyValue(key, segments, values[valueIndex]!, keyLine, file);
    }
  }

  /** `HKLM\SYSTEM\ControlSet00N\...` → `...\CurrentControlSet\...` when N is the mapped control set. */
  private mapControlSet(segments: string[]): string[] {
    const current = this.controlSets.current;
    if (current === undefined || controlSetNumber(segments) !== current) return segments;
    return [segments[0]!, segments[1]!, 'CurrentControlSet', ...segments.slice(3)];
  }

  private applyValue(key: RegistryKey, segments: string[], valueLine: RegValueLine, keyLine: RegKeyLine, file: SourceFile): void {
    const nameKey = registryNameKey(valueLine.name);
    if (valueLine.deletion) {
      const existed = key.removeValue(nameKey);
      this.deletions.push({ segments, valueName: valueLine.name, file, keyLine, valueLine, existed });
      return;
    }
    if (!valueLine.data) return;
    key.setValue(nameKey, { name: valueLine.name, data: valueLine.data, file, valueLine, keyLine });
  }

  private ensureKey(segments: readonly string[]): RegistryKey {
    // Key lines come in path order, so the next one shares most of the last one's path: start
    // below that shared part (names compared in place) instead of looking every name up again.
    const last = this.lastEnsured ?? [];
    let index = sharedNameCount(segments, last);
    let key = ancestorOf(this.lastEnsuredKey ?? this.top, last.length - index);
    for (; index < segments.length; index++) key = key.ensureChild(segments[index]!);
    this.lastEnsured = segments;
    this.lastEnsuredKey = key;
    return key;
  }

  /** Remove a key and its subtree; false when it did not exist. */
  private deleteKey(segments: readonly string[]): boolean {
    // The last key ensured may be in the deleted subtree.
    this.lastEnsured = undefined;
    this.lastEnsuredKey = undefined;
    const key = this.find(segments);
    if (!key?.parent) return false;
    const removed = key.parent.removeChild(registryNameKey(key.name));
    if (removed) this.keyRemoved = true;
    return removed;
  }

  /** The key at `segments` (or at its first `length` names: an ancestor, without slicing the path). */
  find(segments: readonly string[], length = segments.length): RegistryKey | undefined {
    let key: RegistryKey | undefined = this.top;
    // Indexed, not for-of: every rule asks, and an iterator's result objects were a visible share of a fleet's allocation.
    for (let index = 0; index < length && key !== undefined; index++) key = key.child(segments[index]!);
    return key;
  }

  /**
   * Each key line's key as the tree stands now, by position in keyLines: undefined where a later
   * line deleted it. Key lines come in path order, so each lookup starts below the part of its
   * path the last line found shared (names compared in place), not at the top.
   */
  keyLineKeys(): (RegistryKey | undefined)[] {
    // Nothing removed: each line's key is the one it opened (a key is only ever made once).
    if (!this.keyRemoved) return this.keyLines.map((line) => line.key);
    const keys: (RegistryKey | undefined)[] = [];
    let previous: readonly string[] = [];
    let previousKey: RegistryKey = this.top;
    for (const { segments } of this.keyLines) {
      let index = sharedNameCount(segments, previous);
      let key: RegistryKey | undefined = ancestorOf(previousKey, previous.length - index);
      for (; index < segments.length && key !== undefined; index++) key = key.child(segments[index]!);
      keys.push(key);
      if (key !== undefined) {
        previous = segments;
        previousKey = key;
      }
    }
    return keys;
  }

  /** Look a key up by its path as written (`HKLM\...` or `HKEY_LOCAL_MACHINE\...`). */
  get(path: string): RegistryKey | undefined {
    return this.find(registryPathSegments(path));
  }

  /**
   * The deepest key at or above `segments` that some file opened with a `[...]` line: where a
   * finding about something absent points (the parent that is present).
   */
  nearestWrittenAncestor(segments: readonly string[]): RegistryKey | undefined {
    let key: RegistryKey | undefined = this.top;
    let written: RegistryKey | undefined;
    for (const segment of segments) {
      key = key.child(segment);
      if (!key) break;
      if (key.origins.length > 0) written = key;
    }
    return written;
  }
}

/**
 * Decide the control set mapping before anything is applied: an export of HKLM\SYSTEM lists
 * ControlSet001 before Select, and Select may come in another file. The last `Current` written
 * in apply order counts (a later `"Current"=-` or `[-...\Select]` removes it).
 */
function controlSetMapping(ordered: readonly RegDocument[], split: readonly (readonly (string[] | undefined)[])[]): ControlSetMapping {
  const written = new Set<number>();
  let firstKey: KeyOrigin | undefined;
  let select: RegistryValueLineRef | undefined;
  let current: number | undefined;
  for (let documentIndex = 0; documentIndex < ordered.length; documentIndex++) {
    const document = ordered[documentIndex]!;
    if (document.dialect === undefined) continue;
    const keyLines = document.keys;
    for (let index = 0; index < keyLines.length; index++) {
      const keyLine = keyLines[index]!;
      const segments = split[documentIndex]![index];
      if (segments === undefined) continue;
      const number = controlSetNumber(segments);
      if (number !== undefined && !keyLine.deletion) {
        written.add(number);
        firstKey ??= { file: document.source, keyLine };
      }
      if (!isAtOrBelow(segments, SELECT_SEGMENTS)) continue;
      if (keyLine.deletion) {
        select = undefined;
        current = undefined;
        continue;
      }
      if (segments.length !== SELECT_SEGMENTS.length) continue;
      for (const valueLine of keyLine.values) {
        if (registryNameKey(valueLine.name) !== 'current') continue;
        if (valueLine.deletion) {
          select = undefined;
          current = undefined;
        } else if (valueLine.data?.type === 'REG_DWORD' && 'dword' in valueLine.data) {
          select = { file: document.source, keyLine, valueLine };
          current = valueLine.data.dword;
        }
      }
    }
  }
  const numbers = [...written].sort((a, b) => a - b);
  const base = { written: numbers, ...(firstKey ? { firstKey } : {}) };
  if (select && current !== undefined) return { reason: 'select', current, select, ...base };
  if (numbers.length === 1) return { reason: 'single', current: numbers[0], ...base };
  if (numbers.length > 1) return { reason: 'ambiguous', current: undefined, ...base };
  return { reason: 'none', current: undefined, ...base };
}

/**
 * The order a server's files apply in: natural order of base names (`9-harden.reg` before
 * `10-vendor.reg`: digit runs compare as numbers, other text case-insensitively), then plain
 * order, then full path. No source defines the order of a folder of exports (DOMAIN.md §4);
 * this is the order people number files for.
 */
export function compareFileNames(a: string, b: string): number {
  const baseA = baseName(a);
  const baseB = baseName(b);
  return compareNatural(baseA, baseB) || comparePlainFileNames(a, b);
}

/**
 * Plain text order: base names compared case-insensitively code unit by code unit (`10-a.reg`
 * before `9-b.reg`), then the full path. What a simple sort gives; CFG010 reports where it
 * and natural order disagree.
 */
export function comparePlainFileNames(a: string, b: string): number {
  const baseA = baseName(a).toLowerCase();
  const baseB = baseName(b).toLowerCase();
  if (baseA !== baseB) return baseA < baseB ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

const NATURAL_PARTS = /\d+|\D+/g;

/** Digit runs as numbers (`9` < `10`, `007` = `7`), other runs case-insensitively; 0 when equal that way. */
export function compareNatural(a: string, b: string): number {
  const partsA = a.match(NATURAL_PARTS) ?? [];
  const partsB = b.match(NATURAL_PARTS) ?? [];
  for (let index = 0; index < Math.min(partsA.length, partsB.length); index++) {
    const partA = partsA[index]!;
    const partB = partsB[index]!;
    const digitsA = isDigitRun(partA);
    const digitsB = isDigitRun(partB);
    if (digitsA && digitsB) {
      const numberA = partA.replace(/^0+(?=\d)/, '');
      const numberB = partB.replace(/^0+(?=\d)/, '');
      if (numberA.length !== numberB.length) return numberA.length - numberB.length;
      if (numberA !== numberB) return numberA < numberB ? -1 : 1;
      continue;
    }
    const textA = partA.toLowerCase();
    const textB = partB.toLowerCase();
    if (textA !== textB) return textA < textB ? -1 : 1;
  }
  return partsA.length - partsB.length;
}

function isDigitRun(part: string): boolean {
  const code = part.charCodeAt(0);
  return code >= 0x30 && code <= 0x39;
}

function baseName(path: string): string {
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return path.slice(slash + 1);
}
