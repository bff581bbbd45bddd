/**
 * CFG007 metabase-property-misplaced: a site-level property (a handshake, binding or
 * certificate setting) written on a virtual directory, directory or file, where IIS never reads
 * it. The table of where IIS reads what is CONFIGURABLE_LOCATIONS in the metabase schema.
 */
import { CONFIGURABLE_LOCATIONS, isReadOnClass, type WebKeyClass } from '../model/metabase-schema.js';
import { metabaseSettings, siteOf } from './shared/access-ssl-flags.js';
import { metabaseSubject } from './support.js';
import type { FindingDraft, Rule } from './types.js';

const WHERE: Record<WebKeyClass, string> = {
  IIsWebService: 'the web service (/LM/W3SVC)',
  IIsWebServer: 'sites (/LM/W3SVC/<n>)',
  IIsWebVirtualDir: 'virtual directories',
  IIsWebDirectory: 'directories',
  IIsWebFile: 'files',
};

const KIND_OF_CLASS: Record<string, string> = {
  IIsWebVirtualDir: 'a virtual directory',
  IIsWebDirectory: 'a directory',
  IIsWebFile: 'a file',
  IIsWebServer: 'a site',
  IIsWebService: 'the web service',
};

function table(): string {
  const rows = CONFIGURABLE_LOCATIONS.map((entry) => `| \`${entry.name}\` | ${entry.id} | ${entry.classes.join(', ')} |`);
  return ['| property | ID | IIS reads it on |', '|---|---|---|', ...rows].join('\n');
}

export const CFG007: Rule = {
  meta: {
    id: 'CFG007',
    name: 'metabase-property-misplaced',
    shortDescription: 'A site-level metabase property written on a virtual directory, directory or file, where IIS never reads it.',
    fullDescription:
      'Reports a property that IIS reads only on the web service and on sites (SSLAlwaysNegoClientCert, SSLCertHash, ' +
      'SSLStoreName), only on sites (SecureBindings, ServerBindings, SslCtlIdentifier, SslCtlStoreName) or only on the ' +
      'web service (SslUseDsMapper), written on another IIsWeb* key: the setting does nothing there.',
    helpMarkdown: `
## What it finds
A metabase property written on an \`IIsWeb*\` key of a class on which IIS does not read it. The IIS 6.0 SDK
property pages list, for each property, its "Configurable Locations"; these are the ones this rule checks
(attribute, or \`<Custom>\` with the property's ID):

${table()}

One warning per setting, at the attribute. Keys of other services (FTP, SMTP, NNTP) and generic keys are not
checked.

## Why it matters
The setting looks in force to anyone reading the file, but IIS ignores it: \`SSLAlwaysNegoClientCert="TRUE"\`
on a virtual directory asks no client for a certificate (it is a per-site handshake setting), and bindings
on a virtual directory bind nothing. Someone relying on it, or auditing the file, is misled; kernel-mode
SSL rules (KSSL002, KSSL003) do not report such a setting, because it has no effect.

## Bad
\`\`\`xml
<IIsWebVirtualDir	Location ="/LM/W3SVC/1/ROOT/secure"
		SSLAlwaysNegoClientCert="TRUE"
	>
</IIsWebVirtualDir>
\`\`\`

## Good
\`\`\`xml
<IIsWebServer	Location ="/LM/W3SVC/1"
		SecureBindings=":443:"
		SSLAlwaysNegoClientCert="TRUE"
	>
</IIsWebServer>
\`\`\`

## How to fix
Move the property to the site (\`/LM/W3SVC/<n>\`) or the web service (\`/LM/W3SVC\`), where the table says IIS
reads it, if that is what was meant; otherwise remove it. Moving a client-certificate setting to a site
makes it take effect: check it against kernel-mode SSL (KSSL002, KSSL003) first.

## Sources
- IIS 6.0 SDK / Windows Server 2003 metabase property reference, "Configurable Locations" of
  SSLAlwaysNegoClientCert (ID 5521), SSLCertHash (5506), SSLStoreName (5511), SslUseDsMapper (5519),
  SecureBindings (2021), ServerBindings (1023), SslCtlIdentifier (5512) and SslCtlStoreName (5517).
`,
    defaultLevel: 'warning',
    tags: ['correctness', 'external/cwe/cwe-16'],
    securitySeverity: '3.0',
    precision: 'high',
    kernelSslMigration: true,
  },
  check(server) {
    const metabase = server.metabase;
    if (!metabase) return [];
    const findings: FindingDraft[] = [];
    for (const entry of CONFIGURABLE_LOCATIONS) {
      for (const setting of metabaseSettings(metabase, entry)) {
        const className = setting.key.className;
        if (isReadOnClass(entry.id, className) !== false) continue;
        const where = entry.classes.map((readOn) => WHERE[readOn]);
        const site = siteOf(metabase, setting.node);
        const target = entry.classes.includes('IIsWebServer') ? (site?.location ?? 'its site') : '/LM/W3SVC';
        findings.push({
          message:
            `${entry.name} on ${setting.node.location} (${KIND_OF_CLASS[className] ?? className}) does nothing: IIS reads this property only on ` +
            `${where.join(' and ')} (IIS 6.0 SDK, configurable locations). Move it to ${target} if that is what was meant, or remove it.`,
          file: setting.file,
          span: setting.property.span,
          subject: metabaseSubject(setting.node.location, entry.name),
        });
      }
    }
    return findings;
  },
};
