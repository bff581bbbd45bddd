/**
 * CFG002 unknown-flag: a flag name IIS does not know, or numeric bits outside the property's
 * mask, in AccessSSLFlags, AccessFlags, AuthFlags or DirBrowseFlags (the four properties whose
 * complete flag tables the linter has). Reads every property as written, in every metabase
 * file, attribute or `<Custom>` with the property's ID.
 */
import { editDistance } from '../model/edit-distance.js';
import { normaliseLocation } from '../model/metabase.js';
import {
  decodeFlags,
  flagTable,
  isCheckableFlagProperty,
  propertyById,
  type FlagPropertyName,
  type FlagToken,
  type FlagsValue,
} from '../model/metabase-schema.js';
import { sourceOffsetInValue } from '../parse/metabase.js';
import type { MetabaseProperty } from '../parse/metabase-syntax.js';
import type { SourceFile, Span } from '../parse/text.js';
import { listNames, metabaseSubject } from './support.js';
import type { FindingDraft, Rule } from './types.js';

const FLAG_PROPERTIES: readonly FlagPropertyName[] = ['AccessSSLFlags', 'AccessFlags', 'AuthFlags', 'DirBrowseFlags'];
const MAX_SUGGESTION_DISTANCE = 2;
const BLANKS = /^[ \t]+$/;

/** The flag property a written property is, or undefined. A Custom counts by its ID only (IIS identifies it so). */
export function checkedFlagProperty(property: MetabaseProperty): FlagPropertyName | undefined {
  if (property.origin === 'custom') {
    const known = property.id !== undefined ? propertyById(property.id) : undefined;
    return known && isCheckableFlagProperty(known.name) ? known.name : undefined;
  }
  return isCheckableFlagProperty(property.name) ? property.name : undefined;
}

function hex(bits: number): string {
  return `0x${bits.toString(16).toUpperCase()}`;
}

/** Each set bit of `bits` as hex, lowest first. */
function bitList(bits: number): string[] {
  const found: string[] = [];
  for (let bit = 0; bit < 32; bit++) {
    const value = (1 << bit) >>> 0;
    if ((bits & value) !== 0) found.push(hex(value));
  }
  return found;
}


/** The property's flag names closest to `written` (case-insensitive), when within the distance limit. */
export function closestFlagNames(property: FlagPropertyName, written: string): string[] {
  const lowered = written.toLowerCase();
  let best = MAX_SUGGESTION_DISTANCE + 1;
  let closest: string[] = [];
  for (const flag of flagTable(property).flags) {
    const distance = editDistance(lowered, flag.name.toLowerCase(), MAX_SUGGESTION_DISTANCE);
    if (distance < best) {
      best = distance;
      closest = [flag.name];
    } else if (distance === best) {
      closest.push(flag.name);
    }
  }
  return best <= MAX_SUGGESTION_DISTANCE ? closest : [];
}

function exactFlagName(property: FlagPropertyName, written: string): string | undefined {
  const lowered = written.toLowerCase();
  return flagTable(property).flags.find((flag) => flag.name.toLowerCase() === lowered)?.name;
}

/** Another checked property whose table has this exact name (`AccessSSL` written in AccessFlags). */
function owningProperty(property: FlagPropertyName, written: string): { property: FlagPropertyName; name: string } | undefined {
  for (const other of FLAG_PROPERTIES) {
    if (other === property) continue;
    const name = exactFlagName(other, written);
    if (name !== undefined) return { property: other, name };
  }
  return undefined;
}

/** `an AccessSSLFlags flag`, `a DirBrowseFlags flag`. */
function aFlagOf(property: FlagPropertyName): string {
  return `${/^[AEIOU]/.test(property) ? 'an' : 'a'} ${property} flag`;
}

