/**
 * Where a finding about a value that no file writes points: ONE rule for every rule that
 * reports something absent (an `Enabled` left at its OS default, a hardening value never set),
 * so that a pull-request annotation lands where the server's settings for it are written.
 *
 * 1. When every key that should hold the value was removed by a `[-key]` line (of it or of an
 *    ancestor) and no later line wrote it again: the first such removal in apply order. That
 *    line is why the value is missing.
 * 2. Otherwise start at the key that should hold the value (for several keys: their deepest
 *    common ancestor) and walk up, at most to `scope` (e.g. SCHANNEL), to the nearest key that exists
 *    in the server's registry and that some file writes at or under.
 * 3. Of the files that write at or under that key, take the last in apply order (a later file
 *    wins, so it is the one that decides the server's settings there).
 * 4. In that file, point at the key's own `[...]` line, else at the file's first key line
 *    below it (at the scope itself: the file's first SCHANNEL key).
 * 5. When nothing at or under `scope` is written (only deletions): the first `[-key]` line that
 *    removes one of the keys or an ancestor, else the last deletion under `scope`.
 */
import { ancestorOf, isAtOrBelow, sharedNameCount, type RegistryDeletion, type RegistryKey, type RegistryTree } from '../../model/registry.js';
import type { RegKeyLine } from '../../parse/reg-syntax.js';
import type { SourceFile, Span } from '../../parse/text.js';

export interface MissingValueAnchor {
  file: SourceFile;
  span: Span;
  /** The `[...]` or `[-...]` line pointed at. */
  keyLine: RegKeyLine;
}

/**
 * @param registry the server's registry.
 * @param missingKeys the keys (root spelled in full, as RegistryTree segments) whose value is missing.
 * @param scope the highest key to walk up to (inclusive); findings never point above it.
 */
export function missingValueAnchor(
  registry: RegistryTree,
  missingKeys: readonly (readonly string[])[],
  scope: readonly string[],
): MissingValueAnchor | undefined {
  // The walk starts at the first `length` names of `path`: no prefix array is built per finding.
  const path = missingKeys[0] ?? [];
  const length = missingKeys.length === 1 ? path.length : commonPrefixLength(missingKeys);
  if (length < scope.length || sharedNameCount(scope, path, scope.length) < scope.length) return undefined;
  const removal = removalOfEvery(registry, missingKeys);
  if (removal) return { file: removal.file, span: removal.keyLine.span, keyLine: removal.keyLine };
  const index = anchorIndex(registry);
  // The deepest key on the path that exists, found once; shallower ancestors are its parents.
  let existing = registry.find(path, scope.length);
  let existingDepth = scope.length;
  while (existing !== undefined && existingDepth < length) {
    const child = existing.child(path[existingDepth]!);
    if (child === undefined) break;
    existing = child;
    existingDepth++;
  }
  for (let depth = existingDepth, ancestor = existing; depth >= scope.length && ancestor !== undefined; depth--, ancestor = ancestor.parent) {
    const chosen = lineUnder(index, ancestor, depth);
    if (chosen) return { file: chosen.file, span: chosen.keyLine.span, keyLine: chosen.keyLine };
  }
  return deletionAnchor(registry.deletions.filter((deletion) => isAtOrBelow(deletion.segments, scope)), missingKeys);
}

/**
 * Of the key lines at or under `ancestor` (at tree depth `depth`; lines whose key still exists),
 * those of the last file in apply order; there the ancestor's own line, else the first. Once per
 * ancestor and server: several rules ask about the same ancestor (`Ciphers`, `Protocols`).
 */
function lineUnder(index: AnchorIndex, ancestor: RegistryKey, depth: number): LiveKeyLine | undefined {
  const known = index.lineUnder.get(ancestor);
  if (known !== undefined) return known ?? undefined;
  const { liveKeyLines, applyOrder } = index;
  // A line is under the ancestor when the ancestor is on its key's parent chain: no names compared.
  let lastFile: SourceFile | undefined;
  let lastOrder = 0;
  for (let position = 0; position < liveKeyLines.length; position++) {
    const write = liveKeyLines[position]!;
    if (!isAtOrBelowKey(write.key, write.segments.length, ancestor, depth)) continue;
    const fileOrder = applyOrder.get(write.file) ?? -1;
    if (lastFile === undefined || fileOrder > lastOrder) {
      lastFile = write.file;
      lastOrder = fileOrder;
    }
  }
  let first: LiveKeyLine | undefined;
  let own: LiveKeyLine | undefined;
  if (lastFile !== undefined) {
    for (let position = 0; position < liveKeyLines.length; position++) {
      const write = liveKeyLines[position]!;
      if (write.file !== lastFile || !isAtOrBelowKey(write.key, write.segments.length, ancestor, depth)) continue;
      const start = write.keyLine.span.start;
      if (first === undefined || start < first.keyLine.span.start) first = write;
      if (write.segments.length === depth && (own === undefined || start < own.keyLine.span.start)) own = write;
    }
  }
  const chosen = own ?? first;
  index.lineUnder.set(ancestor, chosen ?? null);
  return chosen;
}

