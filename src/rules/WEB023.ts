/**
 * WEB023 ftp-without-tls: an FTP site whose control or data channel policy is not SslRequire.
 */
import { attributeOf } from '../parse/config-syntax.js';
import { listNames } from './support.js';
import { iisSubject } from './shared/iis.js';
import { pushOnce, sameName } from './shared/web.js';
import type { FindingDraft } from './types.js';

const SSL_PATH = ['ftpServer', 'security', 'ssl'];
import type { Rule } from './types.js';

export const WEB023: Rule = {
  meta: {
    id: 'WEB023',
    name: 'ftp-without-tls',
    shortDescription: "An FTP site that does not require TLS on its control or data channel: logins and files in clear text.",
    fullDescription:
      "Reports each ftpServer/security/ssl element (of a site or siteDefaults) that leaves an FTP site's controlChannelPolicy or dataChannelPolicy other than SslRequire: one finding per element, naming the sites.",
    helpMarkdown: `
## What it finds
An FTP site (a binding with protocol \`ftp\`) whose effective \`ftpServer/security/ssl\` \`controlChannelPolicy\` or \`dataChannelPolicy\` is not \`SslRequire\`. One finding per \`<ssl>\` element at fault (a site's own, or \`siteDefaults\`'), naming the FTP sites it applies to.

## Why it matters
Plain FTP sends the user name, the password and every file in clear text. \`SslAllow\` lets the client choose, so the clients that do not ask for TLS get none.

## Bad
\`\`\`xml
<ftpServer>
  <security>
    <ssl controlChannelPolicy="SslAllow" dataChannelPolicy="SslAllow" />
  </security>
</ftpServer>
\`\`\`

## Good
\`\`\`xml
<ftpServer>
  <security>
    <ssl serverCertHash="…" controlChannelPolicy="SslRequire" dataChannelPolicy="SslRequire" />
  </security>
</ftpServer>
\`\`\`

## How to fix
Set both policies to \`SslRequire\` (with a server certificate), or replace FTP with SFTP or HTTPS uploads.

## Notes
- IIS default assumed: \`controlChannelPolicy="SslRequire"\`, \`dataChannelPolicy="SslRequire"\` (Ftp_schema.xml / IIS_schema.xml \`siteDefaults/ftpServer/security/ssl\`).
- Sources: IIS_schema.xml (sites, ftpServer); Microsoft Learn, "FTP over SSL <ssl>" (IIS configuration reference).
- CIS Microsoft IIS 10 Benchmark 6.1 "Ensure FTP requests are encrypted".
`,
    defaultLevel: 'warning',
    tags: ['security',  'iis',  'external/cwe/cwe-319'],
    securitySeverity: '6.5',
    precision: 'very-high',
    benchmarks: { cis: ['IIS10 6.1'] },
  },
  check(server) {
    const model = server.iis;
    if (!model) return [];
    const groups = new Map<unknown, { file: import('../parse/text.js').SourceFile; element: import('../parse/config-syntax.js').ConfigElement; weak: string[]; sites: string[] }>();
    for (const site of model.sites) {
      if (!site.bindings.some((binding) => binding.protocol.toLowerCase() === 'ftp')) continue;
      for (const attribute of ['controlChannelPolicy', 'dataChannelPolicy']) {
        const policy = model.siteAttribute(site, SSL_PATH, attribute);
        if (!policy || sameName(policy.value, 'SslRequire') || policy.value.trim() === '1' || policy.provenance.kind !== 'file') continue;
        let group = groups.get(policy.provenance.element);
        if (!group) groups.set(policy.provenance.element, (group = { file: policy.provenance.file, element: policy.provenance.element, weak: [], sites: [] }));
        const described = `${attribute}="${policy.value}"`;
        pushOnce(group.weak, described);
        pushOnce(group.sites, site.name);
      }
    }
    return [...groups.values()].map((group): FindingDraft => ({
      message: `FTP does not require TLS (${group.weak.join(', ')}): user names, passwords and files may cross the network in clear text. Applies to FTP site${group.sites.length === 1 ? '' : 's'} ${listNames(group.sites.map((name) => `"${name}"`))}.`,
      file: group.file,
      span: (attributeOf(group.element, group.weak[0]!.split('=')[0]!) ?? { span: group.element.nameSpan }).span,
      subject: iisSubject(`MACHINE/WEBROOT/APPHOST/${group.sites[0]}`, 'system.applicationHost/sites', '/ftpServer/security/ssl'),
    }));
  },
};
