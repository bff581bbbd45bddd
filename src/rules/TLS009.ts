/**
 * TLS009 rc4-cipher-on: An RC4 cipher is on in SChannel (RFC 7465 prohibits RC4 in TLS).
 */
import { cipherOnFindings } from './shared/tls-findings.js';
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

- **Explicit**: a non-zero \`Enabled\` DWORD (1 and 0xffffffff alike): one finding per key, at the \`"Enabled"=\` line.
- **Default**: \`Enabled\` absent on a target OS whose default is on (Windows Server 2003: every cipher but NULL, KB245030).
  One finding per server at the nearest existing ancestor key, in the last file (in apply order) that writes under it,
  listing every key left at the default. From Server 2008 on no source this project checked states a cipher default,
  so only explicit values count there; a server with no SChannel export gets no default finding.
- With the \`iislint:cis\` preset, a key the CIS benchmark audits whose \`Enabled\` is absent is a finding even where
  the default is off.

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
Write \`"Enabled"=dword:00000000\` under each key (create the missing ones), import and restart the server (SChannel reads
these keys at boot). \`iislint --fix\` does that: it rewrites an explicit value, or appends the missing keys to the last
.reg file of the server that writes SChannel settings.

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
