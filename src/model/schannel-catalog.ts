/**
 * The SChannel registry catalogue (DOMAIN.md §5): the key names SChannel reads below
 * HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL, on which Windows versions
 * (derived from the default-state table in os-profiles.ts: a name is read unless its state there
 * is 'absent'), and, for a key SChannel does not read, the most likely mistake and the key the
 * author meant. SChannel silently ignores a key it does not know, so such a key means the
 * setting does nothing.
 *
 * Pure data and pure functions: no file I/O, no registry model.
 */
import { defaultState, OS_PROFILES, rememberDefaultStateRows, type OsProfile } from './os-profiles.js';
import { editDistance } from './edit-distance.js';

/**
 * Folded names, once per process: every server of a fleet names the same keys, and the catalogue
 * folds its own names on every comparison. Bounded: a hostile export could write a million names.
 */
const FOLDED = new Map<string, string>();
const FOLDED_LIMIT = 16_384;

export const SCHANNEL_ROOT = 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL';

/** The direct subkeys of SCHANNEL (a stock system has all five, most of them empty). */
export const SCHANNEL_CONTAINERS = ['Ciphers', 'CipherSuites', 'Hashes', 'KeyExchangeAlgorithms', 'Protocols'] as const;
export type SchannelContainer = (typeof SCHANNEL_CONTAINERS)[number];

export const PROTOCOL_NAMES = [
  'PCT 1.0',
  'SSL 2.0',
  'SSL 3.0',
  'TLS 1.0',
  'TLS 1.1',
  'TLS 1.2',
  'TLS 1.3',
  'DTLS 1.0',
  'DTLS 1.2',
  'Multi-Protocol Unified Hello',
] as const;
export const PROTOCOL_SIDES = ['Server', 'Client'] as const;
export type ProtocolSide = (typeof PROTOCOL_SIDES)[number];

export const CIPHER_NAMES = [
  'RC4 128/128',
  'RC4 64/128',
  'RC4 56/128',
  'RC4 40/128',
  'RC2 128/128',
  'RC2 56/128',
  'RC2 40/128',
  'RC2 56/56',
  'DES 56/56',
  'NULL',
  'Triple DES 168/168',
  'Triple DES 168',
  'AES 128/128',
  'AES 256/256',
] as const;
export const HASH_NAMES = ['MD5', 'SHA', 'SHA256', 'SHA384', 'SHA512'] as const;
export const KEY_EXCHANGE_NAMES = ['PKCS', 'Diffie-Hellman', 'ECDH'] as const;

export type SchannelCategory = 'protocol' | 'cipher' | 'hash' | 'keyExchange';

export type SchannelSubject =
  | { category: 'protocol'; name: string; side: ProtocolSide }
  | { category: 'cipher' | 'hash' | 'keyExchange'; name: string };

/** Every subject the catalogue knows: each protocol with both sides, then ciphers, hashes, key exchange. */
export const SCHANNEL_SUBJECTS: readonly SchannelSubject[] = [
  ...PROTOCOL_NAMES.flatMap((name) => PROTOCOL_SIDES.map((side): SchannelSubject => ({ category: 'protocol', name, side }))),
  ...CIPHER_NAMES.map((name): SchannelSubject => ({ category: 'cipher', name })),
  ...HASH_NAMES.map((name): SchannelSubject => ({ category: 'hash', name })),
  ...KEY_EXCHANGE_NAMES.map((name): SchannelSubject => ({ category: 'keyExchange', name })),
];
rememberDefaultStateRows(SCHANNEL_SUBJECTS);

export type UnknownKeyReason =
  | 'misspelt'
  | 'lookalike-slash'
  | 'wrong-os'
  | 'value-as-key'
  | 'wrong-parent'
  | 'unknown-name';

/**
 * How SChannel sees a key below SCHANNEL. Names in valid results are canonical (Microsoft's
 * spelling). For 'unknown', `reason` is the outermost mistake and `suggestion` the whole relative
 * path the author most likely meant (corrected segments canonical, the rest as written); it is
 * present only when every correction is unambiguous. For 'value-as-key' the suggestion is the
 * key that should hold the value.
 */
