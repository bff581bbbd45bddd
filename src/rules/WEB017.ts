/**
 * WEB017 double-escaping-allowed: `requestFiltering@allowDoubleEscaping` true; `--fix` sets it to false.
 */
import { checkSetting, isTrue, replaceValueFix } from './shared/web.js';
import type { Rule } from './types.js';

export const WEB017: Rule = {
  meta: {
    id: 'WEB017',
    name: 'double-escaping-allowed',
    shortDescription: "Request filtering allows double-escaped URLs (allowDoubleEscaping=\"true\"), which can slip past URL-based rules.",
    fullDescription:
      "Reports system.webServer/security/requestFiltering@allowDoubleEscaping=\"true\" once where it is set. --fix sets it to \"false\".",
    helpMarkdown: `
## What it finds
\`<requestFiltering allowDoubleEscaping="true">\` effective at some site, application or virtual directory.

## Why it matters
A double-escaped URL (\`%252e\`) decodes differently at each layer: path-based rules, hidden segments and authorization can be bypassed.

## Bad
\`\`\`xml
<system.webServer>
  <security>
    <requestFiltering allowDoubleEscaping="true" />
  </security>
</system.webServer>
\`\`\`

## Good
\`\`\`xml
<system.webServer>
  <security>
    <requestFiltering allowDoubleEscaping="false" />
  </security>
</system.webServer>
\`\`\`

## How to fix
Set \`allowDoubleEscaping="false"\` (the default). \`iislint --fix\` replaces the value with \`false\`; a site whose URLs really contain \`+\` or \`%25\` (some WebDAV and SCM tools) then needs its paths encoded differently.

## Notes
- IIS default assumed: \`allowDoubleEscaping="false"\` (IIS_schema.xml, \`system.webServer/security/requestFiltering\`).
- Sources: IIS_schema.xml; Microsoft Learn, "Request Filtering <requestFiltering>" (IIS configuration reference).
- CIS Microsoft IIS 10 Benchmark 4.5 "Ensure Double-Encoded requests will be rejected".
`,
    defaultLevel: 'warning',
    tags: ['security',  'iis',  'external/cwe/cwe-174'],
    securitySeverity: '5.0',
    precision: 'very-high',
    benchmarks: { cis: ['IIS10 4.5'] },
    fixable: true,
  },
  check: checkSetting({
    query: { section: 'system.webServer/security/requestFiltering', elementPath: [], attribute: 'allowDoubleEscaping' },
    atFault: isTrue,
    message: (origin) => `Double-escaped URLs are allowed (${origin}): path-based rules and hidden segments can be bypassed.`,
    fix: (group) => replaceValueFix(group, 'false', 'Set requestFiltering allowDoubleEscaping="false"'),
  }),
};
