/**
 * TLS017 http-sys-binding-disables-tls12: an http.sys SSL binding whose `DefaultFlags` turns TLS
 * 1.2 off (any OS), or TLS 1.3 off on Server 2022 and later.
 */
import { isAtLeast } from '../model/os-profiles.js';
import { defaultFlagsBits, SSL_BINDING_FLAGS } from '../model/httpsys.js';
import { osWords } from './shared/tls-findings.js';
import { valueAsWritten } from './shared/schannel-findings.js';
import { registrySubject } from './support.js';
import type { FindingDraft, Rule } from './types.js';

export const TLS017: Rule = {
  meta: {
    id: 'TLS017',
    name: 'http-sys-binding-disables-tls12',
    shortDescription: 'An http.sys SSL binding turns TLS 1.2 off (DISABLE_TLS12), or TLS 1.3 off on Server 2022+ (DISABLE_TLS13).',
    fullDescription:
      'Finds DefaultFlags of HTTP\\Parameters\\SslBindingInfo, SslSniBindingInfo or SslCcsBindingInfo bindings with HTTP_SERVICE_CONFIG_SSL_FLAG_DISABLE_TLS12 (0x1000: error) or, on Windows Server 2022 and later, DISABLE_TLS13 (0x40: warning).',
    helpMarkdown: `
## What it finds
\`HKLM\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters\\SslBindingInfo\\<ip:port>\` (also
\`SslSniBindingInfo\\<host:port>\` and \`SslCcsBindingInfo\\<port>\`) with a \`DefaultFlags\` REG_DWORD that has:

- \`HTTP_SERVICE_CONFIG_SSL_FLAG_DISABLE_TLS12\` (0x1000): **error** on any OS;
- \`HTTP_SERVICE_CONFIG_SSL_FLAG_DISABLE_TLS13\` (0x40): **warning** on Windows Server 2022 and later (earlier versions
  have no TLS 1.3; not reported on an unknown OS).

One finding per bit, at the \`DefaultFlags\` line. Bit values from the Windows SDK \`http.h\`.

## Why it matters
The binding's flags override SChannel for that endpoint: with TLS 1.2 disabled the site offers only older protocols
(or nothing), whatever the SChannel keys say. Turning TLS 1.3 off on a server that has it removes the strongest
protocol.

## Bad
\`\`\`reg
Windows Registry Editor Version 5.00

[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters\\SslBindingInfo\\0.0.0.0:443]
"DefaultFlags"=dword:00001000
\`\`\`

## Good
\`\`\`reg
Windows Registry Editor Version 5.00

[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters\\SslBindingInfo\\0.0.0.0:443]
"DefaultFlags"=dword:00000000
\`\`\`

## How to fix
Recreate the binding without the flag (\`netsh http update sslcert ... disabletls12=disable\`, or the IIS Manager
binding dialog's "Disable TLS 1.2"/"Disable TLS 1.3 over TCP" boxes unticked). No automatic fix.

## Sources
- Windows SDK \`http.h\`: \`HTTP_SERVICE_CONFIG_SSL_FLAG_DISABLE_TLS13\` 0x00000040, \`HTTP_SERVICE_CONFIG_SSL_FLAG_DISABLE_TLS12\` 0x00001000.
- Microsoft Learn, "Protocols in TLS/SSL (Schannel SSP)": TLS 1.3 from Windows Server 2022.
`,
    defaultLevel: 'error',
    tags: ['security', 'tls', 'http-sys', 'external/cwe/cwe-327'],
    securitySeverity: '7.5',
    precision: 'high',
  },
  check(server) {
    const findings: FindingDraft[] = [];
    const hasTls13 = server.os !== undefined && isAtLeast(server.os, 'win2022');
    for (const binding of server.httpSys.allSslBindings) {
      const bits = defaultFlagsBits(binding);
      const value = binding.defaultFlags;
      if (bits === undefined || !value) continue;
      const where = `${binding.container ?? 'SslBindingInfo'}\\${binding.endpoint}`;
      if (bits & SSL_BINDING_FLAGS.DISABLE_TLS12) {
        findings.push({
          file: value.file,
          span: value.valueLine.span,
          level: 'error',
          subject: registrySubject(binding.key, 'DefaultFlags#DISABLE_TLS12'),
          message: `The http.sys binding \`${where}\` turns TLS 1.2 off (\`${valueAsWritten(value)}\` has DISABLE_TLS12, 0x1000): clients that require TLS 1.2 cannot connect to it, whatever SChannel allows. Clear the flag.`,
        });
      }
      if (bits & SSL_BINDING_FLAGS.DISABLE_TLS13 && hasTls13) {
        findings.push({
          file: value.file,
          span: value.valueLine.span,
          level: 'warning',
          subject: registrySubject(binding.key, 'DefaultFlags#DISABLE_TLS13'),
          message: `The http.sys binding \`${where}\` turns TLS 1.3 off (\`${valueAsWritten(value)}\` has DISABLE_TLS13, 0x40) on ${osWords(server)}, which has TLS 1.3. Clear the flag unless a client needs it off.`,
        });
      }
    }
    return findings;
  },
};
