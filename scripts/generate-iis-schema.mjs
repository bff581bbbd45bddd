#!/usr/bin/env node
/**
 * Writes src/model/iis-schema-data.ts, the project's own table of the IIS configuration schema,
 * from the schema files IIS installs under %windir%\system32\inetsrv\config\schema\ (a copy of
 * them lives outside this repository; pass its folder). Only facts the linter needs are kept:
 * section names, attributes (type, default, required, key, enum/flag values, validator),
 * child elements and collections. The files themselves are never copied into the project.
 *
 *   node scripts/generate-iis-schema.mjs <folder with IIS_schema.xml ...>
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLParser } from 'fast-xml-parser';

export const SCHEMA_FILES = ['IIS_schema.xml', 'ASPNET_schema.xml', 'FX_schema.xml', 'WebDAV_schema.xml', 'Ftp_schema.xml', 'rewrite_schema.xml'];

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  parseTagValue: false,
  processEntities: true,
  commentPropName: '#comment',
});

function tagOf(node) {
  return Object.keys(node).find((key) => key !== ':@');
}

function attrs(node) {
  return node[':@'] ?? {};
}

function isTrue(value) {
  return typeof value === 'string' && value.toLowerCase() === 'true';
}

function readAttribute(node) {
  const a = attrs(node);
  const out = { name: a.name, type: a.type };
  // One schema file writes `defaultvalue` in lower case; IIS reads attribute names case-sensitively,
  // so that default is not a default. Only `defaultValue` counts.
  if (a.defaultValue !== undefined) out.defaultValue = a.defaultValue;
  if (isTrue(a.required)) out.required = true;
  if (isTrue(a.isUniqueKey)) out.key = 'unique';
  else if (isTrue(a.isCombinedKey)) out.key = 'combined';
  if (isTrue(a.allowInfinite)) out.allowInfinite = true;
  if (isTrue(a.encrypted)) out.encrypted = true;
  if (a.timeSpanFormat) out.timeSpanFormat = a.timeSpanFormat;
  if (a.validationType) out.validation = a.validationParameter !== undefined ? [a.validationType, a.validationParameter] : [a.validationType];
  const values = [];
  for (const child of node[tagOf(node)] ?? []) {
    const tag = tagOf(child);
    if (tag === 'enum' || tag === 'flag') values.push([attrs(child).name, Number(attrs(child).value)]);
  }
  if (values.length > 0) out.values = values;
  return out;
}

/** An <element>, <sectionSchema> or the item of a <collection>. */
function readElement(children) {
  const element = { attributes: [], elements: [] };
  for (const child of children) {
    const tag = tagOf(child);
    if (tag === 'attribute') element.attributes.push(readAttribute(child));
    else if (tag === 'element') {
      const a = attrs(child);
      const sub = readElement(child.element);
      sub.name = a.name;
      element.elements.push(sub);
    } else if (tag === 'collection') {
      const a = attrs(child);
      const item = readElement(child.collection);
      const collection = { add: (a.addElement ?? '').split(',').filter(Boolean), item };
      if (a.removeElement) collection.remove = a.removeElement;
      if (a.clearElement) collection.clear = a.clearElement;
      if (a.defaultElement) collection.defaultElement = a.defaultElement;
      if (isTrue(a.allowDuplicates)) collection.allowDuplicates = true;
      if (isTrue(a.allowUnrecognizedAttributes)) collection.allowUnrecognizedAttributes = true;
      element.collection = collection;
    }
  }
  if (element.attributes.length === 0) delete element.attributes;
  if (element.elements.length === 0) delete element.elements;
  return element;
}

/** IIS merges a section defined in several schema files (FTP adds `ftpServer` to `sites`): so do we. */
function mergeElement(into, from) {
  for (const attribute of from.attributes ?? []) {
    if (!(into.attributes ??= []).some((existing) => existing.name === attribute.name)) into.attributes.push(attribute);
  }
  for (const element of from.elements ?? []) {
    const existing = (into.elements ??= []).find((candidate) => candidate.name === element.name);
    if (existing) mergeElement(existing, element);
    else into.elements.push(element);
  }
  if (from.collection) {
    if (into.collection) mergeElement(into.collection.item, from.collection.item);
    else into.collection = from.collection;
  }
}

export function readSchemaFolder(folder) {
  const sections = [];
  const byName = new Map();
  for (const file of SCHEMA_FILES) {
    const tree = parser.parse(readFileSync(path.join(folder, file), 'utf8'));
    const root = tree.find((node) => tagOf(node) === 'configSchema');
    for (const node of root.configSchema) {
      if (tagOf(node) !== 'sectionSchema') continue;
      const section = readElement(node.sectionSchema);
      const name = attrs(node).name;
      const existing = byName.get(name);
      if (existing) {
        mergeElement(existing, section);
        continue;
      }
      const entry = { name, schemaFile: file, ...section };
      byName.set(name, entry);
      sections.push(entry);
    }
  }
  return sections;
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const folder = process.argv[2];
  if (!folder) {
    console.error('usage: node scripts/generate-iis-schema.mjs <folder holding IIS_schema.xml ...>');
    process.exit(2);
  }
  const sections = readSchemaFolder(folder);
  const out = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'src', 'model', 'iis-schema-data.ts');
  const body = sections.map((section) => `  ${JSON.stringify(section)},`).join('\n');
  writeFileSync(
    out,
    `/**\n * GENERATED by scripts/generate-iis-schema.mjs from the schema files IIS 10 installs\n` +
      ` * (%windir%\\system32\\inetsrv\\config\\schema\\: ${SCHEMA_FILES.join(', ')}). Do not edit;\n` +
      ` * later additions (IIS 10 1709+) are in iis-schema.ts.\n */\n` +
      `import type { SectionSchema } from './iis-schema-types.js';\n\n` +
      `let sections: readonly SectionSchema[] | undefined;\n\n` +
      `/** The table, built on first use: a run without IIS 7+ configuration files never builds it (start-up, issue 16). */\n` +
      `export function generatedSections(): readonly SectionSchema[] {\n  return (sections ??= [\n${body}\n  ]);\n}\n`,
  );
  console.log(`${sections.length} sections written to ${path.relative(process.cwd(), out)}`);
}