function orList(names: readonly string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

interface PropertyContext {
  file: SourceFile;
  property: MetabaseProperty;
  flagProperty: FlagPropertyName;
  location: string;
  /** `AccessSSLFlags="..."` or `<Custom ID="6030" Value="...">`, for messages. */
  written: string;
}

function describeProperty(property: MetabaseProperty, flagProperty: FlagPropertyName, location: string): string {
  const shown = property.value.length > 80 ? `${property.value.slice(0, 77)}...` : property.value;
  const where = property.origin === 'custom' ? `${flagProperty} (<Custom ID="${property.id ?? ''}">)` : flagProperty;
  return `${where}="${shown}" at ${location || '(no Location)'}`;
}

function valueSpan(context: PropertyContext, start: number, end: number): Span {
  const text = context.file.text;
  return {
    start: sourceOffsetInValue(text, context.property, start),
    end: sourceOffsetInValue(text, context.property, end),
  };
}

function subject(context: PropertyContext, detail: string): string {
  return `${metabaseSubject(context.location, context.flagProperty)}:${detail}`;
}

/** Most tokens a blank-split name is joined from (`Access SSL Require Cert` is four). */
const MAX_JOINED_TOKENS = 4;

/**
 * The flag name that tokens around `index`, separated only by blanks, spell when joined
 * (`Access Script`, `AccessSSL Require Cert`): the longest such run wins. Token indexes inclusive.
 */
function joinedName(
  tokens: readonly FlagToken[],
  index: number,
  consumed: ReadonlySet<FlagToken>,
  property: FlagPropertyName,
  separatorIsBlank: (left: FlagToken, right: FlagToken) => boolean,
): { first: number; last: number; name: string } | undefined {
  let runStart = index;
  while (runStart > 0 && index - runStart < MAX_JOINED_TOKENS - 1) {
    const before = tokens[runStart - 1]!;
    if (consumed.has(before) || !separatorIsBlank(before, tokens[runStart]!)) break;
    runStart--;
  }
  let runEnd = index;
  while (runEnd + 1 < tokens.length && runEnd - index < MAX_JOINED_TOKENS - 1 && separatorIsBlank(tokens[runEnd]!, tokens[runEnd + 1]!)) runEnd++;
  for (let size = Math.min(MAX_JOINED_TOKENS, runEnd - runStart + 1); size >= 2; size--) {
    for (let first = Math.max(runStart, index - size + 1); first <= index && first + size - 1 <= runEnd; first++) {
      const last = first + size - 1;
      const name = exactFlagName(property, tokens.slice(first, last + 1).map((token) => token.text).join(''));
      if (name !== undefined) return { first, last, name };
    }
  }
  return undefined;
}

const CONSEQUENCE = 'IIS cannot read the value, so none of its flags take effect';

function unknownTokenFindings(context: PropertyContext, decoded: FlagsValue): FindingDraft[] {
  const { flagProperty, property } = context;
  const findings: FindingDraft[] = [];
  const tokens = decoded.tokens;
  const consumed = new Set<FlagToken>();
  const separatorIsBlank = (left: FlagToken, right: FlagToken) =>
    BLANKS.test(property.value.slice(left.offset + left.text.length, right.offset));

  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!;
    if (token.known || consumed.has(token)) continue;

    // `Access SSLRequireCert`, `AccessSSL RequireCert`: a blank splits one name into two tokens.
    const joined = joinedName(tokens, index, consumed, flagProperty, separatorIsBlank);
    if (joined) {
      const parts = tokens.slice(joined.first, joined.last + 1);
      for (const part of parts) consumed.add(part);
      const left = parts[0]!;
      const right = parts[parts.length - 1]!;
      const text = property.value.slice(left.offset, right.offset + right.text.length);
      const unknown = parts.filter((part) => !part.known).map((part) => `\`${part.text}\``);
      findings.push({
        message:
          `\`${text}\` is not ${aFlagOf(flagProperty)}: IIS splits flag names at blanks and does not know ${listNames(unknown)} ` +
          `(in ${context.written}). ${CONSEQUENCE}. Did you mean ${joined.name}?`,
        file: context.file,
        span: valueSpan(context, left.offset, right.offset + right.text.length),
        subject: subject(context, text),
      });
      continue;
    }

    const owner = owningProperty(flagProperty, token.text);
    const suggestions = closestFlagNames(flagProperty, token.text);
    let advice = '';
    if (owner) advice = `. ${owner.name} is ${aFlagOf(owner.property)}: set it there`;
    else if (suggestions.length > 0) advice = `. Did you mean ${orList(suggestions)}?`;
    const resemblance = suggestions.length > 0 && !owner ? ' (a misspelt name never counts as the flag it resembles)' : '';
    findings.push({
      message:
        `\`${token.text}\` is not ${aFlagOf(flagProperty)} IIS knows (in ${context.written}). ` +
        `${CONSEQUENCE}${resemblance}${advice}${advice.endsWith('?') ? '' : '.'}`,
      file: context.file,
      span: valueSpan(context, token.offset, token.offset + token.text.length),
      subject: subject(context, token.text),
    });
  }

  // `FLAG_nn` is IIS's generic name for bit nn: known to the reader, but a bit outside the table.
  const mask = flagTable(flagProperty).mask;
  for (const token of tokens) {
    if (!token.known || token.bit === undefined || (token.bit & ~mask) >>> 0 === 0) continue;
    findings.push({
      message:
        `\`${token.text}\` sets bit ${hex(token.bit)}, which is not ${aFlagOf(flagProperty)} (in ${context.written}). ` +
        'No part of IIS 6.0 reads that bit, so the value does not do what it was written for.',
      file: context.file,
      span: valueSpan(context, token.offset, token.offset + token.text.length),
      subject: subject(context, token.text),
    });
  }
  return findings;
}

