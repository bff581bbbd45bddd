/**
 * WEB033 anonymous-identity-not-pool: `anonymousAuthentication@userName` set (not the pool identity).
 */
import { checkSetting } from './shared/web.js';
import type { Rule } from './types.js';

export const WEB033: Rule = {
  meta: {
    id: 'WEB033',
    name: 'anonymous-identity-not-pool',
    shortDescription: "Anonymous requests run as a fixed account (IUSR by default) instead of the application pool identity.",
    fullDescription:
      "Reports system.webServer/security/authentication/anonymousAuthentication@userName non-empty (iislint:cis only; the IUSR default is reported per site there).",
    helpMarkdown: `
## What it finds
\`<anonymousAuthentication userName="...">\` other than empty, or left at its default \`IUSR\`. Only in the \`iislint:cis\` preset; there, a default left alone is reported once per site (at the \`<site>\` element, or the root of a lone web.config).

## Why it matters
With a shared anonymous account, every site's anonymous requests run as the same user, so one site's content is readable by another's code; an empty \`userName\` makes them run as the site's own pool identity.

## Bad
\`\`\`xml
<anonymousAuthentication enabled="true" userName="IUSR" />
\`\`\`

## Good
\`\`\`xml
<anonymousAuthentication enabled="true" userName="" />
\`\`\`

## How to fix
Set \`userName=""\` so anonymous requests use the application pool identity.

## Notes
- IIS default assumed: \`userName="IUSR"\` (IIS_schema.xml, \`anonymousAuthentication\`).
- Sources: IIS_schema.xml; Microsoft Learn, "Anonymous Authentication <anonymousAuthentication>".
- CIS Microsoft IIS 10 Benchmark 1.6 "Ensure 'application pool identity' is configured for anonymous user identity".
`,
    defaultLevel: 'note',
    tags: ['security',  'iis',  'external/cwe/cwe-653'],
    securitySeverity: '2.5',
    precision: 'very-high',
    benchmarks: { cis: ['IIS10 1.6'] },
    cisOnly: true,
  },
  check: checkSetting({
    query: { section: 'system.webServer/security/authentication/anonymousAuthentication', elementPath: [], attribute: 'userName' },
    atFault: (value) => value.trim() !== '',
    message: (origin) => `Anonymous requests run as a fixed account, not the application pool identity (${origin}).`,
  }),
};
