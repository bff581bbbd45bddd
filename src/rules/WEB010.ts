/**
 * WEB010 detailed-errors-remote: `system.webServer/httpErrors@errorMode="Detailed"`.
 */
import { checkSetting, sameName } from './shared/web.js';
import type { Rule } from './types.js';

export const WEB010: Rule = {
  meta: {
    id: 'WEB010',
    name: 'detailed-errors-remote',
    shortDescription: "httpErrors errorMode=\"Detailed\": IIS sends its detailed error pages to remote clients.",
    fullDescription:
      "Reports system.webServer/httpErrors@errorMode=\"Detailed\" once where it is set, naming every path where it is effective.",
    helpMarkdown: `
## What it finds
\`<httpErrors errorMode="Detailed">\` effective at some site, application or virtual directory.

## Why it matters
IIS's detailed error pages name the physical path, the configuration file and line, the module and handler, and the logon method: useful to an attacker mapping the server.

## Bad
\`\`\`xml
<system.webServer>
  <httpErrors errorMode="Detailed" />
</system.webServer>
\`\`\`

## Good
\`\`\`xml
<system.webServer>
  <httpErrors errorMode="DetailedLocalOnly" />
</system.webServer>
\`\`\`

## How to fix
Use \`errorMode="DetailedLocalOnly"\` (the default) or \`"Custom"\`.

## Notes
- IIS default assumed: \`errorMode="DetailedLocalOnly"\` (IIS_schema.xml, \`system.webServer/httpErrors\`).
- Sources: IIS_schema.xml; Microsoft Learn, "HTTP Errors <httpErrors>" (IIS configuration reference).
- CIS Microsoft IIS 10 Benchmark 3.4 "Ensure IIS HTTP detailed errors are hidden from displaying remotely".
`,
    defaultLevel: 'warning',
    tags: ['security',  'iis',  'external/cwe/cwe-209'],
    securitySeverity: '5.3',
    precision: 'very-high',
    benchmarks: { cis: ['IIS10 3.4'] },
  },
  check: checkSetting({
    query: { section: 'system.webServer/httpErrors', elementPath: [], attribute: 'errorMode' },
    atFault: (value) => sameName(value, 'Detailed') || value.trim() === '2',
    message: (origin) => `IIS sends detailed error pages to remote clients (${origin}): paths, configuration lines and modules are disclosed.`,
  }),
};
