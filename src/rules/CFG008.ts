/**
 * CFG008 access-ssl-flags-inconsistent: AccessSSLFlags with AccessSSLRequireCert (64) or
 * AccessSSLMapCert (128) but without AccessSSLNegotiateCert (32). IIS then requests no client
 * certificate at all, so the flags that look like "require" or "map" do nothing.
 */
import {
  ACCESS_SSL_FLAGS,
  ACCESS_SSL_MAP_CERT,
  ACCESS_SSL_NEGOTIATE_CERT,
  ACCESS_SSL_REQUIRE_CERT,
  accessSslFlagsSettings,
  describeAccessSslFlags,
} from './shared/access-ssl-flags.js';
import { metabaseSubject } from './support.js';
import type { FindingDraft, Rule } from './types.js';

export const CFG008: Rule = {
  meta: {
    id: 'CFG008',
    name: 'access-ssl-flags-inconsistent',
    shortDescription: 'AccessSSLFlags requires or maps client certificates without AccessSSLNegotiateCert, so no certificate is requested.',
    fullDescription:
      'Reports AccessSSLFlags values with AccessSSLRequireCert (64) or AccessSSLMapCert (128) but without ' +
      'AccessSSLNegotiateCert (32): IIS requests a client certificate only with the NegotiateCert bit, so as written ' +
      'no certificate is requested and nothing is required or mapped.',
    helpMarkdown: `
## What it finds
An \`AccessSSLFlags\` value (attribute or \`<Custom ID="6030">\`, symbolic or numeric) that has
\`AccessSSLRequireCert\` (64) or \`AccessSSLMapCert\` (128) but not \`AccessSSLNegotiateCert\` (32), e.g.
\`"AccessSSL | AccessSSLRequireCert"\` or \`"72"\`. One warning per setting, at the attribute.

## Why it matters
The IIS SDK (MD_SSL_ACCESS_PERM): "if MD_ACCESS_NEGO_CERT is unset, the server will not request a
certificate, no matter what the setting of MD_ACCESS_REQUIRE_CERT". Mapping a certificate to an account
needs a certificate too. So the value reads as "require client certificates" but requires nothing: the
resource is open to every client that completes SSL. IIS Manager writes "Require client certificates"
as \`AccessSSLNegotiateCert | AccessSSLRequireCert\`; a value without the NegotiateCert bit usually comes
from a script or a hand edit. It is not a kernel-mode SSL conflict (KSSL001 and KSSL003 do not report
it), because no certificate is requested.

## Bad
\`\`\`xml
<IIsWebVirtualDir	Location ="/LM/W3SVC/1/ROOT/secure"
		AccessSSLFlags="AccessSSL | AccessSSLRequireCert"
	>
</IIsWebVirtualDir>
\`\`\`

## Good
\`\`\`xml
<IIsWebVirtualDir	Location ="/LM/W3SVC/1/ROOT/secure"
		AccessSSLFlags="AccessSSL | AccessSSLNegotiateCert | AccessSSLRequireCert"
	>
</IIsWebVirtualDir>
\`\`\`

## How to fix
Decide what the resource needs. To require (or map) client certificates, add \`AccessSSLNegotiateCert\`
(then check KSSL001/KSSL003: client certificates do not work under kernel-mode SSL). If no certificate
is wanted, remove \`AccessSSLRequireCert\` and \`AccessSSLMapCert\` so the value says what IIS does.

## Sources
- IIS 6.0 SDK, AccessSSLFlags / MD_SSL_ACCESS_PERM: "if MD_ACCESS_NEGO_CERT is unset, the server will not
  request a certificate, no matter what the setting of MD_ACCESS_REQUIRE_CERT".
`,
    defaultLevel: 'warning',
    tags: ['correctness', 'security', 'client-certificates', 'external/cwe/cwe-16'],
    securitySeverity: '4.0',
    precision: 'very-high',
    kernelSslMigration: true,
  },
  check(server) {
    const metabase = server.metabase;
    if (!metabase) return [];
    const findings: FindingDraft[] = [];
    for (const { setting, flags } of accessSslFlagsSettings(metabase)) {
      const dependent = flags.bits & (ACCESS_SSL_REQUIRE_CERT | ACCESS_SSL_MAP_CERT);
      if (dependent === 0 || (flags.bits & ACCESS_SSL_NEGOTIATE_CERT) !== 0) continue;
      const names = [
        ...((dependent & ACCESS_SSL_REQUIRE_CERT) !== 0 ? ['AccessSSLRequireCert'] : []),
        ...((dependent & ACCESS_SSL_MAP_CERT) !== 0 ? ['AccessSSLMapCert'] : []),
      ];
      findings.push({
        message:
          `AccessSSLFlags on ${setting.node.location} (${describeAccessSslFlags(setting.property.value, flags)}) has ${names.join(' and ')} ` +
          `without AccessSSLNegotiateCert: ${names.length === 1 ? 'this flag takes' : 'these flags take'} effect only with AccessSSLNegotiateCert; ` +
          `as written no client certificate is requested. Add AccessSSLNegotiateCert, or remove ${names.join(' and ')}.`,
        file: setting.file,
        span: setting.property.span,
        subject: metabaseSubject(setting.node.location, ACCESS_SSL_FLAGS.name),
      });
    }
    return findings;
  },
};
