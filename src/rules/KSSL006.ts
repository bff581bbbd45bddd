/**
 * KSSL006 kernel-ssl-setting-invalid: `HTTP\Parameters\EnableKernelSSL` written so that http.sys
 * does not honour it (not a REG_DWORD) or with a value nobody documents (a DWORD other than 0/1).
 * Runs whatever --kernel-ssl says: the setting is wrong either way.
 */
import { HTTP_PARAMETERS_PATH } from '../model/httpsys.js';
import type { RegistryValue } from '../model/registry.js';
import { valueAsWritten } from './shared/schannel-findings.js';
import { registrySubject } from './support.js';
import type { Rule } from './types.js';

const RESTART = 'write it as `"EnableKernelSSL"=dword:00000001` (kernel-mode SSL) or `dword:00000000` (user-mode SSL) and restart the HTTP service';

/** `is a REG_SZ, not a REG_DWORD`: what the file actually stores. */
function storedType(value: RegistryValue): string {
  const data = value.data;
  if (data.type === 'REG_DWORD' && !('dword' in data)) {
    const count = data.bytes.length;
    return `is typed REG_DWORD but holds ${count} byte${count === 1 ? '' : 's'} instead of 4`;
  }
  return `is a ${data.type}, not a REG_DWORD`;
}

export const KSSL006: Rule = {
  meta: {
    id: 'KSSL006',
    name: 'kernel-ssl-setting-invalid',
    shortDescription: 'EnableKernelSSL is not a REG_DWORD (http.sys ignores it) or is a DWORD other than 0 or 1.',
    fullDescription:
      'Finds `HKLM\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters\\EnableKernelSSL` written with a type other than ' +
      'REG_DWORD (error: http.sys does not honour it, so the server runs whatever the default is) or as a DWORD other than ' +
      '0 or 1 (warning: undocumented).',
    helpMarkdown: `
## What it finds
The value \`EnableKernelSSL\` under \`HKLM\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters\` when it is:

- **not a REG_DWORD** (error): a string (\`"1"\`), binary data (\`hex:01,00,00,00\`), a QWORD, or a \`hex(4):\` whose
  byte count is not 4. http.sys does not honour it.
- **a REG_DWORD other than 0 or 1** (warning): only 0 (user-mode SSL, the default) and 1 (kernel-mode SSL) are
  documented.

The finding is at the value's line. The rule runs with every \`--kernel-ssl\` setting, \`off\` included: the value is
wrong whatever mode iislint assumes.

## Why it matters
\`EnableKernelSSL\` is a REG_DWORD (MSDN "Kernel-Mode SSL", TechNet cc758709). Written with another type, the setting
silently does nothing: an administrator who believes kernel-mode SSL is on (or off) is wrong, and what the server
really does is whatever the default is. The kernel-mode SSL rules (KSSL001-005) also cannot tell which mode applies:
iislint then treats the value as absent, so their findings say "would break when kernel-mode SSL is enabled".

## Bad
\`\`\`reg
Windows Registry Editor Version 5.00

[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters]
"EnableKernelSSL"="1"
\`\`\`

## Good
\`\`\`reg
Windows Registry Editor Version 5.00

[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters]
"EnableKernelSSL"=dword:00000001
\`\`\`

## How to fix
Write the value as a DWORD, \`dword:00000001\` for kernel-mode SSL or \`dword:00000000\` for user-mode SSL, import the
file and restart the HTTP service (\`net stop http /y\`, then start the web services again).
\`hex(4):01,00,00,00\` is a valid REG_DWORD 1 and is not flagged.

There is no automatic fix (\`iislint --fix\` leaves the value alone), not even for a string \`"1"\`: http.sys runs
user-mode SSL while the value is a string, so rewriting it as \`dword:00000001\` would switch kernel-mode SSL **on**,
and with it break client certificates, RC2 and PCT 1.0 wherever the server still uses them (KSSL001-005). Decide the
mode first, then write the DWORD yourself.

## Assumptions
- With a type other than REG_DWORD, http.sys is assumed to ignore the value and keep its default (0, user-mode SSL); no
  Microsoft source says what it does, only that the value is a REG_DWORD.
- A \`hex(4):\` value with a byte count other than 4 is REG_DWORD in name only: it holds no DWORD, so it is treated like
  a wrong type (error).
- What http.sys does with a DWORD other than 0 or 1 is undocumented: it may treat any non-zero value as on. Hence a
  warning, not an error.

## Notes
- This rule is not tagged \`security\`: a mistyped \`EnableKernelSSL\` makes the server run the default user-mode SSL,
  which is not weaker; the problem is that the setting silently does nothing. The security severity is nominal.
`,
    defaultLevel: 'error',
    tags: ['correctness', 'kernel-mode-ssl', 'http-sys', 'external/cwe/cwe-16'],
    securitySeverity: '4.0',
    precision: 'very-high',
    server2003Only: true,
    kernelSslMigration: true,
  },
  check(server) {
    const setting = server.httpSys.enableKernelSsl;
    if (!setting) return [];
    const value = setting.value;
    const data = value.data;
    // The common case first: a proper 0 or 1 needs neither the message's text nor the subject.
    if (data.type === 'REG_DWORD' && 'dword' in data && (data.dword === 0 || data.dword === 1)) return [];
    const written = `\`${valueAsWritten(value)}\` in ${value.file.path}`;
    const subject = registrySubject(HTTP_PARAMETERS_PATH, 'EnableKernelSSL');
    if (data.type === 'REG_DWORD' && 'dword' in data) {
      return [
        {
          message:
            `EnableKernelSSL is ${data.dword}, which is neither 0 nor 1 (${written}). ` +
            `Only 0 (user-mode SSL) and 1 (kernel-mode SSL) are documented, so what http.sys does with it is undefined, ` +
            `and iislint treats kernel-mode SSL as not known to be on; ${RESTART}.`,
          file: value.file,
          span: value.valueLine.span,
          subject,
          level: 'warning',
        },
      ];
    }
    return [
      {
        message:
          `EnableKernelSSL ${storedType(value)}, so http.sys does not honour it (${written}). ` +
          `http.sys then keeps its default (0, user-mode SSL) whatever the data says, and iislint treats the value as absent; ${RESTART}.`,
        file: value.file,
        span: value.valueLine.span,
        subject,
        level: 'error',
      },
    ];
  },
};
