/**
 * The IIS 6 metabase of one server as a tree by Location path, with IIS's inheritance:
 * an INHERIT property set on a key applies to every key below it until a deeper key sets it
 * again (the deeper value replaces the whole value; bits are not OR-ed).
 */
import type { MetabaseDocument, MetabaseKey, MetabaseProperty } from '../parse/metabase-syntax.js';
import type { SourceFile } from '../parse/text.js';
import { propertyInherits } from './metabase-schema.js';

/** Metabase paths are case-insensitive; `/LM/W3SVC/1/Root` and `/LM/W3SVC/1/ROOT` are one key. */
export function metabasePathKey(location: string): string {
  return normaliseLocation(location).toLowerCase();
}

/** `/LM/W3SVC/1/ROOT/` → `/LM/W3SVC/1/ROOT`; `.` (IIS_Global) and `/` (IIS_ROOT) kept as they are. */
export function normaliseLocation(location: string): string {
  // Nearly every Location IIS writes is already normal: answer without allocating.
  // (The last character must be printable ASCII other than `/`: trim() also strips Unicode spaces.)
  const last = location.charCodeAt(location.length - 1);
  if (location.length > 1 && location.charCodeAt(0) === 0x2f && last > 0x20 && last < 0x7f && last !== 0x2f && !location.includes('//')) {
    return location;
  }
  const trimmed = location.trim();
  if (trimmed === '.' || trimmed === '/' || trimmed === '') return trimmed;
  const collapsed = trimmed.replace(/\/+/g, '/');
  return collapsed.endsWith('/') ? collapsed.slice(0, -1) : collapsed;
}

function parentLocation(location: string): string | undefined {
  if (location === '/' || location === '.' || location === '') return undefined;
  const slash = location.lastIndexOf('/');
  return slash <= 0 ? '/' : location.slice(0, slash);
}

/** A property as set on one key in one file. */
export interface PropertySetting {
  property: MetabaseProperty;
  node: MetabaseNode;
  key: MetabaseKey;
  file: SourceFile;
}

export type MetabaseNodeKind =
  | 'webService'
  | 'site'
  | 'virtualDirectory'
  | 'directory'
  | 'file'
  | 'certMapper'
  | 'other';

const KIND_BY_CLASS: ReadonlyMap<string, MetabaseNodeKind> = new Map([
  ['IIsWebService', 'webService'],
  ['IIsWebServer', 'site'],
  ['IIsWebVirtualDir', 'virtualDirectory'],
  ['IIsWebDirectory', 'directory'],
  ['IIsWebFile', 'file'],
  ['IIsCertMapper', 'certMapper'],
]);

/** The children of every leaf: one shared empty array (frozen: nothing may add to it). */
const NO_CHILDREN: MetabaseNode[] = Object.freeze([]) as unknown as MetabaseNode[];

export class MetabaseNode {
  /** Read only: the model adds children (see addChild). */
  children: MetabaseNode[] = NO_CHILDREN;
  /** The key element written for this path (the last one, when a file repeats a Location). */
  key: MetabaseKey | undefined;
  file: SourceFile | undefined;

  constructor(
    readonly location: string,
    readonly parent: MetabaseNode | undefined,
  ) {}

  /** What the key element's class makes this node; 'other' without a key. Set with the key. */
  kind: MetabaseNodeKind = 'other';

  /**
   * Properties set on this key, by name exactly as IIS reads it: MetaBase.xml is case-sensitive
   * (`accessSSLFlags` is not AccessSSLFlags), and a `<Custom>` with a known ID carries that
   * property's name. Built on demand: a 30 MB metabase has half a million properties, and a
   * map per key was most of the model's memory; `own` reads the key directly.
   */
  get settings(): ReadonlyMap<string, PropertySetting> {
    const settings = new Map<string, PropertySetting>();
    const { key, file } = this;
    if (key && file) {
      for (let index = 0; index < key.propertyCount; index++) {
        const property = key.property(index);
        settings.set(property.name, { property, node: this, key, file });
      }
    }
    return settings;
  }

  /** The property as set on this key itself (no inheritance); the last one written wins. */
  own(name: string): PropertySetting | undefined {
    const { key, file } = this;
    if (!key || !file) return undefined;
    const index = key.lastIndexOf(name);
    return index === -1 ? undefined : { property: key.property(index), node: this, key, file };
  }

  /**
   * For the model. A leaf shares one empty array (100,000 keys, most of them leaves), and a
   * first child gets an array of exactly one: `push` on an empty array reserves 17 slots, and
   * 50,000 sites with one ROOT each held 7 MB of empty slots.
   */
  addChild(child: MetabaseNode): void {
    if (this.children.length === 0) this.children = [child];
    else this.children.push(child);
  }