function numericFindings(context: PropertyContext, decoded: FlagsValue): FindingDraft[] {
  const { flagProperty, property } = context;
  const findings: FindingDraft[] = [];
  if (decoded.unknownBits !== 0) {
    const unknown = bitList(decoded.unknownBits);
    const table = flagTable(flagProperty);
    findings.push({
      message:
        `${flagProperty} is ${decoded.bits} (${hex(decoded.bits)}), which sets ${unknown.length === 1 ? 'bit' : 'bits'} ` +
        `${listNames(unknown, 8)} that no ${flagProperty} flag has (at ${context.location || '(no Location)'}). ` +
        `No part of IIS 6.0 reads ${unknown.length === 1 ? 'it' : 'them'}, so the number does not mean what it was written for; ` +
        `the ${flagProperty} flags are ${table.flags.map((flag) => `${flag.name}=${hex(flag.bit)}`).join(', ')}.`,
      file: context.file,
      span: property.valueSpan,
      subject: subject(context, `bits-${hex(decoded.unknownBits)}`),
    });
  }
  if (decoded.ignoredText) {
    const raw = decoded.ignoredText.text;
    const leading = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    const start = decoded.ignoredText.offset + leading;
    const firstIsDigit = /^[0-9]/.test(property.value);
    const why = firstIsDigit
      ? `IIS reads a value that starts with a digit as a decimal number: it reads ${decoded.bits} and ignores \`${trimmed}\``
      : `IIS reads a value that starts with a blank or punctuation as a decimal number: it reads ${decoded.bits} and ignores \`${trimmed}\``;
    findings.push({
      message:
        `${why} (in ${context.written}). Write either one decimal number or flag names separated by \` | \`, with nothing before the first name.`,
      file: context.file,
      span: valueSpan(context, start, start + trimmed.length),
      subject: subject(context, `ignored-${trimmed}`),
    });
  }
  return findings;
}

