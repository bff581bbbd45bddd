/**
 * The IIS 7+ configuration system as IIS applies it: levels MACHINE → MACHINE/WEBROOT →
 * MACHINE/WEBROOT/APPHOST → each site, application and virtual directory path; `<location>` at
 * any level; section declarations; collections with add/remove/clear. Rules ask this model for
 * effective values with their provenance and never read XML.
 *
 * Levels a repository never holds (machine.config, and applicationHost.config when it has none)
 * come from iis-defaults.ts and are marked `synthetic`: findings never point into them.
 */
import { attributeOf, type ConfigDocument, type ConfigElement } from '../parse/config-syntax.js';
import { parseConfig } from '../parse/config.js';
import { sourceFromText, type SourceFile } from '../parse/text.js';
import { DEFAULT_IIS10_APPHOST_XML, DOTNET4_MACHINE_CONFIG_XML } from './iis-defaults.js';
import { collectionKeys, schemaChild, sectionSchema, type SchemaCollection, type SchemaElement, type SectionSchema } from './iis-schema.js';

export const APPHOST_PATH = 'MACHINE/WEBROOT/APPHOST';
/** The site a repository's topmost web.config is taken to be the root of, when it has no applicationHost.config. */
export const DEFAULT_SITE = 'Default Web Site';

export type ConfigLevel = 'machine' | 'webroot' | 'apphost' | 'web';

/** One configuration file at one place in the hierarchy (a web.config shared by two virtual directories is two). */
export interface ConfigFile {
  document: ConfigDocument;
  level: ConfigLevel;
  /** The configuration path the file itself is at: `MACHINE/WEBROOT/APPHOST/Default Web Site/app`. */
  configPath: string;
  /** A default-install table, not a file of the server. */
  synthetic: boolean;
  /** Web.config trees without an applicationHost.config are separate servers of their own. */
  tree: number;
  /** Depth of the file in the hierarchy: later files override earlier ones at the same path. */
  rank: number;
}

export type AllowDefinition = 'Everywhere' | 'MachineOnly' | 'MachineToWebRoot' | 'MachineToApplication' | 'AppHostOnly';

export interface SectionDeclaration {
  /** Full name: `system.webServer/security/access`. */
  name: string;
  group: boolean;
  overrideModeDefault: 'Allow' | 'Deny';
  allowDefinition: AllowDefinition;
  allowLocation: boolean;
  file: ConfigFile;
  element: ConfigElement;
}

export type OverrideMode = 'Allow' | 'Deny' | 'Inherit';

/** A section element set in a file, and where it applies. */
export interface SectionOccurrence {
  name: string;
  element: ConfigElement;
  file: ConfigFile;
  /** The configuration path it applies to. */
  path: string;
  location: ConfigElement | undefined;
  overrideMode: OverrideMode | undefined;
  inheritInChildApplications: boolean;
  declaration: SectionDeclaration | undefined;
  schema: SectionSchema | undefined;
  /** Encrypted (`configProtectionProvider`) or moved to another file (`configSource`): its content is not read. */
  opaque: 'encrypted' | 'configSource' | undefined;
}

/** An element under `<configuration>` (or a location) that no loaded declaration defines. */
export interface UndeclaredSection {
  name: string;
  element: ConfigElement;
  file: ConfigFile;
  path: string;
}

export type Provenance =
  | { kind: 'file'; file: SourceFile; element: ConfigElement; attributeName?: string }
  | { kind: 'default-install' }
  | { kind: 'schema-default' };

export interface EffectiveValue {
  value: string;
  provenance: Provenance;
}

export interface CollectionEntry {
  key: string;
  element: ConfigElement;
  occurrence: SectionOccurrence;
}

/** An `add` whose key is already in the collection where it is added. */
export interface DuplicateEntry {
  entry: CollectionEntry;
  /** The entry it repeats. */
  existing: CollectionEntry;
  keyDescription: string;
  addName: string;
}

/** A setting below a lock set at a level above. */
export interface LockViolation {
  occurrence: SectionOccurrence;
  /** The element or attribute set below the lock. */
  target: { element: ConfigElement; attributeName?: string };
  kind: 'section' | 'attribute' | 'element' | 'item';
  /** The element, attribute or declaration that locks it. */
  lockedBy: { file: ConfigFile; element: ConfigElement; what: string };
}

export interface IisBinding {
  protocol: string;
  bindingInformation: string;
  /** `binding@sslFlags`: 1 = SNI, 2 = central certificate store (a number, not access@sslFlags). */
  sslFlags: number | undefined;
  element: ConfigElement;
}

export interface IisVirtualDirectory {
  /** `/` or `/images`, relative to its application. */
  path: string;
  physicalPath: string;
  /** Configuration path: `MACHINE/WEBROOT/APPHOST/Default Web Site/app/images`. */
  configPath: string;
  element: ConfigElement;
}

export interface IisApplication {
  path: string;
  applicationPool: string | undefined;
  configPath: string;
  virtualDirectories: IisVirtualDirectory[];
  element: ConfigElement;
}

export interface IisSite {
  name: string;
  id: string | undefined;
  configPath: string;
  bindings: IisBinding[];
  applications: IisApplication[];
  element: ConfigElement;
}

export interface IisApplicationPool {
  name: string;
  element: ConfigElement;
  /** Attribute values as written (effective defaults: ask `poolAttribute`). */
  attributes: Map<string, string>;
}

export interface WebConfigMapping {
  document: ConfigDocument;
  /** Every configuration path it applies to (several when virtual directories share its folder). */
  configPaths: string[];
}

const BUILT_IN_ELEMENTS = new Set(['configSections', 'location', 'configProtectedData']);

export function segments(path: string): string[] {
  return path.split('/').filter((part) => part !== '' && part !== '.');
}

/** Case-insensitive, by whole segments: `a/b` is an ancestor of `a/b/c` and of itself, not of `a/bc`. */
export function isAncestorOrSelf(ancestor: string, path: string): boolean {
  const a = ancestor.toLowerCase();
  const p = path.toLowerCase();
  return a === p || p.startsWith(`${a}/`);
}