  /** The decoded value of `own(name)`, without building the setting or the property. */
  ownValue(name: string): string | undefined {
    const { key, file } = this;
    if (!key || !file) return undefined;
    const index = key.lastIndexOf(name);
    return index === -1 ? undefined : key.propertyValue(index);
  }

  /** Whether this key sets `name` itself. */
  sets(name: string): boolean {
    return this.key !== undefined && this.file !== undefined && this.key.lastIndexOf(name) !== -1;
  }
}

/** A setting found by settingsOf: its property is built when first read, then kept. */
class FoundSetting implements PropertySetting {
  private built: MetabaseProperty | undefined;

  constructor(
    readonly node: MetabaseNode,
    readonly key: MetabaseKey,
    readonly file: SourceFile,
    private readonly index: number,
  ) {}

  get property(): MetabaseProperty {
    return (this.built ??= this.key.property(this.index));
  }

  /** As plain data, like the settings `own` returns. */
  toJSON(): object {
    return { property: this.property, node: this.node, key: this.key, file: this.file };
  }
}

/**
 * Nodes by path, ignoring case: an open-addressing table of case-folded path hashes, sized from
 * the number of keys. A 30 MB metabase has 100,000 keys; a Map by lowercased path made a copy of
 * each path, and a Map by hash grew by copies. Paths are compared only when two hashes meet.
 */
class PathTable {
  /** Per slot: the node's index in `nodes` plus one, 0 for an empty slot. */
  private slots: Int32Array;
  /** Per slot: the hash of the node there. */
  private hashes: Int32Array;
  private readonly nodes: MetabaseNode[] = [];

  constructor(expected: number) {
    // A server's metabase may have a dozen keys: no larger floor than that.
    let size = 16;
    while (size < expected * 2) size *= 2;
    this.slots = new Int32Array(size);
    this.hashes = new Int32Array(size);
  }

  get(location: string, hash = foldedHash(location)): MetabaseNode | undefined {
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot]!;
      if (entry === 0) return undefined;
      if (this.hashes[slot] === hash) {
        const node = this.nodes[entry - 1]!;
        if (samePath(node.location, location)) return node;
      }
    }
  }

  /** Add a node whose path is not in the table yet. */
  add(node: MetabaseNode, hash = foldedHash(node.location)): void {
    // At most half full: probes stay short.
    if ((this.nodes.length + 1) * 2 > this.slots.length) this.grow();
    this.nodes.push(node);
    this.place(this.nodes.length, hash);
  }

  private place(entry: number, hash: number): void {
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
    this.slots[slot] = entry;
    this.hashes[slot] = hash;
  }

  private grow(): void {
    const { slots, hashes } = this;
    this.slots = new Int32Array(slots.length * 2);
    this.hashes = new Int32Array(slots.length * 2);
    for (let slot = 0; slot < slots.length; slot++) if (slots[slot] !== 0) this.place(slots[slot]!, hashes[slot]!);
  }
}

/** The hash of `path.toLowerCase()`, without making that string when the path is ASCII. */
function foldedHash(path: string): number {
  let hash = 0;
  for (let index = 0; index < path.length; index++) {
    let code = path.charCodeAt(index);
    if (code >= 0x80) return foldedHashOf(path.toLowerCase());
    if (code >= 0x41 && code <= 0x5a) code |= 0x20;
    hash = (Math.imul(hash, 31) + code) | 0;
  }
  return hash;
}

function foldedHashOf(lowered: string): number {
  let hash = 0;
  for (let index = 0; index < lowered.length; index++) hash = (Math.imul(hash, 31) + lowered.charCodeAt(index)) | 0;
  return hash;
}

/** Whether two paths are one key: equal ignoring case (what metabasePathKey makes them). */
function samePath(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return a.toLowerCase() === b.toLowerCase();
  for (let index = 0; index < a.length; index++) {
    let x = a.charCodeAt(index);
    let y = b.charCodeAt(index);
    if (x === y) continue;
    if (x >= 0x80 || y >= 0x80) return a.toLowerCase() === b.toLowerCase();
    if (x >= 0x41 && x <= 0x5a) x |= 0x20;
    if (y >= 0x41 && y <= 0x5a) y |= 0x20;
    if (x !== y) return false;
  }
  return true;
}

