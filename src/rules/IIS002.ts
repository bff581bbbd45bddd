/**
 * IIS002 collection-duplicate-key: an `add` whose key is already in the collection where it is
 * added (after inheritance, removes and clears). `--fix` removes it only when it is byte-identical
 * to the entry it repeats in the same file.
 */
import { attributeOf, type ConfigElement } from '../parse/config-syntax.js';
import type { SourceFile, Span } from '../parse/text.js';
import { DEFAULT_INSTALL_NOTE, elementPathBelow, iisSubject, lineOf } from './shared/iis.js';
import type { FindingDraft, Fix, Rule } from './types.js';

/** The element with the white space before it on its line and its line break, when it is alone on its line. */
function wholeLines(file: SourceFile, element: ConfigElement): Span {
  const text = file.text;
  let start = element.span.start;
  while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  let end = element.span.end;
  while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
  const lineStart = start === 0 || text[start - 1] === '\n' || text[start - 1] === '\r';
  if (!lineStart) return element.span;
  if (text.startsWith('\r\n', end)) return { start, end: end + 2 };
  if (text[end] === '\n' || text[end] === '\r') return { start, end: end + 1 };
  return element.span;
}

export const IIS002: Rule = {
  meta: {
    id: 'IIS002',
    name: 'collection-duplicate-key',
    shortDescription: 'A collection entry added twice with the same key: HTTP 500.19 "Cannot add duplicate collection entry" (0x800700b7).',
    fullDescription:
      'Reports an `<add>` (or `<mimeMap>`, `<error>`, ... as the schema names it) whose key attribute is already present in the collection at that ' +
      'path, from the same file or a level above, and was not removed or cleared first. IIS refuses the configuration of the path.',
    helpMarkdown: `
## What it finds
An entry added to a collection whose key (per the schema: \`mimeMap@fileExtension\`, \`add@name\`, \`error@statusCode\` with
\`subStatusCode\`, ...) is already in the collection at that path: added earlier in the same file, or at a level above
(applicationHost.config, a parent web.config, the IIS 10 default install's MIME map, default documents, modules and handlers)
and not taken out by a \`<remove>\` or \`<clear/>\` before it. Collections the schema marks \`allowDuplicates\` (the \`allow\`
and \`deny\` rules of \`system.web/authorization\`) never count. Without an applicationHost.config, a key that only the
default install holds gives a **warning**: the real server may not have it.

## Why it matters
IIS answers every request to the path with HTTP 500.19 and error code 0x800700b7: "Cannot add duplicate collection entry of
type 'mimeMap' with unique key attribute 'fileExtension' set to '.json'". Adding a MIME type that a later IIS version ships
by default (\`.json\`, \`.woff\`, \`.mp4\`) is the classic way a web.config that worked for years breaks after an upgrade.

## Bad
\`\`\`xml
<staticContent>
  <mimeMap fileExtension=".svg" mimeType="image/svg+xml" />
</staticContent>
\`\`\`
(\`.svg\` is in the default MIME map of IIS 10.)

## Good
\`\`\`xml
<staticContent>
  <remove fileExtension=".svg" />
  <mimeMap fileExtension=".svg" mimeType="image/svg+xml" />
</staticContent>
\`\`\`

## How to fix
Put a \`<remove>\` with the same key before the \`add\` (it is harmless where the key is absent), or delete the duplicate.
\`iislint --fix\` deletes a duplicate only when it is byte-identical to the entry it repeats in the same file.

## Notes
- Sources: Microsoft Learn, "HTTP Error 500.19 when you open an IIS webpage" (0x800700b7); the collection keys
  (\`isUniqueKey\`, \`isCombinedKey\`) and \`allowDuplicates\` of the IIS schema files.
`,
    defaultLevel: 'error',
    tags: ['correctness', 'iis', 'availability'],
    securitySeverity: '7.5',
    precision: 'high',
    fixable: true,
  },
  check(server) {
    const model = server.iis;
    if (!model) return [];
    const findings: FindingDraft[] = [];
    for (const duplicate of model.collectionDuplicates()) {
      const { entry, existing } = duplicate;
      const occurrence = entry.occurrence;
      const file = occurrence.file.document.source;
      const fromDefault = existing.occurrence.file.synthetic;
      const where = fromDefault
        ? existing.occurrence.file.level === 'machine'
          ? 'in the .NET Framework 4 machine.config'
          : 'in the IIS 10 default install'
        : `at ${existing.occurrence.file.document.source.path} line ${lineOf(existing.occurrence.file.document.source, existing.element)}`;
      const keyNames = duplicate.keyDescription;
      const kind = keyNames.includes(' and ') ? 'combined key attributes' : 'unique key attribute';
      const keyAttribute = attributeOf(entry.element, keyNames.replace(/^'([^']*)'.*$/, '$1'));
      const sameFile = existing.occurrence.file.document === occurrence.file.document;
      let fix: Fix | undefined;
      if (sameFile && file.text.slice(entry.element.span.start, entry.element.span.end) === file.text.slice(existing.element.span.start, existing.element.span.end)) {
        fix = { description: `Remove the repeated <${duplicate.addName}>`, edits: [{ file, span: wholeLines(file, entry.element), text: '' }] };
      }
      const level = fromDefault && !model.hasApplicationHost ? 'warning' : undefined;
      findings.push({
        message:
          `Cannot add duplicate collection entry of type '${duplicate.addName}' with ${kind} ${keyNames}: the entry is already ${where}. ` +
          `IIS answers HTTP 500.19 (0x800700b7)${level ? ` (${DEFAULT_INSTALL_NOTE})` : ''}; put a <remove> before it or delete it.`,
        file,
        span: keyAttribute?.span ?? entry.element.nameSpan,
        subject: iisSubject(occurrence.path, occurrence.name, `${elementPathBelow(occurrence.element, entry.element)}#${entry.key}`),
        ...(level ? { level } : {}),
        ...(fix ? { fix } : {}),
      });
    }
    return findings;
  },
};
