/**
 * CFG005 schannel-key-unknown: a key under SCHANNEL that SChannel never reads (the model's
 * `schannel.unknownKeys`), with the most likely mistake and the key the author meant. A key
 * that only disables something the target OS does not have at all is harmless: a note.
 */
import type { OsProfile } from '../model/os-profiles.js';
import type { RegistryKey } from '../model/registry.js';
import { SCHANNEL_ROOT_SEGMENTS, type UnknownSchannelKey } from '../model/schannel.js';
import { DISABLED_BY_DEFAULT_VALUE, ENABLED_VALUE } from '../model/schannel-catalog.js';
import type { OsReason, ServerModel } from '../model/server.js';
import type { RegKeyLine } from '../parse/reg-syntax.js';
import { listNames, registrySubject } from './support.js';
import type { Fix, FindingDraft, Level, Rule, TextEdit } from './types.js';

const OS_NAMES: Readonly<Record<OsProfile, string>> = {
  'win2003-sp1': 'Windows Server 2003 SP1',
  'win2003-sp2': 'Windows Server 2003 SP2',
  win2008: 'Windows Server 2008',
  win2008r2: 'Windows Server 2008 R2',
  win2012: 'Windows Server 2012',
  win2012r2: 'Windows Server 2012 R2',
  win2016: 'Windows Server 2016',
  win2019: 'Windows Server 2019',
  win2022: 'Windows Server 2022',
  win2025: 'Windows Server 2025',
};

/** Characters pasted for `/` (the model's list), with their Unicode names for messages. */
const LOOKALIKE_SLASH_NAMES: ReadonlyMap<string, string> = new Map([
  ['\u2044', 'FRACTION SLASH'],
  ['\u2215', 'DIVISION SLASH'],
  ['\uFF0F', 'FULLWIDTH SOLIDUS'],
  ['\u29F8', 'BIG SOLIDUS'],
  ['\u2571', 'BOX DRAWINGS LIGHT DIAGONAL UPPER RIGHT TO LOWER LEFT'],
  ['\u27CB', 'MATHEMATICAL RISING DIAGONAL'],
  ['\u1735', 'PHILIPPINE SINGLE PUNCTUATION'],
]);

const CATEGORY_WORDS: Readonly<Record<string, string>> = {
  protocols: 'protocol',
  ciphers: 'cipher',
  hashes: 'hash',
  keyexchangealgorithms: 'key exchange algorithm',
};

/** Reasons whose suggestion is a rename of the key (value-as-key's suggestion is the parent: no rename). */
const RENAME_REASONS = new Set(['misspelt', 'lookalike-slash', 'wrong-parent', 'wrong-os']);

export function osName(os: OsProfile): string {
  return OS_NAMES[os];
}

function osBecause(reason: OsReason): string {
  switch (reason) {
    case 'option':
      return 'the target OS set by the `os` option';
    case 'iis6-metabase':
      return 'the target OS assumed because this server has an IIS 6.0 metabase';
    case 'enable-kernel-ssl':
      return 'the target OS assumed because HTTP\\Parameters sets EnableKernelSSL, which only Server 2003 SP1 and later 2003 releases read';
    case 'current-version':
      return 'the target OS read from the Windows NT\\CurrentVersion export';
    case 'iis7-config':
    case 'unknown':
      return 'the target OS';
  }
}

function codePoint(character: string): string {
  return `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** `SCHANNEL\Ciphers\RC4 128/128`. */
function schannelPath(relative: string): string {
  return relative === '' ? 'SCHANNEL' : `SCHANNEL\\${relative}`;
}

function isDword(key: RegistryKey, name: string): number | undefined {
  const data = key.value(name)?.data;
  return data && data.type === 'REG_DWORD' && 'dword' in data ? data.dword : undefined;
}

/**
 * True when the key's own values would turn nothing on: every value is `Enabled`=DWORD 0, or
 * `DisabledByDefault`=DWORD non-zero (or 0 beside `Enabled`=0). A key without values counts. Each
 * written subkey is an unknown key of its own and is judged by its own values.
 */
export function onlyDisables(key: RegistryKey): boolean {
  for (const value of key.values.values()) {
    const name = value.name.toLowerCase();
    const dword = value.data.type === 'REG_DWORD' && 'dword' in value.data ? value.data.dword : undefined;
    if (dword === undefined) return false;
    if (name === ENABLED_VALUE.toLowerCase()) {
      if (dword !== 0) return false;
    } else if (name === DISABLED_BY_DEFAULT_VALUE.toLowerCase()) {
      if (dword === 0 && isDword(key, ENABLED_VALUE) !== 0) return false;
    } else {
      return false;
    }
  }
  return true;
}

/** `its Enabled value does nothing`, naming up to three values the key holds. */
function valuesClause(key: RegistryKey): string {
  const names = [...key.values.values()].map((value) => `\`${value.name === '' ? '@' : value.name}\``);
  if (names.length === 0) return 'anything written under it does nothing';
  return `${names.length === 1 ? 'its value' : 'its values'} ${listNames(names, 3)} ${names.length === 1 ? 'does' : 'do'} nothing`;
}