function joinPath(base: string, relative: string): string {
  const rest = segments(relative.replaceAll('\\', '/'));
  return rest.length === 0 ? base : `${base}/${rest.join('/')}`;
}

function depth(path: string): number {
  return segments(path).length;
}

const LEVEL_RANK: Record<ConfigLevel, number> = { machine: 0, webroot: 1, apphost: 2, web: 3 };

export interface IisConfigInputs {
  documents: readonly ConfigDocument[];
}

export class IisConfigModel {
  readonly files: ConfigFile[] = [];
  readonly declarations: SectionDeclaration[] = [];
  /** Declarations that repeat one a level above (or earlier in the same file) declares. */
  readonly duplicateDeclarations: { declaration: SectionDeclaration; existing: SectionDeclaration }[] = [];
  readonly occurrences: SectionOccurrence[] = [];
  /** The second of two equal section elements in one scope of one file. */
  readonly duplicateSections: { occurrence: SectionOccurrence; first: SectionOccurrence }[] = [];
  readonly undeclared: UndeclaredSection[] = [];
  readonly sites: IisSite[] = [];
  readonly applicationPools: IisApplicationPool[] = [];
  readonly webConfigs: WebConfigMapping[] = [];
  /** Web.config files below the server folder that no virtual directory maps to (linted alone). */
  readonly unmappedWebConfigs: ConfigDocument[] = [];
  /** True when the server has its own applicationHost.config; else the default IIS 10 install is assumed. */
  readonly hasApplicationHost: boolean;
  readonly applicationHost: ConfigDocument | undefined;
  /** Notes for --verbose: the web.config mapping, opaque sections. */
  readonly notes: string[] = [];
  private readonly applicationRoots = new Set<string>();
  /** Occurrences by section name, then by the lower-case path they apply to: a query looks up each ancestor of its path. */
  private readonly occurrenceIndex = new Map<string, Map<string, SectionOccurrence[]>>();
  /** The first occurrence of each section element: a site's or pool's section without a scan of every occurrence. */
  private readonly occurrenceByElement = new Map<ConfigElement, SectionOccurrence>();
  /** Declarations by full name, in declaration order: a lookup per section element without a scan of them all. */
  private readonly declarationsByName = new Map<string, SectionDeclaration[]>();
  /** Children by name (`<siteDefaults>` after thousands of `<site>`s), found once per parent. */
  /** Each occurrence's path depth, for the sort of every query (a split per comparison was most of its cost). */
  private readonly occurrenceDepth = new Map<SectionOccurrence, number>();
  /** Lower-case keys of each queried path and its ancestors (`machine`, `machine/webroot`, ...), computed once per path. */
  private readonly ancestorKeys = new Map<string, string[]>();
  private readonly namedChildren = new Map<ConfigElement, Map<string, ConfigElement[]>>();

  constructor(inputs: IisConfigInputs) {
    const readable = inputs.documents.filter((document) => document.root !== undefined);
    const appHosts = readable.filter((document) => document.kind === 'apphost');
    this.applicationHost = appHosts[0];
    this.hasApplicationHost = this.applicationHost !== undefined;
    const machine = readable.find((document) => document.kind === 'machine');
    this.addFile(machine ?? syntheticDocument('machine.config', DOTNET4_MACHINE_CONFIG_XML, 'machine'), 'machine', 'MACHINE', machine === undefined, 0);
    const rootWeb = readable.find((document) => document.kind === 'rootweb');
    if (rootWeb) this.addFile(rootWeb, 'webroot', 'MACHINE/WEBROOT', false, 0);
    if (this.applicationHost) {
      this.addFile(this.applicationHost, 'apphost', APPHOST_PATH, false, 0);
    } else {
      this.addFile(syntheticDocument('applicationHost.config', DEFAULT_IIS10_APPHOST_XML, 'apphost'), 'apphost', APPHOST_PATH, true, 0);
    }
    // Fragments are pieces of an applicationHost.config: read at that level.
    for (const fragment of readable.filter((document) => document.kind === 'fragment')) this.addFile(fragment, 'apphost', APPHOST_PATH, false, 0);
    for (const redirection of readable.filter((document) => document.kind === 'redirection')) this.noteRedirection(redirection);
    this.readSites();
    const webConfigs = readable.filter((document) => document.kind === 'webconfig');
    if (this.applicationHost) this.mapToVirtualDirectories(webConfigs);
    else this.mapToDefaultSite(webConfigs);
  }

  // ----- building -----

  private addFile(document: ConfigDocument, level: ConfigLevel, configPath: string, synthetic: boolean, tree: number): ConfigFile {
    const file: ConfigFile = { document, level, configPath, synthetic, tree, rank: LEVEL_RANK[level] * 1000 + (level === 'web' ? depth(configPath) : 0) };
    this.files.push(file);
    const root = document.root!;
    if (root.name === 'location') {
      this.readLocation(file, root);
    } else {
      this.readScope(file, root, configPath, undefined);
    }
    return file;
  }

  private readLocation(file: ConfigFile, location: ConfigElement): void {
    const pathAttribute = attributeOf(location, 'path')?.value ?? '';
    this.readScope(file, location, joinPath(file.configPath, pathAttribute), location);
  }

  /** The children of `<configuration>` or of a `<location>`. */
  private readScope(file: ConfigFile, container: ConfigElement, path: string, location: ConfigElement | undefined): void {
    const seen = new Map<string, SectionOccurrence>();
    for (const child of container.children) {
      if (child.name === 'configSections') {
        if (!location) this.readDeclarations(file, child, '');
        continue;
      }
      if (child.name === 'location') {
        if (!location) this.readLocation(file, child);
        continue;
      }
      if (BUILT_IN_ELEMENTS.has(child.name)) continue;
      this.readSectionOrGroup(file, child, child.name, path, location, seen);
    }
  }