export type SchannelKeyClass =
  | { kind: 'root' }
  | { kind: 'container'; name: SchannelContainer }
  | { kind: 'protocol'; name: string }
  | { kind: 'subject'; subject: SchannelSubject }
  | { kind: 'ignoredByDesign' }
  | { kind: 'unknown'; reason: UnknownKeyReason; suggestion?: string };

export const ENABLED_VALUE = 'Enabled';
export const DISABLED_BY_DEFAULT_VALUE = 'DisabledByDefault';

/**
 * Value names of SChannel subject keys (Microsoft "TLS registry settings" adds the key-size
 * values under KeyExchangeAlgorithms). Written as a KEY they are the 'value-as-key' mistake.
 */
export const SUBJECT_VALUE_NAMES = [
  ENABLED_VALUE,
  DISABLED_BY_DEFAULT_VALUE,
  'ServerMinKeyBitLength',
  'ClientMinKeyBitLength',
  'ClientMaxKeyBitLength',
] as const;

/**
 * The RC2 cipher keys: the three KB245030 lists for Windows Server 2003, all on by default
 * there. `RC2 56/56` is NOT one of them: KB245030 lists it under the heading "DES 56" ("This
 * registry key refers to 56-bit DES as specified in FIPS 46-2"), so it is a misnamed DES key.
 */
export const RC2_CIPHERS: readonly { name: string }[] = [{ name: 'RC2 128/128' }, { name: 'RC2 56/128' }, { name: 'RC2 40/128' }];

export type CipherAlgorithm = 'RC4' | 'RC2' | 'DES' | 'Triple DES' | 'AES' | 'NULL';

/**
 * The algorithm SChannel applies a cipher key to. Mostly the name's first word; the exception
 * is `RC2 56/56`, which KB245030 lists under "DES 56": SChannel on Server 2003 reads it for
 * 56-bit DES.
 */
const CIPHER_ALGORITHMS: Readonly<Record<(typeof CIPHER_NAMES)[number], CipherAlgorithm>> = {
  'RC4 128/128': 'RC4',
  'RC4 64/128': 'RC4',
  'RC4 56/128': 'RC4',
  'RC4 40/128': 'RC4',
  'RC2 128/128': 'RC2',
  'RC2 56/128': 'RC2',
  'RC2 40/128': 'RC2',
  'RC2 56/56': 'DES',
  'DES 56/56': 'DES',
  NULL: 'NULL',
  'Triple DES 168/168': 'Triple DES',
  'Triple DES 168': 'Triple DES',
  'AES 128/128': 'AES',
  'AES 256/256': 'AES',
};

/** The algorithm of a cipher key name (case-insensitive), or undefined for a name SChannel does not know. */
export function cipherAlgorithm(name: string): CipherAlgorithm | undefined {
  const canonical = canonicalSchannelName('cipher', name);
  return canonical === undefined ? undefined : CIPHER_ALGORITHMS[canonical as (typeof CIPHER_NAMES)[number]];
}

/** `Enabled`: 0 disables; any other DWORD (docs use 1, KBs and IIS Crypto 0xffffffff) enables. */
export function interpretEnabled(dword: number): 'enabled' | 'disabled' {
  return dword === 0 ? 'disabled' : 'enabled';
}

/** True for the three RC2 cipher key names (case-insensitive); `RC2 56/56` is DES (see RC2_CIPHERS). */
export function isRc2Cipher(name: string): boolean {
  const folded = foldCase(name);
  return RC2_CIPHERS.some((cipher) => foldCase(cipher.name) === folded);
}

/**
 * The key path below SCHANNEL split on `\` (original case), [] for SCHANNEL itself, or
 * undefined when `keyPath` (full root name, e.g. after HKLM was expanded) is not in the tree.
 */
export function schannelRelativeSegments(keyPath: string): string[] | undefined {
  const root = SCHANNEL_ROOT.length;
  if (foldCase(keyPath.slice(0, root)) !== foldCase(SCHANNEL_ROOT)) return undefined;
  if (keyPath.length === root) return [];
  if (keyPath[root] !== '\\') return undefined;
  return keyPath.slice(root + 1).split('\\');
}

