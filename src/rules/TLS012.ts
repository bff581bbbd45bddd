/**
 * TLS012 dh-key-too-small: SChannel's minimum Diffie-Hellman key size for the server side is
 * below 2048 bits (Logjam).
 */
import { isAtLeast, isServer2003 } from '../model/os-profiles.js';
import { SCHANNEL_ROOT_SEGMENTS } from '../model/schannel.js';
import { osWords } from './shared/tls-findings.js';
import { valueAsWritten } from './shared/schannel-findings.js';
import { registrySubject } from './support.js';
import type { Rule } from './types.js';

const MINIMUM = 2048;

export const TLS012: Rule = {
  meta: {
    id: 'TLS012',
    name: 'dh-key-too-small',
    shortDescription: 'The server-side minimum Diffie-Hellman key size is below 2048 bits (Logjam).',
    fullDescription:
      'Finds SCHANNEL\\KeyExchangeAlgorithms\\Diffie-Hellman ServerMinKeyBitLength written below 2048. On Server 2016 and later an absent value means 2048; before 2016 only an explicit value counts; Server 2003 does not read it.',
    helpMarkdown: `
## What it finds
\`SCHANNEL\\KeyExchangeAlgorithms\\Diffie-Hellman\` with a \`ServerMinKeyBitLength\` REG_DWORD below 2048, at that value's
line.

- Windows Server 2016 and later: an absent value means 2048 ("If not configured, 2048 bits will be the default"): no finding.
- Before 2016 (and on an unknown OS): the earlier default was 1024 bits and the value was added by an update, so only an
  explicit value below 2048 counts.
- Windows Server 2003: not reported (no source says it reads the value).

## Why it matters
Diffie-Hellman groups under 2048 bits fall to precomputation: Logjam (CVE-2015-4000) downgrades and breaks 512-bit
groups, and 1024-bit groups are within reach of a state-level attacker.

## Bad
\`\`\`reg
Windows Registry Editor Version 5.00

[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\KeyExchangeAlgorithms\\Diffie-Hellman]
"ServerMinKeyBitLength"=dword:00000400
\`\`\`

## Good
\`\`\`reg
Windows Registry Editor Version 5.00

[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\KeyExchangeAlgorithms\\Diffie-Hellman]
"ServerMinKeyBitLength"=dword:00000800
\`\`\`

## How to fix
Set \`"ServerMinKeyBitLength"=dword:00000800\` (2048) or more, import and restart. Before Server 2016 make sure the update
that adds the setting is installed. No automatic fix: clients with small DH keys stop connecting.

## Sources
- Microsoft Learn, "Transport Layer Security (TLS) registry settings": \`ServerMinKeyBitLength\`, "If not configured, 2048 bits will be the default" (Windows 10 1507 / Server 2016 and later).
- Logjam, CVE-2015-4000.
`,
    defaultLevel: 'warning',
    tags: ['security', 'tls', 'schannel', 'external/cwe/cwe-326'],
    securitySeverity: '5.9',
    precision: 'high',
  },
  check(server) {
    if (server.os && isServer2003(server.os)) return [];
    const key = server.registry.find([...SCHANNEL_ROOT_SEGMENTS, 'KeyExchangeAlgorithms', 'Diffie-Hellman']);
    const value = key?.value('ServerMinKeyBitLength');
    if (!key || !value || value.data.type !== 'REG_DWORD' || !('dword' in value.data)) return [];
    const bits = value.data.dword;
    if (bits >= MINIMUM) return [];
    const defaultNote = server.os && isAtLeast(server.os, 'win2016') ? ' Removing the value would also give 2048 on this OS.' : '';
    return [
      {
        message:
          `The server accepts Diffie-Hellman keys of ${bits} bits (\`${valueAsWritten(value)}\` in ${value.file.path}) on ${osWords(server)}: ` +
          `groups under ${MINIMUM} bits fall to precomputation (Logjam, CVE-2015-4000). Set \`ServerMinKeyBitLength\` to dword:00000800 or more.${defaultNote}`,
        file: value.file,
        span: value.valueLine.span,
        subject: registrySubject(key, 'ServerMinKeyBitLength'),
      },
    ];
  },
};