/**
 * The key line's path text with the part below SCHANNEL replaced by `suggestion`; undefined when
 * the path as written does not reach SCHANNEL in the expected number of segments.
 */
function renamedPath(keyLine: RegKeyLine, suggestion: string): string | undefined {
  const path = keyLine.path;
  let seen = 0;
  let index = 0;
  while (index < path.length && seen < SCHANNEL_ROOT_SEGMENTS.length) {
    while (index < path.length && path[index] === '\\') index++;
    if (index >= path.length) break;
    while (index < path.length && path[index] !== '\\') index++;
    seen++;
  }
  if (seen < SCHANNEL_ROOT_SEGMENTS.length) return undefined;
  return `${path.slice(0, index)}\\${suggestion}`;
}

function renameFix(unknown: UnknownSchannelKey, suggestion: string): Fix | undefined {
  const edits: TextEdit[] = [];
  for (const origin of unknown.key.origins) {
    const renamed = renamedPath(origin.keyLine, suggestion);
    if (renamed === undefined) return undefined;
    if (renamed === origin.keyLine.path) continue;
    edits.push({ file: origin.file, span: origin.keyLine.pathSpan, text: renamed });
  }
  if (edits.length === 0) return undefined;
  const lines = edits.length === 1 ? 'the key line' : `the ${edits.length} key lines`;
  return { description: `Rename ${lines} to ${schannelPath(suggestion)}.`, edits };
}

interface Described {
  message: string;
  level?: Level;
}

/** `Ciphers\AES 128/128` or `Ciphers\AES 256/256` (any case): the keys KB948963 brings to Server 2003. */
const AES_ON_2003_UPDATE = /^ciphers\\aes (?:128\/128|256\/256)$/i;

