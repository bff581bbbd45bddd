/**
 * WEB005 forms-auth-cookieless: forms authentication whose `forms@cookieless` is not UseCookies.
 */
import { checkFormsSetting } from './shared/web.js';
import type { Rule } from './types.js';

export const WEB005: Rule = {
  meta: {
    id: 'WEB005',
    name: 'forms-auth-cookieless',
    shortDescription: "Forms authentication may put the ticket in the URL (cookieless other than UseCookies).",
    fullDescription:
      "Where system.web/authentication@mode is Forms, reports forms@cookieless other than UseCookies: once where it is set, or, left at its default, once at the mode=\"Forms\" attribute that switches Forms authentication on.",
    helpMarkdown: `
## What it finds
Forms authentication (\`<authentication mode="Forms">\`) whose effective \`<forms cookieless="...">\` is not \`UseCookies\`. Set in a file, the finding sits on the attribute; left at its default it is reported under every preset, at the \`mode="Forms"\` attribute (where Forms authentication is switched on), naming the paths.

## Why it matters
A ticket in the URL leaks through logs, Referer headers and shared links; the default \`UseDeviceProfile\` does so for any client whose browser profile says it lacks cookies, which a client can claim.

## Bad
\`\`\`xml
<system.web>
  <authentication mode="Forms">
    <forms cookieless="UseUri" />
  </authentication>
</system.web>
\`\`\`

## Good
\`\`\`xml
<system.web>
  <authentication mode="Forms">
    <forms cookieless="UseCookies" />
  </authentication>
</system.web>
\`\`\`

## How to fix
Set \`cookieless="UseCookies"\`.

## Notes
- IIS default assumed: \`cookieless="UseDeviceProfile"\` (ASPNET_schema.xml, \`system.web/authentication/forms\`): a finding wherever Forms authentication is on and the attribute is not set.
- Sources: ASPNET_schema.xml; Microsoft Learn, "forms Element for authentication (ASP.NET Settings Schema)".
- CIS Microsoft IIS 10 Benchmark 2.4 "Ensure 'forms authentication' is set to use cookies".
`,
    defaultLevel: 'warning',
    tags: ['security',  'iis',  'external/cwe/cwe-598'],
    securitySeverity: '5.4',
    precision: 'very-high',
    benchmarks: { cis: ['IIS10 2.4'] },
  },
  check: checkFormsSetting('cookieless', (value) => value.trim().toLowerCase() === 'usecookies', (origin) => `Forms authentication may carry its ticket in the URL (${origin}): it leaks through logs and Referer headers.`),
};
