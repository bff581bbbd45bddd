/**
 * WEB026 server-header-not-removed: `requestFiltering@removeServerHeader` not true (IIS 10 1709+).
 */
import { checkSetting, isTrue } from './shared/web.js';
import type { Rule } from './types.js';

export const WEB026: Rule = {
  meta: {
    id: 'WEB026',
    name: 'server-header-not-removed',
    shortDescription: "IIS sends its Server header (requestFiltering removeServerHeader is not true; IIS 10 version 1709 and later).",
    fullDescription:
      "Reports system.webServer/security/requestFiltering@removeServerHeader not true (iislint:cis only; the default false is reported per site there).",
    helpMarkdown: `
## What it finds
\`<requestFiltering removeServerHeader="false">\`, or the attribute left at its default. Only in the \`iislint:cis\` preset; there, a default left alone is reported once per site (at the \`<site>\` element, or the root of a lone web.config).

## Why it matters
\`Server: Microsoft-IIS/10.0\` tells an attacker the server and version. IIS 10 version 1709 and later can drop it.

## Bad
\`\`\`xml
<requestFiltering removeServerHeader="false" />
\`\`\`

## Good
\`\`\`xml
<requestFiltering removeServerHeader="true" />
\`\`\`

## How to fix
Set \`removeServerHeader="true"\` (IIS 10 1709+); on older IIS use a URL Rewrite outbound rule.

## Notes
- IIS default assumed: \`removeServerHeader="false"\` (Microsoft Learn, "Request Filtering <requestFiltering>", IIS 10.0 version 1709).
- Sources: Microsoft Learn, "Request Filtering <requestFiltering>" (IIS configuration reference).
- CIS Microsoft IIS 10 Benchmark 3.12 "Ensure Server Header is removed".
`,
    defaultLevel: 'note',
    tags: ['security',  'iis',  'external/cwe/cwe-200'],
    securitySeverity: '1.5',
    precision: 'very-high',
    benchmarks: { cis: ['IIS10 3.12'] },
    cisOnly: true,
  },
  check: checkSetting({
    query: { section: 'system.webServer/security/requestFiltering', elementPath: [], attribute: 'removeServerHeader' },
    atFault: (value) => !isTrue(value),
    message: (origin) => `IIS sends its Server header (${origin}).`,
  }),
};
