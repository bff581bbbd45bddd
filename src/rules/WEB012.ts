/**
 * WEB012 session-cookieless: `system.web/sessionState@cookieless` other than UseCookies / false.
 */
import { checkSetting } from './shared/web.js';
import type { Rule } from './types.js';

export const WEB012: Rule = {
  meta: {
    id: 'WEB012',
    name: 'session-cookieless',
    shortDescription: "Session state may travel in the URL (cookieless): session ids leak through Referer headers, logs and shared links.",
    fullDescription:
      "Reports system.web/sessionState@cookieless set to UseUri, true, AutoDetect or UseDeviceProfile, once where it is set.",
    helpMarkdown: `
## What it finds
\`<sessionState cookieless="...">\` other than \`UseCookies\` (or \`false\`), effective at some application.

## Why it matters
A session id in the URL is written to proxy and server logs, sent to other sites in the Referer header and copied along with links: session hijacking and fixation.

## Bad
\`\`\`xml
<system.web>
  <sessionState cookieless="UseUri" />
</system.web>
\`\`\`

## Good
\`\`\`xml
<system.web>
  <sessionState cookieless="UseCookies" />
</system.web>
\`\`\`

## How to fix
Use \`cookieless="UseCookies"\` (the default).

## Notes
- IIS default assumed: \`cookieless="UseCookies"\` (ASPNET_schema.xml, \`system.web/sessionState\`).
- Sources: ASPNET_schema.xml; Microsoft Learn, "sessionState Element (ASP.NET Settings Schema)".
- CIS Microsoft IIS 10 Benchmark 3.6 "Ensure 'httpcookie' mode is configured for session state".
`,
    defaultLevel: 'warning',
    tags: ['security',  'iis',  'external/cwe/cwe-598',  'external/cwe/cwe-384'],
    securitySeverity: '5.4',
    precision: 'very-high',
    benchmarks: { cis: ['IIS10 3.6'] },
  },
  check: checkSetting({
    query: { section: 'system.web/sessionState', elementPath: [], attribute: 'cookieless' },
    atFault: (value) => !['usecookies', 'false', '1'].includes(value.trim().toLowerCase()),
    message: (origin) => `Session ids may be put in the URL (${origin}): they leak through logs and Referer headers.`,
  }),
};
