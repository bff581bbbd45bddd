/**
 * What the WEB rules share: the places a setting is judged at (every site, application and
 * virtual directory, and every `<location>` path that sets the section), the effective value at
 * each, grouped so that a finding is reported once where the value is set (naming every path it
 * applies to) or once per site when a default is at fault. And redaction: a secret is described by
 * its name and length, never printed.
 */
import { attributeOf, type ConfigAttribute, type ConfigElement } from '../../parse/config-syntax.js';
import { APPHOST_PATH, type ConfigFile, type EffectiveValue, type IisConfigModel, type IisSite, type SectionOccurrence } from '../../model/iis-config.js';
import type { SourceFile } from '../../parse/text.js';
import { listNames } from '../support.js';
import type { ServerModel } from '../../model/server.js';
import type { Fix, FindingDraft, Level, RuleOptions } from '../types.js';
import { iisSubject } from './iis.js';

/**
 * Where a finding about a default left alone sits: the site's `<site>` element in
 * applicationHost.config, or the root element of a lone web.config (a server without one).
 */
export interface SiteAnchor {
  /** The site's name (`Default Web Site` for a lone web.config). */
  name: string;
  file: SourceFile;
  element: ConfigElement;
  site: IisSite | undefined;
}

/** One configuration path a setting is judged at. */
export interface Scope {
  path: string;
  tree: number;
  anchor: SiteAnchor;
}

/** Scopes of a model, cached: every WEB rule asks for them. */
const scopeCache = new WeakMap<IisConfigModel, Scope[]>();

/**
 * Every site, application and virtual directory of the server, every path a server file (web.config
 * or `<location>`) applies to. Paths outside any site (the server level itself) are judged through
 * the sites below them.
 */
export function webScopes(model: IisConfigModel): Scope[] {
  const cached = scopeCache.get(model);
  if (cached) return cached;
  const scopes: Scope[] = [];
  const seen = new Set<string>();
  const siteAnchors = model.sites.map((site) => ({ site, anchor: siteAnchor(model, site) }));
  const treeAnchors = new Map<number, SiteAnchor>();
  for (const file of model.files) {
    if (file.level !== 'web' || file.tree === 0 || file.synthetic || !file.document.root) continue;
    const existing = treeAnchors.get(file.tree);
    if (!existing || file.rank < rankOf(model, existing.file)) {
      treeAnchors.set(file.tree, { name: siteName(file.configPath), file: file.document.source, element: file.document.root, site: undefined });
    }
  }
  // The last site (in document order) whose path is `path` or an ancestor of it (isAncestorOrSelf),
  // found by looking up each ancestor instead of testing every site: a server may have 10,000.
  const siteByPath = new Map<string, { site: IisSite; anchor: SiteAnchor | undefined; order: number }>();
  siteAnchors.forEach((candidate, order) => siteByPath.set(candidate.site.configPath.toLowerCase(), { ...candidate, order }));
  const siteOf = (path: string) => {
    const lower = path.toLowerCase();
    let best = siteByPath.get(lower);
    for (let slash = lower.indexOf('/'); slash >= 0; slash = lower.indexOf('/', slash + 1)) {
      const candidate = siteByPath.get(lower.slice(0, slash));
      if (candidate && (!best || candidate.order > best.order)) best = candidate;
    }
    return best;
  };
  const add = (path: string, tree: number) => {
    const key = `${tree}\u0000${path.toLowerCase()}`;
    if (seen.has(key)) return;
    let anchor: SiteAnchor | undefined;
    if (tree !== 0) anchor = treeAnchors.get(tree);
    else anchor = siteOf(path)?.anchor;
    if (!anchor) return;
    seen.add(key);
    scopes.push({ path, tree, anchor });
  };
  for (const { site } of siteAnchors) {
    add(site.configPath, 0);
    for (const application of site.applications) {
      add(application.configPath, 0);
      for (const vdir of application.virtualDirectories) add(vdir.configPath, 0);
    }
  }
  for (const file of model.files) if (file.level === 'web' && !file.synthetic) add(file.configPath, file.tree);
  for (const occurrence of model.occurrences) if (!occurrence.file.synthetic) add(occurrence.path, occurrence.file.tree);
  scopeCache.set(model, scopes);
  return scopes;
}