/**
 * Whether SChannel on `os` reads the subject's key. 'unknown' defaults count as read (a key
 * we cannot rule out is accepted). With `os` undefined (target unknown), a name read by any
 * supported version counts.
 */
export function isReadOn(os: OsProfile | undefined, subject: SchannelSubject): boolean {
  if (os === undefined) return OS_PROFILES.some((profile) => defaultState(profile, subject) !== 'absent');
  return defaultState(os, subject) !== 'absent';
}

/** Whether SChannel on `os` reads the `Protocols\<name>` key: it does when it reads either side. */
export function isProtocolReadOn(os: OsProfile | undefined, name: string): boolean {
  return PROTOCOL_SIDES.some((side) => isReadOn(os, { category: 'protocol', name, side }));
}

/** The canonical spelling of a known name in a category (case-insensitive), if any. */
export function canonicalSchannelName(category: SchannelCategory, name: string): string | undefined {
  return NAME_INDEX.get(category)?.get(foldCase(name));
}

export function containerOf(category: SchannelCategory): SchannelContainer {
  return CONTAINER_BY_CATEGORY[category];
}

/**
 * Classify a key below SCHANNEL. `relativeSegments` is its path below SCHANNEL split on `\`,
 * as written. With `os` undefined, names valid on any supported version are accepted.
 *
 * Anything below `CipherSuites` (stock systems keep it empty; the suite order lives under
 * SOFTWARE\Policies) and the documented `Messaging` subtree (fragment-size limits) are
 * 'ignoredByDesign': real keys this catalogue does not model. An empty segment (from `\\` or a
 * trailing `\`) is classified as an unknown name: what regedit makes of it is not confirmed.
 */
export function classifySchannelKey(relativeSegments: readonly string[], os: OsProfile | undefined): SchannelKeyClass {
  let root = CLASSIFIED.get(os);
  if (root === undefined) {
    root = { children: undefined, value: undefined };
    CLASSIFIED.set(os, root);
  }
  let node: ClassifiedNode | undefined = root;
  for (let index = 0; index < relativeSegments.length && node !== undefined; index++) node = node.children?.get(relativeSegments[index]!);
  if (node?.value !== undefined) return node.value;
  const classified = classifyUncached(relativeSegments, os);
  if (classifiedNodes + relativeSegments.length <= CLASSIFIED_LIMIT) storeClassified(root, relativeSegments, Object.freeze(classified));
  return classified;
}

/**
 * Classifications by OS and key path, once per process: every server of a fleet writes the same
 * SChannel keys. A tree of the paths' names (exact spelling), so no path string is built per key
 * and server. Frozen, since servers share them. Bounded: a hostile export could write a million keys.
 */
interface ClassifiedNode {
  children: Map<string, ClassifiedNode> | undefined;
  value: SchannelKeyClass | undefined;
}
const CLASSIFIED = new Map<OsProfile | undefined, ClassifiedNode>();
const CLASSIFIED_LIMIT = 4096;
let classifiedNodes = 0;

function storeClassified(root: ClassifiedNode, relativeSegments: readonly string[], value: SchannelKeyClass): void {
  let node = root;
  for (const segment of relativeSegments) {
    node.children ??= new Map();
    let next = node.children.get(segment);
    if (next === undefined) {
      next = { children: undefined, value: undefined };
      node.children.set(segment, next);
      classifiedNodes++;
    }
    node = next;
  }
  node.value = value;
}