  private readSectionOrGroup(
    file: ConfigFile,
    element: ConfigElement,
    name: string,
    path: string,
    location: ConfigElement | undefined,
    seen: Map<string, SectionOccurrence>,
  ): void {
    const declaration = this.declarationFor(name, file);
    if (declaration?.group) {
      for (const child of element.children) this.readSectionOrGroup(file, child, `${name}/${child.name}`, path, location, seen);
      return;
    }
    if (!declaration) {
      this.undeclared.push({ name, element, file, path });
      return;
    }
    const occurrence: SectionOccurrence = {
      name,
      element,
      file,
      path,
      location,
      overrideMode: location ? overrideModeOf(location) : undefined,
      inheritInChildApplications: location ? attributeOf(location, 'inheritInChildApplications')?.value.toLowerCase() !== 'false' : true,
      declaration,
      schema: sectionSchema(name),
      opaque: attributeOf(element, 'configProtectionProvider') ? 'encrypted' : attributeOf(element, 'configSource') ? 'configSource' : undefined,
    };
    if (occurrence.opaque && !file.synthetic) {
      this.notes.push(`${file.document.source.path}: <${element.name}> is ${occurrence.opaque === 'encrypted' ? 'encrypted' : 'in another file (configSource)'}; its content is not linted`);
    }
    const first = seen.get(name);
    if (first) this.duplicateSections.push({ occurrence, first });
    else seen.set(name, occurrence);
    this.occurrences.push(occurrence);
    if (!this.occurrenceByElement.has(element)) this.occurrenceByElement.set(element, occurrence);
    this.occurrenceDepth.set(occurrence, depth(path));
    let byPath = this.occurrenceIndex.get(name);
    if (!byPath) this.occurrenceIndex.set(name, (byPath = new Map()));
    const key = path.toLowerCase();
    const list = byPath.get(key);
    if (list) list.push(occurrence);
    else byPath.set(key, [occurrence]);
  }

  private readDeclarations(file: ConfigFile, container: ConfigElement, prefix: string): void {
    for (const child of container.children) {
      if (child.name !== 'section' && child.name !== 'sectionGroup') continue;
      const own = attributeOf(child, 'name')?.value;
      if (!own) continue;
      const name = prefix ? `${prefix}/${own}` : own;
      const group = child.name === 'sectionGroup';
      const declaration: SectionDeclaration = {
        name,
        group,
        overrideModeDefault: attributeOf(child, 'overrideModeDefault')?.value.toLowerCase() === 'deny' ? 'Deny' : 'Allow',
        allowDefinition: allowDefinitionOf(attributeOf(child, 'allowDefinition')?.value),
        allowLocation: attributeOf(child, 'allowLocation')?.value.toLowerCase() !== 'false',
        file,
        element: child,
      };
      const existing = this.declarationFor(name, file);
      // A group may be declared again to add sections to it; a section may not.
      if (existing && !group && !existing.group) this.duplicateDeclarations.push({ declaration, existing });
      if (!existing || !group || !existing.group) {
        this.declarations.push(declaration);
        const named = this.declarationsByName.get(name);
        if (named) named.push(declaration);
        else this.declarationsByName.set(name, [declaration]);
      }
      if (group) this.readDeclarations(file, child, name);
    }
  }

  /**
   * The declaration of `name` visible to a file: from its own level and every level above it.
   * A group wins over a section of the same name: machine.config declares `system.webServer` as
   * one ignored section for .NET, and applicationHost.config declares it as the group IIS reads.
   */
  declarationFor(name: string, file: ConfigFile): SectionDeclaration | undefined {
    let section: SectionDeclaration | undefined;
    let group: SectionDeclaration | undefined;
    for (const declaration of this.declarationsByName.get(name) ?? []) {
      if (declaration.file !== file && !this.isAbove(declaration.file, file)) continue;
      if (declaration.group) group ??= declaration;
      else section ??= declaration;
    }
    return group ?? section;
  }

  /** `upper` is a level above `lower` (its settings apply to it). */
  isAbove(upper: ConfigFile, lower: ConfigFile): boolean {
    if (upper === lower) return false;
    if (upper.level !== 'web') return upper.rank < lower.rank;
    if (lower.level !== 'web' || upper.tree !== lower.tree) return false;
    return upper.rank < lower.rank && isAncestorOrSelf(upper.configPath, lower.configPath);
  }

  /** Shared configuration: redirection.config sends IIS to applicationHost.config on a share. */
  private noteRedirection(document: ConfigDocument): void {
    const redirection = document.root!.children.find((child) => child.name === 'configurationRedirection');
    if (!redirection || attributeOf(redirection, 'enabled')?.value.toLowerCase() !== 'true') return;
    const path = attributeOf(redirection, 'path')?.value ?? '';
    this.notes.push(`${document.source.path}: shared configuration is on: the configuration IIS reads lives at ${path}; lint that applicationHost.config`);
  }

  /**
   * Every configuration path the server's files set something for, with its tree: each web.config's
   * paths, each application and virtual directory, each location. What a rule checks effective values at.
   */
  configPaths(): { path: string; tree: number }[] {
    const found = new Map<string, { path: string; tree: number }>();
    const add = (path: string, tree: number) => {
      const key = `${tree}\u0000${path.toLowerCase()}`;
      if (!found.has(key)) found.set(key, { path, tree });
    };
    add(APPHOST_PATH, 0);
    for (const site of this.sites) for (const application of site.applications) for (const vdir of application.virtualDirectories) add(vdir.configPath, 0);
    for (const file of this.files) if (!file.synthetic && file.level === 'web') add(file.configPath, file.tree);
    for (const occurrence of this.occurrences) if (!occurrence.file.synthetic) add(occurrence.path, occurrence.file.tree);
    return [...found.values()];
  }

