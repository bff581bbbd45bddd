/**
 * TLS009 rc4-cipher-on: An RC4 cipher is on in SChannel (RFC 7465 prohibits RC4 in TLS).
 */
import { CIPHER_COUNTING_HELP, CIPHER_FIX_HELP, cipherOnFindings } from './shared/tls-findings.js';
import type { Rule } from './types.js';

export const TLS009: Rule = {
  meta: {
    id: 'TLS009',
    name: 'rc4-cipher-on',
    shortDescription: "An RC4 cipher is on in SChannel (RFC 7465 prohibits RC4 in TLS).",
    fullDescription: "Finds any of SCHANNEL\\Ciphers\\RC4 128/128, RC4 64/128, RC4 56/128, RC4 40/128 on, explicitly or by the Server 2003 default.",
    helpMarkdown: `
## What it finds
Any of \`RC4 128/128\`, \`RC4 64/128\`, \`RC4 56/128\`, \`RC4 40/128\` on.

${CIPHER_COUNTING_HELP}

## Why it matters
RC4 has exploitable keystream biases; RFC 7465 prohibits it in TLS and browsers removed it in 2016. The 40- and 56-bit variants are export grade.

## Bad
\`\`\`reg
Windows Registry Editor Version 5.00

[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Ciphers\\RC4 128/128]
"Enabled"=dword:ffffffff
\`\`\`

## Good
\`\`\`reg
Windows Registry Editor Version 5.00

[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Ciphers\\RC4 128/128]
"Enabled"=dword:00000000

[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Ciphers\\RC4 64/128]
"Enabled"=dword:00000000

[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Ciphers\\RC4 56/128]
"Enabled"=dword:00000000

[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Ciphers\\RC4 40/128]
"Enabled"=dword:00000000
\`\`\`

## How to fix
${CIPHER_FIX_HELP}

## Sources
- KB245030: the cipher keys of Windows Server 2003, "If you do not configure the Enabled value, the default is enabled"; NULL "By default, it is turned off".
- RFC 7465, "Prohibiting RC4 Cipher Suites".
`,
    defaultLevel: 'error',
    tags: ['security', 'tls', 'schannel', 'external/cwe/cwe-327'],
    securitySeverity: '7.4',
    precision: 'high',
    benchmarks: { cis: ['IIS10 7.9'] },
    fixable: true,
  },
  check(server, options) {
    const names = ['RC4 128/128', 'RC4 64/128', 'RC4 56/128', 'RC4 40/128'];
    return cipherOnFindings(server, options, {
      family: 'RC4',
      why: 'RC4 has exploitable keystream biases and RFC 7465 prohibits it in TLS.',
      level: 'error',
      names,
      audited: names,
    });
  },
};
