/**
 * KSSL002: client-certificate NEGOTIATION that kernel-mode SSL cannot do: AccessSSLFlags with
 * AccessSSLNegotiateCert (32) but without AccessSSLRequireCert (KSSL001 covers that value),
 * SSLAlwaysNegoClientCert TRUE, and an http.sys SSL binding with NEGOTIATE_CLIENT_CERT.
 */
import { defaultFlagsBits, SSL_BINDING_FLAGS } from '../model/httpsys.js';
import type { MetabaseModel, MetabaseNode, PropertySetting } from '../model/metabase.js';
import { decodeBool, isReadOnClass } from '../model/metabase-schema.js';
import {
  ACCESS_SSL_NEGOTIATE_CERT,
  ACCESS_SSL_REQUIRE_CERT,
  accessSslFlagsSettings,
  describeAccessSslFlags,
  exposureVerdict,
  httpsExposure,
  inheritanceSentence,
  metabaseSettings,
  servesHttps,
} from './shared/access-ssl-flags.js';
import { kernelSslContext, listNames, metabaseSubject, registryValueSubject } from './support.js';
import type { FindingDraft, Rule } from './types.js';

export const SSL_ALWAYS_NEGO_CLIENT_CERT = { name: 'SSLAlwaysNegoClientCert', id: 5521 } as const;

/** `/LM/W3SVC/1` (Default Web Site). */
function siteLabel(site: MetabaseNode): string {
  const comment = site.own('ServerComment')?.property.value.trim();
  return comment ? `${site.location} (${comment})` : site.location;
}

/**
 * SSLAlwaysNegoClientCert is a per-site handshake setting (read on IIsWebService and
 * IIsWebServer only): the HTTPS sites it applies to are the site itself, or the sites below
 * /LM/W3SVC that do not set their own.
 */
function httpsSitesOf(metabase: MetabaseModel, setting: PropertySetting): MetabaseNode[] {
  const sites = setting.node.kind === 'site' ? [setting.node] : metabase.inheritorsOf(setting).filter((node) => node.kind === 'site' && /^\/LM\/W3SVC\/\d+$/i.test(node.location));
  return sites.filter((site) => servesHttps(metabase, site));
}