  private readSites(): void {
    for (const occurrence of this.occurrences) {
      if (occurrence.file.synthetic || occurrence.file.level !== 'apphost' || occurrence.opaque) continue;
      if (occurrence.name === 'system.applicationHost/sites') {
        for (const siteElement of occurrence.element.children.filter((child) => child.name === 'site')) this.sites.push(this.readSite(siteElement));
      } else if (occurrence.name === 'system.applicationHost/applicationPools') {
        for (const add of occurrence.element.children.filter((child) => child.name === 'add')) {
          const name = attributeOf(add, 'name')?.value;
          if (name !== undefined) this.applicationPools.push({ name, element: add, attributes: new Map(add.attributes.map((attribute) => [attribute.name, attribute.value])) });
        }
      }
    }
  }

  private readSite(element: ConfigElement): IisSite {
    const name = attributeOf(element, 'name')?.value ?? '';
    const configPath = `${APPHOST_PATH}/${name}`;
    const site: IisSite = { name, id: attributeOf(element, 'id')?.value, configPath, bindings: [], applications: [], element };
    for (const child of element.children) {
      if (child.name === 'bindings') {
        for (const binding of child.children.filter((candidate) => candidate.name === 'binding')) {
          const sslFlags = attributeOf(binding, 'sslFlags')?.value;
          site.bindings.push({
            protocol: attributeOf(binding, 'protocol')?.value ?? '',
            bindingInformation: attributeOf(binding, 'bindingInformation')?.value ?? '',
            sslFlags: sslFlags !== undefined && /^\d+$/.test(sslFlags.trim()) ? Number(sslFlags.trim()) : undefined,
            element: binding,
          });
        }
      } else if (child.name === 'application') {
        const appPath = attributeOf(child, 'path')?.value ?? '/';
        const appConfigPath = joinPath(configPath, appPath);
        this.applicationRoots.add(appConfigPath.toLowerCase());
        const application: IisApplication = {
          path: appPath,
          applicationPool: attributeOf(child, 'applicationPool')?.value,
          configPath: appConfigPath,
          virtualDirectories: [],
          element: child,
        };
        for (const vdir of child.children.filter((candidate) => candidate.name === 'virtualDirectory')) {
          const vdirPath = attributeOf(vdir, 'path')?.value ?? '/';
          application.virtualDirectories.push({
            path: vdirPath,
            physicalPath: attributeOf(vdir, 'physicalPath')?.value ?? '',
            configPath: joinPath(appConfigPath, vdirPath),
            element: vdir,
          });
        }
        site.applications.push(application);
      }
    }
    this.applicationRoots.add(configPath.toLowerCase());
    return site;
  }

  /** Each web.config by its folder (relative to the server folder) against every physicalPath. */
  private mapToVirtualDirectories(webConfigs: readonly ConfigDocument[]): void {
    if (webConfigs.length === 0) return;
    const serverFolder = serverFolderOf(this.applicationHost!.source.path);
    // Virtual directories by their physical folder (lower case, in document order): a web.config looks up
    // each folder above it instead of comparing its folder with every virtual directory.
    const vdirsByFolder = new Map<string, { vdir: IisVirtualDirectory; order: number; depth: number }[]>();
    let order = 0;
    for (const site of this.sites) {
      for (const application of site.applications) {
        for (const vdir of application.virtualDirectories) {
          const physical = segments(normalisePhysicalPath(vdir.physicalPath));
          const entry = { vdir, order: order++, depth: physical.length };
          if (physical.length === 0) continue;
          const key = physical.join('/').toLowerCase();
          const list = vdirsByFolder.get(key);
          if (list) list.push(entry);
          else vdirsByFolder.set(key, [entry]);
        }
      }
    }
    // Parents before children: a web.config's declarations apply to the web.config files below it.
    const pending: { document: ConfigDocument; configPath: string }[] = [];
    for (const document of webConfigs) {
      const folder = relativeFolder(serverFolder, document.source.path);
      const configPaths: string[] = [];
      if (folder !== undefined) {
        const folderSegments = segments(folder);
        const matches: { vdir: IisVirtualDirectory; order: number; depth: number }[] = [];
        let prefix = '';
        for (const segment of folderSegments) {
          prefix = prefix === '' ? segment.toLowerCase() : `${prefix}/${segment.toLowerCase()}`;
          matches.push(...(vdirsByFolder.get(prefix) ?? []));
        }
        matches.sort((a, b) => a.order - b.order);
        for (const { vdir, depth } of matches) configPaths.push(joinPath(vdir.configPath, folderSegments.slice(depth).join('/')));
      }
      // The deepest match wins (a folder inside another virtual directory's physical path); equals are all kept.
      const deepest = Math.max(0, ...configPaths.map(depth));
      const kept = [...new Set(configPaths)].filter((configPath) => depth(configPath) === deepest || configPaths.length === 1);
      if (kept.length === 0) {
        this.unmappedWebConfigs.push(document);
        const path = `${APPHOST_PATH}/${DEFAULT_SITE}`;
        this.webConfigs.push({ document, configPaths: [] });
        // Linted alone, against the server's declarations, as the root of an application.
        this.addFile(document, 'web', path, false, this.files.length + 1);
        this.applicationRoots.add(path.toLowerCase());
        this.notes.push(`${document.source.path}: no virtual directory's physicalPath maps to its folder; linted alone`);
        continue;
      }
      this.webConfigs.push({ document, configPaths: kept });
      for (const configPath of kept) pending.push({ document, configPath });
    }
    pending.sort((a, b) => depth(a.configPath) - depth(b.configPath));
    for (const { document, configPath } of pending) {
      this.addFile(document, 'web', configPath, false, 0);
      this.notes.push(`${document.source.path} applies to ${configPath}`);
    }
  }

