/**
 * TLS002 ssl3-offered: The SSL 3.0 Server side is offered to IIS (explicitly or by the OS default).
 */
import { protocolOffFindings } from './shared/tls-findings.js';
import type { Rule } from './types.js';

export const TLS002: Rule = {
  meta: {
    id: 'TLS002',
    name: 'ssl3-offered',
    shortDescription: "The SSL 3.0 Server side is offered to IIS (explicitly or by the OS default).",
    fullDescription: "Finds an SSL 3.0 Server side that SChannel offers to IIS: enabled and not disabled by default, by an explicit value or the target OS default (on through Server 2012 R2).",
    helpMarkdown: `
## What it finds
The SSL 3.0 Server side offered to IIS.

A protocol's Server side is **offered to IIS** when it is enabled (a non-zero \`Enabled\` DWORD, or no \`Enabled\` and an
OS default of enabled) and not disabled by default (\`DisabledByDefault\` non-zero, or absent with an OS default of
"disabled by default"). IIS never asks SChannel for a protocol explicitly, so a side that is disabled by default is off
for IIS. Windows Server 2003 reads only \`Enabled\` (no source says it reads \`DisabledByDefault\`).

- **Explicit**: one finding at the \`Enabled\` line when \`Enabled\` decides, else at the explicit \`DisabledByDefault\` line
  that decides.
- **Default**: one finding per server at the nearest existing ancestor key of the missing key, in the last file (in
  apply order) that writes under it; the message lists every key left at the default. A server with no SChannel export
  gets no default finding (KSSL007 covers Server 2003). Where the OS default is unknown (no \`--os\`, no CurrentVersion
  export, or no source states it) only explicit values count.
- With the \`iislint:cis\` preset (explicit-value mode) the Client side is checked too, and a side whose \`Enabled\`=0 and
  \`DisabledByDefault\`=1 are not written is a finding even where the OS default is safe.

## Why it matters
SSL 3.0 is broken by POODLE (CVE-2014-3566) and deprecated by RFC 7568. Windows Server 2003 through 2012 R2 offer it by default.

## Bad
\`\`\`reg
Windows Registry Editor Version 5.00

[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\SSL 3.0\\Server]
"Enabled"=dword:00000001
"DisabledByDefault"=dword:00000000
\`\`\`

## Good
\`\`\`reg
Windows Registry Editor Version 5.00

[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\SSL 3.0\\Server]
"Enabled"=dword:00000000
"DisabledByDefault"=dword:00000001
\`\`\`

## How to fix
Write \`"Enabled"=dword:00000000\` and \`"DisabledByDefault"=dword:00000001\` under the Server key (and the Client key for CIS), import the file and restart the server. \`iislint --fix\` does that: it rewrites an explicit value, or appends the missing keys to the last .reg file of the server that writes SChannel settings.

## Sources
- Microsoft Learn, "Protocols in TLS/SSL (Schannel SSP)": per-OS protocol defaults.
- Microsoft Learn, "Transport Layer Security (TLS) registry settings": \`Enabled\` ("a non-zero value") and \`DisabledByDefault\`.
- KB245030: Windows Server 2003 SChannel keys; TLS 1.1/1.2 on 2008 SP2/2008 R2 ship disabled by default.
- \`win2008\` means Windows Server 2008 SP2 with KB4019276 (RTM and SP1 have no TLS 1.1/1.2).
`,
    defaultLevel: 'error',
    tags: ['security', 'tls', 'schannel', 'external/cwe/cwe-327'],
    securitySeverity: '7.5',
    precision: 'high',
    benchmarks: { cis: ['IIS10 7.3'], stig: ['V-218821'] },
    fixable: true,
  },
  check(server, options) {
    return protocolOffFindings(server, options, {
      protocol: 'SSL 3.0',
      why: "SSL 3.0 is broken (POODLE, CVE-2014-3566; deprecated by RFC 7568).",
      fixable: true,
      level: 'error',
    });
  },
};