function describe(unknown: UnknownSchannelKey, server: ServerModel): Described {
  const { classification, key } = unknown;
  const written = unknown.relativeSegments.join('\\');
  const here = `\`${schannelPath(written)}\``;
  const suggestion = classification.suggestion;
  const meant = suggestion === undefined ? '' : ` Did you mean \`${schannelPath(suggestion)}\`?`;
  const nothing = valuesClause(key);
  switch (classification.reason) {
    case 'misspelt':
      return {
        message:
          suggestion === undefined
            ? `SChannel never reads ${here}: the name is misspelt and close to more than one SChannel name, so ${nothing}.`
            : `SChannel never reads ${here}: the name is misspelt, so ${nothing}.${meant}`,
      };
    case 'lookalike-slash': {
      const character = [...written].find((candidate) => LOOKALIKE_SLASH_NAMES.has(candidate)) ?? '';
      const name = LOOKALIKE_SLASH_NAMES.get(character) ?? 'a look-alike';
      return {
        message:
          `SChannel never reads ${here}: it has \`${character}\` (${codePoint(character)} ${name}) where SChannel's name has \`/\` (U+002F SOLIDUS), ` +
          `so ${nothing}.${meant}`,
      };
    }
    case 'wrong-os': {
      const os = server.os;
      const osText = os === undefined ? 'the target OS' : osName(os);
      const because = osBecause(server.osReason);
      const category = CATEGORY_WORDS[(unknown.relativeSegments[0] ?? '').toLowerCase()] ?? 'name';
      const subject = unknown.relativeSegments[1] ?? written;
      if (os !== undefined && os.startsWith('win2003') && AES_ON_2003_UPDATE.test(written)) {
        // Stock 2003 has no AES suites, but KB948963 adds them: the key may well be read there.
        return {
          level: 'note',
          message:
            `Stock ${osText} (${because}) has no AES cipher suites, so without updates SChannel never reads ${here}; ` +
            'the update KB948963 adds AES cipher suites to Windows Server 2003, and this server may have it. ' +
            'Nothing in its files tells: check that the update is installed if this setting matters.',
        };
      }
      if (suggestion !== undefined) {
        return {
          message:
            `SChannel on ${osText} (${because}) never reads ${here}: that ${category} name belongs to other Windows versions, ` +
            `so ${nothing}.${meant}`,
        };
      }
      if (onlyDisables(key)) {
        return {
          level: 'note',
          message:
            `${osText} (${because}) has no ${subject} ${category}: SChannel there never reads ${here}. ` +
            `${key.values.size === 0 ? 'The key holds no values' : 'The key only disables it'}, so it does no harm; ` +
            'delete it, or keep it if the same file also serves other Windows versions.',
        };
      }
      return {
        message: `${osText} (${because}) has no ${subject} ${category}: SChannel there never reads ${here}, so ${nothing}.`,
      };
    }
    case 'value-as-key': {
      const valueName = unknown.relativeSegments[unknown.relativeSegments.length - 1] ?? '';
      const dword = isDword(key, '');
      const line =
        dword === undefined
          ? `"${valueName}"=dword:...`
          : `"${valueName}"=dword:${dword.toString(16).padStart(8, '0')}`;
      if (suggestion === undefined) {
        return {
          message:
            `\`${valueName}\` is written as a key (${here}), but SChannel reads it only as a value of a protocol's \`Server\` or \`Client\` key ` +
            `or of a cipher, hash or key exchange key: ${nothing}. Write \`${line}\` in the key it was meant for.`,
        };
      }
      const parent = `\`${schannelPath(suggestion)}\``;
      return {
        message:
          `\`${valueName}\` is written as a key (${here}), but SChannel reads it as a value of ${parent}: ${nothing}. ` +
          `Write \`${line}\` under ${parent} instead.`,
      };
    }
    case 'wrong-parent':
      return {
        message: `SChannel never reads ${here}: the name belongs under another parent key, so ${nothing}.${meant}`,
      };
    case 'unknown-name':
      return {
        message:
          suggestion === undefined
            ? `SChannel does not know ${here}: it never reads this key, so ${nothing}.`
            : `SChannel does not know ${here}: it never reads this key, so ${nothing}.${meant}`,
      };
  }
}