  /** No applicationHost.config: the topmost web.config of each folder tree is the root application of the default site. */
  private mapToDefaultSite(webConfigs: readonly ConfigDocument[]): void {
    const folders = webConfigs.map((document) => ({ document, folder: folderOf(document.source.path) }));
    folders.sort((a, b) => depth(a.folder) - depth(b.folder) || compare(a.folder, b.folder));
    const roots: { folder: string; tree: number }[] = [];
    const site = `${APPHOST_PATH}/${DEFAULT_SITE}`;
    this.applicationRoots.add(site.toLowerCase());
    for (const { document, folder } of folders) {
      let root = roots.find((candidate) => isAncestorOrSelf(candidate.folder, folder) || candidate.folder === '');
      if (!root) {
        root = { folder, tree: roots.length + 1 };
        roots.push(root);
      }
      const relative = segments(folder).slice(segments(root.folder).length).join('/');
      const configPath = joinPath(site, relative);
      this.webConfigs.push({ document, configPaths: [configPath] });
      this.addFile(document, 'web', configPath, false, root.tree);
      this.notes.push(`${document.source.path} applies to ${configPath} (no applicationHost.config: a default IIS 10 server)`);
    }
  }

  // ----- queries -----

  /** What --verbose says about one file: where it applies, what is not linted in it. */
  notesFor(path: string): string[] {
    return (this.notesIndex().get(path) ?? []).map((note) => note.slice(path.length).replace(/^:?\s*/, ''));
  }

  private notesByPrefix: { length: number; index: Map<string, string[]> } | undefined;

  /**
   * Each note under every prefix that a ':' or ' ' follows: the notes that start with `${path}:` or
   * `${path} `, in order, for a lookup per file (a server may have thousands of web.config files).
   */
  private notesIndex(): Map<string, string[]> {
    if (this.notesByPrefix?.length === this.notes.length) return this.notesByPrefix.index;
    const index = new Map<string, string[]>();
    for (const note of this.notes) {
      for (let at = 0; at < note.length; at++) {
        const code = note.charCodeAt(at);
        if (code !== 0x3a && code !== 0x20) continue;
        const prefix = note.slice(0, at);
        const list = index.get(prefix);
        if (list) list.push(note);
        else index.set(prefix, [note]);
      }
    }
    this.notesByPrefix = { length: this.notes.length, index };
    return index;
  }

  isApplicationRoot(path: string): boolean {
    return this.applicationRoots.has(path.toLowerCase()) || depth(path) <= depth(APPHOST_PATH);
  }

  /** Every occurrence of `section` that applies at `path` for the files of `tree`, in the order IIS applies them. */
  occurrencesAt(path: string, section: string, tree = 0): SectionOccurrence[] {
    const found: SectionOccurrence[] = [];
    for (const occurrence of this.occurrencesOnAncestors(path, section)) {
      if (occurrence.opaque || (occurrence.file.tree !== 0 && occurrence.file.tree !== tree) || !this.inherits(occurrence, path)) continue;
      found.push(occurrence);
    }
    return found.length < 2 ? found : found.sort(this.applyOrder);
  }

  /** The order IIS applies occurrences in: shallower paths first, then upper files, then document order. */
  private readonly applyOrder = (a: SectionOccurrence, b: SectionOccurrence): number =>
    this.occurrenceDepth.get(a)! - this.occurrenceDepth.get(b)! || a.file.rank - b.file.rank || a.element.span.start - b.element.span.start;

  /** Occurrences of `section` whose path is `path` or an ancestor of it (whole segments, any case). */
  private occurrencesOnAncestors(path: string, section: string): SectionOccurrence[] {
    const byPath = this.occurrenceIndex.get(section);
    if (!byPath) return [];
    const found: SectionOccurrence[] = [];
    let keys = this.ancestorKeys.get(path);
    if (!keys) {
      keys = [];
      let prefix = '';
      for (const part of segments(path.toLowerCase())) {
        prefix = prefix === '' ? part : `${prefix}/${part}`;
        keys.push(prefix);
      }
      this.ancestorKeys.set(path, keys);
    }
    for (const key of keys) {
      const list = byPath.get(key);
      if (list) for (const occurrence of list) found.push(occurrence);
    }
    return found;
  }

  /** `inheritInChildApplications="false"`: not below an application root deeper than the location's path. */
  private inherits(occurrence: SectionOccurrence, path: string): boolean {
    if (occurrence.inheritInChildApplications) return true;
    const base = segments(occurrence.path);
    const target = segments(path);
    for (let length = base.length + 1; length <= target.length; length++) {
      if (this.applicationRoots.has(target.slice(0, length).join('/').toLowerCase())) return false;
    }
    return true;
  }

  /**
   * The effective value of `section`'s attribute at `path`: `elementPath` names child elements
   * (`['requestLimits']`), empty for an attribute of the section element itself.
   */
  effectiveAttribute(path: string, section: string, elementPath: readonly string[], attribute: string, tree = 0): EffectiveValue | undefined {
    let result: EffectiveValue | undefined;
    for (const occurrence of this.occurrencesAt(path, section, tree)) {
      for (const element of descend(occurrence.element, elementPath)) {
        const set = attributeOf(element, attribute);
        if (set) result = { value: set.value, provenance: provenanceOf(occurrence, element, attribute) };
      }
    }
    if (result) return result;
    let schema: SchemaElement | undefined = sectionSchema(section);
    for (const name of elementPath) {
      const child = schema ? schemaChild(schema, name) : undefined;
      schema = child?.kind === 'element' ? child.schema : undefined;
    }
    const defaultValue = schema?.attributes?.find((candidate) => candidate.name === attribute)?.defaultValue;
    return defaultValue === undefined ? undefined : { value: defaultValue, provenance: { kind: 'schema-default' } };
  }

