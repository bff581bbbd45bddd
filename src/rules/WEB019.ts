/**
 * WEB019 unlisted-isapi-cgi-allowed: `isapiCgiRestriction@notListedIsapisAllowed` or `notListedCgisAllowed` true.
 */
import { checkSetting, isTrue } from './shared/web.js';
import type { Rule } from './types.js';

export const WEB019: Rule = {
  meta: {
    id: 'WEB019',
    name: 'unlisted-isapi-cgi-allowed',
    shortDescription: "Any ISAPI extension or CGI program may run, listed or not (isapiCgiRestriction notListed...Allowed=\"true\").",
    fullDescription:
      "Reports system.webServer/security/isapiCgiRestriction@notListedIsapisAllowed=\"true\" and notListedCgisAllowed=\"true\", once where set.",
    helpMarkdown: `
## What it finds
\`<isapiCgiRestriction notListedIsapisAllowed="true">\` or \`notListedCgisAllowed="true"\` in applicationHost.config.

## Why it matters
The restriction list is the server's allow-list of native code: with unlisted ISAPI extensions or CGI programs allowed, any DLL or executable a handler points at runs, including one an attacker uploaded.

## Bad
\`\`\`xml
<system.webServer>
  <security>
    <isapiCgiRestriction notListedIsapisAllowed="true" notListedCgisAllowed="true" />
  </security>
</system.webServer>
\`\`\`

## Good
\`\`\`xml
<system.webServer>
  <security>
    <isapiCgiRestriction notListedIsapisAllowed="false" notListedCgisAllowed="false">
      <add path="%windir%\\Microsoft.NET\\Framework64\\v4.0.30319\\aspnet_isapi.dll" allowed="true" />
    </isapiCgiRestriction>
  </security>
</system.webServer>
\`\`\`

## How to fix
Set both to \`false\` (the defaults) and list each extension or program that must run with \`allowed="true"\`.

## Notes
- IIS default assumed: \`notListedIsapisAllowed="false"\`, \`notListedCgisAllowed="false"\` (IIS_schema.xml, \`system.webServer/security/isapiCgiRestriction\`). IIS Express ships them true.
- Sources: IIS_schema.xml; Microsoft Learn, "ISAPI and CGI Restrictions <isapiCgiRestriction>" (IIS configuration reference).
- CIS Microsoft IIS 10 Benchmark 4.9 "Ensure 'notListedIsapisAllowed' is set to false".
- CIS Microsoft IIS 10 Benchmark 4.10 "Ensure 'notListedCgisAllowed' is set to false".
`,
    defaultLevel: 'warning',
    tags: ['security',  'iis',  'external/cwe/cwe-284'],
    securitySeverity: '6.3',
    precision: 'very-high',
    benchmarks: { cis: ['IIS10 4.9', 'IIS10 4.10'] },
  },
  check(server, options) {
    return (['notListedIsapisAllowed', 'notListedCgisAllowed'] as const).flatMap((attribute) =>
      checkSetting({
        query: { section: 'system.webServer/security/isapiCgiRestriction', elementPath: [], attribute },
        atFault: isTrue,
        message: (origin) => `${attribute === 'notListedIsapisAllowed' ? 'ISAPI extensions' : 'CGI programs'} not on the restriction list may run (${origin}).`,
      })(server, options),
    );
  },
};
