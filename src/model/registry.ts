/**
 * The registry of one server as its .reg files would leave it: files applied in order,
 * later lines winning, `[-key]` and `"v"=-` deletions honoured. Every value remembers the
 * file and line that set it; every key remembers the lines that opened it.
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

/** Split a key path into segments with its root spelled in full; empty segments (`a\\b`, trailing `\`) dropped. */
export function registryPathSegments(path: string): string[] {
  const segments = path.split('\\').filter((segment) => segment.length > 0);
  const first = segments[0];
  if (first !== undefined) {
    segments[0] = ROOT_ALIASES[first.toUpperCase()] ?? first.toUpperCase();
  }
  return segments;
}

/** The registry compares key and value names case-insensitively. */
export function registryNameKey(name: string): string {
  return name.toLowerCase();
}

/** Whether `segments` is `ancestor` or below it (registry names compare case-insensitively). */
export function isAtOrBelow(segments: readonly string[], ancestor: readonly string[]): boolean {
  return (
    segments.length >= ancestor.length &&
    ancestor.every((segment, index) => registryNameKey(segment) === registryNameKey(segments[index]!))
  );
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

export class RegistryKey {
  readonly children = new Map<string, RegistryKey>();
  readonly values = new Map<string, RegistryValue>();
  /** The `[path]` lines that opened this key, in the order applied. Empty for a key that only exists as an ancestor. */
  readonly origins: KeyOrigin[] = [];

  constructor(
    /** The name as first written (the registry keeps the first spelling of a key). */
    readonly name: string,
    readonly parent: RegistryKey | undefined,
  ) {}

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
    return this.children.get(registryNameKey(name));
  }

  value(name: string): RegistryValue | undefined {
    return this.values.get(registryNameKey(name));
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

export class RegistryTree {
  /** An unnamed top whose children are the roots (HKEY_LOCAL_MACHINE, ...). */
  readonly top = new RegistryKey('', undefined);
  /** Files applied, in order. Files without a valid header are not applied (regedit imports nothing). */
  readonly appliedFiles: SourceFile[] = [];
  /** Every deletion line applied, in order. */
  readonly deletions: RegistryDeletion[] = [];
  /** Every `[key]` line applied, in order, with its key's segments (even if a later file deletes the key). */
  readonly keyLines: (KeyOrigin & { segments: string[] })[] = [];

  /** Apply documents in file-name order, as a server's exports would be imported. */
  static fromDocuments(documents: readonly RegDocument[]): RegistryTree {
    const tree = new RegistryTree();
    const ordered = [...documents].sort((a, b) => compareFileNames(a.source.path, b.source.path));
    for (const document of ordered) tree.apply(document);
    return tree;
  }

  apply(document: RegDocument): void {
    if (document.dialect === undefined) return;
    this.appliedFiles.push(document.source);
    for (const keyLine of document.keys) {
      const segments = registryPathSegments(keyLine.path);
      if (segments.length === 0) continue;
      if (keyLine.deletion) {
        const existed = this.deleteKey(segments);
        this.deletions.push({ segments, file: document.source, keyLine, existed });
        continue;
      }
      const key = this.ensureKey(segments);
      key.origins.push({ file: document.source, keyLine });
      this.keyLines.push({ file: document.source, keyLine, segments });
        for (const valueLine of keyLine.values) this.applyValue(key, segments, valueLine, keyLine, document.source);
    }
  }

  private applyValue(key: RegistryKey, segments: string[], valueLine: RegValueLine, keyLine: RegKeyLine, file: SourceFile): void {
    const nameKey = registryNameKey(valueLine.name);
    if (valueLine.deletion) {
      const existed = key.values.delete(nameKey);
      this.deletions.push({ segments, valueName: valueLine.name, file, keyLine, valueLine, existed });
      return;
    }
    if (!valueLine.data) return;
    key.values.set(nameKey, { name: valueLine.name, data: valueLine.data, file, valueLine, keyLine });
  }

  private ensureKey(segments: readonly string[]): RegistryKey {
    let key = this.top;
    for (const segment of segments) {
      let child = key.child(segment);
      if (!child) {
        child = new RegistryKey(segment, key);
        key.children.set(registryNameKey(segment), child);
      }
      key = child;
    }
    return key;
  }

  /** Remove a key and its subtree; false when it did not exist. */
  private deleteKey(segments: readonly string[]): boolean {
    const key = this.find(segments);
    if (!key?.parent) return false;
    return key.parent.children.delete(registryNameKey(key.name));
  }

  find(segments: readonly string[]): RegistryKey | undefined {
    let key: RegistryKey | undefined = this.top;
    for (const segment of segments) {
      key = key.child(segment);
      if (!key) return undefined;
    }
    return key;
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

/** Case-insensitive by base name, then by full path: a stable "file-name order". */
export function compareFileNames(a: string, b: string): number {
  const baseA = baseName(a).toLowerCase();
  const baseB = baseName(b).toLowerCase();
  if (baseA !== baseB) return baseA < baseB ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function baseName(path: string): string {
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return path.slice(slash + 1);
}