export class MetabaseModel {
  readonly root: MetabaseNode;
  private readonly paths: PathTable;
  /** keyedNodes() as an array, computed once: several rules walk every key. */
  private keyed: MetabaseNode[] | undefined;
  private byKind: Map<MetabaseNodeKind, MetabaseNode[]> | undefined;
  private lastCreated: MetabaseNode | undefined;
  /**
   * While keys come in tree order (each one a new node below the last one created or one of
   * its ancestors, as IIS writes them), the keyed list and the lists by kind are built as they
   * come; a key out of that order (a repeated Location, a parent after its child) drops them,
   * and they are computed by a walk of the tree when first asked for.
   */
  private inTreeOrder = true;

  private constructor(readonly documents: readonly MetabaseDocument[]) {
    this.root = new MetabaseNode('/', undefined);
    let keyCount = 0;
    for (const document of documents) keyCount += document.keys.length;
    this.paths = new PathTable(keyCount + 1);
    this.paths.add(this.root);
    this.keyed = [];
    this.byKind = new Map();
  }

  static fromDocuments(documents: readonly MetabaseDocument[]): MetabaseModel {
    const model = new MetabaseModel(documents);
    // Indexed loops over the model's large arrays: for-of allocated an iterator result per
    // element wherever V8 did not optimise it away (measured: tens of MB on a 30 MB metabase).
    for (const document of documents) {
      const keys = document.keys;
      for (let index = 0; index < keys.length; index++) model.addKey(keys[index]!, document.source);
    }
    return model;
  }

  private addKey(key: MetabaseKey, file: SourceFile): void {
    const location = normaliseLocation(key.location);
    // IIS_Global (`.`) sits outside the path tree; it holds no web properties that inherit.
    if (location === '' || location === '.') return;
    const created = this.lastCreated;
    const node = this.ensureNode(location);
    // A node created before (an ancestor made for an earlier key, or a repeated Location)
    // stands earlier in tree order than this key: the lists built so far no longer hold.
    if (this.lastCreated === created) this.inTreeOrder = false;
    node.key = key;
    node.file = file;
    node.kind = KIND_BY_CLASS.get(key.className) ?? 'other';
    if (this.inTreeOrder && this.keyed && this.byKind) {
      this.keyed.push(node);
      const nodes = this.byKind.get(node.kind);
      if (nodes) nodes.push(node);
      else this.byKind.set(node.kind, [node]);
    } else {
      this.keyed = undefined;
      this.byKind = undefined;
    }
  }

  private ensureNode(location: string): MetabaseNode {
    const hash = foldedHash(location);
    const existing = this.paths.get(location, hash);
    if (existing) return existing;
    // Keys come in tree order: the parent is nearly always the last node created or one of its
    // ancestors, found by comparing paths in place (no parent path is sliced).
    const slash = location.lastIndexOf('/');
    let parent: MetabaseNode | undefined;
    let candidate: MetabaseNode | undefined = this.lastCreated ?? this.root;
    for (let steps = 0; candidate !== undefined && steps < 32; steps++, candidate = candidate.parent) {
      const candidatePath = candidate.location;
      const isParent = slash <= 0 ? candidatePath === '/' : candidatePath.length === slash && location.startsWith(candidatePath);
      if (isParent) {
        parent = candidate;
        break;
      }
    }
    if (!parent) {
      const parentPath = parentLocation(location)!;
      const existing = this.paths.get(parentPath);
      // A parent off the path to the last node created: this node goes elsewhere than last.
      if (existing) this.inTreeOrder = false;
      parent = existing ?? this.ensureNode(parentPath);
    }
    const node = new MetabaseNode(location, parent);
    parent.addChild(node);
    this.paths.add(node, hash);
    this.lastCreated = node;
    return node;
  }

  node(location: string): MetabaseNode | undefined {
    return this.paths.get(normaliseLocation(location));
  }

  /**
   * The value in force at `location` for `name`: set on the key itself, or, for an INHERIT
   * property, on the nearest ancestor that sets it. Returns where it was set.
   */
  effective(location: string | MetabaseNode, name: string): PropertySetting | undefined {
    const start = typeof location === 'string' ? this.nodeOrNearestAncestor(location) : location;
    for (let node: MetabaseNode | undefined = start; node; node = node.parent) {
      const setting = node.own(name);
      if (setting) {
        if (node === start || propertyInherits(setting.property)) return setting;
        return undefined;
      }
    }
    return undefined;
  }