function rankOf(model: IisConfigModel, source: SourceFile): number {
  return fileIndex(model).bySource.get(source)?.rank ?? Number.MAX_SAFE_INTEGER;
}

/** The first file of each source and of each root element (server files only), as `files.find` gives them. */
const fileIndexes = new WeakMap<IisConfigModel, { bySource: Map<SourceFile, ConfigFile>; byRoot: Map<ConfigElement, ConfigFile> }>();

function fileIndex(model: IisConfigModel): { bySource: Map<SourceFile, ConfigFile>; byRoot: Map<ConfigElement, ConfigFile> } {
  let index = fileIndexes.get(model);
  if (index) return index;
  index = { bySource: new Map(), byRoot: new Map() };
  for (const file of model.files) {
    if (!index.bySource.has(file.document.source)) index.bySource.set(file.document.source, file);
    const root = file.document.root;
    if (!file.synthetic && root && !index.byRoot.has(root)) index.byRoot.set(root, file);
  }
  fileIndexes.set(model, index);
  return index;
}

function siteName(configPath: string): string {
  const rest = configPath.startsWith(`${APPHOST_PATH}/`) ? configPath.slice(APPHOST_PATH.length + 1) : configPath;
  return rest.split('/')[0] ?? rest;
}

function siteAnchor(model: IisConfigModel, site: IisSite): SiteAnchor | undefined {
  const file = fileHolding(model, site.element);
  return file ? { name: site.name, file: file.document.source, element: site.element, site } : undefined;
}

/** The server file an element of the sites section is in. */
export function fileHolding(model: IisConfigModel, element: ConfigElement): ConfigFile | undefined {
  let root = element;
  while (root.parent) root = root.parent;
  return fileIndex(model).byRoot.get(root);
}

/** An effective value that is at fault, with every path where it applies. */
export interface SettingGroup {
  value: string;
  /** Set in a server file: the attribute (the finding sits on it). */
  set: { file: SourceFile; element: ConfigElement; attribute: ConfigAttribute } | undefined;
  /** A default at fault: where the finding sits. */
  anchor: SiteAnchor | undefined;
  /** `schema-default` or `default-install` when a default is at fault. */
  defaultKind: 'schema-default' | 'default-install' | undefined;
  paths: string[];
}

export interface SettingQuery {
  section: string;
  elementPath: readonly string[];
  attribute: string;
}

/**
 * The effective value of one attribute at every scope, grouped: one group per attribute set in a
 * file, one per site for a default at fault. `atFault` judges a value; `scopeFilter` limits where.
 */
export function settingGroups(
  model: IisConfigModel,
  query: SettingQuery,
  atFault: (value: string, scope: Scope, model: IisConfigModel) => boolean,
  scopeFilter: (scope: Scope) => boolean = () => true,
): SettingGroup[] {
  const groups = new Map<unknown, SettingGroup>();
  for (const scope of webScopes(model)) {
    if (!scopeFilter(scope)) continue;
    const effective = model.effectiveAttribute(scope.path, query.section, query.elementPath, query.attribute, scope.tree);
    if (!effective || !atFault(effective.value, scope, model)) continue;
    addToGroup(groups, effective, scope);
  }
  return [...groups.values()];
}

/** Adds a scope's effective value to its group (by the attribute that sets it, or by site for a default). */
export function addToGroup(groups: Map<unknown, SettingGroup>, effective: EffectiveValue, scope: Scope): void {
  const provenance = effective.provenance;
  const key = provenance.kind === 'file' ? provenance.element : scope.anchor.element;
  let group = groups.get(key);
  if (!group) {
    const attribute = provenance.kind === 'file' && provenance.attributeName ? attributeOf(provenance.element, provenance.attributeName) : undefined;
    group = {
      value: effective.value,
      set: provenance.kind === 'file' && attribute ? { file: provenance.file, element: provenance.element, attribute } : undefined,
      anchor: provenance.kind === 'file' ? undefined : scope.anchor,
      defaultKind: provenance.kind === 'file' ? undefined : provenance.kind,
      paths: [],
    };
    groups.set(key, group);
  }
  pushOnce(group.paths, scope.path);
}

