/** The shape of the project's IIS configuration schema table (see iis-schema.ts). */

export type SchemaType = 'bool' | 'enum' | 'flags' | 'uint' | 'int' | 'int64' | 'string' | 'timeSpan';

export interface SchemaAttribute {
  name: string;
  type: SchemaType;
  defaultValue?: string;
  required?: true;
  /** `unique`: the collection key; `combined`: one of several attributes that form the key. */
  key?: 'unique' | 'combined';
  allowInfinite?: true;
  encrypted?: true;
  timeSpanFormat?: string;
  /** [validationType, validationParameter]. */
  validation?: [string] | [string, string];
  /** Enum or flag names and numbers. */
  values?: [string, number][];
  /** Where a fact added after the schema files comes from (Microsoft's configuration reference). */
  source?: string;
}

export interface SchemaCollection {
  /** The add directive's element names (`add`, `mimeMap`, or `allow,deny`). */
  add: string[];
  remove?: string;
  clear?: string;
  /** An element beside the collection that holds defaults for its entries, with the entry's schema. */
  defaultElement?: string;
  allowDuplicates?: true;
  allowUnrecognizedAttributes?: true;
  /** The schema of one entry. */
  item: SchemaElement;
}

export interface SchemaElement {
  name?: string;
  attributes?: SchemaAttribute[];
  elements?: SchemaElement[];
  collection?: SchemaCollection;
  source?: string;
}

export interface SectionSchema extends SchemaElement {
  /** Full path: `system.webServer/staticContent`. */
  name: string;
  schemaFile: string;
}