  /**
   * An attribute of a site's own configuration (`logFile@directory`, `ftpServer/security/ssl@controlChannelPolicy`,
   * `hsts@max-age`): the `<site>` element's, else `<siteDefaults>`'s, else the schema default.
   */
  siteAttribute(site: IisSite, elementPath: readonly string[], attribute: string): EffectiveValue | undefined {
    const sitesOccurrence = site.element.parent ? this.occurrenceByElement.get(site.element.parent) : undefined;
    const holders = [site.element, ...this.childrenNamed(site.element.parent, 'siteDefaults')];
    for (const holder of holders) {
      for (const element of descend(holder, elementPath)) {
        const set = attributeOf(element, attribute);
        if (set && sitesOccurrence) return { value: set.value, provenance: provenanceOf(sitesOccurrence, element, attribute) };
      }
    }
    let schema: SchemaElement | undefined = sectionSchema('system.applicationHost/sites')?.collection?.item;
    for (const name of elementPath) {
      const child = schema ? schemaChild(schema, name) : undefined;
      schema = child?.kind === 'element' ? child.schema : undefined;
    }
    const defaultValue = schema?.attributes?.find((candidate) => candidate.name === attribute)?.defaultValue;
    return defaultValue === undefined ? undefined : { value: defaultValue, provenance: { kind: 'schema-default' } };
  }

  /**
   * An attribute of an application pool (`managedRuntimeVersion`, `processModel@identityType`): the pool's
   * `<add>`, else `<applicationPoolDefaults>`, else the schema default.
   */
  poolAttribute(pool: IisApplicationPool, elementPath: readonly string[], attribute: string): EffectiveValue | undefined {
    const poolsOccurrence = pool.element.parent ? this.occurrenceByElement.get(pool.element.parent) : undefined;
    const holders = [pool.element, ...this.childrenNamed(pool.element.parent, 'applicationPoolDefaults')];
    for (const holder of holders) {
      for (const element of descend(holder, elementPath)) {
        const set = attributeOf(element, attribute);
        if (set && poolsOccurrence) return { value: set.value, provenance: provenanceOf(poolsOccurrence, element, attribute) };
      }
    }
    let schema: SchemaElement | undefined = sectionSchema('system.applicationHost/applicationPools')?.collection?.item;
    for (const name of elementPath) {
      const child = schema ? schemaChild(schema, name) : undefined;
      schema = child?.kind === 'element' ? child.schema : undefined;
    }
    const defaultValue = schema?.attributes?.find((candidate) => candidate.name === attribute)?.defaultValue;
    return defaultValue === undefined ? undefined : { value: defaultValue, provenance: { kind: 'schema-default' } };
  }

  private poolsByName: Map<string, IisApplicationPool> | undefined;

  /** The first application pool written with exactly this name (an index: a rule asks once per site). */
  applicationPoolNamed(name: string): IisApplicationPool | undefined {
    if (!this.poolsByName) {
      this.poolsByName = new Map();
      for (const pool of this.applicationPools) if (!this.poolsByName.has(pool.name)) this.poolsByName.set(pool.name, pool);
    }
    return this.poolsByName.get(name);
  }

  /** The children of `parent` named `name`, in document order; cached per parent (documents are never modified). */
  private childrenNamed(parent: ConfigElement | undefined, name: string): ConfigElement[] {
    if (!parent) return [];
    let byName = this.namedChildren.get(parent);
    if (!byName) this.namedChildren.set(parent, (byName = new Map()));
    let children = byName.get(name);
    if (!children) byName.set(name, (children = parent.children.filter((child) => child.name === name)));
    return children;
  }

  /** The entries of a collection at `path` after every add, remove and clear above it, and the duplicates met on the way. */
  effectiveCollection(path: string, section: string, elementPath: readonly string[], tree = 0): { entries: CollectionEntry[]; duplicates: DuplicateEntry[] } {
    const collection = collectionSchemaAt(section, elementPath);
    const entries: CollectionEntry[] = [];
    const duplicates: DuplicateEntry[] = [];
    if (!collection) return { entries, duplicates };
    const index = new Map<string, CollectionEntry>();
    for (const occurrence of this.occurrencesAt(path, section, tree)) {
      for (const element of descend(occurrence.element, elementPath)) applyCollection(collection, element, occurrence, entries, duplicates, index);
    }
    return { entries, duplicates };
  }

  /** Every file's own view: the duplicates IIS meets where each collection is written (IIS002). */
  collectionDuplicates(): DuplicateEntry[] {
    const found = new Map<ConfigElement, DuplicateEntry>();
    for (const occurrence of this.occurrences) {
      if (occurrence.file.synthetic || occurrence.opaque || !occurrence.schema) continue;
      for (const { elementPath } of collectionElements(occurrence.schema, occurrence.element, [])) {
        const { duplicates } = this.effectiveCollection(occurrence.path, occurrence.name, elementPath, occurrence.file.tree);
        for (const duplicate of duplicates) {
          if (duplicate.entry.occurrence.file.synthetic) continue;
          if (!found.has(duplicate.entry.element)) found.set(duplicate.entry.element, duplicate);
        }
      }
      // Collections inside collection entries (a site's bindings): within their entry only.
      for (const { element, collection } of nestedCollections(occurrence.schema, occurrence.element)) {
        const entries: CollectionEntry[] = [];
        const duplicates: DuplicateEntry[] = [];
        applyCollection(collection, element, occurrence, entries, duplicates);
        for (const duplicate of duplicates) if (!found.has(duplicate.entry.element)) found.set(duplicate.entry.element, duplicate);
      }
    }
    return [...found.values()];
  }