const listMembers = new WeakMap<string[], Set<string>>();

/** Appends `value` unless `list` holds it, in constant time: a group may apply to thousands of paths. `list` must grow only through pushOnce. */
export function pushOnce(list: string[], value: string): void {
  let members = listMembers.get(list);
  if (!members) listMembers.set(list, (members = new Set(list)));
  if (members.has(value)) return;
  members.add(value);
  list.push(value);
}

/** `"Default Web Site" and "Default Web Site/app"` (at most 5, then "and N more"). */
export function describePaths(paths: readonly string[]): string {
  return listNames(paths.map((path) => `"${path.startsWith(`${APPHOST_PATH}/`) ? path.slice(APPHOST_PATH.length + 1) : path}"`));
}

/** `left at its default "false" (the IIS schema default)`. */
export function describeDefault(group: SettingGroup): string {
  return `left at its default "${group.value}" (${group.defaultKind === 'default-install' ? 'as in a default IIS 10 install' : 'the schema default'})`;
}

export function isTrue(value: string): boolean {
  return value.trim().toLowerCase() === 'true';
}

export function isFalse(value: string): boolean {
  return value.trim().toLowerCase() === 'false';
}

export function sameName(value: string, name: string): boolean {
  return value.trim().toLowerCase() === name.toLowerCase();
}

/** The flag names of a flags value (`"Read, Script"` or a number), lower case. */
export function flagNames(value: string, table: readonly (readonly [string, number])[]): Set<string> {
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) {
    const bits = Number(trimmed);
    return new Set(table.filter(([, bit]) => bit !== 0 && (bits & bit) === bit).map(([name]) => name.toLowerCase()));
  }
  return new Set(trimmed.split(',').map((part) => part.trim().toLowerCase()).filter(Boolean));
}

/**
 * A finding for one group: at the attribute where the value is set, else at the site's element (or
 * the root of a lone web.config). `message` receives where the value comes from.
 */
export function groupFinding(group: SettingGroup, query: SettingQuery, message: (origin: string) => string, level?: Level, fix?: Fix): FindingDraft {
  const elementPath = query.elementPath.length > 0 ? `/${query.elementPath.join('/')}` : '';
  const origin = group.set ? `${query.attribute}="${group.value}"` : `${query.section}${elementPath}@${query.attribute} ${describeDefault(group)}`;
  return {
    message: `${message(origin)} Applies to ${describePaths(group.paths)}.`,
    file: group.set ? group.set.file : group.anchor!.file,
    span: group.set ? group.set.attribute.span : group.anchor!.element.nameSpan,
    subject: iisSubject(group.paths[0]!, query.section, `${elementPath}@${query.attribute}${group.set ? '' : '#default'}`),
    ...(level ? { level } : {}),
    ...(fix ? { fix } : {}),
  };
}

/** A byte-exact replacement of an attribute's value (between its quotes). */
export function replaceValueFix(group: SettingGroup, text: string, description: string): Fix | undefined {
  if (!group.set) return undefined;
  return { description, edits: [{ file: group.set.file, span: group.set.attribute.valueSpan, text }] };
}

/** A secret described without its value: `validationKey (128 characters)`. */
export function redacted(name: string, value: string): string {
  return `${name} (${value.length} character${value.length === 1 ? '' : 's'}, value not shown)`;
}

export interface SettingRuleSpec {
  query: SettingQuery;
  atFault(value: string, scope: Scope, model: IisConfigModel): boolean;
  /**
   * A default at fault is reported under every preset (the rule names it). Otherwise only under
   * `iislint:cis` (explicit-value mode) and never by rules whose default is safe.
   */
  defaultsAlways?: boolean;
  scopeFilter?(scope: Scope): boolean;
  /** `origin` is `attr="value"` where set, or the default described. */
  message(origin: string, group: SettingGroup): string;
  level?(group: SettingGroup): Level | undefined;
  fix?(group: SettingGroup): Fix | undefined;
}

