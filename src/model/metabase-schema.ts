/**
 * What the linter knows about IIS 6 metabase properties: a small slice of MBSchema.xml (name, ID,
 * type, INHERIT) plus the complete flag tables of the four flag properties it checks, and pure
 * decoders that read a value the way IIS reads MetaBase.xml.
 *
 * How IIS reads values comes from the metabase XML reader itself
 * (inetsrv/iis/mb/config/src/stores/xmltable/metabase_xmltable.cpp, TMetabase_XMLtable::
 * GetColumnValue_UI4 / GetColumnValue_Bool):
 * - a DWORD value whose first character is a digit or any character up to '-' (U+002D, which
 *   includes space, tab and line breaks) is read with wcstoul(value, 10): decimal only (`0x10`
 *   reads as 0), leading white space skipped, reading stops at the first non-digit;
 * - otherwise it is a list of flag names separated by any of ` ,|\t\r\n`; one name IIS does not
 *   know makes it log a warning and IGNORE THE WHOLE PROPERTY; `FLAG_nn` (nn = 00..31) is also
 *   accepted and means bit nn;
 * - booleans: a number as above (non-zero = TRUE), else a case-insensitive prefix of one of
 *   false/true/0/1/no/yes/off/on.
 * MetaBase.xml property names are case-sensitive (IIS 6.0 docs, "Writing changes to
 * MetaBase.xml": "MetaBase.xml is case sensitive").
 */
import type { MetabaseProperty } from '../parse/metabase-syntax.js';
import { propertyById, propertyByName } from '../parse/metabase-vocabulary.js';

// The property table itself (names, IDs, types, INHERIT) is vocabulary the parser needs too:
// it lives in src/parse/metabase-vocabulary.ts, so that parse never imports model.
export {
  METABASE_PROPERTIES,
  propertyById,
  propertyByName,
  propertyByNameIgnoringCase,
  type MetabasePropertySchema,
  type MetabasePropertyType,
} from '../parse/metabase-vocabulary.js';

/** The flag properties whose complete name table the linter has (DOMAIN.md §2). */
export type FlagPropertyName = 'AccessSSLFlags' | 'AccessFlags' | 'AuthFlags' | 'DirBrowseFlags';

export interface FlagDefinition {
  readonly name: string;
  readonly bit: number;
}

export interface FlagTable {
  readonly property: FlagPropertyName;
  readonly flags: readonly FlagDefinition[];
  /** OR of every defined bit. */
  readonly mask: number;
}

/**
 * Where IIS reads a property, from the IIS 6.0 SDK / Windows Server 2003 property pages
 * ("Configurable Locations"), restricted to the web service's classes. On a key of another web
 * class (a virtual directory, directory or file) IIS does not read the property: it does nothing
 * there. Only properties whose pages were checked are listed.
 */
export interface ConfigurableLocations {
  readonly name: string;
  readonly id: number;
  /** The IIsWeb* classes on which IIS reads it. */
  readonly classes: readonly WebKeyClass[];
}

export type WebKeyClass = 'IIsWebService' | 'IIsWebServer' | 'IIsWebVirtualDir' | 'IIsWebDirectory' | 'IIsWebFile';
export const WEB_KEY_CLASSES: readonly WebKeyClass[] = ['IIsWebService', 'IIsWebServer', 'IIsWebVirtualDir', 'IIsWebDirectory', 'IIsWebFile'];

const SERVICE_AND_SITE: readonly WebKeyClass[] = ['IIsWebService', 'IIsWebServer'];
const SITE_ONLY: readonly WebKeyClass[] = ['IIsWebServer'];

export const CONFIGURABLE_LOCATIONS: readonly ConfigurableLocations[] = [
  { name: 'SSLAlwaysNegoClientCert', id: 5521, classes: SERVICE_AND_SITE },
  { name: 'SSLCertHash', id: 5506, classes: SERVICE_AND_SITE },
  { name: 'SSLStoreName', id: 5511, classes: SERVICE_AND_SITE },
  { name: 'SslUseDsMapper', id: 5519, classes: ['IIsWebService'] },
  { name: 'SecureBindings', id: 2021, classes: SITE_ONLY },
  { name: 'ServerBindings', id: 1023, classes: SITE_ONLY },
  { name: 'SslCtlIdentifier', id: 5512, classes: SITE_ONLY },
  { name: 'SslCtlStoreName', id: 5517, classes: SITE_ONLY },
];

const LOCATIONS_BY_ID = new Map(CONFIGURABLE_LOCATIONS.map((entry) => [entry.id, entry]));

