/**
 * WEB008 debug-compilation: `system.web/compilation@debug` true; `--fix` sets it to false.
 */
import { checkSetting, isTrue, replaceValueFix } from './shared/web.js';
import type { Rule } from './types.js';

export const WEB008: Rule = {
  meta: {
    id: 'WEB008',
    name: 'debug-compilation',
    shortDescription: "ASP.NET compiles with debug=\"true\": debug builds, no request timeout, detailed errors, slower pages.",
    fullDescription:
      "Reports system.web/compilation@debug=\"true\" once where it is set, naming every path where it is effective. --fix sets it to \"false\".",
    helpMarkdown: `
## What it finds
\`<compilation debug="true">\` in a web.config (or applicationHost.config / a \`<location>\`), effective at some application.

## Why it matters
Debug compilation builds pages with debug symbols, disables request timeouts and batch compilation, and gives attackers richer error information. It is meant for a developer machine, not a server.

## Bad
\`\`\`xml
<system.web>
  <compilation debug="true" targetFramework="4.8" />
</system.web>
\`\`\`

## Good
\`\`\`xml
<system.web>
  <compilation debug="false" targetFramework="4.8" />
</system.web>
\`\`\`

## How to fix
Set \`debug="false"\` (or use a release transform, Web.Release.config, that removes the attribute). \`iislint --fix\` replaces the value \`true\` with \`false\` and changes nothing else in the file.

## Notes
- IIS default assumed: \`debug="false"\` (ASPNET_schema.xml, \`system.web/compilation\`).
- Sources: ASPNET_schema.xml; Microsoft Learn, "compilation Element (ASP.NET Settings Schema)".
- CIS Microsoft IIS 10 Benchmark 3.2 "Ensure 'debug' is turned off".
`,
    defaultLevel: 'warning',
    tags: ['security',  'iis',  'external/cwe/cwe-489',  'external/cwe/cwe-11'],
    securitySeverity: '5.0',
    precision: 'very-high',
    benchmarks: { cis: ['IIS10 3.2'] },
    fixable: true,
  },
  check: checkSetting({
    query: { section: 'system.web/compilation', elementPath: [], attribute: 'debug' },
    atFault: isTrue,
    message: (origin) => `ASP.NET compiles in debug mode (${origin}): debug builds, no request timeouts and detailed errors.`,
    fix: (group) => replaceValueFix(group, 'false', 'Set compilation debug="false"'),
  }),
};
