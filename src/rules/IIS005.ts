/**
 * IIS005 invalid-value: a value the schema's type, enum, flags or validator rejects.
 */
import { invalidValueReason, schemaAttribute } from '../model/iis-schema.js';
import { elementPathBelow, iisSubject, ownOccurrences, refusedBy, walkSection } from './shared/iis.js';
import type { FindingDraft, Rule } from './types.js';

export const IIS005: Rule = {
  meta: {
    id: 'IIS005',
    name: 'invalid-value',
    shortDescription: 'A value the schema rejects (enabled="yes", maxAllowedContentLength="30MB", an unknown sslFlags flag): HTTP 500.19.',
    fullDescription:
      'Reports an attribute value that the IIS schema\'s type (bool, uint, int, int64, timeSpan), enum names, flag names or validator ' +
      '(integerRange, nonEmptyString) rejects. IIS refuses the configuration of the path.',
    helpMarkdown: `
## What it finds
An attribute value IIS cannot convert to the attribute's schema type:
- \`bool\` other than \`true\` / \`false\` (any case): \`enabled="yes"\`, \`enabled="1"\`;
- \`uint\`, \`int\`, \`int64\` that is not a whole number in range: \`maxAllowedContentLength="30MB"\`;
- \`enum\` that is neither one of its names nor one of its numbers: \`errorMode="Details"\`;
- \`flags\` with a name the attribute does not define: \`sslFlags="Ssl, RequireCert"\` (flag names are joined by commas,
  case-insensitive; a number is accepted);
- \`timeSpan\` that is not \`[d.]hh:mm:ss\`;
- a value outside the schema validator's \`integerRange\`, or empty where it requires \`nonEmptyString\`.

## Why it matters
IIS answers HTTP 500.19 (0x8007000d) for every request to the path, and ASP.NET stops the application for a \`system.web\`
value. The setting never takes effect: \`maxAllowedContentLength="30MB"\` does not limit uploads, it takes the site down.

## Bad
\`\`\`xml
<security>
  <requestFiltering>
    <requestLimits maxAllowedContentLength="30MB" />
  </requestFiltering>
</security>
\`\`\`

## Good
\`\`\`xml
<security>
  <requestFiltering>
    <requestLimits maxAllowedContentLength="31457280" />
  </requestFiltering>
</security>
\`\`\`

## How to fix
Write the value in the attribute's type: a number in bytes, \`true\`/\`false\`, one of the names the message lists.

## Notes
- Sources: the type, enum, flags and validator of each attribute in the IIS schema files; Microsoft Learn, "HTTP Error
  500.19 when you open an IIS webpage" (0x8007000d). Validators that are IIS code rather than data (\`siteName\`,
  \`applicationPath\` ...) are not checked.
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
      walkSection(occurrence, ({ element, schema }) => {
        if (!schema) return;
        for (const attribute of element.attributes) {
          const definition = schemaAttribute(schema, attribute.name);
          if (!definition) continue;
          const reason = invalidValueReason(definition, attribute.value);
          if (!reason) continue;
          findings.push({
            message: `Invalid value for ${attribute.name} on <${element.name}> in ${occurrence.name}: ${reason}. ${refusedBy(occurrence)}.`,
            file,
            span: attribute.valueSpan.start === attribute.valueSpan.end ? attribute.span : attribute.valueSpan,
            subject: iisSubject(occurrence.path, occurrence.name, `${elementPathBelow(occurrence.element, element)}@${attribute.name}`),
          });
        }
      });
    }
    return findings;
  },
};
