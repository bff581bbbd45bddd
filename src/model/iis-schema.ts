/**
 * The IIS 7+ configuration schema as the linter uses it: the generated table of the schema files
 * IIS installs (iis-schema-data.ts) plus what came after them, each addition cited. Lookups,
 * navigation from a section to its child elements and collections, and value checks by type.
 */
import { editDistance } from './edit-distance.js';
import { generatedSections } from './iis-schema-data.js';
import type { SchemaAttribute, SchemaCollection, SchemaElement, SectionSchema } from './iis-schema-types.js';

export type { SchemaAttribute, SchemaCollection, SchemaElement, SectionSchema } from './iis-schema-types.js';

const HSTS_SOURCE = 'Microsoft Learn, "HSTS <hsts>" (IIS configuration reference, sites/site/hsts; IIS 10.0 version 1709)';

/** `<hsts>` under `<site>` and `<siteDefaults>`: IIS 10 version 1709 and later. */
const HSTS_ELEMENT: SchemaElement = {
  name: 'hsts',
  source: HSTS_SOURCE,
  attributes: [
    { name: 'enabled', type: 'bool', defaultValue: 'false', source: HSTS_SOURCE },
    { name: 'max-age', type: 'uint', defaultValue: '0', source: HSTS_SOURCE },
    { name: 'includeSubDomains', type: 'bool', defaultValue: 'false', source: HSTS_SOURCE },
    { name: 'preload', type: 'bool', defaultValue: 'false', source: HSTS_SOURCE },
    { name: 'redirectHttpToHttps', type: 'bool', defaultValue: 'false', source: HSTS_SOURCE },
  ],
};

const REMOVE_SERVER_HEADER_SOURCE =
  'Microsoft Learn, "Request Filtering <requestFiltering>" (removeServerHeader: IIS 10.0 version 1709); the schema file writes its default as `defaultvalue`, which IIS does not read';

function withAdditions(sections: readonly SectionSchema[]): Map<string, SectionSchema> {
  // Only the sections changed below are copied (the generated table stays as generated; nothing
  // writes to the others): copying them all cost ~15 ms of every start (issue 16).
  const byName = new Map<string, SectionSchema>(sections.map((section) => [section.name, section]));
  for (const name of ['system.applicationHost/sites', 'system.webServer/security/requestFiltering']) {
    const section = byName.get(name);
    if (section) byName.set(name, structuredClone(section));
  }
  const sites = byName.get('system.applicationHost/sites');
  if (sites?.collection) {
    const site = sites.collection.item;
    if (!site.elements?.some((element) => element.name === 'hsts')) (site.elements ??= []).push(HSTS_ELEMENT);
  }
  const requestFiltering = byName.get('system.webServer/security/requestFiltering');
  const removeServerHeader = requestFiltering?.attributes?.find((attribute) => attribute.name === 'removeServerHeader');
  if (removeServerHeader) Object.assign(removeServerHeader, { defaultValue: 'false', source: REMOVE_SERVER_HEADER_SOURCE });
  else if (requestFiltering) (requestFiltering.attributes ??= []).push({ name: 'removeServerHeader', type: 'bool', defaultValue: 'false', source: REMOVE_SERVER_HEADER_SOURCE });
  return byName;
}

let sections: Map<string, SectionSchema> | undefined;

/** Built on first use, as the generated table is: an IIS 6 run never needs either. */
function sectionTable(): Map<string, SectionSchema> {
  return (sections ??= withAdditions(generatedSections()));
}

export function sectionSchema(name: string): SectionSchema | undefined {
  return sectionTable().get(name);
}

export function allSectionSchemas(): readonly SectionSchema[] {
  return [...sectionTable().values()];
}

/** What a child element of a schema element is. */
export type SchemaChild =
  | { kind: 'element'; schema: SchemaElement }
  | { kind: 'add'; schema: SchemaElement; collection: SchemaCollection }
  | { kind: 'remove'; collection: SchemaCollection }
  | { kind: 'clear'; collection: SchemaCollection };

export function schemaChild(parent: SchemaElement, name: string): SchemaChild | undefined {
  const element = parent.elements?.find((candidate) => candidate.name === name);
  if (element) return { kind: 'element', schema: element };
  const collection = parent.collection;
  if (collection) {
    if (collection.add.includes(name)) return { kind: 'add', schema: collection.item, collection };
    if (collection.remove === name) return { kind: 'remove', collection };
    if (collection.clear === name) return { kind: 'clear', collection };
    if (collection.defaultElement === name) return { kind: 'element', schema: collection.item };
  }
  return undefined;
}

export function schemaAttribute(element: SchemaElement, name: string): SchemaAttribute | undefined {
  return element.attributes?.find((attribute) => attribute.name === name);
}

/**
 * The named values (enum or flags) of a section's own attribute, [] when the schema has none:
 * looked up when a rule needs them, so loading the rules builds no schema table.
 */
