/**
 * KSSL005 pct-protocol-enabled: SChannel accepts PCT 1.0 as a server. Kernel-mode SSL has no
 * PCT; the client side does not matter to IIS.
 */
import type { RegistryValue } from '../model/registry.js';
import { settingKeyPath, type SchannelSetting } from '../model/schannel.js';
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

const WHY = 'Kernel-mode SSL does not support PCT 1.0, so a client that negotiates it fails';
const ALSO = 'PCT 1.0 is also obsolete and was the way in for MS04-011 (CAN-2003-0719, remote code execution)';

function explicitFinding(setting: SchannelSetting, value: RegistryValue, context: KernelSslContext): FindingDraft {
  return {
    message:
      `PCT 1.0 is enabled on the server side (\`${valueAsWritten(value)}\` in ${value.file.path}). ` +
      `${WHY}: this ${context.consequence}. ${ALSO}; set \`Enabled\` to ${DISABLED_DWORD}.`,
    file: value.file,
    span: value.valueLine.span,
    subject: registrySubject(settingKeyPath(setting), 'Enabled'),
    fix: disableValueFix(value, '"Enabled" of `PCT 1.0\\Server`'),
    level: context.level,
  };
}

function defaultFinding(server: ServerModel, setting: SchannelSetting, os: OsProfile, context: KernelSslContext): FindingDraft | undefined {
  const anchor = defaultAnchor(server, [setting]);
  if (!anchor) return undefined;
  const files = server.schannel.files.map((file) => file.path);
  const deletion = setting.removedBy;
  const deleted = deletion ? `; its ${deletion.valueLine ? '`Enabled` value' : 'key'} was removed by ${describeDeletion(deletion)}. ` : '. ';
  const key = settingKeyPath(setting);
  const fix = insertDisabledKeysFix(server, [setting.segments], `Add "Enabled"=${DISABLED_DWORD} under \`PCT 1.0\\Server\``);
  return {
    message:
      `PCT 1.0 is enabled on the server side by the ${osLabel(os)} default. ` +
      `This server's SChannel settings (${listNames(files, files.length)}) leave \`Protocols\\PCT 1.0\\Server\\Enabled\` absent, ` +
      `and ${targetOsPhrase(server, os)} enables PCT 1.0 for servers when that value is absent${deleted}` +
      `${WHY}: this ${context.consequence}. ${ALSO}; add \`"Enabled"=${DISABLED_DWORD}\` under \`SCHANNEL\\Protocols\\PCT 1.0\\Server\`.`,
    file: anchor.file,
    span: anchor.span,
    subject: registrySubject(key, 'Enabled'),
    ...(fix ? { fix } : {}),
    level: context.level,
  };
}

export const KSSL005: Rule = {
  meta: {
    id: 'KSSL005',
    name: 'pct-protocol-enabled',
    shortDescription: 'PCT 1.0 is enabled for SChannel servers; kernel-mode SSL does not support PCT 1.0.',
    fullDescription:
      'Finds `SCHANNEL\\Protocols\\PCT 1.0\\Server` left enabled: an explicit non-zero `Enabled` value, or an absent one on a ' +
      'target OS that enables PCT 1.0 for servers by default. Kernel-mode SSL in http.sys does not support PCT 1.0, and PCT 1.0 ' +
      'was the vector of MS04-011. The client side does not matter to IIS.',
    helpMarkdown: `
## What it finds
\`HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\PCT 1.0\\Server\` effectively enabled:

- **Explicit**: its \`Enabled\` REG_DWORD is not 0 (any non-zero value enables). The finding is at the \`"Enabled"=\` line.
- **Default**: \`Enabled\` is absent and the target OS enables PCT 1.0 for servers by default. The finding is placed by
  the project's one rule for a missing value (README, "Where a finding about a missing value points": the nearest key
  above it that the server's exports write, in the last file that writes there). Windows Server 2003 has PCT 1.0 **off** by default ("By default, PCT is not enabled on Windows
  Server 2003", KB187498) and later versions do not have PCT at all, so today this case never fires; it is kept for
  OS profiles that might.

\`PCT 1.0\\Client\` is not checked: IIS only uses the server side. The level follows the kernel-mode SSL context:
**error** when \`EnableKernelSSL\` is 1 (breaks now) or absent (would break when kernel-mode SSL is enabled),
**warning** when it is 0 (blocks enabling kernel-mode SSL); always **error** with \`--kernel-ssl on\`; the rule does
not run with \`--kernel-ssl off\`.

## Why it matters
Kernel-mode SSL (Windows Server 2003 SP1+, \`HTTP\\Parameters\\EnableKernelSSL\` = 1) does not support PCT 1.0 (MSDN
"Kernel-Mode SSL", TechNet cc758709): a client that negotiates it fails. PCT 1.0 is a 1990s protocol that nothing needs,
and its implementation was the way in for MS04-011 (CAN-2003-0719, remote code execution in the PCT handshake): the
advisory's workaround is exactly this setting at 0.

## Bad
\`\`\`reg
Windows Registry Editor Version 5.00

[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\PCT 1.0\\Server]
"Enabled"=dword:00000001
\`\`\`

## Good
\`\`\`reg
Windows Registry Editor Version 5.00

[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\PCT 1.0\\Server]
"Enabled"=dword:00000000
\`\`\`

## How to fix
Set \`Enabled\` under \`Protocols\\PCT 1.0\\Server\` to \`dword:00000000\` (or delete the value: Windows Server 2003 then
keeps PCT off), import the file and restart the server. \`iislint --fix\` rewrites the value's data to \`dword:00000000\`
(\`--fix-dry-run\` shows the diff first); \`iislint remediate -o FILE.reg\` writes one importable file that disables it
on every linted server.

## Assumptions
- Only the \`Enabled\` value decides, as SChannel on Windows Server 2003 reads it; \`DisabledByDefault\` is not
  considered.
- An \`Enabled\` value that is not a REG_DWORD is undefined behaviour (CFG004 reports it); this rule does not guess.
- A default-enabled finding needs an SChannel export on the server to point at; without one, KSSL007 reports the missing
  export.
`,
    defaultLevel: 'error',
    tags: ['security', 'kernel-mode-ssl', 'schannel', 'external/cwe/cwe-327'],
    securitySeverity: '8.1',
    precision: 'very-high',
    server2003Only: true,
    kernelSslMigration: true,
    kernelSslOnly: true,
    fixable: true,
  },
  check(server, options) {
    const setting = server.schannel.setting({ category: 'protocol', name: 'PCT 1.0', side: 'Server' });
    if (!setting || setting.state !== 'enabled') return [];
    const context = kernelSslContext(server, options);
    if (setting.provenance.kind === 'explicit') {
      return [explicitFinding(setting, setting.provenance.value, context)];
    }
    if (setting.provenance.kind === 'default' && server.schannel.exported) {
      const finding = defaultFinding(server, setting, setting.provenance.os, context);
      if (finding) return [finding];
    }
    return [];
  },
};