/** Where IIS reads the property with this ID, if the table has it. */
export function configurableLocations(id: number): ConfigurableLocations | undefined {
  return LOCATIONS_BY_ID.get(id);
}

/**
 * Whether IIS reads property `id` on a key of `className`: undefined when the table does not
 * know the property or the class is not one of the web service's.
 */
export function isReadOnClass(id: number, className: string): boolean | undefined {
  const entry = LOCATIONS_BY_ID.get(id);
  if (!entry || !(WEB_KEY_CLASSES as readonly string[]).includes(className)) return undefined;
  return (entry.classes as readonly string[]).includes(className);
}

function table(property: FlagPropertyName, flags: readonly FlagDefinition[]): FlagTable {
  return { property, flags, mask: flags.reduce((mask, flag) => (mask | flag.bit) >>> 0, 0) };
}

// Exactly DOMAIN.md §2 (bits from iiscnfg.h, names from MBSchema.xml).
const FLAG_TABLES: Readonly<Record<FlagPropertyName, FlagTable>> = {
  AccessSSLFlags: table('AccessSSLFlags', [
    { name: 'AccessSSL', bit: 0x8 },
    { name: 'AccessSSLNegotiateCert', bit: 0x20 },
    { name: 'AccessSSLRequireCert', bit: 0x40 },
    { name: 'AccessSSLMapCert', bit: 0x80 },
    { name: 'AccessSSL128', bit: 0x100 },
  ]),
  AccessFlags: table('AccessFlags', [
    { name: 'AccessRead', bit: 0x1 },
    { name: 'AccessWrite', bit: 0x2 },
    { name: 'AccessExecute', bit: 0x4 },
    { name: 'AccessSource', bit: 0x10 },
    { name: 'AccessScript', bit: 0x200 },
    { name: 'AccessNoRemoteWrite', bit: 0x400 },
    { name: 'AccessNoRemoteRead', bit: 0x1000 },
    { name: 'AccessNoRemoteExecute', bit: 0x2000 },
    { name: 'AccessNoRemoteScript', bit: 0x4000 },
    { name: 'AccessNoPhysicalDir', bit: 0x8000 },
  ]),
  AuthFlags: table('AuthFlags', [
    { name: 'AuthAnonymous', bit: 0x1 },
    { name: 'AuthBasic', bit: 0x2 },
    { name: 'AuthNTLM', bit: 0x4 },
    { name: 'AuthMD5', bit: 0x10 },
    { name: 'AuthPassport', bit: 0x40 },
  ]),
  DirBrowseFlags: table('DirBrowseFlags', [
    { name: 'DirBrowseShowDate', bit: 0x2 },
    { name: 'DirBrowseShowTime', bit: 0x4 },
    { name: 'DirBrowseShowSize', bit: 0x8 },
    { name: 'DirBrowseShowExtension', bit: 0x10 },
    { name: 'DirBrowseShowLongDate', bit: 0x20 },
    { name: 'EnableDefaultDoc', bit: 0x40000000 },
    { name: 'EnableDirBrowsing', bit: 0x80000000 },
  ]),
};

const FLAGS_BY_LOWER_NAME = new Map(
  Object.values(FLAG_TABLES).map((flagTable) => [
    flagTable.property,
    new Map(flagTable.flags.map((flag) => [flag.name.toLowerCase(), flag])),
  ]),
);

/** The keys of FLAG_TABLES: CFG002 asks of every property of every key, where hasOwnProperty through call() cost two calls. */
const FLAG_PROPERTY_NAMES: ReadonlySet<string> = new Set(Object.keys(FLAG_TABLES));

export function isCheckableFlagProperty(name: string): name is FlagPropertyName {
  return FLAG_PROPERTY_NAMES.has(name);
}

export function flagTable(property: FlagPropertyName): FlagTable {
  return FLAG_TABLES[property];
}

/**
 * Whether a property as written is inherited. A Custom element's own `Attributes` (e.g.
 * `INHERIT`) overrides the schema; otherwise the schema decides (by ID first, then by name).
 */
export function propertyInherits(property: Pick<MetabaseProperty, 'name' | 'id' | 'origin' | 'customAttributes'>): boolean {
  if (property.origin === 'custom' && property.customAttributes !== undefined) {
    return property.customAttributes.split(/[\s|,]+/).some((token) => token.toUpperCase() === 'INHERIT');
  }
  const known = (property.id !== undefined ? propertyById(property.id) : undefined) ?? propertyByName(property.name);
  return known?.inherit ?? false;
}

