/**
 * TLS006 tls13-on-unsupported-os: a TLS 1.3 side written enabled on a Windows Server version
 * before 2022, which Microsoft calls "not a safe system configuration".
 */
import { isAtLeast } from './../model/os-profiles.js';
import { settingKeyPath } from '../model/schannel.js';
import { osWords } from './shared/tls-findings.js';
import { valueAsWritten } from './shared/schannel-findings.js';
import { registrySubject } from './support.js';
import type { FindingDraft, Rule } from './types.js';

export const TLS006: Rule = {
  meta: {
    id: 'TLS006',
    name: 'tls13-on-unsupported-os',
    shortDescription: 'TLS 1.3 is written enabled on a Windows Server version before 2022, which Microsoft calls "not a safe system configuration".',
    fullDescription:
      'Finds a non-zero Enabled under SCHANNEL\\Protocols\\TLS 1.3\\Server or \\Client on a target OS before Windows Server 2022. Microsoft: "Enabling TLS 1.3 on earlier versions of Windows is not a safe system configuration."',
    helpMarkdown: `
## What it finds
A non-zero \`Enabled\` DWORD under \`SCHANNEL\\Protocols\\TLS 1.3\\Server\` or \`\\Client\` when the target OS is older than
Windows Server 2022 (from \`--os\`, the config, or a CurrentVersion export). One finding per side, at the \`"Enabled"=\`
line. Not reported on an unknown OS. Some Server 2016/2019 builds read these keys, so CFG005 does not call them unread
there; this rule reports enabling them.

## Why it matters
TLS 1.3 is supported from Windows Server 2022. Microsoft Learn ("Protocols in TLS/SSL (Schannel SSP)"): "Enabling TLS 1.3
on earlier versions of Windows is not a safe system configuration." Early builds that carry TLS 1.3 code do so for
testing only.

## Bad
\`\`\`reg
Windows Registry Editor Version 5.00

[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.3\\Server]
"Enabled"=dword:00000001
\`\`\`
(on a Windows Server 2019 server)

## Good
No \`TLS 1.3\` keys before Server 2022; on Server 2022 and later TLS 1.3 is on by default.

## How to fix
Delete the \`TLS 1.3\` keys (or set \`"Enabled"=dword:00000000\`) on servers older than Windows Server 2022; upgrade to
2022 or later for TLS 1.3. No automatic fix.

## Sources
- Microsoft Learn, "Protocols in TLS/SSL (Schannel SSP)": TLS 1.3 supported from Windows Server 2022; "Enabling TLS 1.3 on earlier versions of Windows is not a safe system configuration."
`,
    defaultLevel: 'warning',
    tags: ['security', 'tls', 'schannel', 'external/cwe/cwe-327'],
    securitySeverity: '5.0',
    precision: 'high',
  },
  check(server) {
    if (!server.os || isAtLeast(server.os, 'win2022')) return [];
    const findings: FindingDraft[] = [];
    for (const side of ['Server', 'Client'] as const) {
      const setting = server.schannel.setting({ category: 'protocol', name: 'TLS 1.3', side });
      if (setting?.provenance.kind !== 'explicit' || setting.state !== 'enabled') continue;
      const value = setting.provenance.value;
      findings.push({
        message:
          `TLS 1.3 ${side} side is written enabled (\`${valueAsWritten(value)}\` in ${value.file.path}) on ${osWords(server)}. ` +
          'Microsoft: "Enabling TLS 1.3 on earlier versions of Windows is not a safe system configuration." TLS 1.3 is supported from Windows Server 2022; remove the key or set `Enabled` to 0.',
        file: value.file,
        span: value.valueLine.span,
        subject: registrySubject(settingKeyPath(setting), 'Enabled'),
      });
    }
    return findings;
  },
};
