/**
 * KSSL004 rc2-cipher-enabled: an RC2 cipher that SChannel leaves enabled, explicitly or by the
 * target OS's default. Kernel-mode SSL (Server 2003 SP1+ http.sys) cannot run RC2.
 */
import type { RegistryValue } from '../model/registry.js';
import { SCHANNEL_ROOT_SEGMENTS, settingKeyPath, type SchannelSetting } from '../model/schannel.js';
import { RC2_CIPHERS } from '../model/schannel-catalog.js';
import type { OsProfile } from '../model/os-profiles.js';
import type { ServerModel } from '../model/server.js';
import {
  defaultAnchor,
  describeDeletion,
  DISABLED_DWORD,
  disableValueFix,
  insertDisabledKeysFix,
  osLabel,
  targetOsPhrase,
  valueAsWritten,
} from './shared/schannel-findings.js';
import { kernelSslContext, listNames, registrySubject, type KernelSslContext } from './support.js';
import type { FindingDraft, Rule } from './types.js';

const CIPHERS_SEGMENTS = [...SCHANNEL_ROOT_SEGMENTS, 'Ciphers'];
const CIPHERS_PATH = CIPHERS_SEGMENTS.join('\\');

function explicitFinding(setting: SchannelSetting, value: RegistryValue, context: KernelSslContext): FindingDraft {
  const name = setting.subject.name;
  return {
    message:
      `RC2 cipher \`${name}\` is enabled (\`${valueAsWritten(value)}\` in ${value.file.path}). ` +
      `Kernel-mode SSL does not support RC2 ciphers, so a handshake that picks one fails: this ${context.consequence}. ` +
      `RC2 is also a weak legacy cipher (its 40- and 56-bit variants are export grade); set \`Enabled\` to ${DISABLED_DWORD}.`,
    file: value.file,
    span: value.valueLine.span,
    subject: registrySubject(settingKeyPath(setting), 'Enabled'),
    fix: disableValueFix(value, `"Enabled" of \`${name}\``),
    level: context.level,
  };
}

function defaultFinding(server: ServerModel, settings: readonly SchannelSetting[], os: OsProfile, context: KernelSslContext): FindingDraft | undefined {
  const anchor = defaultAnchor(server, settings);
  if (!anchor) return undefined;
  // One pass over the ciphers for every list the message and the fix name them in.
  const names: string[] = [];
  const keys: string[] = [];
  const keySegments: (readonly string[])[] = [];
  const deleted: string[] = [];
  for (let index = 0; index < settings.length; index++) {
    const setting = settings[index]!;
    const name = setting.subject.name;
    names.push(`\`${name}\``);
    keys.push(`\`SCHANNEL\\Ciphers\\${name}\``);
    keySegments.push(setting.segments);
    const deletion = setting.removedBy;
    if (!deletion) continue;
    const what = deletion.valueLine ? `the \`Enabled\` value of \`${name}\`` : `the key \`${name}\``;
    deleted.push(`${what} was removed by ${describeDeletion(deletion)}`);
  }
  const plural = settings.length > 1;
  const schannelFiles = server.schannel.files;
  const files: string[] = [];
  for (let index = 0; index < schannelFiles.length; index++) files.push(schannelFiles[index]!.path);
  const listed = listNames(names, names.length);
  const fix = insertDisabledKeysFix(server, keySegments, `Add "Enabled"=${DISABLED_DWORD} under ${listed}`);
  const finding: FindingDraft = {
    message:
      `RC2 ${plural ? 'ciphers' : 'cipher'} ${listed} ${plural ? 'are' : 'is'} enabled by the ${osLabel(os)} default. ` +
      `This server's SChannel settings (${listNames(files, files.length)}) leave ${plural ? 'their' : 'its'} \`Enabled\` value absent, ` +
      `and ${targetOsPhrase(server, os)} enables every RC2 cipher whose \`Enabled\` value is absent (KB245030)` +
      (deleted.length > 0 ? `; ${listNames(deleted, deleted.length)}. ` : '. ') +
      `Kernel-mode SSL does not support RC2 ciphers, so a handshake that picks one fails: this ${context.consequence}. ` +
      `Add \`"Enabled"=${DISABLED_DWORD}\` under ${listNames(keys, keys.length)}.`,
    file: anchor.file,
    span: anchor.span,
    subject: registrySubject(CIPHERS_PATH, 'RC2 default'),
  };
  // Set, not spread in: the finding keeps its key order (fix before level) without a copy.
  if (fix) finding.fix = fix;
  finding.level = context.level;
  return finding;
}

