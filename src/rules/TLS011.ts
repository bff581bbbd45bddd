/**
 * TLS011 rc2-cipher-on: An RC2 cipher is on in SChannel, on a server where KSSL004 does not run.
 */
import { CIPHER_COUNTING_HELP, CIPHER_FIX_HELP, cipherOnFindings } from './shared/tls-findings.js';
import type { Rule } from './types.js';

export const TLS011: Rule = {
  meta: {
    id: 'TLS011',
    name: 'rc2-cipher-on',
    shortDescription: "An RC2 cipher is on in SChannel, on a server where KSSL004 does not run.",
    fullDescription: "Finds RC2 40/128, RC2 56/128 or RC2 128/128 on, explicitly or by the Server 2003 default, only on servers where KSSL004 does not run (kernel-mode SSL off, KSSL004 turned off, or a target OS of Server 2008 or later): one key never gets two findings.",
    helpMarkdown: `
## What it finds
Any of \`RC2 40/128\`, \`RC2 56/128\`, \`RC2 128/128\` on — only on servers where KSSL004 (rc2-cipher-enabled) does not run: \`--kernel-ssl off\`, KSSL004 turned off, or a target OS of Server 2008 or later. One cipher key never gets two findings. (\`RC2 56/56\` is DES: TLS008.)

${CIPHER_COUNTING_HELP}

## Why it matters
RC2's 40- and 56-bit variants are export-grade ciphers of the class broken by FREAK (CVE-2015-0204); no modern client needs any RC2 suite.

## Bad
\`\`\`reg
Windows Registry Editor Version 5.00

[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Ciphers\\RC2 40/128]
"Enabled"=dword:ffffffff
\`\`\`

## Good
\`\`\`reg
Windows Registry Editor Version 5.00

[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Ciphers\\RC2 128/128]
"Enabled"=dword:00000000

[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Ciphers\\RC2 56/128]
"Enabled"=dword:00000000

[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Ciphers\\RC2 40/128]
"Enabled"=dword:00000000
\`\`\`

## How to fix
${CIPHER_FIX_HELP}

## Sources
- KB245030: the cipher keys of Windows Server 2003, "If you do not configure the Enabled value, the default is enabled"; NULL "By default, it is turned off".
- FREAK, CVE-2015-0204.
`,
    defaultLevel: 'error',
    tags: ['security', 'tls', 'schannel', 'external/cwe/cwe-327'],
    securitySeverity: '7.0',
    precision: 'high',
    fixable: true,
  },
  check(server, options) {
    // KSSL004 reports the same keys where it runs (kernel-mode SSL context): one key, one rule.
    if (options.activeRuleIds?.has('KSSL004') && server.kernelSslOs) return [];
    return cipherOnFindings(server, options, {
      family: 'RC2',
      why: 'RC2 is a weak legacy cipher; its 40- and 56-bit variants are export grade (FREAK class, CVE-2015-0204).',
      level: 'error',
      names: ['RC2 128/128', 'RC2 56/128', 'RC2 40/128'],
    });
  },
};
