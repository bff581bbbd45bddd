/**
 * TLS013 cipher-suite-policy-weak: the Group Policy cipher suite order lists a weak suite; a
 * suite the target OS does not have, or a value Server 2003 never reads, is a note.
 */
import { isAtLeast, isServer2003 } from '../model/os-profiles.js';
import { suitePolicy, TLS13_SUITES, weakSuiteReason } from '../model/cipher-suite-policy.js';
import { osWords } from './shared/tls-findings.js';
import { registrySubject } from './support.js';
import type { FindingDraft, Rule } from './types.js';

export const TLS013: Rule = {
  meta: {
    id: 'TLS013',
    name: 'cipher-suite-policy-weak',
    shortDescription: 'The cipher suite order policy (Functions) lists a suite with NULL, EXPORT, DES, RC2, RC4, 3DES or MD5.',
    fullDescription:
      'Finds each weak suite in HKLM\\SOFTWARE\\Policies\\Microsoft\\Cryptography\\Configuration\\SSL\\00010002 Functions: names with _NULL_, _EXPORT, _DES_, _RC2_, _RC4_, _3DES_ or ending in _MD5. A suite the target OS does not have is a note; on Server 2003 the value is not read (a note).',
    helpMarkdown: `
## What it finds
The Group Policy suite order \`HKLM\\SOFTWARE\\Policies\\Microsoft\\Cryptography\\Configuration\\SSL\\00010002\`, value
\`Functions\` (REG_SZ, comma-separated; REG_MULTI_SZ is read one suite per string):

- **warning**, one per weak suite, at the \`Functions\` line: a name containing \`_NULL_\`, \`_EXPORT\`, \`_DES_\`
  (or \`_DES40_\`), \`_RC2_\`, \`_RC4_\`, \`_3DES_\`, or ending in \`_MD5\`.
- **note**, one per name, for a suite the target OS does not have: the TLS 1.3 suites (\`TLS_AES_256_GCM_SHA384\`,
  \`TLS_AES_128_GCM_SHA256\`, \`TLS_CHACHA20_POLY1305_SHA256\`) before Windows Server 2022. Other per-OS suite lists are
  not modelled.
- **note** on Windows Server 2003, which has a fixed suite order and does not read the value.

## Why it matters
The policy decides which suites SChannel offers, in order: a weak suite in it is offered to every client that asks
(NULL: no encryption; EXPORT/DES/RC2: brute force, FREAK/Logjam; RC4: RFC 7465; 3DES: Sweet32; MD5: SLOTH).

## Bad
\`\`\`reg
Windows Registry Editor Version 5.00

[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Cryptography\\Configuration\\SSL\\00010002]
"Functions"="TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,TLS_RSA_WITH_3DES_EDE_CBC_SHA"
\`\`\`

## Good
\`\`\`reg
Windows Registry Editor Version 5.00

[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Cryptography\\Configuration\\SSL\\00010002]
"Functions"="TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"
\`\`\`

## How to fix
Remove the weak suites from the "SSL Cipher Suite Order" Group Policy setting (Computer Configuration > Administrative
Templates > Network > SSL Configuration Settings) or from the \`Functions\` value, then restart. No automatic fix: the
order is a policy decision.

## Sources
- Microsoft Learn, "Manage Transport Layer Security (TLS)": the cipher suite order policy, "strict comma delimited format", "limited to 1,023 characters".
- Microsoft Learn, "Protocols in TLS/SSL (Schannel SSP)": TLS 1.3 from Windows Server 2022.
- RFC 7465 (RC4), Sweet32 CVE-2016-2183 (3DES), FREAK CVE-2015-0204 (EXPORT), SLOTH CVE-2015-7575 (MD5).
`,
    defaultLevel: 'warning',
    tags: ['security', 'tls', 'schannel', 'external/cwe/cwe-327'],
    securitySeverity: '5.3',
    precision: 'high',
    benchmarks: { cis: ['IIS10 7.12'] },
  },
  check(server) {
    const policy = suitePolicy(server.registry);
    const value = policy?.functions;
    if (!policy || !value || !policy.suites) return [];
    const subject = registrySubject(policy.key, 'Functions');
    const at = { file: value.file, span: value.valueLine.span };
    if (server.os && isServer2003(server.os)) {
      return [
        {
          ...at,
          level: 'note',
          subject,
          message: `The cipher suite order policy \`Functions\` in ${value.file.path} is not read on ${osWords(server)}: Server 2003 has a fixed suite order. Control its suites with the SCHANNEL\\Ciphers keys instead.`,
        },
      ];
    }
    const findings: FindingDraft[] = [];
    const lacksTls13 = server.os !== undefined && !isAtLeast(server.os, 'win2022');
    const seen = new Set<string>();
    for (const written of policy.suites) {
      const suite = written.trim();
      if (suite === '' || seen.has(suite.toUpperCase())) continue;
      seen.add(suite.toUpperCase());
      const missing = lacksTls13 && (TLS13_SUITES as readonly string[]).includes(suite.toUpperCase());
      const weak = weakSuiteReason(suite);
      if (missing) {
        findings.push({ ...at, level: 'note', subject: `${subject}#${suite}`, message: `The cipher suite order policy in ${value.file.path} lists \`${suite}\`, which ${osWords(server)} does not have (TLS 1.3 suites exist from Windows Server 2022): the entry does nothing.` });
      } else if (weak) {
        findings.push({
          ...at,
          subject: `${subject}#${suite}`,
          message: `The cipher suite order policy in ${value.file.path} offers \`${suite}\`, a weak suite (${weak}), on ${osWords(server)}. Remove it from the "SSL Cipher Suite Order" policy.`,
        });
      }
    }
    return findings;
  },
};