export const KSSL002: Rule = {
  meta: {
    id: 'KSSL002',
    name: 'client-certificate-negotiation',
    shortDescription: 'Client certificates are negotiated (accepted), which kernel-mode SSL cannot do.',
    fullDescription:
      'Finds AccessSSLFlags with AccessSSLNegotiateCert (32) but not AccessSSLRequireCert, SSLAlwaysNegoClientCert set to TRUE, and http.sys SSL bindings whose DefaultFlags has NEGOTIATE_CLIENT_CERT (0x2). Kernel-mode SSL on Windows Server 2003 SP1/SP2 cannot negotiate client certificates.',
    helpMarkdown: `
## What it finds
Settings that make IIS or http.sys ask clients for a certificate without strictly requiring one:
- \`AccessSSLFlags\` with \`AccessSSLNegotiateCert\` (bit 32) where \`AccessSSLRequireCert\` (64) is
  not also set — "Accept client certificates" in IIS Manager. IIS Manager writes "Require client
  certificates" as both bits; such a value is reported by KSSL001 alone. Symbolic or numeric
  (\`"40"\`), attribute or \`<Custom ID="6030">\`; reported once where it is set, with the keys that
  inherit it.
- \`SSLAlwaysNegoClientCert\` (ID 5521) that IIS reads as TRUE (\`TRUE\`, \`true\`, \`1\`...): ask every
  client for a certificate during the handshake. IIS reads it only on \`/LM/W3SVC\` (IIsWebService) and
  \`/LM/W3SVC/<n>\` (IIsWebServer): the IIS 6.0 SDK lists only those as its configurable locations. On
  \`/LM/W3SVC\` the message names the sites serving HTTPS (with SecureBindings) that inherit it; on a
  virtual directory, directory or file it does nothing and CFG007 reports it instead.
- An http.sys SSL binding, \`HKLM\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters\\SslBindingInfo\\<ip:port>\`,
  whose \`DefaultFlags\` REG_DWORD has bit 0x2 (HTTP_SERVICE_CONFIG_SSL_FLAG_NEGOTIATE_CLIENT_CERT).
  On Windows Server 2003 SP1/SP2 these keys are written by \`httpcfg set ssl ... -f 2\`.

The level depends on the kernel-mode SSL context (\`--kernel-ssl\`, default \`auto\`):
EnableKernelSSL=1 → error; 0 → warning (it blocks switching kernel-mode SSL on); absent →
error (it would break once kernel-mode SSL is enabled); \`on\` → error; \`off\` → not run.
A metabase setting where no HTTPS is served is a **note** in every context (\`--kernel-ssl on\`
included): on a site without SecureBindings, under \`/LM/W3SVC/Info/Templates/\`, or on \`/LM/W3SVC\`
when no site serving HTTPS inherits it. It would break once an HTTPS binding is added.

## Why it matters
Under kernel-mode SSL (Windows Server 2003 SP1/SP2, \`EnableKernelSSL\`=1) http.sys cannot request,
negotiate or map client certificates, and the ISAPI client-certificate server variables stay
empty (MSDN "Kernel-Mode SSL"; TechNet cc758709). An application that reads the optional
certificate (\`Request.ClientCertificate\`, \`CERT_SUBJECT\`) to identify or authorise users then
sees none: users are treated as anonymous or refused, depending on the code.

## Bad
\`\`\`xml
<IIsWebServer	Location ="/LM/W3SVC/1"
		SSLAlwaysNegoClientCert="TRUE"
	>
</IIsWebServer>
<IIsWebVirtualDir	Location ="/LM/W3SVC/1/ROOT"
		AccessSSLFlags="AccessSSL | AccessSSLNegotiateCert"
	>
</IIsWebVirtualDir>
\`\`\`

\`\`\`reg
[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters\\SslBindingInfo\\0.0.0.0:443]
"DefaultFlags"=dword:00000002
\`\`\`

## Good
\`\`\`xml
<IIsWebVirtualDir	Location ="/LM/W3SVC/1/ROOT"
		AccessSSLFlags="AccessSSL"
	>
</IIsWebVirtualDir>
\`\`\`

\`\`\`reg
[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters\\SslBindingInfo\\0.0.0.0:443]
"DefaultFlags"=dword:00000000
\`\`\`

## How to fix
There is no automatic fix: each choice changes what the server does.
- **Keep user-mode SSL on this server**: leave \`EnableKernelSSL\` at 0 (or absent) and lint this
  server with \`--kernel-ssl off\` to record that choice.
- **Move the application** that reads client certificates to a server that keeps user-mode SSL
  (or to IIS 7 or later on Windows Server 2008 or later, where http.sys negotiates client
  certificates in kernel mode), then enable kernel-mode SSL here.
- **Drop client certificates knowingly**: remove \`AccessSSLNegotiateCert\`, set
  \`SSLAlwaysNegoClientCert\` to FALSE, or clear bit 0x2 of the binding's \`DefaultFlags\`
  (\`httpcfg set ssl\` without \`-f 2\`), after making sure nothing relies on the certificate.

## Assumptions
- A value that also holds a token IIS does not know (CFG002) is still reported when
  AccessSSLNegotiateCert is among its valid tokens; a misspelt token contributes no bit.
- \`SSLAlwaysNegoClientCert\` is read as IIS reads booleans (a non-zero number, or a prefix of
  true/yes/on, any case). A value IIS cannot read is not reported here.
- A \`DefaultFlags\` that is not a REG_DWORD is left to CFG004: what http.sys makes of it is undefined.
`,
    defaultLevel: 'error',
    tags: ['security', 'kernel-mode-ssl', 'client-certificates', 'external/cwe/cwe-16'],
    securitySeverity: '7.0',
    precision: 'high',
    server2003Only: true,
    kernelSslMigration: true,
    kernelSslOnly: true,
  },
  check(server, options) {
    const findings: FindingDraft[] = [];
    const context = kernelSslContext(server, options);
    const consequence = ` This setting ${context.consequence}.`;
    const metabase = server.metabase;
    if (metabase) {
      for (const { setting, flags } of accessSslFlagsSettings(metabase)) {
        if ((flags.bits & ACCESS_SSL_NEGOTIATE_CERT) === 0 || (flags.bits & ACCESS_SSL_REQUIRE_CERT) !== 0) continue;
        const location = setting.node.location;
        const verdict = exposureVerdict(httpsExposure(metabase, setting.node, setting), context);
        findings.push({
          message:
            `AccessSSLFlags on ${location} negotiates client certificates (${describeAccessSslFlags(setting.property.value, flags)}), ` +
            `which kernel-mode SSL cannot do.${verdict.sentence}` +
            inheritanceSentence(metabase, setting),
          file: setting.file,
          span: setting.property.span,
          subject: metabaseSubject(location, 'AccessSSLFlags'),
          level: verdict.level,
        });
      }
      for (const setting of metabaseSettings(metabase, SSL_ALWAYS_NEGO_CLIENT_CERT)) {
        if (decodeBool(setting.property.value) !== true) continue;
        // On a virtual directory, directory or file IIS does not read it (CFG007 says so).
        if (isReadOnClass(SSL_ALWAYS_NEGO_CLIENT_CERT.id, setting.key.className) !== true) continue;
        const location = setting.node.location;
        const exposure = httpsExposure(metabase, setting.node, setting);
        const sites = exposure.kind === 'https' ? httpsSitesOf(metabase, setting) : [];
        const verdict = exposureVerdict(sites.length > 0 || exposure.kind !== 'https' ? exposure : { kind: 'no-https' }, context);
        const applies =
          sites.length === 0 || setting.node.kind === 'site'
            ? ''
            : ` It applies to ${sites.length === 1 ? '1 HTTPS site' : `${sites.length} HTTPS sites`} (sites with SecureBindings that do not set their own): ${listNames(sites.map(siteLabel))}.`;
        findings.push({
          message:
            `SSLAlwaysNegoClientCert on ${location} is ${JSON.stringify(setting.property.value)}: IIS asks every client for a certificate ` +
            `during the SSL handshake, which kernel-mode SSL cannot do.${verdict.sentence}${applies}`,
          file: setting.file,
          span: setting.property.span,
          subject: metabaseSubject(location, SSL_ALWAYS_NEGO_CLIENT_CERT.name),
          level: verdict.level,
        });
      }
    }
    for (const binding of server.httpSys.sslBindings) {
      const bits = defaultFlagsBits(binding);
      const value = binding.defaultFlags;
      if (bits === undefined || value === undefined || (bits & SSL_BINDING_FLAGS.NEGOTIATE_CLIENT_CERT) === 0) continue;
      findings.push({
        message:
          `The http.sys SSL binding ${binding.endpoint} negotiates client certificates ` +
          `(DefaultFlags=${value.valueLine.rawData.trim()} has bit 0x2, NEGOTIATE_CLIENT_CERT), which kernel-mode SSL cannot do.${consequence}`,
        file: value.file,
        span: value.valueLine.span,
        subject: registryValueSubject(value, binding.key),
        level: context.level,
      });
    }
    return findings;
  },
};
