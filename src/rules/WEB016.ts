/**
 * WEB016 viewstate-protection-off: `pages@enableViewStateMac` false (error), `enableEventValidation` false (warning).
 */
import { checkSetting, isFalse } from './shared/web.js';
import type { Rule } from './types.js';

export const WEB016: Rule = {
  meta: {
    id: 'WEB016',
    name: 'viewstate-protection-off',
    shortDescription: "ViewState MAC is off (forged ViewState: remote code execution) or event validation is off.",
    fullDescription:
      "Reports system.web/pages@enableViewStateMac=\"false\" (an error) and enableEventValidation=\"false\" (a warning), once where set.",
    helpMarkdown: `
## What it finds
\`<pages enableViewStateMac="false">\` (an error) and \`<pages enableEventValidation="false">\` (a warning), effective at some application.

## Why it matters
Without a MAC, ViewState is deserialized as sent by the client: forged ViewState runs code on the server. (.NET 4.5.2 and later ignore the setting unless an AppSetting forces it, which is worse.) Without event validation, postbacks may carry values and events the page never offered.

## Bad
\`\`\`xml
<system.web>
  <pages enableViewStateMac="false" enableEventValidation="false" />
</system.web>
\`\`\`

## Good
\`\`\`xml
<system.web>
  <pages />
</system.web>
\`\`\`

## How to fix
Remove both attributes (the defaults are true).

## Notes
- IIS default assumed: \`enableViewStateMac="true"\`, \`enableEventValidation="true"\` (ASPNET_schema.xml, \`system.web/pages\`).
- Sources: ASPNET_schema.xml; Microsoft Learn, "pages Element (ASP.NET Settings Schema)"; Microsoft Security Advisory 2905247 (ViewState MAC).
`,
    defaultLevel: 'error',
    tags: ['security',  'iis',  'external/cwe/cwe-502',  'external/cwe/cwe-642'],
    securitySeverity: '8.1',
    precision: 'very-high',
  },
  check(server, options) {
    return [
      ...checkSetting({
        query: { section: 'system.web/pages', elementPath: [], attribute: 'enableViewStateMac' },
        atFault: isFalse,
        message: (origin) => `ViewState is not protected by a MAC (${origin}): forged ViewState is deserialized, which runs code on the server.`,
      })(server, options),
      ...checkSetting({
        query: { section: 'system.web/pages', elementPath: [], attribute: 'enableEventValidation' },
        atFault: isFalse,
        message: (origin) => `Event validation is off (${origin}): postbacks may carry values and events the page never offered.`,
        level: () => 'warning',
      })(server, options),
    ];
  },
};
