/**
 * How a metabase's properties are kept: each attribute is three offsets and a name number in
 * flat typed arrays shared by the whole document, and a property object is built only when a
 * rule asks for it. A 30 MB metabase has half a million attributes; three objects each
 * (property, span, value span) were most of the parse's memory and garbage (issue 16), and a
 * file dense with attributes used 35–46× its size (issue 15).
 */
import type { MetabaseKey, MetabaseProperty } from './metabase-syntax.js';
import type { Span } from './text.js';

const PREDEFINED_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * text[start, end) with its references decoded. The reader has checked every reference in the
 * range (well-formed, a character XML allows), so this does not check again.
 */
export function decodeXmlValue(text: string, start: number, end: number): string {
  // Nearly every value has no reference: the slice it returns anyway is searched by indexOf, a
  // native loop (a loop of charCodeAt calls costs several calls per character in cold code).
  const raw = text.slice(start, end);
  if (raw.indexOf('&') === -1) return raw;
  let ampersand = ampersandIn(text, start, end);
  let decoded = '';
  let segmentStart = start;
  while (ampersand < end) {
    decoded += text.slice(segmentStart, ampersand);
    const semicolon = text.indexOf(';', ampersand);
    if (text.charCodeAt(ampersand + 1) === 0x23) {
      const hex = text.charCodeAt(ampersand + 2) === 0x78;
      decoded += String.fromCodePoint(Number.parseInt(text.slice(ampersand + (hex ? 3 : 2), semicolon), hex ? 16 : 10));
    } else {
      decoded += PREDEFINED_ENTITIES[text.slice(ampersand + 1, semicolon)] ?? '';
    }
    segmentStart = semicolon + 1;
    ampersand = ampersandIn(text, segmentStart, end);
  }
  return decoded + text.slice(segmentStart, end);
}

/** The first `&` in text[start, end), or `end`. Not indexOf: it would search past `end`, to the end of the file. */
function ampersandIn(text: string, start: number, end: number): number {
  for (let index = start; index < end; index++) if (text.charCodeAt(index) === 0x26) return index;
  return end;
}

/** The arrays' first size: one attribute per this many characters of text (see the constructor). */
const CHARACTERS_PER_ATTRIBUTE = 40;

/** The attributes of every key of one document, in document order. */
export class AttributeStore {
  /** Attributes stored. */
  count = 0;
  /** Per attribute: name start, value start (after the quote), value end (the closing quote). */
  offsets: Int32Array;
  /** Per attribute: its name's number in `names`. */
  nameNumbers: Int32Array;
  /** Distinct attribute names (the schema's own string for a known name), and each one's ID. */
  readonly names: string[] = [];
  readonly ids: (number | undefined)[] = [];
  /** Each name's number in `names`: a key finds a property by comparing numbers, not strings. */
  readonly numbers = new Map<string, number>();

  constructor(readonly text: string) {
    // Sized from the text: IIS writes one attribute per line, about 40 characters or more
    // each, so a real metabase rarely grows the arrays (each growth is a copy, and the old
    // arrays stay in memory until the next full garbage collection).
    const capacity = Math.max(16, Math.ceil(text.length / CHARACTERS_PER_ATTRIBUTE));
    this.nameNumbers = new Int32Array(capacity);
    this.offsets = new Int32Array(3 * capacity);
  }

  /**
   * The number of attribute name `name`, or -1. Rules ask for one name across every key in a
   * row (settingsOf, inheritorsOf): the last answer is kept, a name no attribute has included
   * (most names a rule asks for are not in a given metabase), and a literal or interned name
   * compares by pointer. addName drops a kept -1.
   */
  numberOf(name: string): number {
    if (name === this.lastAskedName) return this.lastAskedNumber;
    const number = this.numbers.get(name) ?? -1;
    this.lastAskedName = name;
    this.lastAskedNumber = number;
    return number;
  }

  /** For the reader: give a new attribute name its number. */
  addName(name: string, stored: string, id: number | undefined): number {
    const number = this.names.length;
    this.names.push(stored);
    this.ids.push(id);
    this.numbers.set(name, number);
    this.lastAskedName = undefined;
    return number;
  }

  private lastAskedName: string | undefined;
  private lastAskedNumber = -1;

  add(nameNumber: number, nameStart: number, valueStart: number, valueEnd: number): void {
    if (this.count === this.nameNumbers.length) this.grow();
    const at = this.count++;
    this.nameNumbers[at] = nameNumber;
    this.offsets[at * 3] = nameStart;
    this.offsets[at * 3 + 1] = valueStart;
    this.offsets[at * 3 + 2] = valueEnd;
  }