function classifyUncached(relativeSegments: readonly string[], os: OsProfile | undefined): SchannelKeyClass {
  if (relativeSegments.length === 0) return { kind: 'root' };
  const repair = new Repair();
  const first = relativeSegments[0] ?? '';

  const container = exactContainer(first);
  if (container !== undefined) {
    repair.keep(first);
    return walkContainer(container, relativeSegments, 1, repair, os);
  }
  if (foldCase(first) === MESSAGING_FOLDED) return { kind: 'ignoredByDesign' };

  // A known name written straight under SCHANNEL: the container is missing.
  for (const category of CATEGORIES) {
    const name = canonicalSchannelName(category, first);
    if (name === undefined) continue;
    const target = preferNameReadOn(os, { category, name });
    repair.fix('wrong-parent', [containerOf(category), target.name]);
    return walkAfterName(target, relativeSegments, 1, repair, os);
  }
  if (matchValueName(first)) return repair.fail('value-as-key');

  const candidates = fuzzyCandidates(ROOT_SUBKEY_NAMES, first, { prefixBeforeSlash: false, aliases: undefined });
  if (candidates.length > 1) return repair.fail('misspelt');
  const corrected = candidates[0];
  if (corrected === undefined) return repair.fail('unknown-name');
  repair.fix('misspelt', [corrected]);
  if (corrected === 'Messaging') {
    repair.keepAll(relativeSegments.slice(1));
    return repair.result({ kind: 'ignoredByDesign' });
  }
  return walkContainer(corrected as SchannelContainer, relativeSegments, 1, repair, os);
}

// ---------------------------------------------------------------------------------------------
// Walking the path

const CATEGORIES: readonly SchannelCategory[] = ['protocol', 'cipher', 'hash', 'keyExchange'];

const CONTAINER_BY_CATEGORY: Record<SchannelCategory, SchannelContainer> = {
  protocol: 'Protocols',
  cipher: 'Ciphers',
  hash: 'Hashes',
  keyExchange: 'KeyExchangeAlgorithms',
};

const NAMES_BY_CATEGORY: Record<SchannelCategory, readonly string[]> = {
  protocol: PROTOCOL_NAMES,
  cipher: CIPHER_NAMES,
  hash: HASH_NAMES,
  keyExchange: KEY_EXCHANGE_NAMES,
};

/**
 * Names SChannel renamed between Windows versions: written for the other version, the key is
 * ignored, and the fix is the counterpart (KB245030: `Triple DES 168/168` before Vista).
 */
const OS_COUNTERPARTS: ReadonlyMap<string, string> = new Map([
  ['triple des 168/168', 'Triple DES 168'],
  ['triple des 168', 'Triple DES 168/168'],
]);

/** Common spellings of a known name that no edit-distance rule catches (digits differ). */
const ALIASES: Partial<Record<SchannelCategory, ReadonlyMap<string, string>>> = {
  hash: new Map([
    ['sha1', 'SHA'],
    ['sha-1', 'SHA'],
  ]),
};

const MESSAGING_FOLDED = 'messaging';
const CONTAINER_BY_FOLDED_NAME = new Map<string, SchannelContainer>(SCHANNEL_CONTAINERS.map((container) => [foldCase(container), container]));
const ROOT_SUBKEY_NAMES: readonly string[] = [...SCHANNEL_CONTAINERS, 'Messaging'];

const NAME_INDEX = new Map<SchannelCategory, Map<string, string>>(
  CATEGORIES.map((category) => [category, new Map(NAMES_BY_CATEGORY[category].map((name) => [foldCase(name), name]))]),
);

/**
 * Characters people paste instead of `/` (U+2215 DIVISION SLASH is the one seen in public
 * scripts): the key name then differs from SChannel's and is ignored.
 */
const LOOKALIKE_SLASH = /[\u2044\u2215\uFF0F\u29F8\u2571\u27CB\u1735]/;
const LOOKALIKE_SLASHES = new RegExp(LOOKALIKE_SLASH.source, 'g');

/** Tracks the outermost mistake and the corrected path while walking a key path. */
class Repair {
  private reason: UnknownKeyReason | undefined;
  private path: string[] = [];

  keep(segment: string): void {
    this.path.push(segment);
  }

  keepAll(segments: readonly string[]): void {
    this.path.push(...segments);
  }

  /** A mistake with a known correction: `replacement` replaces the segment in the suggestion. */
  fix(reason: UnknownKeyReason, replacement: readonly string[]): void {
    this.reason ??= reason;
    this.path.push(...replacement);
  }

  /** Replace the last kept segment (the container, when a name sits under the wrong one). */
  replaceLast(segment: string): void {
    this.path[this.path.length - 1] = segment;
  }

