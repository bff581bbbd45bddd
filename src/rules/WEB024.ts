/**
 * WEB024 trust-level-full: `system.web/trust@level="Full"`.
 */
import { checkSetting, sameName } from './shared/web.js';
import type { Rule } from './types.js';

export const WEB024: Rule = {
  meta: {
    id: 'WEB024',
    name: 'trust-level-full',
    shortDescription: "ASP.NET runs in Full trust (the default): application code may do anything the pool identity may.",
    fullDescription:
      "Reports system.web/trust@level=\"Full\" where effective (iislint:cis only; the default Full is reported per site there).",
    helpMarkdown: `
## What it finds
\`<trust level="Full">\`, or no \`trust\` element (Full is the default), effective at some application. Only in the \`iislint:cis\` preset; there, a default left alone is reported once per site (at the \`<site>\` element, or the root of a lone web.config).

## Why it matters
Partial trust (Medium) limits what compromised application code can reach (files outside the application, the registry, native code). Microsoft no longer treats partial trust as a security boundary, so this is a hardening note, not a vulnerability.

## Bad
\`\`\`xml
<system.web>
  <trust level="Full" />
</system.web>
\`\`\`

## Good
\`\`\`xml
<system.web>
  <trust level="Medium" />
</system.web>
\`\`\`

## How to fix
Set \`level="Medium"\` (or lower) where the application runs in partial trust; otherwise document the exception.

## Notes
- IIS default assumed: \`level="Full"\` (ASPNET_schema.xml, \`system.web/trust\`).
- Sources: ASPNET_schema.xml; Microsoft Learn, "trust Element (ASP.NET Settings Schema)".
- CIS Microsoft IIS 10 Benchmark 3.10 "Ensure global .NET trust level is configured".
`,
    defaultLevel: 'note',
    tags: ['security',  'iis',  'external/cwe/cwe-250'],
    securitySeverity: '2.0',
    precision: 'very-high',
    benchmarks: { cis: ['IIS10 3.10'] },
    cisOnly: true,
  },
  check: checkSetting({
    query: { section: 'system.web/trust', elementPath: [], attribute: 'level' },
    atFault: (value) => sameName(value, 'Full'),
    message: (origin) => `ASP.NET runs in Full trust (${origin}).`,
  }),
};
