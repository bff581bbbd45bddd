/**
 * AccessSSLFlags and the other client-certificate properties as the KSSL001-003 rules read
 * them: only what IIS reads counts, numbers explain themselves, and a finding says which keys
 * inherit the value.
 */
import type { MetabaseModel, MetabaseNode, MetabaseNodeKind, PropertySetting } from '../../model/metabase.js';
import { decodeFlags, flagTable, type FlagsValue } from '../../model/metabase-schema.js';
import { listNames, type KernelSslContext } from '../support.js';
import type { Level } from '../types.js';

export const ACCESS_SSL_FLAGS = { name: 'AccessSSLFlags', id: 6030 } as const;
export const ACCESS_SSL_NEGOTIATE_CERT = 0x20;
export const ACCESS_SSL_REQUIRE_CERT = 0x40;
export const ACCESS_SSL_MAP_CERT = 0x80;

/**
 * Every setting of one property that IIS reads: an attribute with the exact (case-sensitive)
 * name, or a `<Custom>` with the property's ID. A `<Custom>` is identified by its ID alone,
 * and `accessSslFlags` is a different (unknown) property to IIS.
 */
export function metabaseSettings(metabase: MetabaseModel, property: { name: string; id: number }): PropertySetting[] {
  // An attribute found by its exact name is the property; the model checks a Custom's ID
  // without building the attributes' property objects.
  return metabase.settingsOf(property.name, property.id);
}

export interface AccessSslFlagsSetting {
  setting: PropertySetting;
  flags: FlagsValue;
}

/** KSSL001-003 each read every AccessSSLFlags of a server: decode them once per model. */
const decodedSettings = new WeakMap<MetabaseModel, readonly AccessSslFlagsSetting[]>();

export function accessSslFlagsSettings(metabase: MetabaseModel): readonly AccessSslFlagsSetting[] {
  let settings = decodedSettings.get(metabase);
  if (!settings) {
    // The value alone (no property object): most settings are never reported.
    settings = metabaseSettings(metabase, ACCESS_SSL_FLAGS).map((setting) => ({
      setting,
      flags: decodeFlags('AccessSSLFlags', setting.key.propertyValue(setting.key.lastIndexOf(ACCESS_SSL_FLAGS.name))),
    }));
    decodedSettings.set(metabase, settings);
  }
  return settings;
}

/** `"AccessSSL | AccessSSLRequireCert"`, or `"104" (AccessSSL | ...)` so a number explains itself. */
export function describeAccessSslFlags(raw: string, flags: FlagsValue): string {
  const quoted = JSON.stringify(raw.trim() === '' ? raw : raw.trim());
  if (flags.form !== 'numeric') return quoted;
  const names = flagTable('AccessSSLFlags')
    .flags.filter((flag) => (flags.bits & flag.bit) !== 0)
    .map((flag) => flag.name);
  return names.length > 0 ? `${quoted} (${names.join(' | ')})` : quoted;
}

const CONTENT_KINDS: ReadonlyArray<{ kind: MetabaseNodeKind; one: string; many: string }> = [
  { kind: 'site', one: 'site', many: 'sites' },
  { kind: 'virtualDirectory', one: 'virtual directory', many: 'virtual directories' },
  { kind: 'directory', one: 'directory', many: 'directories' },
  { kind: 'file', one: 'file', many: 'files' },
];

// Only keys of a numbered site serve content; the IIsWebServer templates under
// /LM/W3SVC/Info/Templates, app pools, filters and cert mappers inherit nothing that matters.
const SITE_CONTENT = /^\/LM\/W3SVC\/\d+(?:\/|$)/i;

function servesContent(node: MetabaseNode): boolean {
  // The kind first: it rules out most keys without the pattern.
  const kind = node.kind;
  return (kind === 'site' || kind === 'virtualDirectory' || kind === 'directory' || kind === 'file') && SITE_CONTENT.test(node.location);
}

/**
 * "It is inherited by 2 sites and 3 virtual directories: a, b, c, d, e and N more." The keys
 * below the setting that take their value from it (a deeper key that sets the property again
 * cuts its subtree off), counting only sites, virtual directories, directories and files.
 */
export function inheritanceSentence(metabase: MetabaseModel, setting: PropertySetting): string {
  // One pass over the inheritors for the names and the count of each kind: this runs once per
  // reported setting, in code too cold for chains of filter and map to pay.
  const inheritors = metabase.inheritorsOf(setting);
  const names: string[] = [];
  const countByKind = [0, 0, 0, 0];
  for (let index = 0; index < inheritors.length; index++) {
    const node = inheritors[index]!;
    if (!servesContent(node)) continue;
    names.push(node.location);
    for (let entry = 0; entry < CONTENT_KINDS.length; entry++) if (CONTENT_KINDS[entry]!.kind === node.kind) countByKind[entry]!++;
  }
  if (names.length === 0) {
    return setting.node.kind === 'file' ? '' : ' No site, virtual directory, directory or file below it inherits it.';
  }
  const counts: string[] = [];
  for (let entry = 0; entry < CONTENT_KINDS.length; entry++) {
    const count = countByKind[entry]!;
    const { one, many } = CONTENT_KINDS[entry]!;
    if (count !== 0) counts.push(`${count} ${count === 1 ? one : many}`);
  }
  return ` It is inherited by ${listNames(counts, counts.length)}: ${listNames(names)}.`;
}

