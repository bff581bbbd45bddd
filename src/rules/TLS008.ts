/**
 * TLS008 des-cipher-on: 56-bit DES is on in SChannel (DES 56/56, or RC2 56/56, which KB245030 ties to DES).
 */
import { cipherOnFindings } from './shared/tls-findings.js';
import type { Rule } from './types.js';

export const TLS008: Rule = {
  meta: {
    id: 'TLS008',
    name: 'des-cipher-on',
    shortDescription: "56-bit DES is on in SChannel (DES 56/56, or RC2 56/56, which KB245030 ties to DES).",
    fullDescription: "Finds SCHANNEL\\Ciphers\\DES 56/56 on (explicitly, or by the Server 2003 default), and RC2 56/56 written on: KB245030 lists that key under \"DES 56\".",
    helpMarkdown: `
## What it finds
The \`Ciphers\\DES 56/56\` key on (explicitly or by the Server 2003 default), and \`Ciphers\\RC2 56/56\` written on: KB245030 lists that key under "DES 56" ("This registry key refers to 56-bit DES as specified in FIPS 46-2"). No default is assumed for \`RC2 56/56\`: it counts only when written.

- **Explicit**: a non-zero \`Enabled\` DWORD (1 and 0xffffffff alike): one finding per key, at the \`"Enabled"=\` line.
- **Default**: \`Enabled\` absent on a target OS whose default is on (Windows Server 2003: every cipher but NULL, KB245030).
  One finding per server at the nearest existing ancestor key, in the last file (in apply order) that writes under it,
  listing every key left at the default. From Server 2008 on no source this project checked states a cipher default,
  so only explicit values count there; a server with no SChannel export gets no default finding.
- With the \`iislint:cis\` preset, a key the CIS benchmark audits whose \`Enabled\` is absent is a finding even where
  the default is off.

## Why it matters
56-bit DES falls to brute force in hours on commodity hardware; no client needs it.

## Bad
\`\`\`reg
Windows Registry Editor Version 5.00

[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Ciphers\\DES 56/56]
"Enabled"=dword:ffffffff
\`\`\`

## Good
\`\`\`reg
Windows Registry Editor Version 5.00

[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Ciphers\\DES 56/56]
"Enabled"=dword:00000000

[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Ciphers\\RC2 56/56]
"Enabled"=dword:00000000
\`\`\`

## How to fix
Write \`"Enabled"=dword:00000000\` under each key (create the missing ones), import and restart the server (SChannel reads
these keys at boot). \`iislint --fix\` does that: it rewrites an explicit value, or appends the missing keys to the last
.reg file of the server that writes SChannel settings.

## Sources
- KB245030: the cipher keys of Windows Server 2003, "If you do not configure the Enabled value, the default is enabled"; NULL "By default, it is turned off".
`,
    defaultLevel: 'error',
    tags: ['security', 'tls', 'schannel', 'external/cwe/cwe-327'],
    securitySeverity: '7.4',
    precision: 'high',
    benchmarks: { cis: ['IIS10 7.8'] },
    fixable: true,
  },
  check(server, options) {
    return cipherOnFindings(server, options, {
      family: 'DES',
      why: '56-bit DES falls to brute force; no client needs it.',
      level: 'error',
      names: ['DES 56/56', 'RC2 56/56'],
      explicitOnly: ['RC2 56/56'],
      audited: ['DES 56/56'],
    });
  },
};
