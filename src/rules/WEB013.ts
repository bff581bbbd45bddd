/**
 * WEB013 cookies-not-httponly: `system.web/httpCookies@httpOnlyCookies` not true (warning), `requireSSL` not true (note); `--fix` sets httpOnlyCookies to true.
 */
import { checkSetting, isTrue, replaceValueFix } from './shared/web.js';

const SECTION = 'system.web/httpCookies';
import type { Rule } from './types.js';

export const WEB013: Rule = {
  meta: {
    id: 'WEB013',
    name: 'cookies-not-httponly',
    shortDescription: "ASP.NET cookies are not HttpOnly (readable by script), or not marked Secure (requireSSL).",
    fullDescription:
      "Reports system.web/httpCookies@httpOnlyCookies set to anything but true (a warning) and requireSSL set to anything but true (a note), once where set. Left at their defaults (false) they are reported only under iislint:cis, once per site. --fix sets httpOnlyCookies=\"true\".",
    helpMarkdown: `
## What it finds
\`<httpCookies httpOnlyCookies="false">\` (a warning) and \`<httpCookies requireSSL="false">\` (a note), effective at some application. The defaults are both false: left alone they are reported under \`iislint:cis\` only, once per site (at the site's element, or the root of a lone web.config).

## Why it matters
Without HttpOnly, a cross-site scripting flaw can read the session and authentication cookies. Without Secure (requireSSL), the browser sends them over plain HTTP too.

## Bad
\`\`\`xml
<system.web>
  <httpCookies httpOnlyCookies="false" requireSSL="false" />
</system.web>
\`\`\`

## Good
\`\`\`xml
<system.web>
  <httpCookies httpOnlyCookies="true" requireSSL="true" />
</system.web>
\`\`\`

## How to fix
Set \`httpOnlyCookies="true"\` and, on an HTTPS-only site, \`requireSSL="true"\`. \`iislint --fix\` replaces an explicit \`httpOnlyCookies\` value with \`true\` (nothing can break: ASP.NET's own cookies are never read by script); it never adds the attribute and never touches requireSSL (which breaks a site still served over HTTP).

## Notes
- IIS default assumed: \`httpOnlyCookies="false"\`, \`requireSSL="false"\` (ASPNET_schema.xml, \`system.web/httpCookies\`).
- Sources: ASPNET_schema.xml; Microsoft Learn, "httpCookies Element (ASP.NET Settings Schema)".
- CIS Microsoft IIS 10 Benchmark 3.7 "Ensure 'cookies' are set with HttpOnly attribute".
`,
    defaultLevel: 'warning',
    tags: ['security',  'iis',  'external/cwe/cwe-1004',  'external/cwe/cwe-614'],
    securitySeverity: '5.4',
    precision: 'very-high',
    benchmarks: { cis: ['IIS10 3.7'] },
    fixable: true,
  },
  check(server, options) {
    return [
      ...checkSetting({
        query: { section: SECTION, elementPath: [], attribute: 'httpOnlyCookies' },
        atFault: (value) => !isTrue(value),
        message: (origin) => `Cookies are not HttpOnly (${origin}): script can read session and authentication cookies.`,
        fix: (group) => replaceValueFix(group, 'true', 'Set httpCookies httpOnlyCookies="true"'),
      })(server, options),
      ...checkSetting({
        query: { section: SECTION, elementPath: [], attribute: 'requireSSL' },
        atFault: (value) => !isTrue(value),
        message: (origin) => `Cookies are not marked Secure (${origin}): browsers also send them over plain HTTP.`,
        level: () => 'note',
      })(server, options),
    ];
  },
};
