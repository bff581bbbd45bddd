/**
 * KSSL003: client-certificate MAPPING that kernel-mode SSL cannot do: AccessSSLFlags with
 * AccessSSLMapCert (128), SslUseDsMapper TRUE, an IIsCertMapper that holds mappings, and an
 * http.sys SSL binding with USE_DS_MAPPER.
 */
import { defaultFlagsBits, SSL_BINDING_FLAGS } from '../model/httpsys.js';
import { certMapperHoldsMappings, type MetabaseNode } from '../model/metabase.js';
import { decodeBool, isReadOnClass } from '../model/metabase-schema.js';
import {
  ACCESS_SSL_MAP_CERT,
  ACCESS_SSL_NEGOTIATE_CERT,
  accessSslFlagsSettings,
  describeAccessSslFlags,
  exposureVerdict,
  httpsExposure,
  inheritanceSentence,
  metabaseSettings,
} from './shared/access-ssl-flags.js';
import { kernelSslContext, metabaseSubject, registryValueSubject } from './support.js';
import type { FindingDraft, Rule } from './types.js';

export const SSL_USE_DS_MAPPER = { name: 'SslUseDsMapper', id: 5519 } as const;

/** "2 properties and 3 keys below it": what makes the mapper non-empty, for the message. */
function describeMapperContent(node: MetabaseNode): string {
  const key = node.key!;
  let keysBelow = 0;
  const stack = [...node.children];
  while (stack.length > 0) {
    const child = stack.pop()!;
    if (child.key) keysBelow++;
    for (const grandchild of child.children) stack.push(grandchild);
  }
  const parts = [
    [key.propertyCount, 'property', 'properties'],
    [key.childElementCount, 'child element', 'child elements'],
    [keysBelow, 'key below it', 'keys below it'],
  ] as const;
  const shown = parts.filter(([count]) => count > 0).map(([count, one, many]) => `${count} ${count === 1 ? one : many}`);
  return shown.length <= 1 ? shown.join('') : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

export const KSSL003: Rule = {
  meta: {
    id: 'KSSL003',
    name: 'client-certificate-mapping',
    shortDescription: 'Client certificates are mapped to Windows accounts, which kernel-mode SSL cannot do.',
    fullDescription:
      'Finds AccessSSLFlags with AccessSSLMapCert (128), SslUseDsMapper set to TRUE, IIsCertMapper keys that hold one-to-one or many-to-one mappings, and http.sys SSL bindings whose DefaultFlags has USE_DS_MAPPER (0x1). Kernel-mode SSL on Windows Server 2003 SP1/SP2 cannot map client certificates.',
    helpMarkdown: `
## What it finds
Settings that map client certificates to Windows accounts:
- \`AccessSSLFlags\` with \`AccessSSLMapCert\` (bit 128) and \`AccessSSLNegotiateCert\` (bit 32), symbolic or
  numeric, attribute or \`<Custom ID="6030">\`; reported once where it is set, with the keys that inherit it.
  Mapping needs a certificate, and without NegotiateCert none is requested ("if MD_ACCESS_NEGO_CERT is unset,
  the server will not request a certificate", IIS SDK, MD_SSL_ACCESS_PERM): MapCert alone is CFG008's.
- \`SslUseDsMapper\` (ID 5519, on \`/LM/W3SVC\`) that IIS reads as TRUE: map certificates with the
  Active Directory mapper.
- An \`IIsCertMapper\` key (\`/LM/W3SVC/<n>/IIsCertMapper\`) that holds mapping data: properties,
  child elements or mapping keys below it (\`.../IIsCertMapper/Cert11/Mappings/...\`). IIS creates an
  empty IIsCertMapper for every site; an empty one is normal and not reported. The finding points
  at the key's element name.
- An http.sys SSL binding, \`HKLM\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters\\SslBindingInfo\\<ip:port>\`,
  whose \`DefaultFlags\` REG_DWORD has bit 0x1 (HTTP_SERVICE_CONFIG_SSL_FLAG_USE_DS_MAPPER). On
  Windows Server 2003 SP1/SP2 these keys are written by \`httpcfg set ssl ... -f 1\`.

The level depends on the kernel-mode SSL context (\`--kernel-ssl\`, default \`auto\`):
EnableKernelSSL=1 → error; 0 → warning (it blocks switching kernel-mode SSL on); absent →
error (it would break once kernel-mode SSL is enabled); \`on\` → error; \`off\` → not run.
A metabase setting where no HTTPS is served is a **note** in every context (\`--kernel-ssl on\`
included): in a site without SecureBindings, under \`/LM/W3SVC/Info/Templates/\`, or on \`/LM/W3SVC\`
when no site serving HTTPS inherits it. It would break once an HTTPS binding is added.

## Why it matters
Under kernel-mode SSL (Windows Server 2003 SP1/SP2, \`EnableKernelSSL\`=1) http.sys cannot request,
negotiate or map client certificates (MSDN "Kernel-Mode SSL"; TechNet cc758709). Users who log
on with a mapped certificate then get no Windows identity: they are refused, or fall back to
whatever other authentication the site allows.

## Bad
\`\`\`xml
<IIsWebService	Location ="/LM/W3SVC"
		SslUseDsMapper="TRUE"
	>
</IIsWebService>
<IIsWebVirtualDir	Location ="/LM/W3SVC/1/ROOT"
		AccessSSLFlags="AccessSSL | AccessSSLNegotiateCert | AccessSSLMapCert"
	>
</IIsWebVirtualDir>
\`\`\`

\`\`\`reg
[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters\\SslBindingInfo\\0.0.0.0:443]
"DefaultFlags"=dword:00000001
\`\`\`

## Good
\`\`\`xml
<IIsCertMapper	Location ="/LM/W3SVC/1/IIsCertMapper"
	>
</IIsCertMapper>
<IIsWebVirtualDir	Location ="/LM/W3SVC/1/ROOT"
		AccessSSLFlags="AccessSSL"
	>
</IIsWebVirtualDir>
\`\`\`

## How to fix
There is no automatic fix: each choice changes who the server thinks its users are.
- **Keep user-mode SSL on this server**: leave \`EnableKernelSSL\` at 0 (or absent) and lint this
  server with \`--kernel-ssl off\` to record that choice.
- **Move the application** that maps certificates to a server that keeps user-mode SSL (or to
  IIS 7 or later on Windows Server 2008 or later, with client-certificate mapping
  authentication), then enable kernel-mode SSL here.
- **Drop certificate mapping knowingly**: remove \`AccessSSLMapCert\`, set \`SslUseDsMapper\` to FALSE,
  delete the site's mappings (IIS Manager, Directory Security, Edit, "Enable client certificate
  mapping") or clear bit 0x1 of the binding's \`DefaultFlags\`, after giving the users another
  way to log on.

## Assumptions
- A value that also holds a token IIS does not know (CFG002) is still reported when
  AccessSSLMapCert is among its valid tokens; a misspelt token contributes no bit.
- An IIsCertMapper with mappings is reported even where no AccessSSLFlags enables mapping: the
  mappings are kept for a reason, and enabling mapping again would bring the conflict back.
- \`SslUseDsMapper\` (and \`SSLCertHash\`, \`SSLStoreName\`) are INHERIT (IIS 6.0 SDK property pages); the SDK lists
  \`/LM/W3SVC\` (IIsWebService) as the only place \`SslUseDsMapper\` is configured, so it is reported there, for the
  whole service (a note when no site serves HTTPS), and on a virtual directory, directory or file only by CFG007.
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
        // Mapping needs a certificate, and without NegotiateCert none is requested (CFG008).
        if ((flags.bits & ACCESS_SSL_MAP_CERT) === 0 || (flags.bits & ACCESS_SSL_NEGOTIATE_CERT) === 0) continue;
        const location = setting.node.location;
        const verdict = exposureVerdict(httpsExposure(metabase, setting.node, setting), context);
        findings.push({
          message:
            `AccessSSLFlags on ${location} maps client certificates to Windows accounts (${describeAccessSslFlags(setting.property.value, flags)}), ` +
            `which kernel-mode SSL cannot do.${verdict.sentence}` +
            inheritanceSentence(metabase, setting),
          file: setting.file,
          span: setting.property.span,
          subject: metabaseSubject(location, 'AccessSSLFlags'),
          level: verdict.level,
        });
      }
      for (const setting of metabaseSettings(metabase, SSL_USE_DS_MAPPER)) {
        if (decodeBool(setting.property.value) !== true) continue;
        // Read on IIsWebService only; elsewhere it does nothing (CFG007).
        if (isReadOnClass(SSL_USE_DS_MAPPER.id, setting.key.className) === false) continue;
        const location = setting.node.location;
        const verdict = exposureVerdict(httpsExposure(metabase, setting.node), context);
        findings.push({
          message:
            `SslUseDsMapper on ${location} is ${JSON.stringify(setting.property.value)}: IIS maps client certificates to Windows ` +
            `accounts with the Active Directory mapper, which kernel-mode SSL cannot do.${verdict.sentence}`,
          file: setting.file,
          span: setting.property.span,
          subject: metabaseSubject(location, SSL_USE_DS_MAPPER.name),
          level: verdict.level,
        });
      }
      for (const node of metabase.nodesOfKind('certMapper')) {
        if (!certMapperHoldsMappings(node) || !node.key || !node.file) continue;
        const site = node.parent?.location ?? '/';
        const verdict = exposureVerdict(httpsExposure(metabase, node), context);
        findings.push({
          message:
            `The IIsCertMapper of ${site} holds client-certificate mappings (${describeMapperContent(node)}), ` +
            `which kernel-mode SSL cannot use.${verdict.level === 'note' ? verdict.sentence : ` This mapper ${context.consequence}.`}`,
          file: node.file,
          span: node.key.span,
          subject: `metabase:${node.location}`,
          level: verdict.level,
        });
      }
    }
    for (const binding of server.httpSys.sslBindings) {
      const bits = defaultFlagsBits(binding);
      const value = binding.defaultFlags;
      if (bits === undefined || value === undefined || (bits & SSL_BINDING_FLAGS.USE_DS_MAPPER) === 0) continue;
      findings.push({
        message:
          `The http.sys SSL binding ${binding.endpoint} maps client certificates with the Active Directory mapper ` +
          `(DefaultFlags=${value.valueLine.rawData.trim()} has bit 0x1, USE_DS_MAPPER), which kernel-mode SSL cannot do.${consequence}`,
        file: value.file,
        span: value.valueLine.span,
        subject: registryValueSubject(value, binding.key),
        level: context.level,
      });
    }
    return findings;
  },
};
