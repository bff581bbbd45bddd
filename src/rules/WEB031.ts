/**
 * WEB031 dynamic-ip-restrictions-off: neither `denyByConcurrentRequests` nor `denyByRequestRate` enabled in `dynamicIpSecurity`.
 */
import { checkSetting, isTrue } from './shared/web.js';

const SECTION = 'system.webServer/security/dynamicIpSecurity';
import type { Rule } from './types.js';

export const WEB031: Rule = {
  meta: {
    id: 'WEB031',
    name: 'dynamic-ip-restrictions-off',
    shortDescription: "Dynamic IP restrictions are off: no per-client limit of concurrent requests or request rate.",
    fullDescription:
      "Reports dynamicIpSecurity where neither denyByConcurrentRequests nor denyByRequestRate is enabled (iislint:cis only; the defaults, both off, are reported per site there).",
    helpMarkdown: `
## What it finds
The effective \`<dynamicIpSecurity>\` with neither \`<denyByConcurrentRequests enabled="true">\` nor \`<denyByRequestRate enabled="true">\`. Reported at \`denyByConcurrentRequests@enabled\` where set, else per site. Only in the \`iislint:cis\` preset; there, a default left alone is reported once per site (at the \`<site>\` element, or the root of a lone web.config).

## Why it matters
Without a per-client limit, one address can exhaust the server's workers (HTTP flood, brute force of a login page).

## Bad
\`\`\`xml
<dynamicIpSecurity>
  <denyByConcurrentRequests enabled="false" />
</dynamicIpSecurity>
\`\`\`

## Good
\`\`\`xml
<dynamicIpSecurity>
  <denyByConcurrentRequests enabled="true" maxConcurrentRequests="20" />
  <denyByRequestRate enabled="true" maxRequests="30" requestIntervalInMilliseconds="1000" />
</dynamicIpSecurity>
\`\`\`

## How to fix
Install the IP and Domain Restrictions role service and enable both limits with values the site tolerates.

## Notes
- IIS default assumed: \`denyByConcurrentRequests enabled="false"\`, \`denyByRequestRate enabled="false"\` (IIS_schema.xml, \`system.webServer/security/dynamicIpSecurity\`).
- Sources: IIS_schema.xml; Microsoft Learn, "Dynamic IP Security <dynamicIpSecurity>".
- CIS Microsoft IIS 10 Benchmark 4.11 "Ensure 'Dynamic IP Address Restrictions' is enabled".
`,
    defaultLevel: 'note',
    tags: ['security',  'iis',  'external/cwe/cwe-770',  'external/cwe/cwe-307'],
    securitySeverity: '2.5',
    precision: 'very-high',
    benchmarks: { cis: ['IIS10 4.11'] },
    cisOnly: true,
  },
  check: checkSetting({
    query: { section: SECTION, elementPath: ['denyByConcurrentRequests'], attribute: 'enabled' },
    atFault: (value, scope, model) => !isTrue(value) && !isTrue(model.effectiveAttribute(scope.path, SECTION, ['denyByRequestRate'], 'enabled', scope.tree)?.value ?? 'false'),
    message: (origin) => `Dynamic IP restrictions are off (${origin}, and denyByRequestRate not enabled).`,
  }),
};