export const CFG005: Rule = {
  meta: {
    id: 'CFG005',
    name: 'schannel-key-unknown',
    shortDescription: 'A key under SCHANNEL that SChannel never reads: misspelt, look-alike slash, wrong OS, value written as a key, wrong parent.',
    fullDescription:
      'Reports registry keys under HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL that SChannel ' +
      'silently ignores, so the setting they hold does nothing, with the likely mistake and the key that was meant.',
    helpMarkdown: `
## What it finds
Keys under \`HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\` that SChannel on the target OS
never reads, at the key's path in its \`[...]\` line, with the reason:
- **misspelt**: \`Ciphers\\Tripple DES 168/168\`, \`Protocls\\TLS 1.0\\Server\`, \`Protocols\\TLS 1.0\\Sever\`, \`RC4 128\\128\`
  (a backslash for the slash makes two keys);
- **look-alike slash**: \`RC4 128∕128\` with U+2215 DIVISION SLASH (pasted from web pages) instead of \`/\`;
- **wrong OS**: a name this Windows version does not use: \`Triple DES 168\` on Server 2003, which reads
  \`Triple DES 168/168\` (KB 245030), the reverse on Vista and later; \`PCT 1.0\` from Server 2008; \`SSL 2.0\` from
  Server 2016; TLS 1.1/1.2 and SHA-2 on Server 2003. \`AES 128/128\` and \`AES 256/256\` on Server 2003 are a **note**:
  stock 2003 has no AES cipher suites, but the update KB948963 adds them, so the key may be read there;
- **value written as a key**: \`[...\\RC4 40/128\\Enabled]\` instead of the value \`"Enabled"=dword:0\`;
- **wrong parent**: \`KeyExchangeAlgorithms\\Triple DES 168\`, a cipher under the key-exchange key;
- **unknown name**: anything else SChannel does not know.

The message names the key that was meant when that is unambiguous ("did you mean ...?").

## Why it matters
SChannel silently ignores a key it does not know: a script that "disables" \`Triple DES 168\` on Server 2003
leaves 3DES on (Sweet32, CVE-2016-2183); \`RC4 128∕128\` with a look-alike slash leaves RC4 on (RFC 7465);
\`Protocls\\SSL 3.0\` leaves SSL 3.0 on (POODLE, CVE-2014-3566). The file looks right and the server is not.

## Bad
\`\`\`reg
Windows Registry Editor Version 5.00

[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Ciphers\\Triple DES 168]
"Enabled"=dword:00000000

[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Ciphers\\RC2 40/128\\Enabled]
@=dword:00000000
\`\`\`

## Good
\`\`\`reg
Windows Registry Editor Version 5.00

[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Ciphers\\Triple DES 168/168]
"Enabled"=dword:00000000

[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Ciphers\\RC2 40/128]
"Enabled"=dword:00000000
\`\`\`

## How to fix
Rename the key to the name SChannel reads on the target OS (the message suggests it), move a value written as a key
into its parent key as a DWORD value, and delete keys for algorithms the OS does not have.

\`iislint --fix\` (or \`--fix-dry-run\` to see the diff first) renames the key when the intended name is unambiguous
(misspelt, look-alike slash, wrong parent, wrong OS; see Notes). It is safe because the key's own values then take
effect as written; if one of them enables something weak, other rules report it on the next run.

## Notes
- **Target OS.** Wrong-OS findings depend on the target OS: the \`os\` option, else Server 2003 SP1 when the server has
  an IIS 6.0 metabase or sets EnableKernelSSL, else unknown — then a name any supported version reads is accepted
  and no wrong-OS finding is made. The message says which OS and why.
- **Harmless keys are notes.** On Server 2008 and later, \`PCT 1.0\` is gone, and \`SSL 2.0\` from Server 2016;
  best-practice files disable them anyway and are often applied to every server. A wrong-OS key without a
  counterpart name, whose own values only disable (every value is \`Enabled\`=0 or \`DisabledByDefault\`=1, or it has
  no values: an empty \`Protocols\\TLS 1.2\` parent of the \`Server\`/\`Client\` keys), is reported at level **note**,
  saying it does no harm; each written subkey is judged by its own values. A wrong-OS key that tries to enable something,
  or that has a counterpart the OS does read (\`Triple DES 168\` on 2003: 3DES stays on), stays a warning.
- **Where.** One finding per unknown key, at the path of the first \`[...]\` line that opened it; a key implied only
  by a deeper key's path is reported through that deeper key. Keys deleted by a later \`[-key]\` are not reported.
- **Fix** (offered with the finding): when there is a suggestion and the reason is misspelt, look-alike slash, wrong
  parent or wrong OS, the path text of every \`[...]\` line that opened the key is replaced by the suggested key
  (the part up to SCHANNEL kept as written). Only the path text changes; values stay where they are. Value written
  as a key and unknown names get no fix.
- A name whose digits differ from every known name (\`RC4 128/12\`, \`MD4\`, \`TLS 1.4\`) is an unknown name, never
  "misspelt": a different number names a different algorithm, so no rename is suggested.
- \`CipherSuites\` (kept empty on stock systems) and the documented \`Messaging\` subtree are not checked.
`,
    defaultLevel: 'warning',
    tags: ['correctness', 'security', 'external/cwe/cwe-16'],
    securitySeverity: '5.5',
    precision: 'high',
    kernelSslMigration: true,
    fixable: true,
  },
  check(server) {
    const findings: FindingDraft[] = [];
    for (const unknown of server.schannel.unknownKeys) {
      const described = describe(unknown, server);
      const finding: FindingDraft = {
        message: described.message,
        file: unknown.origin.file,
        span: unknown.origin.keyLine.pathSpan,
        subject: registrySubject(unknown.key),
      };
      if (described.level) finding.level = described.level;
      const suggestion = unknown.classification.suggestion;
      if (suggestion !== undefined && RENAME_REASONS.has(unknown.classification.reason)) {
        const fix = renameFix(unknown, suggestion);
        if (fix) finding.fix = fix;
      }
      findings.push(finding);
    }
    return findings;
  },
};
