/**
 * WEB009 custom-errors-off: `system.web/customErrors@mode="Off"`.
 */
import { checkSetting, sameName } from './shared/web.js';
import type { Rule } from './types.js';

export const WEB009: Rule = {
  meta: {
    id: 'WEB009',
    name: 'custom-errors-off',
    shortDescription: "customErrors mode=\"Off\": ASP.NET shows exception details and stack traces to remote users.",
    fullDescription:
      "Reports system.web/customErrors@mode=\"Off\" once where it is set, naming every path where it is effective.",
    helpMarkdown: `
## What it finds
\`<customErrors mode="Off">\` effective at some application.

## Why it matters
With custom errors off, every unhandled exception shows its message, stack trace, source lines and framework version to any visitor: a map of the application for an attacker.

## Bad
\`\`\`xml
<system.web>
  <customErrors mode="Off" />
</system.web>
\`\`\`

## Good
\`\`\`xml
<system.web>
  <customErrors mode="RemoteOnly" defaultRedirect="~/error.html" />
</system.web>
\`\`\`

## How to fix
Use \`mode="RemoteOnly"\` (the default) or \`mode="On"\` with an error page.

## Notes
- IIS default assumed: \`mode="RemoteOnly"\` (ASPNET_schema.xml, \`system.web/customErrors\`).
- Sources: ASPNET_schema.xml; Microsoft Learn, "customErrors Element (ASP.NET Settings Schema)".
- CIS Microsoft IIS 10 Benchmark 3.3 "Ensure custom error messages are not off".
`,
    defaultLevel: 'warning',
    tags: ['security',  'iis',  'external/cwe/cwe-209',  'external/cwe/cwe-12'],
    securitySeverity: '5.3',
    precision: 'very-high',
    benchmarks: { cis: ['IIS10 3.3'] },
  },
  check: checkSetting({
    query: { section: 'system.web/customErrors', elementPath: [], attribute: 'mode' },
    atFault: (value) => sameName(value, 'Off'),
    message: (origin) => `Custom errors are off (${origin}): remote users see exception details and stack traces.`,
  }),
};
