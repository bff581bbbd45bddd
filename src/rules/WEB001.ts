/**
 * WEB001 directory-browsing-enabled: `system.webServer/directoryBrowse@enabled` true at some site,
 * application or virtual directory.
 */
import { checkSetting, isTrue } from './shared/web.js';
import type { Rule } from './types.js';

export const WEB001: Rule = {
  meta: {
    id: 'WEB001',
    name: 'directory-browsing-enabled',
    shortDescription: 'Directory browsing is enabled: IIS lists the files of a folder that has no default document.',
    fullDescription:
      'Reports system.webServer/directoryBrowse@enabled="true", once where it is set, naming every site, application and virtual ' +
      'directory where it is the effective value (after locations and inheritance).',
    helpMarkdown: `
## What it finds
\`<directoryBrowse enabled="true" />\` in applicationHost.config (for the server or a \`<location>\`) or in a web.config, where
it is the effective value of some site, application or virtual directory.

## Why it matters
A request for a folder without a default document returns a listing of its files: backups, configuration copies, uploads
and source files become easy to find.

## Bad
\`\`\`xml
<system.webServer>
  <directoryBrowse enabled="true" />
</system.webServer>
\`\`\`

## Good
\`\`\`xml
<system.webServer>
  <directoryBrowse enabled="false" />
</system.webServer>
\`\`\`

## How to fix
Set \`enabled="false"\` (or remove the attribute: the IIS default is false) and add a default document where a folder needs one.

## Notes
- IIS default assumed: \`enabled="false"\` (IIS_schema.xml, \`system.webServer/directoryBrowse\`).
- Sources: IIS_schema.xml; Microsoft Learn, "Directory Browse <directoryBrowse>" (IIS configuration reference).
- CIS Microsoft IIS 10 Benchmark 1.3 "Ensure 'directory browsing' is set to Disabled".
`,
    defaultLevel: 'warning',
    tags: ['security', 'iis', 'external/cwe/cwe-548'],
    securitySeverity: '5.3',
    precision: 'very-high',
    benchmarks: { cis: ['IIS10 1.3'] },
  },
  check: checkSetting({
    query: { section: 'system.webServer/directoryBrowse', elementPath: [], attribute: 'enabled' },
    atFault: isTrue,
    message: (origin) => `Directory browsing is enabled (${origin}): folders without a default document list their files.`,
  }),
};