  /** How a section stands for the file of `occurrence`: locked by a level above it, or not. */
  sectionLock(occurrence: SectionOccurrence): { locked: boolean; by: { file: ConfigFile; element: ConfigElement; what: string } | undefined } {
    const declaration = occurrence.declaration;
    if (!declaration) return { locked: false, by: undefined };
    let locked = declaration.overrideModeDefault === 'Deny' && declaration.file !== occurrence.file;
    let by: { file: ConfigFile; element: ConfigElement; what: string } | undefined = locked
      ? { file: declaration.file, element: declaration.element, what: `overrideModeDefault="Deny" on its declaration` }
      : undefined;
    const modes = this.occurrencesOnAncestors(occurrence.path, occurrence.name)
      .filter(
        (other) =>
          other.location !== undefined &&
          other.overrideMode !== undefined &&
          other.overrideMode !== 'Inherit' &&
          this.isAbove(other.file, occurrence.file) &&
          isAncestorOrSelf(other.path, occurrence.path),
      )
      .sort(this.applyOrder);
    for (const other of modes) {
      locked = other.overrideMode === 'Deny';
      const attribute = attributeOf(other.location!, 'overrideMode') ? 'overrideMode' : 'allowOverride';
      by = locked ? { file: other.file, element: other.location!, what: `${attribute}="${attributeOf(other.location!, attribute)!.value}" on <location path="${attributeOf(other.location!, 'path')?.value ?? ''}">` } : undefined;
    }
    if (occurrence.file.level !== 'web' && occurrence.file.level === declaration.file.level) locked = false;
    return { locked, by };
  }

  /** lockAttributes, lockElements, lockAllAttributesExcept, lockAllElementsExcept and lockItem set above and broken here. */
  elementLockViolations(occurrence: SectionOccurrence): LockViolation[] {
    const violations: LockViolation[] = [];
    const above = this.occurrencesAt(occurrence.path, occurrence.name, occurrence.file.tree).filter((other) => this.isAbove(other.file, occurrence.file));
    if (above.length === 0) return violations;
    const visit = (element: ConfigElement, elementPath: string[]) => {
      for (const other of above) {
        for (const locker of descend(other.element, elementPath)) {
          const lockAttributes = listAttribute(locker, 'lockAttributes');
          const allExcept = listAttribute(locker, 'lockAllAttributesExcept');
          for (const attribute of element.attributes) {
            if (isLockAttribute(attribute.name)) continue;
            const lockedHere = lockAttributes.includes(attribute.name) || lockAttributes.includes('*') || (allExcept.length > 0 && !allExcept.includes(attribute.name)) || (attributeOf(locker, 'lockAllAttributesExcept')?.value === '' && attributeOf(locker, 'lockAllAttributesExcept') !== undefined);
            if (lockedHere) {
              violations.push({ occurrence, target: { element, attributeName: attribute.name }, kind: 'attribute', lockedBy: { file: other.file, element: locker, what: lockAttributes.includes(attribute.name) || lockAttributes.includes('*') ? 'lockAttributes' : 'lockAllAttributesExcept' } });
            }
          }
          const lockElements = listAttribute(locker, 'lockElements');
          const elementsExcept = attributeOf(locker, 'lockAllElementsExcept') ? listAttribute(locker, 'lockAllElementsExcept') : undefined;
          for (const child of element.children) {
            if (lockElements.includes(child.name) || (elementsExcept !== undefined && !elementsExcept.includes(child.name))) {
              violations.push({ occurrence, target: { element: child }, kind: 'element', lockedBy: { file: other.file, element: locker, what: lockElements.includes(child.name) ? 'lockElements' : 'lockAllElementsExcept' } });
            }
          }
        }
      }
      for (const child of element.children) visit(child, [...elementPath, child.name]);
    };
    visit(occurrence.element, []);
    // lockItem: an entry locked above may not be removed, and its collection not cleared.
    if (occurrence.schema) {
      for (const { elementPath, collection } of collectionElements(occurrence.schema, occurrence.element, [])) {
        const keys = collectionKeys(collection);
        const lockedItems: { key: string; other: SectionOccurrence; element: ConfigElement }[] = [];
        for (const other of above) {
          for (const container of descend(other.element, elementPath)) {
            for (const add of container.children) {
              if (collection.add.includes(add.name) && attributeOf(add, 'lockItem')?.value.toLowerCase() === 'true') {
                lockedItems.push({ key: keyOf(add, keys.names), other, element: add });
              }
            }
          }
        }
        if (lockedItems.length === 0) continue;
        for (const container of descend(occurrence.element, elementPath)) {
          for (const child of container.children) {
            const removes = child.name === collection.remove ? keyOf(child, keys.names) : undefined;
            for (const item of lockedItems) {
              if (child.name === collection.clear || removes === item.key) {
                violations.push({ occurrence, target: { element: child }, kind: 'item', lockedBy: { file: item.other.file, element: item.element, what: 'lockItem="true"' } });
              }
            }
          }
        }
      }
    }
    return violations;
  }
}

function isLockAttribute(name: string): boolean {
  return name === 'lockAttributes' || name === 'lockAllAttributesExcept' || name === 'lockElements' || name === 'lockAllElementsExcept' || name === 'lockItem';
}

function listAttribute(element: ConfigElement, name: string): string[] {
  const value = attributeOf(element, name)?.value;
  return value === undefined ? [] : value.split(',').map((part) => part.trim()).filter(Boolean);
}

function overrideModeOf(location: ConfigElement): OverrideMode | undefined {
  const mode = attributeOf(location, 'overrideMode')?.value.toLowerCase();
  if (mode === 'allow') return 'Allow';
  if (mode === 'deny') return 'Deny';
  if (mode === 'inherit') return 'Inherit';
  const allowOverride = attributeOf(location, 'allowOverride')?.value.toLowerCase();
  if (allowOverride === 'false') return 'Deny';
  if (allowOverride === 'true') return 'Allow';
  return undefined;
}

function allowDefinitionOf(value: string | undefined): AllowDefinition {
  switch (value?.toLowerCase()) {
    case 'machineonly':
      return 'MachineOnly';
    case 'machinetowebroot':
      return 'MachineToWebRoot';
    case 'machinetoapplication':
      return 'MachineToApplication';
    case 'apphostonly':
      return 'AppHostOnly';
    default:
      return 'Everywhere';
  }
}

function provenanceOf(occurrence: SectionOccurrence, element: ConfigElement, attributeName?: string): Provenance {
  if (occurrence.file.synthetic) return { kind: 'default-install' };
  return { kind: 'file', file: occurrence.file.document.source, element, ...(attributeName ? { attributeName } : {}) };
}

