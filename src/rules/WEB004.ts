/**
 * WEB004 forms-auth-without-require-ssl: forms authentication whose `forms@requireSSL` is not true.
 */
import { checkFormsSetting } from './shared/web.js';
import type { Rule } from './types.js';

export const WEB004: Rule = {
  meta: {
    id: 'WEB004',
    name: 'forms-auth-without-require-ssl',
    shortDescription: "Forms authentication without requireSSL: the authentication ticket cookie is also sent over plain HTTP.",
    fullDescription:
      "Where system.web/authentication@mode is Forms, reports forms@requireSSL not true: once where it is set, or, left at its default, once at the mode=\"Forms\" attribute that switches Forms authentication on.",
    helpMarkdown: `
## What it finds
Forms authentication (\`<authentication mode="Forms">\`) whose effective \`<forms requireSSL="...">\` is not \`true\`. Set in a file, the finding sits on the attribute; left at its default it is reported under every preset, at the \`mode="Forms"\` attribute (where Forms authentication is switched on), naming the paths.

## Why it matters
Without \`requireSSL\`, the forms authentication cookie is not marked Secure: one plain HTTP request (a link, a mixed-content image, a downgrade) sends the ticket in clear text, and whoever reads it is logged on.

## Bad
\`\`\`xml
<system.web>
  <authentication mode="Forms">
    <forms loginUrl="~/login" />
  </authentication>
</system.web>
\`\`\`

## Good
\`\`\`xml
<system.web>
  <authentication mode="Forms">
    <forms loginUrl="~/login" requireSSL="true" />
  </authentication>
</system.web>
\`\`\`

## How to fix
Set \`requireSSL="true"\` on \`<forms>\` and serve the site over HTTPS only.

## Notes
- IIS default assumed: \`requireSSL="false"\` (ASPNET_schema.xml, \`system.web/authentication/forms\`).
- Sources: ASPNET_schema.xml; Microsoft Learn, "forms Element for authentication (ASP.NET Settings Schema)".
- CIS Microsoft IIS 10 Benchmark 2.3 "Ensure 'forms authentication' require SSL".
`,
    defaultLevel: 'warning',
    tags: ['security',  'iis',  'external/cwe/cwe-614',  'external/cwe/cwe-319'],
    securitySeverity: '5.9',
    precision: 'very-high',
    benchmarks: { cis: ['IIS10 2.3'] },
  },
  check: checkFormsSetting('requireSSL', (value) => value.trim().toLowerCase() === 'true', (origin) => `Forms authentication does not require SSL (${origin}): the ticket cookie is also sent over plain HTTP.`),
};