/** The check of a rule that judges one attribute's effective value everywhere. */
export function checkSetting(spec: SettingRuleSpec): (server: ServerModel, options: RuleOptions) => FindingDraft[] {
  return (server, options) => {
    const model = server.iis;
    if (!model) return [];
    return settingGroups(model, spec.query, spec.atFault, spec.scopeFilter)
      .filter((group) => group.set !== undefined || spec.defaultsAlways === true || options.explicitValues === true)
      .map((group) => groupFinding(group, spec.query, (origin) => spec.message(origin, group), spec.level?.(group), spec.fix?.(group)));
  };
}

/**
 * WEB004-WEB006: a `forms` attribute where Forms authentication is on. Set in a file, at the
 * attribute; left at a default at fault, at the `mode="Forms"` attribute that switches Forms on
 * (reported under every preset: the rule names that default).
 */
export function checkFormsSetting(attribute: string, isGood: (value: string) => boolean, message: (origin: string) => string): (server: ServerModel) => FindingDraft[] {
  const query: SettingQuery = { section: 'system.web/authentication', elementPath: ['forms'], attribute };
  return (server) => {
    const model = server.iis;
    if (!model) return [];
    const groups = new Map<unknown, SettingGroup>();
    for (const scope of webScopes(model)) {
      const mode = model.effectiveAttribute(scope.path, query.section, [], 'mode', scope.tree);
      if (!mode || !sameName(mode.value, 'Forms') || mode.provenance.kind !== 'file') continue;
      const effective = model.effectiveAttribute(scope.path, query.section, query.elementPath, attribute, scope.tree);
      if (!effective || isGood(effective.value)) continue;
      if (effective.provenance.kind === 'file') {
        addToGroup(groups, effective, scope);
        continue;
      }
      // The default at fault: grouped on the mode attribute, described as the default.
      const modeAttribute = attributeOf(mode.provenance.element, 'mode')!;
      let group = groups.get(modeAttribute);
      if (!group) {
        group = { value: effective.value, set: undefined, anchor: { ...scope.anchor, file: mode.provenance.file, element: mode.provenance.element }, defaultKind: 'schema-default', paths: [] };
        groups.set(modeAttribute, group);
        modeSpans.set(group, modeAttribute);
      }
      pushOnce(group.paths, scope.path);
    }
    return [...groups.values()].map((group) => {
      const finding = groupFinding(group, query, message);
      const modeAttribute = modeSpans.get(group);
      return modeAttribute ? { ...finding, span: modeAttribute.span } : finding;
    });
  };
}

const modeSpans = new WeakMap<SettingGroup, ConfigAttribute>();

/** Section elements of `name` in the server's own files, readable (not encrypted, not in another file), each once. */
export function ownSections(model: IisConfigModel, name: string): SectionOccurrence[] {
  const seen = new Set<ConfigElement>();
  return model.occurrences.filter((occurrence) => {
    if (occurrence.name !== name || occurrence.file.synthetic || occurrence.opaque || seen.has(occurrence.element)) return false;
    seen.add(occurrence.element);
    return true;
  });
}

/** The `Password=` / `Pwd=` of a connection string, when it has a value (a quoted one may hold `;`). */
export function clearPassword(connectionString: string): { key: string; value: string } | undefined {
  const pattern = /(?:^|;)\s*(password|pwd)\s*=\s*('(?:[^']|'')*'|"(?:[^"]|"")*"|[^;]*)/gi;
  for (const match of connectionString.matchAll(pattern)) {
    let value = match[2]!.trim();
    if ((value.startsWith("'") && value.endsWith("'")) || (value.startsWith('"') && value.endsWith('"'))) value = value.slice(1, -1);
    if (value !== '') return { key: match[1]!, value };
  }
  return undefined;
}
