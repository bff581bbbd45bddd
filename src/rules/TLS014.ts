/**
 * TLS014 cipher-suite-policy-invalid: the cipher suite order policy `Functions` breaks Microsoft's
 * documented format (strict comma-delimited, at most 1,023 characters, a string type).
 */
import { SUITE_POLICY_MAX_LENGTH, suitePolicy } from '../model/cipher-suite-policy.js';
import { listNames, registrySubject } from './support.js';
import type { Rule } from './types.js';

export const TLS014: Rule = {
  meta: {
    id: 'TLS014',
    name: 'cipher-suite-policy-invalid',
    shortDescription: 'The cipher suite order policy (Functions) is not a strict comma-separated list of at most 1,023 characters, or not a string.',
    fullDescription:
      'Finds a Functions value under HKLM\\SOFTWARE\\Policies\\Microsoft\\Cryptography\\Configuration\\SSL\\00010002 that breaks the documented format: spaces, empty items or line breaks in a REG_SZ list, more than 1,023 characters, or a type other than REG_SZ/REG_MULTI_SZ.',
    helpMarkdown: `
## What it finds
The \`Functions\` value of \`HKLM\\SOFTWARE\\Policies\\Microsoft\\Cryptography\\Configuration\\SSL\\00010002\` when it is:

- not REG_SZ (or REG_MULTI_SZ, one suite per string, as some tools write it);
- a REG_SZ that is not a strict comma-separated list: spaces, tabs or line breaks, or an empty item between commas or at
  the start (one trailing comma is allowed);
- longer than 1,023 characters (REG_MULTI_SZ: counted with commas between the suites).

One finding per value, at its line, listing every problem.

## Why it matters
Microsoft: "The TLS cipher suite order list must be in strict comma delimited format" and "is limited to 1,023
characters". A list that breaks the format may not be applied as written, so the server offers a different order (or
suites) than the policy says.

## Bad
\`\`\`reg
Windows Registry Editor Version 5.00

[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Cryptography\\Configuration\\SSL\\00010002]
"Functions"="TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"
\`\`\`

## Good
\`\`\`reg
Windows Registry Editor Version 5.00

[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Cryptography\\Configuration\\SSL\\00010002]
"Functions"="TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"
\`\`\`

## How to fix
Write the list as one REG_SZ of suite names separated by commas only, no spaces or empty entries, at most 1,023
characters (drop the least wanted suites). No automatic fix.

## Sources
- Microsoft Learn, "Manage Transport Layer Security (TLS)": "The TLS cipher suite order list must be in strict comma delimited format"; the list "is limited to 1,023 characters".
`,
    defaultLevel: 'warning',
    tags: ['security', 'tls', 'schannel', 'external/cwe/cwe-327'],
    securitySeverity: '4.3',
    precision: 'high',
  },
  check(server) {
    const policy = suitePolicy(server.registry);
    const value = policy?.functions;
    if (!policy || !value) return [];
    const problems: string[] = [];
    const data = value.data;
    if (!policy.suites) {
      problems.push(`it is a ${data.type}, not REG_SZ`);
    } else if (data.type === 'REG_MULTI_SZ') {
      if (policy.suites.some((suite) => suite.trim() === '' || /[\s,]/.test(suite))) problems.push('a string is empty or holds spaces or commas');
      if (policy.suites.join(',').length > SUITE_POLICY_MAX_LENGTH) problems.push(`it is longer than ${SUITE_POLICY_MAX_LENGTH} characters`);
    } else {
      const text = policy.suites.join(',');
      if (/[\r\n]/.test(text)) problems.push('it holds line breaks');
      if (/[ \t]/.test(text)) problems.push('it holds spaces');
      const items = text.endsWith(',') ? policy.suites.slice(0, -1) : policy.suites;
      if (items.some((item) => item.trim() === '')) problems.push('it has an empty item between commas');
      if (text.length > SUITE_POLICY_MAX_LENGTH) problems.push(`it is ${text.length} characters long (at most ${SUITE_POLICY_MAX_LENGTH})`);
    }
    if (problems.length === 0) return [];
    return [
      {
        message: `The cipher suite order policy \`Functions\` in ${value.file.path} breaks Microsoft's format: ${listNames(problems, problems.length)}. Microsoft: "The TLS cipher suite order list must be in strict comma delimited format".`,
        file: value.file,
        span: value.valueLine.span,
        subject: registrySubject(policy.key, 'Functions'),
      },
    ];
  },
};