/** The elements at `elementPath` below `element` (each name may repeat). */
function descend(element: ConfigElement, elementPath: readonly string[]): ConfigElement[] {
  let current = [element];
  for (const name of elementPath) current = current.flatMap((candidate) => candidate.children.filter((child) => child.name === name));
  return current;
}

function collectionSchemaAt(section: string, elementPath: readonly string[]): SchemaCollection | undefined {
  let schema: SchemaElement | undefined = sectionSchema(section);
  for (const name of elementPath) {
    const child = schema ? schemaChild(schema, name) : undefined;
    schema = child?.kind === 'element' ? child.schema : undefined;
  }
  return schema?.collection;
}

/** Paths to every collection reachable through plain child elements (not through collection entries). */
function collectionElements(schema: SchemaElement, element: ConfigElement, elementPath: string[]): { elementPath: string[]; collection: SchemaCollection }[] {
  const found: { elementPath: string[]; collection: SchemaCollection }[] = [];
  if (schema.collection) found.push({ elementPath, collection: schema.collection });
  const seen = new Set<string>();
  for (const child of element.children) {
    if (seen.has(child.name)) continue;
    seen.add(child.name);
    const childSchema = schemaChild(schema, child.name);
    if (childSchema?.kind === 'element') found.push(...collectionElements(childSchema.schema, child, [...elementPath, child.name]));
  }
  return found;
}

/** Collections inside collection entries, e.g. `<site><bindings>`: each container element with its schema. */
function nestedCollections(schema: SchemaElement, element: ConfigElement, inEntry = false): { element: ConfigElement; collection: SchemaCollection }[] {
  const found: { element: ConfigElement; collection: SchemaCollection }[] = [];
  if (inEntry && schema.collection) found.push({ element, collection: schema.collection });
  for (const child of element.children) {
    const childSchema = schemaChild(schema, child.name);
    if (childSchema?.kind === 'element') found.push(...nestedCollections(childSchema.schema, child, inEntry));
    else if (childSchema?.kind === 'add') found.push(...nestedCollections(childSchema.schema, child, true));
  }
  return found;
}

function keyOf(element: ConfigElement, names: readonly string[]): string {
  return names.map((name) => (attributeOf(element, name)?.value ?? '').toLowerCase()).join('\u0000');
}

/**
 * Applies one collection element's add/remove/clear to `entries`. `index` (key → entry) makes a
 * lookup constant-time: a server's sites collection has thousands of entries.
 */
function applyCollection(
  collection: SchemaCollection,
  container: ConfigElement,
  occurrence: SectionOccurrence,
  entries: CollectionEntry[],
  duplicates: DuplicateEntry[],
  index: Map<string, CollectionEntry> = new Map(entries.map((entry) => [entry.key, entry])),
): void {
  const keys = collectionKeys(collection);
  for (const child of container.children) {
    if (child.name === collection.clear) {
      entries.length = 0;
      index.clear();
    } else if (child.name === collection.remove) {
      const key = keyOf(child, keys.names);
      if (!index.has(key)) continue;
      index.delete(key);
      for (let position = entries.length - 1; position >= 0; position--) if (entries[position]!.key === key) entries.splice(position, 1);
    } else if (collection.add.includes(child.name)) {
      const entry: CollectionEntry = { key: keyOf(child, keys.names), element: child, occurrence };
      if (!collection.allowDuplicates && keys.names.length > 0) {
        const existing = index.get(entry.key);
        if (existing) {
          duplicates.push({
            entry,
            existing,
            addName: child.name,
            keyDescription: keys.names.map((name) => `'${name}' set to '${attributeOf(child, name)?.value ?? ''}'`).join(' and '),
          });
          continue;
        }
      }
      entries.push(entry);
      if (!index.has(entry.key)) index.set(entry.key, entry);
    }
  }
}

/** Parsed once per process: the tables never change, and documents are never modified. */
const SYNTHETIC_DOCUMENTS = new Map<string, ConfigDocument>();

function syntheticDocument(name: string, text: string, kind: ConfigDocument['kind']): ConfigDocument {
  const cached = SYNTHETIC_DOCUMENTS.get(name);
  if (cached) return cached;
  const document = parseConfig(sourceFromText(`<IIS 10 default install>/${name}`, text), kind);
  if (!document.root) throw new Error(`the built-in ${name} table does not parse: ${document.diagnostics[0]?.message}`);
  SYNTHETIC_DOCUMENTS.set(name, document);
  return document;
}


/** `%SystemDrive%\inetpub\wwwroot` → `inetpub/wwwroot`: variables for the system drive expanded, drive dropped, `/` separators. */
export function normalisePhysicalPath(physicalPath: string): string {
  let path = physicalPath.replace(/%SystemDrive%/gi, 'C:').replace(/%SystemRoot%|%windir%/gi, 'C:\\Windows').replaceAll('\\', '/');
  path = path.replace(/^[A-Za-z]:/, '');
  return segments(path).join('/');
}

/** The folder holding applicationHost.config, or the one above its `inetsrv/config`. */
export function serverFolderOf(appHostPath: string): string {
  const folder = folderOf(appHostPath);
  const parts = segments(folder);
  if (parts.length >= 2 && parts[parts.length - 2]!.toLowerCase() === 'inetsrv' && parts[parts.length - 1]!.toLowerCase() === 'config') {
    return parts.slice(0, -2).join('/');
  }
  return parts.join('/');
}

export function folderOf(filePath: string): string {
  const portable = filePath.replaceAll('\\', '/');
  const slash = portable.lastIndexOf('/');
  return slash < 0 ? '' : portable.slice(0, slash);
}

function relativeFolder(serverFolder: string, filePath: string): string | undefined {
  const base = segments(serverFolder);
  const folder = segments(folderOf(filePath));
  if (folder.length < base.length || !base.every((segment, index) => segment === folder[index])) return undefined;
  return folder.slice(base.length).join('/');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
