/**
 * WEB030 unlisted-extensions-allowed: `requestFiltering/fileExtensions@allowUnlisted` true.
 */
import { checkSetting, isTrue } from './shared/web.js';
import type { Rule } from './types.js';

export const WEB030: Rule = {
  meta: {
    id: 'WEB030',
    name: 'unlisted-extensions-allowed',
    shortDescription: "Request filtering serves file extensions that are not listed (fileExtensions allowUnlisted, the default).",
    fullDescription:
      "Reports requestFiltering/fileExtensions@allowUnlisted true (iislint:cis only; the default true is reported per site there).",
    helpMarkdown: `
## What it finds
\`<fileExtensions allowUnlisted="true">\`, or left at its default (true). Only in the \`iislint:cis\` preset; there, a default left alone is reported once per site (at the \`<site>\` element, or the root of a lone web.config).

## Why it matters
An allow-list of extensions stops a stray backup (\`.bak\`, \`.old\`), a dump or an uploaded script from being served or run.

## Bad
\`\`\`xml
<fileExtensions allowUnlisted="true" />
\`\`\`

## Good
\`\`\`xml
<fileExtensions allowUnlisted="false">
  <add fileExtension=".html" allowed="true" />
</fileExtensions>
\`\`\`

## How to fix
Set \`allowUnlisted="false"\` and list the extensions the site serves.

## Notes
- IIS default assumed: \`allowUnlisted="true"\` (IIS_schema.xml, \`requestFiltering/fileExtensions\`).
- Sources: IIS_schema.xml; Microsoft Learn, "File Extensions <fileExtensions>".
- CIS Microsoft IIS 10 Benchmark 4.7 "Ensure Unlisted File Extensions are not allowed".
`,
    defaultLevel: 'note',
    tags: ['security',  'iis',  'external/cwe/cwe-434'],
    securitySeverity: '2.5',
    precision: 'very-high',
    benchmarks: { cis: ['IIS10 4.7'] },
    cisOnly: true,
  },
  check: checkSetting({
    query: { section: 'system.webServer/security/requestFiltering', elementPath: ['fileExtensions'], attribute: 'allowUnlisted' },
    atFault: isTrue,
    message: (origin) => `Unlisted file extensions are served (${origin}).`,
  }),
};