  /**
   * The value of `effective(node, name)`, without building the setting or, when the node sets
   * it itself, the property (its inheritance needs the property only on an ancestor).
   */
  effectiveValue(node: MetabaseNode, name: string): string | undefined {
    const value = node.ownValue(name);
    if (value !== undefined) return value;
    for (let ancestor = node.parent; ancestor; ancestor = ancestor.parent) {
      const setting = ancestor.own(name);
      if (setting) return propertyInherits(setting.property) ? setting.property.value : undefined;
    }
    return undefined;
  }

  private nodeOrNearestAncestor(location: string): MetabaseNode | undefined {
    for (let path: string | undefined = normaliseLocation(location); path !== undefined; path = parentLocation(path)) {
      const node = this.paths.get(path);
      if (node) return node;
    }
    return this.root;
  }

  /** Every node with a key element, in document order of first appearance (depth-first, stable). */
  *keyedNodes(): Generator<MetabaseNode> {
    yield* this.keyedNodeList();
  }

  private keyedNodeList(): readonly MetabaseNode[] {
    if (this.keyed) return this.keyed;
    const keyed: MetabaseNode[] = [];
    const stack: MetabaseNode[] = [this.root];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node.key) keyed.push(node);
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
    }
    this.keyed = keyed;
    return keyed;
  }

  /** Keyed nodes of one kind, in keyedNodes() order (a fresh array: the lists are kept). */
  nodesOfKind(kind: MetabaseNodeKind): MetabaseNode[] {
    if (!this.byKind) {
      // One pass for every kind: `sites` is asked once per AccessSSLFlags setting.
      const byKind = new Map<MetabaseNodeKind, MetabaseNode[]>();
      const keyed = this.keyedNodeList();
      for (let index = 0; index < keyed.length; index++) {
        const node = keyed[index]!;
        const nodes = byKind.get(node.kind);
        if (nodes) nodes.push(node);
        else byKind.set(node.kind, [node]);
      }
      this.byKind = byKind;
    }
    return this.byKind.get(kind)?.slice() ?? [];
  }

  get sites(): MetabaseNode[] {
    return this.nodesOfKind('site');
  }

  /** Sites with a non-empty SecureBindings: the ones that serve HTTPS. */
  get sslSites(): MetabaseNode[] {
    return this.sites.filter((site) => (site.ownValue('SecureBindings')?.trim() ?? '') !== '');
  }

  /**
   * The keys below `setting.node` that take their value of the property from it (not overridden
   * deeper), restricted to nodes with a key element. Visits each subtree once: linear overall.
   */
  inheritorsOf(setting: PropertySetting): MetabaseNode[] {
    if (!propertyInherits(setting.property)) return [];
    const name = setting.property.name;
    const found: MetabaseNode[] = [];
    const children = setting.node.children;
    const stack: MetabaseNode[] = [];
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node.sets(name)) continue;
      if (node.key) found.push(node);
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
    }
    return found;
  }

  /**
   * Every setting of `name` anywhere, in tree order; with `id`, only as IIS reads it: a
   * `<Custom>` counts by its ID alone (one named `name` with another ID is skipped). A scan of
   * the keys' name numbers (see MetabaseKey.lastIndexOf), not an index of every name: rules ask
   * for about ten names, and an index touched all half a million properties of a 30 MB
   * metabase. Each setting builds its property when first read (50,000 ServerBindings are
   * found and most are never read).
   */
  settingsOf(name: string, id?: number): PropertySetting[] {
    const found: PropertySetting[] = [];
    const keyed = this.keyedNodeList();
    for (let position = 0; position < keyed.length; position++) {
      const node = keyed[position]!;
      const { key, file } = node;
      if (!file) continue;
      const index = key!.lastIndexOf(name);
      if (index === -1) continue;
      if (id !== undefined && key!.propertyOrigin(index) === 'custom' && key!.property(index).id !== id) continue;
      found.push(new FoundSetting(node, key!, file, index));
    }
    return found;
  }
}

/**
 * An IIsCertMapper node holds client-certificate mappings when it has any property or child
 * element beyond what IIS writes for an empty mapper (Location alone). IIS creates an empty
 * mapper per site, so an empty one means nothing.
 */
export function certMapperHoldsMappings(node: MetabaseNode): boolean {
  const key = node.key;
  if (!key || key.className !== 'IIsCertMapper') return false;
  if (key.propertyCount > 0 || key.childElementCount > 0) return true;
  // Mappings live in keys below the mapper (`.../IIsCertMapper/Cert11/Mappings/1`), at any depth.
  const stack = [...node.children];
  while (stack.length > 0) {
    const child = stack.pop()!;
    if (child.key) return true;
    for (const grandchild of child.children) stack.push(grandchild);
  }
  return false;
}