export interface FlagToken {
  /** The token as written. */
  text: string;
  /** UTF-16 offset of the token within the raw value. */
  offset: number;
  /** True when the token names a flag of this property (compared ignoring case) or is `FLAG_nn`. */
  known: boolean;
  bit?: number;
  /** For a known token: false when its case differs from the schema's name (see decodeFlags). */
  exactCase?: boolean;
}

export interface FlagsValue {
  /** The value IIS computes: OR of the known tokens' bits, or the number. Unsigned 32-bit. */
  bits: number;
  /**
   * `symbolic`: a list of names; `numeric`: read as a decimal number (IIS does so whenever the
   * first character is a digit or anything up to '-', white space included); `empty`: "".
   */
  form: 'symbolic' | 'numeric' | 'empty';
  tokens: FlagToken[];
  /** The tokens IIS does not know: one of them makes IIS ignore the whole property. */
  unknownTokens: FlagToken[];
  /** Bits outside the property's mask (from a number or a FLAG_nn token). */
  unknownBits: number;
  /** Numeric form: the non-blank text after the number, which IIS drops (trimmed; offset in raw). */
  ignoredText?: { text: string; offset: number };
}

const FLAG_SEPARATORS = new Set([0x20, 0x2c, 0x7c, 0x09, 0x0d, 0x0a]); // space , | tab CR LF

/**
 * Decode a flag value as IIS does. Token names are matched ignoring case: the reader's lookup
 * for property values goes through a catalog index whose case rules we could not confirm (the
 * Attributes column uses a case-insensitive compare), so a token written in another case
 * counts with its bit and is marked `exactCase: false` for a rule to mention. A misspelt token
 * is unknown and contributes no bit.
 */
export function decodeFlags(property: FlagPropertyName, raw: string): FlagsValue {
  // A metabase repeats a handful of values on thousands of keys: decode each once. The result
  // is frozen because it is shared.
  let cache = decodedFlags.get(property);
  if (!cache) {
    cache = new Map();
    decodedFlags.set(property, cache);
  }
  const cached = cache.get(raw);
  if (cached) return cached;
  const decoded = freezeFlagsValue(decodeFlagsOnce(property, raw));
  if (cache.size < DECODED_FLAGS_LIMIT) cache.set(raw, decoded);
  return decoded;
}

const DECODED_FLAGS_LIMIT = 4096;
const decodedFlags = new Map<FlagPropertyName, Map<string, FlagsValue>>();

function freezeFlagsValue(value: FlagsValue): FlagsValue {
  for (const token of value.tokens) Object.freeze(token);
  Object.freeze(value.tokens);
  Object.freeze(value.unknownTokens);
  if (value.ignoredText) Object.freeze(value.ignoredText);
  return Object.freeze(value);
}

function decodeFlagsOnce(property: FlagPropertyName, raw: string): FlagsValue {
  const flagTableOfProperty = FLAG_TABLES[property];
  if (raw.length === 0) return { bits: 0, form: 'empty', tokens: [], unknownTokens: [], unknownBits: 0 };
  if (readsAsNumber(raw)) {
    const { value, end } = wcstoul(raw);
    const rest = raw.slice(end);
    const leading = rest.length - rest.trimStart().length;
    const result: FlagsValue = {
      bits: value,
      form: 'numeric',
      tokens: [],
      unknownTokens: [],
      unknownBits: (value & ~flagTableOfProperty.mask) >>> 0,
    };
    if (rest.trim() !== '') result.ignoredText = { text: rest.trim(), offset: end + leading };
    return result;
  }
  const byLowerName = FLAGS_BY_LOWER_NAME.get(property)!;
  const tokens: FlagToken[] = [];
  const unknownTokens: FlagToken[] = [];
  let bits = 0;
  let index = 0;
  while (index < raw.length) {
    while (index < raw.length && FLAG_SEPARATORS.has(raw.charCodeAt(index))) index++;
    if (index >= raw.length) break;
    const start = index;
    while (index < raw.length && !FLAG_SEPARATORS.has(raw.charCodeAt(index))) index++;
    const text = raw.slice(start, index);
    const flag = byLowerName.get(text.toLowerCase());
    const genericBit = flag ? undefined : genericFlagBit(text);
    let token: FlagToken;
    if (flag) token = { text, offset: start, known: true, bit: flag.bit, exactCase: text === flag.name };
    else if (genericBit !== undefined) token = { text, offset: start, known: true, bit: genericBit };
    else token = { text, offset: start, known: false };
    if (token.bit !== undefined) bits = (bits | token.bit) >>> 0;
    else unknownTokens.push(token);
    tokens.push(token);
  }
  return { bits, form: 'symbolic', tokens, unknownTokens, unknownBits: (bits & ~flagTableOfProperty.mask) >>> 0 };
}

