/**
 * IIS008 section-duplicated: a section element twice in one scope of one file, and a section
 * declared again where a parent level (or the same file) already declares it.
 */
import { elementPathBelow, iisSubject, lineOf, whereIn } from './shared/iis.js';
import type { FindingDraft, Rule } from './types.js';

export const IIS008: Rule = {
  meta: {
    id: 'IIS008',
    name: 'section-duplicated',
    shortDescription: 'A section set twice in one file, or declared again where a parent already declares it: HTTP 500.19.',
    fullDescription:
      'Reports the second of two equal section elements for the same location in one file ("Sections must only appear once per config ' +
      'file"), and a `<section>` declaration in `<configSections>` for a section a parent level already declares ("There is a duplicate ' +
      '\'...\' section defined", 0x800700b7), such as system.web.extensions re-declared under .NET Framework 4.',
    helpMarkdown: `
## What it finds
- The same section twice in one scope of one file (at the top level, or in one \`<location>\`), e.g. two
  \`<httpCookies>\` in \`system.web\`: reported at the second.
- A \`<section>\` declared in \`<configSections>\` when machine.config, applicationHost.config, a parent web.config or the
  same file already declares it: reported at the declaration. The classic case is an ASP.NET 3.5 web.config's
  \`system.web.extensions\` declarations, which .NET Framework 4's machine.config already holds. Section groups may be
  declared again (to add sections to them); sections may not.

## Why it matters
The configuration system refuses the file: "Config section 'system.web/httpCookies' already defined. Sections must only
appear once per config file", and "There is a duplicate 'system.web.extensions/scripting/scriptResourceHandler' section
defined" (HTTP 500.19, 0x800700b7). The application does not start.

## Bad
\`\`\`xml
<system.web>
  <httpCookies httpOnlyCookies="true" />
  <compilation debug="false" />
  <httpCookies requireSSL="true" />
</system.web>
\`\`\`

## Good
\`\`\`xml
<system.web>
  <httpCookies httpOnlyCookies="true" requireSSL="true" />
  <compilation debug="false" />
</system.web>
\`\`\`

## How to fix
Merge the two elements into one. Remove a \`<section>\` declaration that a parent already makes (for
\`system.web.extensions\` under .NET 4, remove the whole \`sectionGroup\` from the web.config).

## Notes
- Sources: Microsoft Learn, "HTTP Error 500.19 when you open an IIS webpage" (0x800700b7, duplicate entries); ASP.NET's
  configuration errors "Sections must only appear once per config file" and "There is a duplicate '...' section defined".
`,
    defaultLevel: 'error',
    tags: ['correctness', 'iis', 'availability'],
    securitySeverity: '7.5',
    precision: 'very-high',
  },
  check(server) {
    const model = server.iis;
    if (!model) return [];
    const findings: FindingDraft[] = [];
    const seen = new Set<unknown>();
    for (const { occurrence, first } of model.duplicateSections) {
      if (occurrence.file.synthetic || seen.has(occurrence.element)) continue;
      seen.add(occurrence.element);
      const file = occurrence.file.document.source;
      findings.push({
        message: `Config section '${occurrence.name}' already defined (line ${lineOf(file, first.element)}). Sections must only appear once per config file: IIS answers HTTP 500.19 and ASP.NET does not start.`,
        file,
        span: occurrence.element.nameSpan,
        subject: iisSubject(occurrence.path, occurrence.name, '#duplicate'),
      });
    }
    for (const { declaration, existing } of model.duplicateDeclarations) {
      if (declaration.file.synthetic || seen.has(declaration.element)) continue;
      seen.add(declaration.element);
      findings.push({
        message: `There is a duplicate '${declaration.name}' section defined: ${whereIn(existing.file, existing.element)} already declares it. IIS answers HTTP 500.19 (0x800700b7).`,
        file: declaration.file.document.source,
        span: declaration.element.nameSpan,
        subject: iisSubject(declaration.file.configPath, declaration.name, `#declaration${elementPathBelow(declaration.element, declaration.element)}`),
      });
    }
    return findings;
  },
};
