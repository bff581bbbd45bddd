/**
 * WEB027 request-limits-raised: `requestLimits` maxAllowedContentLength > 30000000, maxUrl > 4096, maxQueryString > 2048.
 */
import { checkSetting } from './shared/web.js';

const LIMITS: readonly (readonly [string, number])[] = [
  ['maxAllowedContentLength', 30000000],
  ['maxUrl', 4096],
  ['maxQueryString', 2048],
];
import type { Rule } from './types.js';

export const WEB027: Rule = {
  meta: {
    id: 'WEB027',
    name: 'request-limits-raised',
    shortDescription: "Request filtering limits raised above the IIS defaults (content length, URL or query string).",
    fullDescription:
      "Reports requestFiltering/requestLimits maxAllowedContentLength above 30000000, maxUrl above 4096 and maxQueryString above 2048, once where set (iislint:cis only).",
    helpMarkdown: `
## What it finds
\`<requestLimits>\` with \`maxAllowedContentLength\` above 30000000 bytes, \`maxUrl\` above 4096 or \`maxQueryString\` above 2048, effective at some path: one finding per attribute set. Only in the \`iislint:cis\` preset.

## Why it matters
Larger limits make denial of service by large uploads and long URLs cheaper and let oversized payloads reach the application.

## Bad
\`\`\`xml
<requestFiltering>
  <requestLimits maxAllowedContentLength="2147483648" />
</requestFiltering>
\`\`\`

## Good
\`\`\`xml
<requestFiltering>
  <requestLimits maxAllowedContentLength="30000000" maxUrl="4096" maxQueryString="2048" />
</requestFiltering>
\`\`\`

## How to fix
Keep the defaults; raise a limit only in a \`<location>\` for the path that needs it (an upload handler).

## Notes
- IIS default assumed: \`maxAllowedContentLength="30000000"\`, \`maxUrl="4096"\`, \`maxQueryString="2048"\` (IIS_schema.xml, \`requestFiltering/requestLimits\`).
- Sources: IIS_schema.xml; Microsoft Learn, "Request Limits <requestLimits>".
- CIS Microsoft IIS 10 Benchmark 4.1 "Ensure 'maxAllowedContentLength' is configured".
- CIS Microsoft IIS 10 Benchmark 4.2 "Ensure 'maxURL request filter' is configured".
- CIS Microsoft IIS 10 Benchmark 4.3 "Ensure 'MaxQueryString request filter' is configured".
`,
    defaultLevel: 'note',
    tags: ['security',  'iis',  'external/cwe/cwe-770'],
    securitySeverity: '2.5',
    precision: 'very-high',
    benchmarks: { cis: ['IIS10 4.1', 'IIS10 4.2', 'IIS10 4.3'] },
    cisOnly: true,
  },
  check(server, options) {
    return LIMITS.flatMap(([attribute, limit]) =>
      checkSetting({
        query: { section: 'system.webServer/security/requestFiltering', elementPath: ['requestLimits'], attribute },
        atFault: (value) => /^\d+$/.test(value.trim()) && Number(value.trim()) > limit,
        message: (origin) => `A request limit is raised above the IIS default of ${limit} (${origin}).`,
      })(server, options),
    );
  },
};
