/**
 * TLS004 tls11-offered: The TLS 1.1 Server side is offered to IIS (explicitly or by the OS default).
 */
import { protocolOffFindings } from './shared/tls-findings.js';
import type { Rule } from './types.js';

export const TLS004: Rule = {
  meta: {
    id: 'TLS004',
    name: 'tls11-offered',
    shortDescription: "The TLS 1.1 Server side is offered to IIS (explicitly or by the OS default).",
    fullDescription: "Finds a TLS 1.1 Server side that SChannel offers to IIS, explicitly or by the OS default (enabled from Server 2012 through 2025; disabled by default on 2008 SP2/R2).",
    helpMarkdown: `
## What it finds
The TLS 1.1 Server side offered to IIS.

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
TLS 1.1 is deprecated by RFC 8996 and dropped by current browsers. Windows Server 2012 through 2025 still enable it by default.

## Bad
\`\`\`reg
Windows Registry Editor Version 5.00

[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.1\\Server]
"Enabled"=dword:00000001
"DisabledByDefault"=dword:00000000
\`\`\`

## Good
\`\`\`reg
Windows Registry Editor Version 5.00

[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.1\\Server]
"Enabled"=dword:00000000
"DisabledByDefault"=dword:00000001
\`\`\`

## How to fix
No automatic fix: turning TLS 1.1 off can lock out old clients, which is your decision. The message prints the .reg lines to import once no client needs TLS 1.1: \`"Enabled"=dword:00000000\` and \`"DisabledByDefault"=dword:00000001\` under the Server key (and the Client key for CIS). Restart the server after importing.

## Sources
- Microsoft Learn, "Protocols in TLS/SSL (Schannel SSP)": per-OS protocol defaults.
- Microsoft Learn, "Transport Layer Security (TLS) registry settings": \`Enabled\` ("a non-zero value") and \`DisabledByDefault\`.
- KB245030: Windows Server 2003 SChannel keys; TLS 1.1/1.2 on 2008 SP2/2008 R2 ship disabled by default.
- \`win2008\` means Windows Server 2008 SP2 with KB4019276 (RTM and SP1 have no TLS 1.1/1.2).
`,
    defaultLevel: 'warning',
    tags: ['security', 'tls', 'schannel', 'external/cwe/cwe-327'],
    securitySeverity: '4.3',
    precision: 'high',
    benchmarks: { cis: ['IIS10 7.5'], stig: ['V-218821'] },
  },
  check(server, options) {
    return protocolOffFindings(server, options, {
      protocol: 'TLS 1.1',
      why: "TLS 1.1 is deprecated (RFC 8996) and dropped by current browsers.",
      fixable: false,
      level: 'warning',
    });
  },
};
