/**
 * TLS010 triple-des-cipher-on: Triple DES is on in SChannel (Sweet32), under the key name the target OS reads.
 */
import { CIPHER_COUNTING_HELP, CIPHER_FIX_HELP, cipherOnFindings } from './shared/tls-findings.js';
import type { Rule } from './types.js';

export const TLS010: Rule = {
  meta: {
    id: 'TLS010',
    name: 'triple-des-cipher-on',
    shortDescription: "Triple DES is on in SChannel (Sweet32), under the key name the target OS reads.",
    fullDescription: "Finds 3DES on, read under the key name the target OS reads: Triple DES 168/168 before Vista (Server 2003), Triple DES 168 from Server 2008 on; either on an unknown OS.",
    helpMarkdown: `
## What it finds
3DES on, read under the key name the target OS reads: \`Triple DES 168/168\` on Windows Server 2003, \`Triple DES 168\` from Server 2008 on (KB245030: "before Windows Vista, the key should be Triple DES 168/168"); either name when the OS is unknown. A key written under the other name does nothing (CFG005 reports it).

${CIPHER_COUNTING_HELP}

## Why it matters
3DES has a 64-bit block: Sweet32 (CVE-2016-2183) recovers plaintext from long-lived connections. It still works, so this is a warning.

## Bad
\`\`\`reg
Windows Registry Editor Version 5.00

[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Ciphers\\Triple DES 168]
"Enabled"=dword:ffffffff
\`\`\`

## Good
\`\`\`reg
Windows Registry Editor Version 5.00

[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Ciphers\\Triple DES 168]
"Enabled"=dword:00000000
\`\`\`

## How to fix
${CIPHER_FIX_HELP}

## Sources
- KB245030: the cipher keys of Windows Server 2003, "If you do not configure the Enabled value, the default is enabled"; NULL "By default, it is turned off".
- Sweet32, CVE-2016-2183.
`,
    defaultLevel: 'warning',
    tags: ['security', 'tls', 'schannel', 'external/cwe/cwe-327'],
    securitySeverity: '5.9',
    precision: 'high',
    fixable: true,
  },
  check(server, options) {
    return cipherOnFindings(server, options, {
      family: '3DES',
      why: '3DES has a 64-bit block: Sweet32 (CVE-2016-2183) recovers plaintext from long connections.',
      level: 'warning',
      // The catalogue reads only the OS's own name (the other one is not a subject on that OS).
      names: ['Triple DES 168/168', 'Triple DES 168'],
    });
  },
};