  /** A mistake whose fix is the path so far (value-as-key: the parent key holds the value). */
  stopAtParent(reason: UnknownKeyReason): SchannelKeyClass {
    return { kind: 'unknown', reason: this.reason ?? reason, suggestion: this.path.join('\\') };
  }

  /** A mistake without an unambiguous correction: no suggestion for the whole key. */
  fail(reason: UnknownKeyReason): SchannelKeyClass {
    return { kind: 'unknown', reason: this.reason ?? reason };
  }

  result(valid: SchannelKeyClass): SchannelKeyClass {
    if (this.reason === undefined) return valid;
    return { kind: 'unknown', reason: this.reason, suggestion: this.path.join('\\') };
  }
}

function walkContainer(
  container: SchannelContainer,
  segments: readonly string[],
  index: number,
  repair: Repair,
  os: OsProfile | undefined,
): SchannelKeyClass {
  if (index >= segments.length) return repair.result({ kind: 'container', name: container });
  if (container === 'CipherSuites') {
    repair.keepAll(segments.slice(index));
    return repair.result({ kind: 'ignoredByDesign' });
  }
  const category = CATEGORIES.find((candidate) => CONTAINER_BY_CATEGORY[candidate] === container);
  if (category === undefined) return repair.fail('unknown-name');

  const written = segments[index] ?? '';
  // `RC4 128\128`: a backslash typed for the slash splits the cipher name into two keys.
  // Tried first: `Triple DES 168\168` starts with a valid name but means `Triple DES 168/168`.
  if (category === 'cipher') {
    const next = segments[index + 1];
    const joined = next === undefined ? undefined : joinedCipherName(written, next);
    if (joined !== undefined) {
      const target = preferNameReadOn(os, { category, name: joined });
      repair.fix('misspelt', [target.name]);
      return walkAfterName(target, segments, index + 2, repair, os);
    }
  }

  const resolution = resolveName(category, written, os);
  if (resolution.status === 'ok') {
    repair.keep(written);
    return walkAfterName({ category, name: resolution.name }, segments, index + 1, repair, os);
  }
  const target = resolution.target;
  if (target === undefined) return repair.fail(resolution.reason);
  if (target.category !== category) repair.replaceLast(containerOf(target.category));
  repair.fix(resolution.reason, [target.name]);
  return walkAfterName(target, segments, index + 1, repair, os);
}

interface NameTarget {
  category: SchannelCategory;
  name: string;
}

function walkAfterName(
  target: NameTarget,
  segments: readonly string[],
  index: number,
  repair: Repair,
  os: OsProfile | undefined,
): SchannelKeyClass {
  if (target.category !== 'protocol') {
    return walkTail({ category: target.category, name: target.name }, segments, index, repair);
  }
  if (index >= segments.length) return repair.result({ kind: 'protocol', name: target.name });

  const written = segments[index] ?? '';
  const resolution = resolveSide(written);
  let side: ProtocolSide;
  if (resolution.status === 'ok') {
    side = resolution.side;
    repair.keep(written);
  } else {
    if (resolution.side === undefined) return repair.fail(resolution.reason);
    side = resolution.side;
    repair.fix(resolution.reason, [side]);
  }
  const subject: SchannelSubject = { category: 'protocol', name: target.name, side };
  if (!isReadOn(os, subject)) return repair.fail('wrong-os');
  return walkTail(subject, segments, index + 1, repair);
}

/** Below a subject key SChannel reads nothing; a value name there was meant as a value. */
function walkTail(
  subject: SchannelSubject,
  segments: readonly string[],
  index: number,
  repair: Repair,
): SchannelKeyClass {
  if (index >= segments.length) return repair.result({ kind: 'subject', subject });
  if (index === segments.length - 1 && matchValueName(segments[index] ?? '')) return repair.stopAtParent('value-as-key');
  return repair.fail('unknown-name');
}

type NameResolution =
  | { status: 'ok'; name: string }
  | { status: 'defect'; reason: UnknownKeyReason; target?: NameTarget };

