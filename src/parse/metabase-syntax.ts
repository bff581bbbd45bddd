import type { ParseDiagnostic } from './diagnostic.js';
import type { SourceFile, Span } from './text.js';

/** One property of a metabase key, written as an attribute or as a `<Custom>` child element. */
export interface MetabaseProperty {
  /** Friendly name (`AccessSSLFlags`); for a Custom, its Name, or the known name for its ID. */
  name: string;
  /** Metabase property ID when known (from the schema table or a Custom's ID attribute). */
  id?: number;
  origin: 'attribute' | 'custom';
  /** The value with XML entities decoded, exactly as IIS would read the text. */
  value: string;
  /** The attribute from its name to its closing quote (for a Custom: its `Value` attribute, or the element's start tag when it has none). */
  span: Span;
  /** The value between the quotes. */
  valueSpan: Span;
  /** For a Custom: its Type attribute (DWORD, STRING, ...), when written. */
  customType?: string;
  /** For a Custom: its Attributes attribute (INHERIT | ...), when written. */
  customAttributes?: string;
  /** For a Custom: its Name attribute as written (may be empty or differ from `name`). */
  customName?: string;
}

/**
 * One metabase key: an element under `<MBProperty>`. Its properties are read by index
 * (`propertyCount`, `propertyName(i)`, `property(i)`): names cost nothing, and a property object
 * is built each time it is asked for and not kept, because most properties of a large metabase
 * are never read by any rule. Two reads of one property give equal objects, not the same one.
 */
export interface MetabaseKey {
  /** Element name: the key's class (IIsWebServer, IIsWebVirtualDir, ...). */
  readonly className: string;
  /** The Location attribute as written; '' when missing. */
  readonly location: string;
  /** The element name in its start tag (`<` excluded): where findings about the node point. */
  readonly span: Span;
  /** Attributes other than Location, then Custom children, in document order. */
  readonly propertyCount: number;
  /** The name of property `index` (0 ≤ index < propertyCount), without building the property. */
  propertyName(index: number): string;
  /** Whether property `index` is an attribute or a `<Custom>` child, without building it. */
  propertyOrigin(index: number): MetabaseProperty['origin'];
  /** The decoded value of property `index`, without building the property. */
  propertyValue(index: number): string;
  /** Property `index`, built on each call (equal objects each time). */
  property(index: number): MetabaseProperty;
  /** The index of the last property named `name` (exactly, case-sensitive), or -1. */
  lastIndexOf(name: string): number;
  /** Every property, in order: builds them all (a loop over propertyName builds none). */
  readonly properties: readonly MetabaseProperty[];
  /** Child elements other than `<Custom>` (rare: e.g. mapping data under IIsCertMapper). */
  readonly childElementCount: number;
}

export interface MetabaseDocument {
  source: SourceFile;
  /** The root element's name span (`configuration`), when the XML got that far. */
  rootSpan: Span | undefined;
  /** The root's xmlns when written (`urn:microsoft-catalog:XML_Metabase_V64_0`). */
  xmlns?: string;
  keys: MetabaseKey[];
  /** Malformed XML: at most the first error, with its position (CFG001). */
  diagnostics: ParseDiagnostic[];
}