/** Whether `key` (at tree depth `keyDepth`) is `ancestor` (at `ancestorDepth`) or below it. */
function isAtOrBelowKey(key: RegistryKey, keyDepth: number, ancestor: RegistryKey, ancestorDepth: number): boolean {
  return keyDepth >= ancestorDepth && ancestorOf(key, keyDepth - ancestorDepth) === ancestor;
}

/** A key line whose key still exists, with that key. */
type LiveKeyLine = RegistryTree['keyLines'][number];

interface AnchorIndex {
  /** What the index was built from: a tree applied further is indexed again. */
  keyLineCount: number;
  deletionCount: number;
  fileCount: number;
  /** The key lines whose key still exists (a later [-key] undoes them), in apply order. */
  liveKeyLines: readonly LiveKeyLine[];
  /** Each applied file's position in apply order. */
  applyOrder: Map<SourceFile, number>;
  /** lineUnder's answers by ancestor key (null: no live line at or under it). */
  lineUnder: Map<RegistryKey, LiveKeyLine | null>;
}

/** Per server: every rule that reports a missing value asks, and the answers depend on the tree only. */
const ANCHOR_INDEXES = new WeakMap<RegistryTree, AnchorIndex>();

function anchorIndex(registry: RegistryTree): AnchorIndex {
  const known = ANCHOR_INDEXES.get(registry);
  if (
    known &&
    known.keyLineCount === registry.keyLines.length &&
    known.deletionCount === registry.deletions.length &&
    known.fileCount === registry.appliedFiles.length
  ) {
    return known;
  }
  const applyOrder = new Map<SourceFile, number>();
  // The first position, as indexOf gives it.
  const files = registry.appliedFiles;
  for (let position = 0; position < files.length; position++) if (!applyOrder.has(files[position]!)) applyOrder.set(files[position]!, position);
  const index: AnchorIndex = {
    keyLineCount: registry.keyLines.length,
    deletionCount: registry.deletions.length,
    fileCount: files.length,
    // Nothing removed (the common case): every line, with the key it opened.
    liveKeyLines: registry.keyLinesLive ? registry.keyLines : liveKeyLinesOf(registry),
    applyOrder,
    lineUnder: new Map(),
  };
  ANCHOR_INDEXES.set(registry, index);
  return index;
}

/** The key lines whose key still exists, each with the key at its path now (which may be a key written again later). */
function liveKeyLinesOf(registry: RegistryTree): LiveKeyLine[] {
  const live: LiveKeyLine[] = [];
  const keys = registry.keyLineKeys();
  for (let index = 0; index < keys.length; index++) {
    const key = keys[index];
    if (key !== undefined) live.push({ ...registry.keyLines[index]!, key });
  }
  return live;
}

/** The first `[-key]` line that removed a missing key, when every missing key is gone that way. */
function removalOfEvery(registry: RegistryTree, missingKeys: readonly (readonly string[])[]): RegistryDeletion | undefined {
  if (registry.deletions.length === 0) return undefined;
  let first: number | undefined;
  for (const key of missingKeys) {
    if (registry.find(key)) return undefined;
    let last: number | undefined;
    registry.deletions.forEach((deletion, index) => {
      if (deletion.valueName === undefined && isAtOrBelow(key, deletion.segments)) last = index;
    });
    if (last === undefined) return undefined;
    first = first === undefined ? last : Math.min(first, last);
  }
  return first === undefined ? undefined : registry.deletions[first];
}

function deletionAnchor(deletions: readonly RegistryDeletion[], missingKeys: readonly (readonly string[])[]): MissingValueAnchor | undefined {
  const removal = deletions.find(
    (deletion) => deletion.valueName === undefined && missingKeys.some((key) => isAtOrBelow(key, deletion.segments)),
  );
  const chosen = removal ?? deletions[deletions.length - 1];
  return chosen && { file: chosen.file, span: chosen.keyLine.span, keyLine: chosen.keyLine };
}

/** How many leading names every key shares with the first (registry names compare case-insensitively). */
function commonPrefixLength(keys: readonly (readonly string[])[]): number {
  const first = keys[0] ?? [];
  let length = first.length;
  for (const key of keys) length = sharedNameCount(key, first, length);
  return length;
}