/** Resolve a name written under the container of `category`. */
function resolveName(category: SchannelCategory, written: string, os: OsProfile | undefined): NameResolution {
  const exact = canonicalSchannelName(category, written);
  if (exact !== undefined) {
    if (isNameReadOn(os, { category, name: exact })) return { status: 'ok', name: exact };
    const counterpart = counterpartReadOn(os, { category, name: exact });
    return counterpart === undefined
      ? { status: 'defect', reason: 'wrong-os' }
      : { status: 'defect', reason: 'wrong-os', target: counterpart };
  }
  for (const other of CATEGORIES) {
    if (other === category) continue;
    const name = canonicalSchannelName(other, written);
    if (name !== undefined) {
      return { status: 'defect', reason: 'wrong-parent', target: preferNameReadOn(os, { category: other, name }) };
    }
  }
  if (matchValueName(written)) return { status: 'defect', reason: 'value-as-key' };

  if (LOOKALIKE_SLASH.test(written)) {
    const inner = resolveName(category, written.replace(LOOKALIKE_SLASHES, '/'), os);
    if (inner.status === 'ok') return { status: 'defect', reason: 'lookalike-slash', target: { category, name: inner.name } };
    if (inner.reason === 'unknown-name' || inner.reason === 'value-as-key') return { status: 'defect', reason: 'unknown-name' };
    return inner.target === undefined
      ? { status: 'defect', reason: 'lookalike-slash' }
      : { status: 'defect', reason: 'lookalike-slash', target: inner.target };
  }

  const candidates = fuzzyCandidates(NAMES_BY_CATEGORY[category], written, {
    prefixBeforeSlash: category === 'cipher',
    aliases: ALIASES[category],
  });
  if (candidates.length > 1) return { status: 'defect', reason: 'misspelt' };
  const corrected = candidates[0];
  if (corrected !== undefined) {
    return { status: 'defect', reason: 'misspelt', target: preferNameReadOn(os, { category, name: corrected }) };
  }
  // A known name of another category that differs only in case or spacing.
  const elsewhere = CATEGORIES.filter((other) => other !== category).flatMap((other) =>
    normalisedMatches(NAMES_BY_CATEGORY[other], written).map((name) => ({ category: other, name })),
  );
  const only = elsewhere.length === 1 ? elsewhere[0] : undefined;
  if (only !== undefined) return { status: 'defect', reason: 'wrong-parent', target: preferNameReadOn(os, only) };
  return { status: 'defect', reason: 'unknown-name' };
}

type SideResolution =
  | { status: 'ok'; side: ProtocolSide }
  | { status: 'defect'; reason: UnknownKeyReason; side?: ProtocolSide };

function resolveSide(written: string): SideResolution {
  const folded = foldCase(written);
  const exact = PROTOCOL_SIDES.find((side) => foldCase(side) === folded);
  if (exact !== undefined) return { status: 'ok', side: exact };
  // `Protocols\TLS 1.0\Enabled`: meant as a value, but of which side cannot be told.
  if (matchValueName(written)) return { status: 'defect', reason: 'value-as-key' };
  const candidates = fuzzyCandidates(PROTOCOL_SIDES, written, { prefixBeforeSlash: false, aliases: undefined });
  if (candidates.length > 1) return { status: 'defect', reason: 'misspelt' };
  const corrected = candidates[0];
  if (corrected === 'Server' || corrected === 'Client') return { status: 'defect', reason: 'misspelt', side: corrected };
  return { status: 'defect', reason: 'unknown-name' };
}

function exactContainer(written: string): SchannelContainer | undefined {
  return CONTAINER_BY_FOLDED_NAME.get(foldCase(written));
}

/** Whether SChannel on `os` reads the key of a name (a protocol: either side). */
function isNameReadOn(os: OsProfile | undefined, target: NameTarget): boolean {
  if (target.category === 'protocol') return isProtocolReadOn(os, target.name);
  return isReadOn(os, { category: target.category, name: target.name });
}

function counterpartReadOn(os: OsProfile | undefined, target: NameTarget): NameTarget | undefined {
  const counterpart = OS_COUNTERPARTS.get(foldCase(target.name));
  if (counterpart === undefined || target.category !== 'cipher') return undefined;
  const candidate = { category: target.category, name: counterpart };
  return isNameReadOn(os, candidate) ? candidate : undefined;
}

