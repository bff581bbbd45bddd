/**
 * TLS007 null-cipher-on: The NULL cipher is on in SChannel: traffic can be sent unencrypted.
 */
import { CIPHER_COUNTING_HELP, CIPHER_FIX_HELP, cipherOnFindings } from './shared/tls-findings.js';
import type { Rule } from './types.js';

export const TLS007: Rule = {
  meta: {
    id: 'TLS007',
    name: 'null-cipher-on',
    shortDescription: "The NULL cipher is on in SChannel: traffic can be sent unencrypted.",
    fullDescription: "Finds SCHANNEL\\Ciphers\\NULL switched on (a non-zero Enabled). The NULL cipher encrypts nothing.",
    helpMarkdown: `
## What it finds
The \`Ciphers\\NULL\` key switched on.

${CIPHER_COUNTING_HELP}

## Why it matters
A NULL cipher suite authenticates the peer but encrypts nothing: everything on the wire is readable. It is off by default on Server 2003 (KB245030); writing it on is always a mistake.

## Bad
\`\`\`reg
Windows Registry Editor Version 5.00

[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Ciphers\\NULL]
"Enabled"=dword:ffffffff
\`\`\`

## Good
\`\`\`reg
Windows Registry Editor Version 5.00

[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Ciphers\\NULL]
"Enabled"=dword:00000000
\`\`\`

## How to fix
${CIPHER_FIX_HELP}

## Sources
- KB245030: the cipher keys of Windows Server 2003, "If you do not configure the Enabled value, the default is enabled"; NULL "By default, it is turned off".
- Microsoft Learn, "Transport Layer Security (TLS) registry settings" (Ciphers).
`,
    defaultLevel: 'error',
    tags: ['security', 'tls', 'schannel', 'external/cwe/cwe-327'],
    securitySeverity: '8.6',
    precision: 'high',
    benchmarks: { cis: ['IIS10 7.7'] },
    fixable: true,
  },
  check(server, options) {
    return cipherOnFindings(server, options, {
      family: 'NULL',
      why: 'A NULL cipher suite encrypts nothing: traffic is readable on the wire.',
      level: 'error',
      names: ['NULL'],
      audited: ['NULL'],
    });
  },
};
