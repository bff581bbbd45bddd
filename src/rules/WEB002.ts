/**
 * WEB002 webdav-authoring-enabled: `system.webServer/webdav/authoring@enabled` true.
 */
import { checkSetting, isTrue } from './shared/web.js';
import type { Rule } from './types.js';

export const WEB002: Rule = {
  meta: {
    id: 'WEB002',
    name: 'webdav-authoring-enabled',
    shortDescription: "WebDAV authoring is enabled: clients may upload, change and delete content over HTTP.",
    fullDescription:
      "Reports system.webServer/webdav/authoring@enabled=\"true\" once where it is set, naming every path where it is effective.",
    helpMarkdown: `
## What it finds
\`<webdav><authoring enabled="true">\` in applicationHost.config or a web.config, effective at some site, application or virtual directory.

## Why it matters
WebDAV authoring lets clients PUT, MOVE and DELETE files on the server. With a weak authoring rule or authentication it is a direct way to upload a web shell (a web.config or .aspx file that then runs).

## Bad
\`\`\`xml
<system.webServer>
  <webdav>
    <authoring enabled="true" />
  </webdav>
</system.webServer>
\`\`\`

## Good
\`\`\`xml
<system.webServer>
  <webdav>
    <authoring enabled="false" />
  </webdav>
</system.webServer>
\`\`\`

## How to fix
Set \`enabled="false"\`, or uninstall the WebDAV Publishing role service where nobody publishes by WebDAV.

## Notes
- IIS default assumed: \`enabled="false"\` (WebDAV_schema.xml, \`system.webServer/webdav/authoring\`).
- Sources: WebDAV_schema.xml; Microsoft Learn, "WebDAV <webdav>" and "Authoring <authoring>" (IIS configuration reference).
- CIS Microsoft IIS 10 Benchmark 1.7 "Ensure 'WebDav' feature is disabled".
`,
    defaultLevel: 'warning',
    tags: ['security',  'iis',  'external/cwe/cwe-749'],
    securitySeverity: '6.5',
    precision: 'very-high',
    benchmarks: { cis: ['IIS10 1.7'] },
  },
  check: checkSetting({
    query: { section: 'system.webServer/webdav/authoring', elementPath: [], attribute: 'enabled' },
    atFault: isTrue,
    message: (origin) => `WebDAV authoring is enabled (${origin}): clients may upload, move and delete content.`,
  }),
};