export const CFG002: Rule = {
  meta: {
    id: 'CFG002',
    name: 'unknown-flag',
    shortDescription: 'A flag name IIS does not know, or bits no flag has, in AccessSSLFlags, AccessFlags, AuthFlags or DirBrowseFlags.',
    fullDescription:
      'Checks every AccessSSLFlags, AccessFlags, AuthFlags and DirBrowseFlags value in MetaBase.xml (attribute or <Custom> ' +
      'with the property ID) against the complete IIS 6.0 flag table: an unknown or misspelt name, a number with bits ' +
      'outside the property, or text IIS drops after a number. IIS cannot read such a value as meant.',
    helpMarkdown: `
## What it finds
In the four flag properties whose complete tables iislint has — **AccessSSLFlags** (6030), **AccessFlags** (6016),
**AuthFlags** (6000) and **DirBrowseFlags** (6005), written as attributes or as \`<Custom>\` elements with that ID:
- a token that is not a flag of the property (\`AccessSSLRequireCer\`, \`Access SSLRequireCert\` split by a blank,
  \`AccessSSL\` written in AccessFlags as IIS 5 did). The finding points at the token itself and names the closest
  flag within two edits ("did you mean AccessSSLRequireCert?");
- a decimal value with bits no flag of the property has (\`AccessSSLFlags="4"\`), or \`FLAG_nn\` for such a bit —
  at the value, naming the bits in hex;
- text IIS drops after a number: IIS reads any value whose first character is a digit, a blank or punctuation up
  to \`-\` as a decimal number and stops at the first non-digit, so \`"8 | 64"\` is 8 and \`" AccessSSL"\` is 0.

## Why it matters
A misspelt flag never counts as the flag it resembles: \`AccessSSLRequireCer\` does not require client certificates,
and IIS cannot read the value at all. The IIS 6.0 documentation says an invalid property is logged as "cannot read
property" while the rest of IIS keeps running; other notes say IIS refuses to load the metabase. Either way the
setting does not take effect: SSL that you think is required (\`AccessSSL\`) or 128-bit encryption
(\`AccessSSL128\`) may not be, and an audit of the file reads a configuration the server does not run. Unknown
numeric bits usually mean a value meant for another property (IIS 5's AccessFlags carried the SSL bits).

## Bad
\`\`\`xml
<IIsWebVirtualDir	Location ="/LM/W3SVC/1/ROOT"
		AccessFlags="AccessRead | AccessScrpt"
		AccessSSLFlags="AccessSSL | AccessSSLRequireCer"
		AuthFlags="20"
	>
</IIsWebVirtualDir>
\`\`\`

## Good
\`\`\`xml
<IIsWebVirtualDir	Location ="/LM/W3SVC/1/ROOT"
		AccessFlags="AccessRead | AccessScript"
		AccessSSLFlags="AccessSSL | AccessSSL128"
		AuthFlags="AuthNTLM | AuthMD5"
	>
</IIsWebVirtualDir>
\`\`\`

## How to fix
Use the exact names (IIS writes them joined by \` | \`) or one decimal number made only of the property's bits:
- AccessSSLFlags: AccessSSL=8, AccessSSLNegotiateCert=32, AccessSSLRequireCert=64, AccessSSLMapCert=128, AccessSSL128=256
- AccessFlags: AccessRead=1, AccessWrite=2, AccessExecute=4, AccessSource=16, AccessScript=512, AccessNoRemoteWrite=1024,
  AccessNoRemoteRead=4096, AccessNoRemoteExecute=8192, AccessNoRemoteScript=16384, AccessNoPhysicalDir=32768
- AuthFlags: AuthAnonymous=1, AuthBasic=2, AuthNTLM=4, AuthMD5=16, AuthPassport=64
- DirBrowseFlags: DirBrowseShowDate=2, DirBrowseShowTime=4, DirBrowseShowSize=8, DirBrowseShowExtension=16,
  DirBrowseShowLongDate=32, EnableDefaultDoc=0x40000000, EnableDirBrowsing=0x80000000

## Notes
- Only these four properties are checked: for other flag properties (LogExtFileFlags, ServerConfigFlags, ...)
  iislint lacks the complete table and never guesses.
- Names are compared ignoring case, as the model does (the case rule of IIS's lookup is unconfirmed): a known name in
  another case is not reported. \`FLAG_00\`..\`FLAG_31\` (IIS's generic bit names) are accepted when the bit is one of
  the property's.
- A \`<Custom>\` element counts by its \`ID\` (6030, 6016, 6000, 6005), whatever its \`Name\` says.
- Positions are exact inside the value, also when the value holds XML entities (\`&#x20;\`): the finding covers the
  token's text as written in the file.
- A token that is a flag of another checked property (\`AccessSSL\` in AccessFlags) is reported with that property
  named instead of a spelling suggestion. Two tokens a blank split apart (\`Access SSLRequireCert\`) are one finding.
- Every metabase file of the server is checked, also one that is not well-formed (CFG001): the properties read before
  the XML error are reported too.
`,
    defaultLevel: 'error',
    tags: ['correctness', 'security', 'external/cwe/cwe-16'],
    securitySeverity: '6.5',
    precision: 'very-high',
    kernelSslMigration: true,
  },
  check(server) {
    const findings: FindingDraft[] = [];
    for (const document of server.metabaseDocuments) {
      const keys = document.keys;
      for (let keyIndex = 0; keyIndex < keys.length; keyIndex++) {
        const key = keys[keyIndex]!;
        const propertyCount = key.propertyCount;
        for (let index = 0; index < propertyCount; index++) {
          // Only the four flag properties are read: the name alone rules out the rest (a
          // Custom with a flag property's ID carries that property's name).
          const name = key.propertyName(index);
          if (!isCheckableFlagProperty(name)) continue;
          // The common case, decided from the value alone (no property object): every token
          // known, no stray bit. A Custom named like a flag property without its ID is no flag
          // property (see checkedFlagProperty), so the name decodes as the property would.
          const quick = decodeFlags(name, key.propertyValue(index));
          if (quick.form === 'empty' || (quick.form === 'symbolic' && quick.unknownTokens.length === 0 && quick.unknownBits === 0)) continue;
          const property = key.property(index);
          const flagProperty = checkedFlagProperty(property);
          if (flagProperty === undefined) continue;
          const decoded = decodeFlags(flagProperty, property.value);
          const location = normaliseLocation(key.location);
          const context: PropertyContext = {
            file: document.source,
            property,
            flagProperty,
            location,
            written: describeProperty(property, flagProperty, location),
          };
          if (decoded.form === 'numeric') findings.push(...numericFindings(context, decoded));
          else findings.push(...unknownTokenFindings(context, decoded));
        }
      }
    }
    return findings;
  },
};
