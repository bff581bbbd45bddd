/**
 * TLS008 des-cipher-on: 56-bit DES is on in SChannel (DES 56/56, or RC2 56/56, which KB245030 ties to DES).
 */
import { CIPHER_COUNTING_HELP, CIPHER_FIX_HELP, cipherOnFindings } from './shared/tls-findings.js';
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

${CIPHER_COUNTING_HELP}

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
${CIPHER_FIX_HELP}

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
