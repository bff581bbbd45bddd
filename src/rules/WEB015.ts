/**
 * WEB015 request-validation-off: `pages@validateRequest` false, or `httpRuntime@requestValidationMode` below 4.0.
 */
import { checkSetting, isFalse } from './shared/web.js';
import type { Rule } from './types.js';

export const WEB015: Rule = {
  meta: {
    id: 'WEB015',
    name: 'request-validation-off',
    shortDescription: "ASP.NET request validation is off or weakened (validateRequest=\"false\", requestValidationMode below 4.0).",
    fullDescription:
      "Reports system.web/pages@validateRequest=\"false\" and system.web/httpRuntime@requestValidationMode below 4.0 (2.0 validates only .aspx pages, and only when they run), once where set.",
    helpMarkdown: `
## What it finds
\`<pages validateRequest="false">\`, and \`<httpRuntime requestValidationMode="2.0">\` (any version below 4.0), effective at some application.

## Why it matters
Request validation rejects requests carrying markup or script in form fields, query strings and cookies: a last line against cross-site scripting. Mode 2.0 runs it only for pages, later in the pipeline, and lets a page switch it off.

## Bad
\`\`\`xml
<system.web>
  <httpRuntime requestValidationMode="2.0" />
  <pages validateRequest="false" />
</system.web>
\`\`\`

## Good
\`\`\`xml
<system.web>
  <httpRuntime targetFramework="4.8" />
  <pages />
</system.web>
\`\`\`

## How to fix
Remove \`validateRequest="false"\` and \`requestValidationMode="2.0"\`; where one field must accept markup, use ASP.NET 4.5's per-field \`ValidateRequestMode\` or \`Request.Unvalidated\` and encode on output.

## Notes
- IIS default assumed: \`validateRequest="true"\` (ASPNET_schema.xml, \`system.web/pages\`); \`requestValidationMode\` 4.0 under .NET 4 (the schema file gives no default; Microsoft Learn, "httpRuntime Element": "4.0 (the default)").
- Sources: ASPNET_schema.xml; Microsoft Learn, "pages Element" and "httpRuntime Element (ASP.NET Settings Schema)", HttpRuntimeSection.RequestValidationMode.
`,
    defaultLevel: 'warning',
    tags: ['security',  'iis',  'external/cwe/cwe-554',  'external/cwe/cwe-79'],
    securitySeverity: '6.1',
    precision: 'very-high',
  },
  check(server, options) {
    return [
      ...checkSetting({
        query: { section: 'system.web/pages', elementPath: [], attribute: 'validateRequest' },
        atFault: isFalse,
        message: (origin) => `Request validation is off (${origin}): markup and script in form fields, query strings and cookies reach the pages.`,
      })(server, options),
      ...checkSetting({
        query: { section: 'system.web/httpRuntime', elementPath: [], attribute: 'requestValidationMode' },
        atFault: (value) => /^\d+(\.\d+)?$/.test(value.trim()) && Number(value.trim()) < 4,
        message: (origin) => `Request validation runs in the ASP.NET 2.0 mode (${origin}): only for pages, late, and pages can switch it off.`,
      })(server, options),
    ];
  },
};
