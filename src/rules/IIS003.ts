/**
 * IIS003 unknown-attribute-or-element: an attribute or child element the section's schema does
 * not define, with the nearest defined name as a suggestion.
 */
import { nearestName, schemaAttribute } from '../model/iis-schema.js';
import { elementPathBelow, iisSubject, isGenericAttribute, ownOccurrences, refusedBy, walkSection } from './shared/iis.js';
import type { FindingDraft, Rule } from './types.js';

function suggestion(name: string, candidates: readonly string[]): string {
  const nearest = nearestName(name, candidates);
  return nearest ? ` Did you mean '${nearest}'?` : '';
}

export const IIS003: Rule = {
  meta: {
    id: 'IIS003',
    name: 'unknown-attribute-or-element',
    shortDescription: 'An attribute or element the section\'s schema does not define: "Unrecognized attribute" (HTTP 500.19, 0x8007000d).',
    fullDescription:
      'Reports an attribute or child element of a configuration section that the IIS schema for the section does not define ' +
      '(attribute names are case-sensitive), and suggests the nearest defined name. IIS refuses the configuration of the path.',
    helpMarkdown: `
## What it finds
Inside a section IIS validates against its schema (every \`system.webServer\` and \`system.applicationHost\` section,
WebDAV, FTP and URL Rewrite), an attribute the element does not define, or a child element that is neither one of
its elements nor its collection's \`add\` / \`remove\` / \`clear\` directive. Names are compared case-sensitively, as IIS
does. The finding suggests the nearest defined name. Lock attributes (\`lockAttributes\`, \`lockItem\` ...), \`configSource\`,
\`configProtectionProvider\` and namespaced attributes (\`xdt:Transform\`) are allowed everywhere; collections the schema
marks \`allowUnrecognizedAttributes\` accept any attribute on their entries.

## Why it matters
IIS answers HTTP 500.19 with error code 0x8007000d and "Unrecognized attribute 'x'" or "Unrecognized element 'x'" for every
request to the path. A misspelt attribute (\`enable="true"\` for \`enabled\`) never does what the author meant, and an
attribute added by a later IIS version (\`removeServerHeader\`) breaks an older server.

## Bad
\`\`\`xml
<system.webServer>
  <directoryBrowse enable="false" />
</system.webServer>
\`\`\`

## Good
\`\`\`xml
<system.webServer>
  <directoryBrowse enabled="false" />
</system.webServer>
\`\`\`

## How to fix
Use the name the message suggests, or remove the attribute or element. Check the section's page in Microsoft's IIS
configuration reference for what it accepts and since which IIS version.

## Notes
- Sources: Microsoft Learn, "HTTP Error 500.19 when you open an IIS webpage" (0x8007000d, "Unrecognized attribute"); the IIS
  schema files (\`%windir%\\system32\\inetsrv\\config\\schema\`), with \`site/hsts\` from the IIS configuration reference (IIS 10 version 1709).
- Sections without an IIS schema (\`log4net\`, \`system.serviceModel\` ...) are not checked, nor are ASP.NET's and the .NET
  Framework's (\`system.web\`, \`system.net\`): .NET reads them with its own classes, which accept more than the schema files
  IIS ships (\`httpRuntime@targetFramework\`).
- In applicationHost.config the finding is a **warning**: a module installed on that server may extend the schema (Advanced
  Logging adds \`siteDefaults/advancedLogging\`).
`,
    defaultLevel: 'error',
    tags: ['correctness', 'iis'],
    securitySeverity: '7.5',
    precision: 'high',
  },
  check(server) {
    const model = server.iis;
    if (!model) return [];
    const findings: FindingDraft[] = [];
    for (const occurrence of ownOccurrences(model)) {
      const file = occurrence.file.document.source;
      // A module installed on the server may extend the schema (Advanced Logging adds siteDefaults/advancedLogging):
      // its own applicationHost.config is the likeliest place for that, so there it is a warning.
      const level = occurrence.file.level === 'apphost' ? ({ level: 'warning' } as const) : {};
      walkSection(occurrence, ({ element, schema, removeKeys, allowUnrecognizedAttributes, unknown }) => {
        if (unknown) {
          const path = elementPathBelow(occurrence.element, element);
          findings.push({
            message: `Unrecognized element '${element.name}' in ${occurrence.name}${path === `/${element.name}` ? '' : ` (${path})`}: ${refusedBy(occurrence)}.${suggestion(element.name, unknown.candidates)}`,
            file,
            span: element.nameSpan,
            subject: iisSubject(occurrence.path, occurrence.name, path),
            ...level,
          });
          return;
        }
        if (allowUnrecognizedAttributes) return;
        for (const attribute of element.attributes) {
          if (isGenericAttribute(attribute.name)) continue;
          const known = schema ? schemaAttribute(schema, attribute.name) !== undefined : removeKeys!.includes(attribute.name);
          if (known) continue;
          const candidates = schema ? (schema.attributes ?? []).map((candidate) => candidate.name) : removeKeys!;
          const path = elementPathBelow(occurrence.element, element);
          findings.push({
            message: `Unrecognized attribute '${attribute.name}' on <${element.name}> in ${occurrence.name}: ${refusedBy(occurrence)}. Attribute names are case-sensitive.${suggestion(attribute.name, candidates)}`,
            file,
            span: attribute.nameSpan,
            subject: iisSubject(occurrence.path, occurrence.name, `${path}@${attribute.name}`),
            ...level,
          });
        }
      });
    }
    return findings;
  },
};