  /** Drop the arrays' spare room once the document is read, when it is worth a copy. */
  trim(): void {
    const spare = this.nameNumbers.length - this.count;
    if (spare < 4096 || spare < this.nameNumbers.length / 4) return;
    this.nameNumbers = this.nameNumbers.slice(0, this.count);
    this.offsets = this.offsets.slice(0, this.count * 3);
  }

  name(index: number): string {
    return this.names[this.nameNumbers[index]!]!;
  }

  value(index: number): string {
    return decodeXmlValue(this.text, this.offsets[index * 3 + 1]!, this.offsets[index * 3 + 2]!);
  }

  property(index: number): MetabaseProperty {
    const nameNumber = this.nameNumbers[index]!;
    const nameStart = this.offsets[index * 3]!;
    const valueStart = this.offsets[index * 3 + 1]!;
    const valueEnd = this.offsets[index * 3 + 2]!;
    // Every attribute property has the same fields in the same order (id may be undefined):
    // one object shape keeps the rules' loops over properties monomorphic.
    return {
      name: this.names[nameNumber]!,
      id: this.ids[nameNumber],
      origin: 'attribute',
      value: decodeXmlValue(this.text, valueStart, valueEnd),
      span: { start: nameStart, end: valueEnd + 1 },
      valueSpan: { start: valueStart, end: valueEnd },
    };
  }

  private grow(): void {
    const capacity = Math.ceil(this.nameNumbers.length * 1.5);
    const nameNumbers = new Int32Array(capacity);
    nameNumbers.set(this.nameNumbers);
    this.nameNumbers = nameNumbers;
    const offsets = new Int32Array(3 * capacity);
    offsets.set(this.offsets);
    this.offsets = offsets;
  }
}

/** A key whose attributes are `store` entries [first, first + attributeCount), then its Custom children. */
export class StoredMetabaseKey implements MetabaseKey {
  childElementCount = 0;
  /** `<Custom>` children, as objects: they are few. */
  private customs: MetabaseProperty[] | undefined;

  constructor(
    readonly className: string,
    readonly location: string,
    private readonly nameStart: number,
    private readonly store: AttributeStore,
    private readonly first: number,
    private readonly attributeCount: number,
  ) {}

  get span(): Span {
    // The element name is the class name: its end needs no field of its own.
    return { start: this.nameStart, end: this.nameStart + this.className.length };
  }

  get propertyCount(): number {
    return this.attributeCount + (this.customs?.length ?? 0);
  }

  propertyName(index: number): string {
    return index < this.attributeCount ? this.store.name(this.first + index) : this.customs![index - this.attributeCount]!.name;
  }

  propertyOrigin(index: number): MetabaseProperty['origin'] {
    if (index < 0 || index >= this.propertyCount) throw new RangeError(`property ${index} of ${this.propertyCount}`);
    return index < this.attributeCount ? 'attribute' : 'custom';
  }

  propertyValue(index: number): string {
    if (index < 0 || index >= this.propertyCount) throw new RangeError(`property ${index} of ${this.propertyCount}`);
    return index < this.attributeCount ? this.store.value(this.first + index) : this.customs![index - this.attributeCount]!.value;
  }

  property(index: number): MetabaseProperty {
    if (index < 0 || index >= this.propertyCount) throw new RangeError(`property ${index} of ${this.propertyCount}`);
    if (index >= this.attributeCount) return this.customs![index - this.attributeCount]!;
    // Not kept: a rule that reads every site's ServerComment would otherwise keep 50,000 objects
    // for the rest of the run (measured: a fifth of the peak memory on a 30 MB metabase).
    return this.store.property(this.first + index);
  }

  lastIndexOf(name: string): number {
    const customs = this.customs;
    if (customs) for (let index = customs.length - 1; index >= 0; index--) if (customs[index]!.name === name) return this.attributeCount + index;
    // A name no attribute of the document has is answered without a scan.
    const number = this.store.numberOf(name);
    if (number === -1) return -1;
    const nameNumbers = this.store.nameNumbers;
    for (let index = this.first + this.attributeCount - 1; index >= this.first; index--) if (nameNumbers[index] === number) return index - this.first;
    return -1;
  }

  get properties(): readonly MetabaseProperty[] {
    const properties = new Array<MetabaseProperty>(this.propertyCount);
    for (let index = 0; index < properties.length; index++) properties[index] = this.property(index);
    return properties;
  }

  /** For the reader: a `<Custom>` child, after the attributes. */
  addCustom(property: MetabaseProperty): void {
    (this.customs ??= []).push(property);
  }

  /** What the key holds, as plain data (tests compare keys with it). */
  toJSON(): object {
    return {
      className: this.className,
      location: this.location,
      span: this.span,
      properties: this.properties,
      childElementCount: this.childElementCount,
    };
  }
}
