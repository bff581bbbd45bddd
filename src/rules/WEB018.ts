/**
 * WEB018 handler-write-and-execute: `handlers@accessPolicy` with Write together with Script or Execute.
 */
import { sectionAttributeValues } from '../model/iis-schema.js';
import { checkSetting, flagNames } from './shared/web.js';

import type { Rule } from './types.js';

export const WEB018: Rule = {
  meta: {
    id: 'WEB018',
    name: 'handler-write-and-execute',
    shortDescription: "The handler access policy grants Write together with Script or Execute: uploaded files can run.",
    fullDescription:
      "Reports system.webServer/handlers@accessPolicy holding Write together with Script or Execute, once where it is set, naming the paths.",
    helpMarkdown: `
## What it finds
\`<handlers accessPolicy="...">\` whose flags include \`Write\` and also \`Script\` or \`Execute\` (names or a number), effective at some site, application or virtual directory.

## Why it matters
A folder where content can be written and scripts or executables run is how an upload becomes code execution (a web shell).

## Bad
\`\`\`xml
<system.webServer>
  <handlers accessPolicy="Read, Write, Script" />
</system.webServer>
\`\`\`

## Good
\`\`\`xml
<system.webServer>
  <handlers accessPolicy="Read, Script" />
</system.webServer>
\`\`\`

## How to fix
Drop \`Write\` from the policy (uploads go through the application, into a folder where nothing runs), or drop \`Script\` and \`Execute\` where files are written.

## Notes
- IIS default assumed: \`accessPolicy="Read"\` in IIS_schema.xml; a default IIS 10 install sets "Read, Script" in applicationHost.config.
- Sources: IIS_schema.xml; Microsoft Learn, "Handlers <handlers>" (IIS configuration reference).
- CIS Microsoft IIS 10 Benchmark 4.8 "Ensure Handler is not granted Write and Script/Execute".
`,
    defaultLevel: 'error',
    tags: ['security',  'iis',  'external/cwe/cwe-434',  'external/cwe/cwe-732'],
    securitySeverity: '8.1',
    precision: 'very-high',
    benchmarks: { cis: ['IIS10 4.8'] },
  },
  check: checkSetting({
    query: { section: 'system.webServer/handlers', elementPath: [], attribute: 'accessPolicy' },
    atFault: (value) => {
      const flags = flagNames(value, sectionAttributeValues('system.webServer/handlers', 'accessPolicy'));
      return flags.has('write') && (flags.has('script') || flags.has('execute'));
    },
    message: (origin) => `Handlers may write content and run scripts or executables (${origin}): an uploaded file can run on the server.`,
  }),
};
