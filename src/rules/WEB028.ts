/**
 * WEB028 high-bit-characters-allowed: `requestFiltering@allowHighBitCharacters` true.
 */
import { checkSetting, isTrue } from './shared/web.js';
import type { Rule } from './types.js';

export const WEB028: Rule = {
  meta: {
    id: 'WEB028',
    name: 'high-bit-characters-allowed',
    shortDescription: "Request filtering allows non-ASCII (high-bit) characters in URLs (the default).",
    fullDescription:
      "Reports system.webServer/security/requestFiltering@allowHighBitCharacters true (iislint:cis only; the default true is reported per site there).",
    helpMarkdown: `
## What it finds
\`<requestFiltering allowHighBitCharacters="true">\`, or left at its default (true). Only in the \`iislint:cis\` preset; there, a default left alone is reported once per site (at the \`<site>\` element, or the root of a lone web.config).

## Why it matters
Non-ASCII bytes in URLs are a common vehicle for canonicalization and encoding tricks; most sites never need them.

## Bad
\`\`\`xml
<requestFiltering allowHighBitCharacters="true" />
\`\`\`

## Good
\`\`\`xml
<requestFiltering allowHighBitCharacters="false" />
\`\`\`

## How to fix
Set \`allowHighBitCharacters="false"\` unless the site serves non-ASCII URLs.

## Notes
- IIS default assumed: \`allowHighBitCharacters="true"\` (IIS_schema.xml).
- Sources: IIS_schema.xml; Microsoft Learn, "Request Filtering <requestFiltering>".
- CIS Microsoft IIS 10 Benchmark 4.4 "Ensure non-ASCII characters in URLs are not allowed".
`,
    defaultLevel: 'note',
    tags: ['security',  'iis',  'external/cwe/cwe-176'],
    securitySeverity: '2.0',
    precision: 'very-high',
    benchmarks: { cis: ['IIS10 4.4'] },
    cisOnly: true,
  },
  check: checkSetting({
    query: { section: 'system.webServer/security/requestFiltering', elementPath: [], attribute: 'allowHighBitCharacters' },
    atFault: isTrue,
    message: (origin) => `Non-ASCII characters are allowed in URLs (${origin}).`,
  }),
};
