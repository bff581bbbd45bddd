/**
 * WEB006 forms-auth-weak-protection: forms authentication whose `forms@protection` is not All.
 */
import { checkFormsSetting } from './shared/web.js';
import type { Rule } from './types.js';

export const WEB006: Rule = {
  meta: {
    id: 'WEB006',
    name: 'forms-auth-weak-protection',
    shortDescription: "Forms authentication tickets are not both encrypted and validated (protection other than All).",
    fullDescription:
      "Where system.web/authentication@mode is Forms, reports forms@protection other than All: once where it is set, or, left at its default, once at the mode=\"Forms\" attribute that switches Forms authentication on.",
    helpMarkdown: `
## What it finds
Forms authentication (\`<authentication mode="Forms">\`) whose effective \`<forms protection="...">\` is not \`All\`. Set in a file, the finding sits on the attribute; left at its default it is reported under every preset, at the \`mode="Forms"\` attribute (where Forms authentication is switched on), naming the paths.

## Why it matters
With \`protection="None"\` or \`"Validation"\` the ticket can be read; with \`"None"\` or \`"Encryption"\` it can be altered (a user name changed) without detection.

## Bad
\`\`\`xml
<system.web>
  <authentication mode="Forms">
    <forms protection="None" />
  </authentication>
</system.web>
\`\`\`

## Good
\`\`\`xml
<system.web>
  <authentication mode="Forms">
    <forms protection="All" />
  </authentication>
</system.web>
\`\`\`

## How to fix
Set \`protection="All"\` (the default) or remove the attribute.

## Notes
- IIS default assumed: \`protection="All"\` (ASPNET_schema.xml, \`system.web/authentication/forms\`): the default is safe, so only a value set is reported.
- Sources: ASPNET_schema.xml; Microsoft Learn, "forms Element for authentication (ASP.NET Settings Schema)".
- CIS Microsoft IIS 10 Benchmark 2.5 "Ensure 'cookie protection mode' is configured for forms authentication".
`,
    defaultLevel: 'warning',
    tags: ['security',  'iis',  'external/cwe/cwe-311',  'external/cwe/cwe-565'],
    securitySeverity: '6.5',
    precision: 'very-high',
    benchmarks: { cis: ['IIS10 2.5'] },
  },
  check: checkFormsSetting('protection', (value) => value.trim().toLowerCase() === 'all', (origin) => `Forms authentication tickets are not both encrypted and validated (${origin}): they can be read or altered.`),
};
