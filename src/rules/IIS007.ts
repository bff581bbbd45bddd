/**
 * IIS007 web-config-unmapped: a web.config under the server folder that no virtual directory's
 * physicalPath maps to. It is linted alone, as an application of a default IIS 10 site.
 */
import { APPHOST_PATH, DEFAULT_SITE } from '../model/iis-config.js';
import { iisSubject } from './shared/iis.js';
import type { FindingDraft, Rule } from './types.js';

export const IIS007: Rule = {
  meta: {
    id: 'IIS007',
    name: 'web-config-unmapped',
    shortDescription: 'A web.config under the server folder that no virtual directory maps to: linted alone, with IIS 10 defaults.',
    fullDescription:
      'Reports (as a note) a web.config in the server folder of an applicationHost.config whose folder is not the physicalPath of any ' +
      'virtual directory, nor below one. IIS never reads it where it is, so iislint lints it alone, against the server\'s declarations.',
    helpMarkdown: `
## What it finds
A web.config beside an applicationHost.config (in the server folder, or any folder below it) whose folder matches no
virtual directory: iislint maps each web.config by comparing its folder, relative to the server folder, with every
\`physicalPath\` (environment variables for the system drive expanded, the drive letter dropped, case-insensitive, either
slash, by whole path segments). A web.config in a sub-folder of a physical path applies to that sub-path.

## Why it matters
The mapping decides which locks, declarations and collections above apply to the web.config. An unmapped file is either
not deployed where the server reads it (a stale copy, a physical path that changed) or collected into the wrong folder: its
findings are computed as if it were the root of a default site, which may not be what the server does.

## Bad
\`\`\`
server/inetsrv/config/applicationHost.config   (Default Web Site at %SystemDrive%\\inetpub\\wwwroot)
server/wwwroot/web.config                       (collected without its inetpub folder)
\`\`\`

## Good
\`\`\`
server/inetsrv/config/applicationHost.config
server/inetpub/wwwroot/web.config
\`\`\`

## How to fix
Collect each site's web.config into the folder its \`physicalPath\` names, below the server folder (see README, "What to
collect"), or remove the stale copy.

## Notes
- \`--verbose\` shows which configuration path each web.config applies to.
`,
    defaultLevel: 'note',
    tags: ['iis', 'input'],
    securitySeverity: '1.0',
    precision: 'very-high',
  },
  check(server) {
    const model = server.iis;
    if (!model) return [];
    const findings: FindingDraft[] = [];
    for (const document of model.unmappedWebConfigs) {
      if (!document.root) continue;
      findings.push({
        message: `No virtual directory's physicalPath maps to the folder of this web.config: it is linted alone, as the root of "${DEFAULT_SITE}" with the server's declarations. Collect it into the folder its site's physicalPath names (below the folder of applicationHost.config).`,
        file: document.source,
        span: document.root.nameSpan,
        subject: iisSubject(`${APPHOST_PATH}/?`, document.source.path),
      });
    }
    return findings;
  },
};
