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

const KIND_BY_CLASS: Readonly<Record<string, MetabaseNodeKind>> = {
  IIsWebService: 'webService',
  IIsWebServer: 'site',
  IIsWebVirtualDir: 'virtualDirectory',
  IIsWebDirectory: 'directory',
  IIsWebFile: 'file',
  IIsCertMapper: 'certMapper',
};

export class MetabaseNode {
  readonly children: MetabaseNode[] = [];
  /** The key element written for this path (the last one, when a file repeats a Location). */
  key: MetabaseKey | undefined;
  file: SourceFile | undefined;

  constructor(
    readonly location: string,
    readonly parent: MetabaseNode | undefined,
  ) {}

  get kind(): MetabaseNodeKind {
    return this.key ? (KIND_BY_CLASS[this.key.className] ?? 'other') : 'other';
  }

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

  /** Whether this key sets `name` itself. */
  sets(name: string): boolean {
    return this.key !== undefined && this.file !== undefined && this.key.lastIndexOf(name) !== -1;
  }
}

export class MetabaseModel {
  readonly nodes = new Map<string, MetabaseNode>();
  readonly root: MetabaseNode;
  /** keyedNodes() as an array, computed once: several rules walk every key. */
  private keyed: MetabaseNode[] | undefined;
  private bySettingName: Map<string, MetabaseNode[]> | undefined;
  private lastCreated: MetabaseNode | undefined;

  private constructor(readonly documents: readonly MetabaseDocument[]) {
    this.root = new MetabaseNode('/', undefined);
    this.nodes.set('/', this.root);
  }

  static fromDocuments(documents: readonly MetabaseDocument[]): MetabaseModel {
    const model = new MetabaseModel(documents);
    for (const document of documents) {
      for (const key of document.keys) model.addKey(key, document.source);
    }
    return model;
  }

  private addKey(key: MetabaseKey, file: SourceFile): void {
    const location = normaliseLocation(key.location);
    // IIS_Global (`.`) sits outside the path tree; it holds no web properties that inherit.
    if (location === '' || location === '.') return;
    const node = this.ensureNode(location);
    node.key = key;
    node.file = file;
    this.keyed = undefined;
    this.bySettingName = undefined;
  }

  private ensureNode(location: string): MetabaseNode {
    const pathKey = metabasePathKey(location);
    const existing = this.nodes.get(pathKey);
    if (existing) return existing;
    // Keys come in tree order: the parent is nearly always the last node created or one of its
    // ancestors, found by comparing paths, without a lowercased copy and a map lookup.
    const parentPath = parentLocation(location);
    let parent: MetabaseNode | undefined = parentPath === undefined ? this.root : undefined;
    let candidate = this.lastCreated;
    for (let steps = 0; parent === undefined && candidate !== undefined && steps < 32; steps++, candidate = candidate.parent) {
      if (candidate.location === parentPath) parent = candidate;
    }
    parent ??= this.ensureNode(parentPath!);
    const node = new MetabaseNode(location, parent);
    parent.children.push(node);
    this.nodes.set(pathKey, node);
    this.lastCreated = node;
    return node;
  }

  node(location: string): MetabaseNode | undefined {
    return this.nodes.get(metabasePathKey(location));
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

  private nodeOrNearestAncestor(location: string): MetabaseNode | undefined {
    for (let path: string | undefined = normaliseLocation(location); path !== undefined; path = parentLocation(path)) {
      const node = this.nodes.get(path.toLowerCase());
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

  nodesOfKind(kind: MetabaseNodeKind): MetabaseNode[] {
    return this.keyedNodeList().filter((node) => node.kind === kind);
  }

  get sites(): MetabaseNode[] {
    return this.nodesOfKind('site');
  }

  /** Sites with a non-empty SecureBindings: the ones that serve HTTPS. */
  get sslSites(): MetabaseNode[] {
    return this.sites.filter((site) => (site.own('SecureBindings')?.property.value.trim() ?? '') !== '');
  }

  /**
   * The keys below `setting.node` that take their value of the property from it (not overridden
   * deeper), restricted to nodes with a key element. Visits each subtree once: linear overall.
   */
  inheritorsOf(setting: PropertySetting): MetabaseNode[] {
    if (!propertyInherits(setting.property)) return [];
    const name = setting.property.name;
    const found: MetabaseNode[] = [];
    const stack = [...setting.node.children].reverse();
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node.sets(name)) continue;
      if (node.key) found.push(node);
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
    }
    return found;
  }

  /** Every setting of `name` anywhere, in tree order. */
  settingsOf(name: string): PropertySetting[] {
    const found: PropertySetting[] = [];
    for (const node of this.nodesSetting().get(name) ?? []) found.push(node.own(name)!);
    return found;
  }

  /**
   * Per property name, the keyed nodes that set it, in tree order: one pass over every
   * property instead of one per rule that asks (each pass touches half a million objects in a
   * 30 MB metabase).
   */
  private nodesSetting(): Map<string, MetabaseNode[]> {
    if (this.bySettingName) return this.bySettingName;
    const index = new Map<string, MetabaseNode[]>();
    for (const node of this.keyedNodeList()) {
      if (!node.file) continue;
      const key = node.key!;
      for (let property = 0; property < key.propertyCount; property++) {
        const name = key.propertyName(property);
        const nodes = index.get(name);
        if (!nodes) index.set(name, [node]);
        else if (nodes[nodes.length - 1] !== node) nodes.push(node);
      }
    }
    this.bySettingName = index;
    return index;
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