/** `FLAG_00` .. `FLAG_31` (case-sensitive, two digits): IIS's generic name for bit nn. */
function genericFlagBit(text: string): number | undefined {
  const match = /^FLAG_([0-3][0-9])$/.exec(text);
  if (!match) return undefined;
  const bit = Number(match[1]);
  return bit < 32 ? (1 << bit) >>> 0 : undefined;
}

/** IIS's test: a digit, or any character up to '-' (space, tab, CR, LF, '!' ... '-'), as the first character. */
function readsAsNumber(raw: string): boolean {
  const first = raw.charCodeAt(0);
  return first <= 0x2d || (first >= 0x30 && first <= 0x39);
}

/** C wcstoul(s, 0, 10): skip white space, optional sign, decimal digits; overflow gives 0xFFFFFFFF; '-' negates modulo 2^32. */
function wcstoul(raw: string): { value: number; end: number } {
  let index = 0;
  while (index < raw.length && isCWhiteSpace(raw.charCodeAt(index))) index++;
  let negative = false;
  const sign = raw.charCodeAt(index);
  if (sign === 0x2b || sign === 0x2d) {
    negative = sign === 0x2d;
    index++;
  }
  const digitsStart = index;
  let value = 0;
  let overflow = false;
  while (index < raw.length) {
    const digit = raw.charCodeAt(index) - 0x30;
    if (digit < 0 || digit > 9) break;
    value = value * 10 + digit;
    if (value > 0xffffffff) overflow = true;
    index++;
  }
  // No digits: nothing is read and the end is the start of the string.
  if (index === digitsStart) return { value: 0, end: 0 };
  if (overflow) return { value: 0xffffffff, end: index };
  return { value: negative ? (0x100000000 - value) % 0x100000000 : value, end: index };
}

function isCWhiteSpace(code: number): boolean {
  return code === 0x20 || (code >= 0x09 && code <= 0x0d);
}

const BOOL_WORDS = ['false', 'true', '0', '1', 'no', 'yes', 'off', 'on'];

/**
 * A boolean as IIS reads it: a number (non-zero = true, read like a DWORD), else a non-empty
 * case-insensitive prefix of false/true/0/1/no/yes/off/on (in that order: `o` is `off`).
 * `undefined` when IIS would reject the value (it then ignores the property) or it is empty.
 */
export function decodeBool(raw: string): boolean | undefined {
  if (raw.length === 0) return undefined;
  if (readsAsNumber(raw)) return wcstoul(raw).value !== 0;
  const lowered = raw.toLowerCase();
  const index = BOOL_WORDS.findIndex((word) => word.startsWith(lowered));
  return index === -1 ? undefined : (index & 1) === 1;
}

/**
 * A DWORD as IIS reads it: decimal via wcstoul when the first character is a digit or up to
 * '-' (`"12abc"` is 12, `"0x10"` is 0, `"-1"` is 4294967295). `undefined` for an empty value or
 * one that starts with another character (IIS would try it as flag names).
 */
export function decodeDword(raw: string): number | undefined {
  if (raw.length === 0 || !readsAsNumber(raw)) return undefined;
  return wcstoul(raw).value;
}

export interface MultiSzEntry {
  text: string;
  /** UTF-16 offset of the trimmed entry within the raw value. */
  offset: number;
}

/** A MULTISZ value: one entry per line inside the attribute, each trimmed, blank lines dropped. */
export function decodeMultiSzEntries(raw: string): MultiSzEntry[] {
  const entries: MultiSzEntry[] = [];
  let lineStart = 0;
  for (let index = 0; index <= raw.length; index++) {
    const code = index < raw.length ? raw.charCodeAt(index) : 0x0a;
    if (code !== 0x0a && code !== 0x0d) continue;
    let start = lineStart;
    let end = index;
    while (start < end && isCWhiteSpace(raw.charCodeAt(start))) start++;
    while (end > start && isCWhiteSpace(raw.charCodeAt(end - 1))) end--;
    if (end > start) entries.push({ text: raw.slice(start, end), offset: start });
    if (code === 0x0d && raw.charCodeAt(index + 1) === 0x0a) index++;
    lineStart = index + 1;
  }
  return entries;
}

export function decodeMultiSz(raw: string): string[] {
  return decodeMultiSzEntries(raw).map((entry) => entry.text);
}
