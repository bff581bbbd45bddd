/**
 * TLS015 default-suite-order-edited: a value written under the local default cipher suite order,
 * which Microsoft says not to edit.
 */
import { localSuiteOrderKey } from '../model/cipher-suite-policy.js';
import { registryValueSubject } from './support.js';
import type { Rule } from './types.js';

export const TLS015: Rule = {
  meta: {
    id: 'TLS015',
    name: 'default-suite-order-edited',
    shortDescription: 'A value is written under the local default cipher suite order, which Microsoft says is not supported to edit.',
    fullDescription:
      'Finds every value written under HKLM\\SYSTEM\\CurrentControlSet\\Control\\Cryptography\\Configuration\\Local\\SSL\\00010002. Microsoft: editing the default order "is not supported and may be reset with servicing updates".',
    helpMarkdown: `
## What it finds
Every value written under
\`HKLM\\SYSTEM\\CurrentControlSet\\Control\\Cryptography\\Configuration\\Local\\SSL\\00010002\` (the local default suite
order), one finding per value at its line.

## Why it matters
Microsoft (Manage TLS): changing the default order there "is not supported and may be reset with servicing updates": a
hardening done this way silently disappears after an update. The supported place is the Group Policy order
(\`HKLM\\SOFTWARE\\Policies\\Microsoft\\Cryptography\\Configuration\\SSL\\00010002\`, TLS013/TLS014) or the
\`Enable-TlsCipherSuite\`/\`Disable-TlsCipherSuite\` cmdlets.

## Bad
\`\`\`reg
Windows Registry Editor Version 5.00

[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Cryptography\\Configuration\\Local\\SSL\\00010002]
"Functions"=hex(7):54,00,4c,00,53,00,00,00,00,00
\`\`\`

## Good
Leave the local default order alone; set the order through the "SSL Cipher Suite Order" Group Policy setting.

## How to fix
Remove the value from the exports you import, and set the suite order through Group Policy (or the TLS cmdlets). No
automatic fix.

## Sources
- Microsoft Learn, "Manage Transport Layer Security (TLS)": editing the default order "is not supported and may be reset with servicing updates".
`,
    defaultLevel: 'warning',
    tags: ['security', 'tls', 'schannel', 'external/cwe/cwe-327'],
    securitySeverity: '2.0',
    precision: 'high',
  },
  check(server) {
    const key = localSuiteOrderKey(server.registry);
    if (!key) return [];
    return [...key.values.values()].map((value) => ({
      message:
        `\`${value.name === '' ? '@' : value.name}\` is written under the local default cipher suite order (${value.file.path}). ` +
        'Microsoft: editing it "is not supported and may be reset with servicing updates". Set the order through the "SSL Cipher Suite Order" Group Policy instead.',
      file: value.file,
      span: value.valueLine.span,
      subject: registryValueSubject(value, key),
    }));
  },
};
