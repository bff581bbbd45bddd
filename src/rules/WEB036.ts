/**
 * WEB036 default-log-location: a site's log directory left on %SystemDrive%.
 */
import { attributeOf } from '../parse/config-syntax.js';
import { listNames } from './support.js';
import { iisSubject } from './shared/iis.js';
import { fileHolding } from './shared/web.js';
import type { FindingDraft } from './types.js';
import type { Rule } from './types.js';

export const WEB036: Rule = {
  meta: {
    id: 'WEB036',
    name: 'default-log-location',
    shortDescription: "A site logs to the system drive (%SystemDrive%\\inetpub\\logs\\LogFiles, the default).",
    fullDescription:
      "Reports each site whose effective logFile@directory (site, then siteDefaults, then the schema default) is on %SystemDrive% or C:: at the attribute when set, else at the site (iislint:cis only).",
    helpMarkdown: `
## What it finds
A site whose effective \`<logFile directory>\` (its own, \`siteDefaults\`', or the default \`%SystemDrive%\\inetpub\\logs\\LogFiles\`) is on \`%SystemDrive%\` or \`C:\`. One finding per \`logFile\` element at fault (naming the sites), or per site for the default. Only in the \`iislint:cis\` preset.

## Why it matters
Logs on the system drive can fill it and stop the server, and sit next to the content and the OS for an attacker to erase.

## Bad
\`\`\`xml
<siteDefaults>
  <logFile directory="%SystemDrive%\\inetpub\\logs\\LogFiles" />
</siteDefaults>
\`\`\`

## Good
\`\`\`xml
<siteDefaults>
  <logFile directory="D:\\logs\\LogFiles" />
</siteDefaults>
\`\`\`

## How to fix
Move the logs to a non-system volume (with access limited to administrators).

## Notes
- IIS default assumed: \`directory="%SystemDrive%\\inetpub\\logs\\LogFiles"\` (IIS_schema.xml, \`sites/siteDefaults/logFile\`).
- Sources: IIS_schema.xml; Microsoft Learn, "Log Files for a Web Site <logFile>".
- CIS Microsoft IIS 10 Benchmark 5.1 "Ensure Default IIS web log location is moved".
`,
    defaultLevel: 'note',
    tags: ['security',  'iis',  'external/cwe/cwe-400'],
    securitySeverity: '1.5',
    precision: 'very-high',
    benchmarks: { cis: ['IIS10 5.1'] },
    cisOnly: true,
  },
  check(server) {
    const model = server.iis;
    if (!model) return [];
    const groups = new Map<unknown, { finding: Omit<FindingDraft, 'message'>; directory: string; sites: string[] }>();
    for (const site of model.sites) {
      const directory = model.siteAttribute(site, ['logFile'], 'directory');
      if (!directory || !/^\s*(%systemdrive%|c:)/i.test(directory.value)) continue;
      const provenance = directory.provenance;
      const file = fileHolding(model, site.element);
      const key = provenance.kind === 'file' ? provenance.element : site.element;
      if (!file) continue;
      let group = groups.get(key);
      if (!group) {
        const attribute = provenance.kind === 'file' ? attributeOf(provenance.element, 'directory') : undefined;
        const finding = { file: provenance.kind === 'file' ? provenance.file : file.document.source, span: attribute ? attribute.span : site.element.nameSpan, subject: iisSubject(site.configPath, 'system.applicationHost/sites', '/logFile@directory') };
        groups.set(key, (group = { finding, directory: directory.value, sites: [] }));
      }
      group.sites.push(site.name);
    }
    return [...groups.values()].map((group) => ({
      ...group.finding,
      message: `Site${group.sites.length === 1 ? '' : 's'} ${listNames(group.sites.map((name) => `"${name}"`))} log${group.sites.length === 1 ? 's' : ''} to the system drive (directory="${group.directory}").`,
    }));
  },
};