/**
 * The name the author meant, for this OS: its counterpart when the OS reads that instead.
 * Otherwise the name itself, even when the OS does not read it (the spelling fix is still
 * unambiguous; the wrong-os finding follows once it is applied).
 */
function preferNameReadOn(os: OsProfile | undefined, target: NameTarget): NameTarget {
  if (isNameReadOn(os, target)) return target;
  return counterpartReadOn(os, target) ?? target;
}

function matchValueName(written: string): boolean {
  const folded = foldCase(written);
  if (SUBJECT_VALUE_NAMES.some((name) => foldCase(name) === folded)) return true;
  return fuzzyCandidates(SUBJECT_VALUE_NAMES, written, { prefixBeforeSlash: false, aliases: undefined }).length > 0;
}

/** `RC4 128` + `128` → `RC4 128/128` when that is a known cipher (also through case/spaces). */
function joinedCipherName(before: string, after: string): string | undefined {
  const joined = `${before}/${after}`;
  const exact = canonicalSchannelName('cipher', joined);
  if (exact !== undefined) return exact;
  const matches = normalisedMatches(CIPHER_NAMES, joined);
  return matches.length === 1 ? matches[0] : undefined;
}

// ---------------------------------------------------------------------------------------------
// Fuzzy matching

interface FuzzyOptions {
  /** `DES 56` → `DES 56/56`: a cipher name cut at its slash. */
  prefixBeforeSlash: boolean;
  aliases: ReadonlyMap<string, string> | undefined;
}

const MAX_EDIT_DISTANCE = 2;

/**
 * Known names the written one most likely misspells, best stage first: equal but for case and
 * blanks; a known alias; a cipher name cut at its slash; then edit distance ≤ 2 with the same
 * digits. The digits must match because a different number names a different algorithm
 * (`MD4` is not a typo of `MD5`, `TLS 1.4` of `TLS 1.3`): renaming would change the meaning.
 * More than one result means ambiguous: no suggestion.
 */
function fuzzyCandidates(names: readonly string[], written: string, options: FuzzyOptions): string[] {
  const normalised = normalisedMatches(names, written);
  if (normalised.length > 0) return normalised;

  const alias = options.aliases?.get(normalise(written));
  if (alias !== undefined) return [alias];

  if (options.prefixBeforeSlash) {
    const key = normalise(written);
    const cut = names.filter((name) => name.includes('/') && normalise(name.slice(0, name.indexOf('/'))) === key);
    if (cut.length > 0) return cut;
  }

  const folded = foldCase(written);
  const digits = digitsOf(written);
  let best = MAX_EDIT_DISTANCE + 1;
  let closest: string[] = [];
  for (const name of names) {
    if (digitsOf(name) !== digits) continue;
    const distance = editDistance(folded, foldCase(name), MAX_EDIT_DISTANCE);
    if (distance < best) {
      best = distance;
      closest = [name];
    } else if (distance === best) {
      closest.push(name);
    }
  }
  return best <= MAX_EDIT_DISTANCE ? closest : [];
}

function normalisedMatches(names: readonly string[], written: string): string[] {
  const key = normalise(written);
  return names.filter((name) => normalise(name) === key);
}

// Registry names compare case-insensitively; SChannel's names are ASCII, so fold ASCII only
// (a non-ASCII letter that JavaScript would fold, like the Kelvin sign, is a different name).
function foldCase(text: string): string {
  let folded = FOLDED.get(text);
  if (folded === undefined) {
    folded = text.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));
    if (FOLDED.size < FOLDED_LIMIT) FOLDED.set(text, folded);
  }
  return folded;
}

/** Case folded, blanks and invisible characters (zero-width, BOM) removed. */
function normalise(text: string): string {
  return foldCase(text).replace(/[\s\u200B-\u200D\u2060\uFEFF]/g, '');
}

function digitsOf(text: string): string {
  return text.replace(/[^0-9]/g, '');
}