export const KSSL004: Rule = {
  meta: {
    id: 'KSSL004',
    name: 'rc2-cipher-enabled',
    shortDescription: 'An RC2 cipher is enabled in SChannel, explicitly or by the Windows Server 2003 default; kernel-mode SSL cannot use RC2.',
    fullDescription:
      'Finds every RC2 cipher (RC2 40/128, RC2 56/128, RC2 128/128) that SChannel leaves enabled: ' +
      'an explicit non-zero `Enabled` value, or an absent one on a target OS that enables RC2 by default (all RC2 on Windows Server 2003). ' +
      'Kernel-mode SSL in http.sys does not support RC2.',
    helpMarkdown: `
## What it finds
Every RC2 cipher that SChannel leaves enabled on the server:

- **Explicit**: \`HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Ciphers\\<RC2 cipher>\` has an
  \`Enabled\` REG_DWORD other than 0 (SChannel treats any non-zero value as enabled, 1 and 0xffffffff alike). One finding
  per cipher, at the \`"Enabled"=\` line.
- **Default**: the \`Enabled\` value is absent (never written, deleted with \`"Enabled"=-\`, or its key deleted with
  \`[-...]\` in a later file) and the target OS enables the cipher by default. Windows Server 2003 SP1/SP2 enables
  every RC2 cipher when \`Enabled\` is not configured (KB245030). One finding per server, listing the ciphers left on,
  placed by the project's one rule for a missing value (README, "Where a finding about a missing value points"): the
  \`[-key]\` line that removed the ciphers' keys, else the \`[...\\Ciphers]\` line (or the first cipher key) of the last
  file that writes under \`Ciphers\`, else the first SChannel key of the last file that writes under \`SCHANNEL\`.

The ciphers are \`RC2 40/128\`, \`RC2 56/128\` and \`RC2 128/128\`. \`RC2 56/56\` is not one of them: KB245030 lists that key
under the heading "DES 56" ("This registry key refers to 56-bit DES as specified in FIPS 46-2"), so it is a misnamed DES
key and this rule never reports it. The level follows
the kernel-mode SSL context: **error** when \`EnableKernelSSL\` is 1 (it breaks now) or absent or invalid (it would
break when kernel-mode SSL is enabled; KSSL006 reports an invalid one), **warning** when it is 0 (it blocks enabling kernel-mode SSL); always **error** with
\`--kernel-ssl on\`; the rule does not run with \`--kernel-ssl off\`.

## Why it matters
Kernel-mode SSL (Windows Server 2003 SP1+, \`HTTP\\Parameters\\EnableKernelSSL\` = 1) keeps record encryption in the
kernel, and the kernel implementation has no RC2 (MSDN "Kernel-Mode SSL", TechNet cc758709). When SChannel still offers
RC2 and a client picks it, the connection fails. RC2 is also weak: its 40- and 56-bit variants are export-grade ciphers
of the class broken by FREAK (CVE-2015-0204), and no modern client needs any RC2 suite.

## Bad
\`\`\`reg
Windows Registry Editor Version 5.00

[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Ciphers\\RC2 40/128]
"Enabled"=dword:ffffffff
\`\`\`
On a Windows Server 2003 server, an export whose \`Ciphers\` key has no RC2 subkeys is also flagged: all three RC2
ciphers stay on by default.

## Good
\`\`\`reg
Windows Registry Editor Version 5.00

[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Ciphers\\RC2 128/128]
"Enabled"=dword:00000000

[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Ciphers\\RC2 56/128]
"Enabled"=dword:00000000

[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Ciphers\\RC2 40/128]
"Enabled"=dword:00000000
\`\`\`

## How to fix
Write \`"Enabled"=dword:00000000\` under every RC2 cipher key (create the keys that are missing), import the file, and
restart the server. KB245030 describes cipher changes as taking effect without a restart but asks for one after other
SCHANNEL changes; a restart makes sure every setting of the file is in force. \`iislint --fix\` does exactly that (\`--fix-dry-run\` shows the
diff first): it rewrites an explicit value's data to \`dword:00000000\`, or appends the missing cipher keys to the last
.reg file of the server that writes SChannel settings (a later file wins, so appending to an earlier one could be
undone), in that file's newline style. Keys are appended only after the other fixes of the server are applied: a value
that \`--fix\` moves off its key's line (CFG003) may already disable the cipher. For exports that are snapshots of live
servers, \`iislint remediate -o FILE.reg\` writes one importable file that disables every RC2 cipher left on.

## Assumptions
- The target OS decides the default. With an IIS 6 metabase (or \`EnableKernelSSL\`) beside the export the server is
  taken to be Windows Server 2003 SP1, whose RC2 default is "enabled". Without either, or with \`--os\` naming a later
  Windows version (for which no Microsoft source states an RC2 default), only explicit values are reported.
- A server with no SChannel export at all gets no default finding here: KSSL007 (schannel-export-missing) reports the
  missing export instead.
- An \`Enabled\` value that is not a REG_DWORD is undefined behaviour (CFG004 reports it); this rule does not guess.

## Notes
- The message names the deletions that left a cipher at its default: \`[-...\\Ciphers\\RC2 40/128]\` in a later file, or
  \`"Enabled"=-\`, with file and line.
`,
    defaultLevel: 'error',
    tags: ['security', 'kernel-mode-ssl', 'schannel', 'external/cwe/cwe-327'],
    securitySeverity: '7.5',
    precision: 'high',
    server2003Only: true,
    kernelSslMigration: true,
    kernelSslOnly: true,
    fixable: true,
  },
  check(server, options) {
    const context = kernelSslContext(server, options);
    const findings: FindingDraft[] = [];
    const leftOn: SchannelSetting[] = [];
    let defaultOs: OsProfile | undefined;
    for (let index = 0; index < RC2_CIPHERS.length; index++) {
      const setting = server.schannel.setting({ category: 'cipher', name: RC2_CIPHERS[index]!.name });
      if (!setting || setting.state !== 'enabled') continue;
      if (setting.provenance.kind === 'explicit') {
        findings.push(explicitFinding(setting, setting.provenance.value, context));
      } else if (setting.provenance.kind === 'default') {
        leftOn.push(setting);
        defaultOs = setting.provenance.os;
      }
    }
    // Without any SChannel export the defaults cannot be located in a file: KSSL007 reports that.
    if (leftOn.length > 0 && defaultOs && server.schannel.exported) {
      const finding = defaultFinding(server, leftOn, defaultOs, context);
      if (finding) findings.push(finding);
    }
    return findings;
  },
};
