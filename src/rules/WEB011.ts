/**
 * WEB011 aspnet-trace-enabled: `system.web/trace@enabled` true; an error when `localOnly` is false.
 */
import { checkSetting, isFalse, isTrue } from './shared/web.js';
import type { Scope } from './shared/web.js';
import type { IisConfigModel } from '../model/iis-config.js';

const SECTION = 'system.web/trace';
import type { Rule } from './types.js';

export const WEB011: Rule = {
  meta: {
    id: 'WEB011',
    name: 'aspnet-trace-enabled',
    shortDescription: "ASP.NET tracing is enabled: trace.axd shows requests, headers, cookies and session data (to anyone when localOnly is false).",
    fullDescription:
      "Reports system.web/trace@enabled=\"true\" once where it is set: a warning, an error where the effective localOnly is false (trace.axd answers remote clients).",
    helpMarkdown: `
## What it finds
\`<trace enabled="true">\` effective at some application. Where the effective \`localOnly\` is \`false\` the finding is an error.

## Why it matters
trace.axd lists recent requests with their form values, cookies (session and authentication tickets), headers and server variables. With \`localOnly="false"\` anyone can read it.

## Bad
\`\`\`xml
<system.web>
  <trace enabled="true" localOnly="false" />
</system.web>
\`\`\`

## Good
\`\`\`xml
<system.web>
  <trace enabled="false" />
</system.web>
\`\`\`

## How to fix
Set \`enabled="false"\` on servers; when tracing is needed, keep \`localOnly="true"\` and turn it off afterwards.

## Notes
- IIS default assumed: \`enabled="false"\`, \`localOnly="true"\` (ASPNET_schema.xml, \`system.web/trace\`).
- Sources: ASPNET_schema.xml; Microsoft Learn, "trace Element (ASP.NET Settings Schema)".
- CIS Microsoft IIS 10 Benchmark 3.5 "Ensure ASP.NET stack tracing is not enabled".
`,
    defaultLevel: 'warning',
    tags: ['security',  'iis',  'external/cwe/cwe-215'],
    securitySeverity: '6.0',
    precision: 'very-high',
    benchmarks: { cis: ['IIS10 3.5'] },
  },
  check(server, options) {
    const remote = (_value: string, scope: Scope, model: IisConfigModel) => isFalse(model.effectiveAttribute(scope.path, SECTION, [], 'localOnly', scope.tree)?.value ?? 'true');
    const query = { section: SECTION, elementPath: [], attribute: 'enabled' };
    return [
      ...checkSetting({
        query,
        atFault: (value, scope, model) => isTrue(value) && remote(value, scope, model),
        message: (origin) => `ASP.NET tracing is enabled for remote clients (${origin}, localOnly="false"): anyone can read trace.axd, with cookies, form values and headers of recent requests.`,
        level: () => 'error',
      })(server, options),
      ...checkSetting({
        query,
        atFault: (value, scope, model) => isTrue(value) && !remote(value, scope, model),
        message: (origin) => `ASP.NET tracing is enabled (${origin}): trace.axd keeps cookies, form values and headers of recent requests (local requests only).`,
      })(server, options),
    ];
  },
};
