/**
 * TLS003 tls10-offered: The TLS 1.0 Server side is offered to IIS; a note on Windows Server 2003, which has no newer protocol.
 */
import { protocolOffFindings } from './shared/tls-findings.js';
import { isServer2003 } from '../model/os-profiles.js';
import type { Rule } from './types.js';

export const TLS003: Rule = {
  meta: {
    id: 'TLS003',
    name: 'tls10-offered',
    shortDescription: "The TLS 1.0 Server side is offered to IIS; a note on Windows Server 2003, which has no newer protocol.",
    fullDescription: "Finds a TLS 1.0 Server side that SChannel offers to IIS, explicitly or by the OS default (every Windows Server version through 2025 enables it). A note on Server 2003, where TLS 1.0 is the newest protocol: the fix there is a newer OS.",
    helpMarkdown: `
## What it finds
The TLS 1.0 Server side offered to IIS. **warning**; **note** on Windows Server 2003 (the message says the fix there is a newer OS).

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
TLS 1.0 is deprecated by RFC 8996 and dropped by current browsers; it only offers CBC suites with SHA-1 or RC4. On Windows Server 2003 it is the newest protocol SChannel has, so turning it off ends HTTPS: the finding is a **note** there and the fix is the OS.

## Bad
\`\`\`reg
Windows Registry Editor Version 5.00

[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.0\\Server]
"Enabled"=dword:00000001
"DisabledByDefault"=dword:00000000
\`\`\`

## Good
\`\`\`reg
Windows Registry Editor Version 5.00

[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.0\\Server]
"Enabled"=dword:00000000
"DisabledByDefault"=dword:00000001
\`\`\`

## How to fix
No automatic fix: turning TLS 1.0 off can lock out old clients, which is your decision. The message prints the .reg lines to import once no client needs TLS 1.0: \`"Enabled"=dword:00000000\` and \`"DisabledByDefault"=dword:00000001\` under the Server key (and the Client key for CIS). Restart the server after importing.

## Sources
- Microsoft Learn, "Protocols in TLS/SSL (Schannel SSP)": per-OS protocol defaults.
- Microsoft Learn, "Transport Layer Security (TLS) registry settings": \`Enabled\` ("a non-zero value") and \`DisabledByDefault\`.
- KB245030: Windows Server 2003 SChannel keys; TLS 1.1/1.2 on 2008 SP2/2008 R2 ship disabled by default.
- \`win2008\` means Windows Server 2008 SP2 with KB4019276 (RTM and SP1 have no TLS 1.1/1.2).
`,
    defaultLevel: 'warning',
    tags: ['security', 'tls', 'schannel', 'external/cwe/cwe-327'],
    securitySeverity: '5.3',
    precision: 'high',
    benchmarks: { cis: ['IIS10 7.4'], stig: ['V-218821'] },
  },
  check(server, options) {
    const only = server.os !== undefined && isServer2003(server.os);
    return protocolOffFindings(server, options, {
      protocol: 'TLS 1.0',
      why: only
        ? 'TLS 1.0 is deprecated (RFC 8996), but it is the newest protocol Windows Server 2003 has: turning it off ends HTTPS on this server. The fix is a newer Windows Server.'
        : 'TLS 1.0 is deprecated (RFC 8996): it lacks modern cipher suites and every current browser has dropped it.',
      fixable: false,
      level: only ? 'note' : 'warning',
    });
  },
};
