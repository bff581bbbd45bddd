/**
 * KSSL001: AccessSSLFlags requires client certificates (AccessSSLRequireCert, 64), which
 * kernel-mode SSL cannot do. Reported once where the property is set, naming the keys that
 * inherit it.
 */
import {
  ACCESS_SSL_FLAGS,
  ACCESS_SSL_NEGOTIATE_CERT,
  ACCESS_SSL_REQUIRE_CERT,
  accessSslFlagsSettings,
  describeAccessSslFlags,
  exposureVerdict,
  httpsExposure,
  inheritanceSentence,
} from './shared/access-ssl-flags.js';
import { kernelSslContext, metabaseSubject } from './support.js';
import type { FindingDraft, Rule } from './types.js';

export const KSSL001: Rule = {
  meta: {
    id: 'KSSL001',
    name: 'client-certificate-required',
    shortDescription: 'AccessSSLFlags requires client certificates, which kernel-mode SSL cannot do.',
    fullDescription:
      'Finds every metabase key that sets AccessSSLFlags with AccessSSLRequireCert (64) and AccessSSLNegotiateCert (32), written symbolically or as a number, and reports it once where it is set, with the sites and virtual directories that inherit it. Kernel-mode SSL on Windows Server 2003 SP1/SP2 cannot request client certificates.',
    helpMarkdown: `
## What it finds
A metabase key that sets \`AccessSSLFlags\` with \`AccessSSLRequireCert\` (bit 64) and \`AccessSSLNegotiateCert\` (bit 32),
as IIS Manager writes "Require client certificates": as an attribute,
as a \`<Custom ID="6030">\` child, symbolically (\`AccessSSL | AccessSSLNegotiateCert | AccessSSLRequireCert\`)
or as a number (\`"104"\`, \`"96"\`). AccessSSLFlags is inherited, so a value set on \`/LM/W3SVC\` applies
to every site, virtual directory, directory and file below it until a deeper key sets its own
value. The finding points at the attribute where the value is **set**, once, and the message
counts and names (up to five) the sites, virtual directories, directories and files that inherit it.
A deeper key that sets bit 64 again is its own finding; a deeper key that sets AccessSSLFlags
without it takes its subtree out of the list. RequireCert without NegotiateCert requests no
certificate at all ("if MD_ACCESS_NEGO_CERT is unset, the server will not request a certificate,
no matter what the setting of MD_ACCESS_REQUIRE_CERT", IIS SDK, MD_SSL_ACCESS_PERM): that value is
CFG008's, not a kernel-mode SSL conflict.

The level depends on the kernel-mode SSL context of the server (\`--kernel-ssl\`, default \`auto\`):
EnableKernelSSL=1 → error (it breaks now); EnableKernelSSL=0 → warning (it blocks switching
kernel-mode SSL on); no EnableKernelSSL value → error (it would break once kernel-mode SSL is
enabled); \`--kernel-ssl on\` → error; \`--kernel-ssl off\` → the rule does not run.
Where no HTTPS is served the finding is a **note** whatever the context, \`--kernel-ssl on\` included:
a key of a site without SecureBindings (nothing breaks until an HTTPS binding is added), a key
under \`/LM/W3SVC/Info/Templates/\` (sites created from the template inherit it), and a value on
\`/LM/W3SVC\` that no site serving HTTPS inherits.

## Why it matters
Windows Server 2003 SP1 added kernel-mode SSL to http.sys (\`HKLM\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters\`,
\`EnableKernelSSL\`=1). Under it, client certificates do not work at all: not requiring them, not
negotiating them, not mapping them, and the ISAPI client-certificate server variables are empty
(MSDN "Kernel-Mode SSL"; TechNet cc758709). A site that requires a client certificate then cannot
get one, so the users it was meant to authenticate cannot use it. The usual "fix" under pressure —
clearing the flag — silently drops the authentication the site relied on.

## Bad
\`\`\`xml
<IIsWebService	Location ="/LM/W3SVC"
		AccessSSLFlags="AccessSSL | AccessSSLNegotiateCert | AccessSSLRequireCert"
	>
</IIsWebService>
<IIsWebVirtualDir	Location ="/LM/W3SVC/1/ROOT/secure"
		AccessSSLFlags="104"
	>
</IIsWebVirtualDir>
\`\`\`

## Good
\`\`\`xml
<IIsWebVirtualDir	Location ="/LM/W3SVC/1/ROOT"
		AccessSSLFlags="AccessSSL"
	>
</IIsWebVirtualDir>
\`\`\`

## How to fix
There is no automatic fix: each choice changes what the server does.
- **Keep user-mode SSL on this server**: leave \`EnableKernelSSL\` at 0 (or absent) and lint this
  server with \`--kernel-ssl off\` to record that choice.
- **Move the application** that needs client certificates to a server that keeps user-mode SSL
  (or to IIS 7 or later on Windows Server 2008 or later, where http.sys handles client
  certificates in kernel mode), then enable kernel-mode SSL here.
- **Drop client certificates knowingly**: remove \`AccessSSLRequireCert\` (and
  \`AccessSSLNegotiateCert\`) from the key named in the message, after making sure the
  application authenticates its users another way.

## Assumptions
- A value that also holds a token IIS does not know (reported by CFG002) is still reported when
  AccessSSLRequireCert is among its valid tokens: once the typo is fixed, the requirement applies.
  A misspelt \`AccessSSLRequireCer\` contributes no bit and is not reported here.
- Only an attribute spelt exactly \`AccessSSLFlags\` (MetaBase.xml is case-sensitive) or a
  \`<Custom>\` with \`ID="6030"\` is read as AccessSSLFlags.
- The inheritors counted are the sites, virtual directories, directories and files of numbered
  sites (\`/LM/W3SVC/<n>/...\`); the site templates under \`/LM/W3SVC/Info/Templates\`, application
  pools, filters and certificate mappers serve no content and are left out.
`,
    defaultLevel: 'error',
    tags: ['security', 'kernel-mode-ssl', 'client-certificates', 'external/cwe/cwe-16'],
    securitySeverity: '7.5',
    precision: 'very-high',
    server2003Only: true,
    kernelSslMigration: true,
    kernelSslOnly: true,
  },
  check(server, options) {
    const metabase = server.metabase;
    if (!metabase) return [];
    const findings: FindingDraft[] = [];
    const context = kernelSslContext(server, options);
    for (const { setting, flags } of accessSslFlagsSettings(metabase)) {
      // Without NegotiateCert no certificate is requested at all (CFG008 reports that).
      if ((flags.bits & ACCESS_SSL_REQUIRE_CERT) === 0 || (flags.bits & ACCESS_SSL_NEGOTIATE_CERT) === 0) continue;
      const location = setting.node.location;
      const verdict = exposureVerdict(httpsExposure(metabase, setting.node, setting), context);
      findings.push({
        message:
          `AccessSSLFlags on ${location} requires client certificates (${describeAccessSslFlags(setting.property.value, flags)}), ` +
          `which kernel-mode SSL cannot request.${verdict.sentence}` +
          inheritanceSentence(metabase, setting),
        file: setting.file,
        span: setting.property.span,
        subject: metabaseSubject(location, ACCESS_SSL_FLAGS.name),
        level: verdict.level,
      });
    }
    return findings;
  },
};