export function sectionAttributeValues(section: string, attribute: string): readonly [string, number][] {
  const schema = sectionSchema(section);
  return (schema && schemaAttribute(schema, attribute)?.values) ?? [];
}

/** Names a child element may have (for suggestions). */
export function childNames(element: SchemaElement): string[] {
  const names = (element.elements ?? []).map((child) => child.name!).filter(Boolean);
  const collection = element.collection;
  if (collection) {
    names.push(...collection.add);
    if (collection.remove) names.push(collection.remove);
    if (collection.clear) names.push(collection.clear);
    if (collection.defaultElement) names.push(collection.defaultElement);
  }
  return names;
}

/** The key attributes of a collection's entries: unique keys first, else the combined key. */
export function collectionKeys(collection: SchemaCollection): { names: string[]; combined: boolean } {
  const attributes = collection.item.attributes ?? [];
  const unique = attributes.filter((attribute) => attribute.key === 'unique').map((attribute) => attribute.name);
  if (unique.length > 0) return { names: unique, combined: false };
  return { names: attributes.filter((attribute) => attribute.key === 'combined').map((attribute) => attribute.name), combined: true };
}

/** The nearest of `candidates` to `name` (case-insensitive edit distance up to a third of its length). */
export function nearestName(name: string, candidates: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.ceil(name.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.toLowerCase(), bestDistance - 1);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = candidate;
    }
  }
  return best;
}

const UINT_MAX = 0xffffffff;

/**
 * Why IIS rejects `value` for `attribute`, or undefined when it accepts it. Types as the schema
 * header defines them: bool is true/false (any case), numbers in decimal, enum by name or
 * number, flags as names joined by commas (spaces allowed) or a number, timeSpan as
 * [d.]hh:mm:ss[.fff] (or a number of seconds/minutes when its timeSpanFormat says so).
 */
export function invalidValueReason(attribute: SchemaAttribute, value: string): string | undefined {
  const trimmed = value.trim();
  switch (attribute.type) {
    case 'bool':
      return /^(true|false)$/i.test(trimmed) ? validate(attribute, value) : `"${value}" is not a bool (true or false)`;
    case 'uint':
    case 'int':
    case 'int64': {
      if (attribute.allowInfinite && /^infinite$/i.test(trimmed)) return undefined;
      if (!/^[-+]?\d+$/.test(trimmed)) return `"${value}" is not a whole number (${attribute.type})`;
      const number = Number(trimmed);
      if (attribute.type === 'uint' && (number < 0 || number > UINT_MAX)) return `${value} is outside the uint range 0-${UINT_MAX}`;
      if (attribute.type === 'int' && (number < -0x80000000 || number > 0x7fffffff)) return `${value} is outside the int range`;
      return validate(attribute, value);
    }
    case 'enum': {
      const values = attribute.values ?? [];
      if (/^\d+$/.test(trimmed) && values.some(([, number]) => number === Number(trimmed))) return undefined;
      if (values.some(([name]) => name.toLowerCase() === trimmed.toLowerCase())) return undefined;
      return `"${value}" is not one of ${values.map(([name]) => name).join(', ')}`;
    }
    case 'flags': {
      const values = attribute.values ?? [];
      if (/^\d+$/.test(trimmed)) return undefined;
      const unknown = trimmed
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part !== '' && !values.some(([name]) => name.toLowerCase() === part.toLowerCase()));
      return unknown.length === 0 ? undefined : `${unknown.map((part) => `"${part}"`).join(', ')} ${unknown.length === 1 ? 'is not a flag' : 'are not flags'} of ${values.map(([name]) => name).join(', ')}`;
    }
    case 'timeSpan': {
      if (attribute.allowInfinite && /^infinite$/i.test(trimmed)) return undefined;
      if (attribute.timeSpanFormat && attribute.timeSpanFormat !== 'string' && /^\d+$/.test(trimmed)) return undefined;
      return /^(\d+\.)?\d{1,2}:\d{1,2}:\d{1,2}(\.\d{1,7})?$/.test(trimmed) ? validate(attribute, value) : `"${value}" is not a time span ([d.]hh:mm:ss)`;
    }
    case 'string':
      return validate(attribute, value);
  }
}

/** The schema's validators that the linter checks; the others (siteName, applicationPath ...) are IIS's own code. */
function validate(attribute: SchemaAttribute, value: string): string | undefined {
  const [type, parameter] = attribute.validation ?? [];
  if (type === 'nonEmptyString' && value === '') return 'an empty value where the schema requires a non-empty string';
  if (type === 'integerRange' && parameter && /^[-+]?\d+$/.test(value.trim())) {
    const [min, max, exclude] = parameter.split(',').map((part) => part.trim());
    const number = Number(value.trim());
    const inRange = number >= Number(min) && number <= Number(max);
    // A third parameter `exclude` turns the range into the values refused.
    if (exclude === 'exclude' ? inRange : !inRange) {
      return exclude === 'exclude' ? `${value} is inside the excluded range ${min}-${max}` : `${value} is outside the allowed range ${min}-${max}`;
    }
  }
  return undefined;
}