const TEMPLATES = /^\/LM\/W3SVC\/Info\/Templates(?:\/|$)/i;
const SITE_OF = /^(\/LM\/W3SVC\/\d+)(?:\/|$)/i;

/** Whether a site serves HTTPS: a non-empty SecureBindings in force on it. */
export function servesHttps(metabase: MetabaseModel, site: MetabaseNode): boolean {
  return (metabase.effectiveValue(site, 'SecureBindings')?.trim() ?? '') !== '';
}

/** The numbered site (`/LM/W3SVC/<n>`) a key belongs to, if any. */
export function siteOf(metabase: MetabaseModel, node: MetabaseNode): MetabaseNode | undefined {
  const match = SITE_OF.exec(node.location);
  return match ? siteNamed(metabase, node, match[1]!) : undefined;
}

/** The node at `sitePath`, a prefix of `node`'s path: found among its ancestors, else by path. */
function siteNamed(metabase: MetabaseModel, node: MetabaseNode, sitePath: string): MetabaseNode | undefined {
  // Nearly always an ancestor (or the node itself) whose path is exactly that prefix: the
  // lookup by path would normalise and hash it.
  for (let candidate: MetabaseNode | undefined = node; candidate !== undefined; candidate = candidate.parent) {
    if (candidate.location.length === sitePath.length) {
      if (candidate.location === sitePath) return candidate;
      break;
    }
  }
  return metabase.node(sitePath);
}

/**
 * Whether a client-certificate setting meets HTTPS today (DOMAIN.md §2: no SecureBindings, no
 * kernel-mode SSL conflict yet; a template serves nothing):
 * - `template`: the key is under /LM/W3SVC/Info/Templates;
 * - `no-https`: no site it applies to has SecureBindings;
 * - `https`: the HTTPS sites it applies to.
 * A key inside a site applies to that site; a key above the sites (/LM/W3SVC) to the sites whose
 * content inherits the setting (`setting`), or to every site when `setting` is undefined.
 */
export type HttpsExposure = { kind: 'template' } | { kind: 'no-https'; site?: MetabaseNode } | { kind: 'https'; sites: MetabaseNode[] };

export function httpsExposure(metabase: MetabaseModel, node: MetabaseNode, setting?: PropertySetting): HttpsExposure {
  if (TEMPLATES.test(node.location)) return { kind: 'template' };
  const match = SITE_OF.exec(node.location);
  if (match) {
    const site = siteNamed(metabase, node, match[1]!);
    if (!site) return { kind: 'no-https' };
    return servesHttps(metabase, site) ? { kind: 'https', sites: [site] } : { kind: 'no-https', site };
  }
  const candidates = setting
    ? metabase.inheritorsOf(setting).filter(servesContent).map((inheritor) => siteOf(metabase, inheritor))
    : metabase.sites.filter((candidate) => SITE_OF.test(candidate.location));
  const sites = [...new Set(candidates.filter((candidate): candidate is MetabaseNode => candidate !== undefined))];
  const https = sites.filter((candidate) => servesHttps(metabase, candidate));
  return https.length > 0 ? { kind: 'https', sites: https } : { kind: 'no-https' };
}

/**
 * The level and the sentence after "... which kernel-mode SSL cannot do." for a metabase
 * setting: the kernel-mode SSL context where HTTPS is served; a note where it is not (even with
 * `--kernel-ssl on`: nothing breaks until an HTTPS binding is added).
 */
export function exposureVerdict(exposure: HttpsExposure, context: KernelSslContext): { level: Level; sentence: string } {
  switch (exposure.kind) {
    case 'template':
      return {
        level: 'note',
        sentence: ' This key is a site template under /LM/W3SVC/Info/Templates, which serves no content: sites created from this template inherit it.',
      };
    case 'no-https':
      return {
        level: 'note',
        sentence: exposure.site
          ? ` Site ${exposure.site.location} serves no HTTPS now (no SecureBindings), so nothing breaks today; it would break once an HTTPS binding is added.`
          : ' No site it applies to serves HTTPS now (no SecureBindings), so nothing breaks today; it would break once an HTTPS binding is added.',
      };
    case 'https':
      return { level: context.level, sentence: ` This setting ${context.consequence}.` };
  }
}
