/**
 * IIS 6 MetaBase.xml → MetabaseDocument.
 *
 * A hand-written reader walks the text once and is the parser: start tags (attribute ranges,
 * reference checks, syntax), close tags, and the gaps between (white space, comments, PIs only),
 * with strict XML well-formedness. The first error ends the walk with ONE `xml-malformed`
 * diagnostic at the exact place. Linear time. Attributes are kept as offsets (see
 * metabase-store.ts); values are decoded when read.
 *
 * The reader runs alone by default (issue 16: the owners' decision). fast-xml-parser (FXP)
 * cross-checks it under `crossCheck` (`--xml-cross-check`, the property tests, and every
 * fixture and corpus file in CI): FXP reads the element structure with each element's start
 * offset (`captureMetaData`: a UTF-16 index pointing at `<`), and the reader must meet every FXP
 * element exactly where FXP saw it, and no other. FXP is lenient (it accepts mismatched and
 * unclosed tags, unquoted attributes and stray text), so it never decides well-formedness.
 */
import { createRequire } from 'node:module';
import type { XMLParser } from 'fast-xml-parser';
import { propertyById, propertyByName } from './metabase-vocabulary.js';
import { METABASE_FXP_OPTIONS } from './metabase-fxp.js';
import { AttributeStore, decodeXmlValue, StoredMetabaseKey } from './metabase-store.js';
import type { MetabaseDocument, MetabaseProperty } from './metabase-syntax.js';
import type { SourceFile, Span } from './text.js';

/** FXP's metadata symbol; set when FXP is loaded (only for a cross-check). */
let META: symbol | undefined;

interface FxpMetaData {
  startIndex?: number;
  endIndex?: number;
}

/** One position in FXP's ordered tree: the children of an element (or the document). */
interface FxpCursor {
  nodes: readonly unknown[];
  index: number;
}

function fxpStart(node: unknown): number | undefined {
  if (typeof node !== 'object' || node === null) return undefined;
  return META === undefined ? undefined : (node as Record<symbol, FxpMetaData | undefined>)[META]?.startIndex;
}

/** FXP stores an element as `{ [tagName]: children }`; the name is the one we scanned. */
function fxpChildren(node: unknown, tagName: string): readonly unknown[] {
  const record = node as Record<string, unknown>;
  const children = record[tagName];
  if (Array.isArray(children)) return children;
  // FXP renames a few names (`toString` becomes `__toString`): take its one element key.
  for (const key of Object.keys(record)) {
    const value = record[key];
    if (key !== ':@' && Array.isArray(value)) return value;
  }
  return [];
}

/** The next element node (text nodes carry no metadata), advancing the cursor past it. */
function nextFxpElement(cursor: FxpCursor): unknown {
  while (cursor.index < cursor.nodes.length) {
    const node = cursor.nodes[cursor.index++];
    if (fxpStart(node) !== undefined) return node;
  }
  return undefined;
}

/** The reader did not meet fast-xml-parser's element here: see parseMetabase. */
class CrossCheckMismatch extends Error {
  constructor(readonly offset: number) {
    super('mismatch');
  }
}

/**
 * `--xml-cross-check` found the metabase reader and fast-xml-parser reading a well-formed
 * document differently: a bug in one of them, never a finding (the CLI exits 2).
 */
export class XmlCrossCheckError extends Error {
  override readonly name = 'XmlCrossCheckError';
}

class MalformedXml extends Error {
  constructor(
    readonly span: Span,
    message: string,
    readonly code = 'xml-malformed',
  ) {
    super(message);
  }
}

/**
 * The start tag read last: one object, rewritten by each scan (a 30 MB metabase has 100,000
 * start tags, and an object and a span each were garbage the moment the next one was read).
 */
interface StartTag {
  start: number;
  name: string;
  nameStart: number;
  nameEnd: number;
  /** Valid until the next start tag is scanned: see MetabaseReader.attributes. */
  attributeCount: number;
  /** Offset just past `>` or `/>`. */
  end: number;
  selfClosing: boolean;
}

/**
 * The attributes of the start tag read last, in flat arrays reused from tag to tag: a 30 MB
 * metabase has millions of attributes and an object per attribute is most of the parse time.
 */
class AttributeBuffer {
  names: string[] = [];
  /** Per attribute: name start, value start (after the quote), value end (the closing quote). */
  offsets: number[] = [];

  nameStart(index: number): number {
    return this.offsets[index * 3]!;
  }
  valueStart(index: number): number {
    return this.offsets[index * 3 + 1]!;
  }
  valueEnd(index: number): number {
    return this.offsets[index * 3 + 2]!;
  }
  /** From the name to the closing quote included. */
  span(index: number): Span {
    return { start: this.nameStart(index), end: this.valueEnd(index) + 1 };
  }
  valueSpan(index: number): Span {
    return { start: this.valueStart(index), end: this.valueEnd(index) };
  }
  find(count: number, name: string): number {
    for (let index = 0; index < count; index++) if (this.names[index] === name) return index;
    return -1;
  }
  /** The decoded value: values are decoded only when read (Location, xmlns, a Custom's attributes). */
  value(text: string, index: number): string {
    return decodeXmlValue(text, this.valueStart(index), this.valueEnd(index));
  }
}

type ElementRole = 'configuration' | 'mbproperty' | 'key' | 'custom' | 'other';

/** An element whose close tag is still to come; one record per depth, reused (see read). */
interface OpenElement {
  name: string;
  nameStart: number;
  role: ElementRole;
  key: StoredMetabaseKey | undefined;
  fxp: FxpCursor | undefined;
}

/** Entries per intern table: a hostile file with millions of distinct names stays bounded. */
const INTERN_TABLE_LIMIT = 1 << 16;

const PREDEFINED_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** What starts a suppression directive in a comment (src/engine/directives.ts): its `--` is CFG006's. */
const DIRECTIVE_PREFIX = 'iislint-';

/**
 * Characters XML 1.0 forbids anywhere in a document (§2.2 Char): C0 controls other than tab,
 * LF and CR, U+FFFE, U+FFFF, and surrogates (a lone one is checked after the match).
 */
const FORBIDDEN_CHARACTER = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF\uD800-\uDFFF]/g;

/** The offset of the first character XML forbids in `text`, or its length when there is none. */
function firstForbiddenCharacter(text: string): number {
  FORBIDDEN_CHARACTER.lastIndex = 0;
  for (;;) {
    const match = FORBIDDEN_CHARACTER.exec(text);
    if (!match) return text.length;
    const at = match.index;
    const code = text.charCodeAt(at);
    // A high surrogate followed by a low one is one character outside the BMP: allowed.
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(at + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        FORBIDDEN_CHARACTER.lastIndex = at + 2;
        continue;
      }
    }
    return at;
  }
}

function describeCharacter(code: number): string {
  const what = code < 0x20 ? 'a control character' : code >= 0xd800 && code <= 0xdfff ? 'half of a surrogate pair' : 'a noncharacter';
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')} (${what})`;
}

// Character classes of ASCII, by table: names and white space are most of a metabase's
// characters outside values.
const WHITE_SPACE = 1;
const NAME_START = 2;
const NAME_CHAR = 4;
const ASCII_CLASS = new Uint8Array(128);
for (const code of [0x20, 0x0a, 0x09, 0x0d]) ASCII_CLASS[code] = WHITE_SPACE;
for (let code = 0; code < 128; code++) {
  const letter = (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || code === 0x5f || code === 0x3a;
  if (letter) ASCII_CLASS[code] = NAME_START | NAME_CHAR;
  else if ((code >= 0x30 && code <= 0x39) || code === 0x2d || code === 0x2e) ASCII_CLASS[code] = NAME_CHAR;
}

function isWhiteSpace(code: number): boolean {
  return code < 128 && ASCII_CLASS[code] === WHITE_SPACE;
}

// XML 1.0 names, slightly simplified: every non-ASCII letter range is accepted from U+00C0.
function isNonAsciiNameStart(code: number): boolean {
  return code >= 0xc0 && code !== 0xd7 && code !== 0xf7 && code !== 0x37e && code <= 0xfffd && !(code >= 0x2000 && code <= 0x200b);
}

function isNameStart(code: number): boolean {
  return code < 128 ? (ASCII_CLASS[code]! & NAME_START) !== 0 : isNonAsciiNameStart(code);
}

function isNameChar(code: number): boolean {
  return code < 128 ? (ASCII_CLASS[code]! & NAME_CHAR) !== 0 : code === 0xb7 || isNonAsciiNameStart(code);
}

function isXmlChar(codePoint: number): boolean {
  return (
    codePoint === 0x9 ||
    codePoint === 0xa ||
    codePoint === 0xd ||
    (codePoint >= 0x20 && codePoint <= 0xd7ff) ||
    (codePoint >= 0xe000 && codePoint <= 0xfffd) ||
    (codePoint >= 0x10000 && codePoint <= 0x10ffff)
  );
}

class MetabaseReader {
  private readonly text: string;
  private readonly length: number;
  /** Its line index is asked for only to word an error (it is built on first use). */
  private readonly source: SourceFile;
  // Next '<' / '&' at or after the last query: queries only move forward, so each search
  // covers new text and the total stays linear.
  private nextLt = -1;
  private nextAmp = -1;
  private readonly attributes = new AttributeBuffer();
  private readonly tag: StartTag = { start: 0, name: '', nameStart: 0, nameEnd: 0, attributeCount: 0, end: 0, selfClosing: false };
  /** Every key's attributes, for the whole document. */
  readonly store: AttributeStore;
  /** The first character XML forbids (see firstForbiddenCharacter): every read stops before it. */
  private readonly forbiddenAt: number;
  /** Element and attribute names by hash (see internName). */
  private readonly names = new Map<number, string>();
  /** Where the name read last by scanInternedName ends. */
  private scannedNameEnd = 0;

  constructor(
    source: SourceFile,
    private readonly document: MetabaseDocument,
  ) {
    this.text = source.text;
    this.length = source.text.length;
    this.source = source;
    this.store = new AttributeStore(source.text);
    this.forbiddenAt = firstForbiddenCharacter(source.text);
  }

  /**
   * The error for the first forbidden character when it comes before `error` (or there is no
   * other error): the read checks it only at tag boundaries, so a later error may be thrown first.
   */
  earliestError(error: MalformedXml | undefined): MalformedXml | undefined {
    if (this.forbiddenAt >= this.length || (error && error.span.start < this.forbiddenAt)) return error;
    return this.forbiddenCharacter();
  }

  private forbiddenCharacter(): MalformedXml {
    const at = this.forbiddenAt;
    return new MalformedXml(
      { start: at, end: at + 1 },
      `the character ${describeCharacter(this.text.charCodeAt(at))} is not allowed in XML`,
    );
  }

  /** Walk the document; `fxpNodes` is FXP's tree, or undefined to read without it. */
  read(fxpNodes: readonly unknown[] | undefined): void {
    const text = this.text;
    // stack[0, depth) are the open elements; records past `depth` wait to be reused.
    const stack: OpenElement[] = [];
    let depth = 0;
    const documentCursor: FxpCursor | undefined = fxpNodes ? { nodes: fxpNodes, index: 0 } : undefined;
    let position = 0;
    let rootSeen = false;
    for (;;) {
      const parent = depth > 0 ? stack[depth - 1] : undefined;
      const lt = this.skipMisc(position, parent !== undefined);
      // Nothing past a forbidden character is read: no key after it enters the document.
      if (lt > this.forbiddenAt) throw this.forbiddenCharacter();
      if (lt >= this.length) {
        if (parent) throw this.endOfFile(`<${parent.name}> (line ${this.lineOf(parent.nameStart)}) is not closed`);
        if (!rootSeen) throw new MalformedXml({ start: this.length, end: this.length }, 'no root element: this is not a metabase');
        if (documentCursor && nextFxpElement(documentCursor) !== undefined) throw new CrossCheckMismatch(lt);
        return;
      }
      if (text.charCodeAt(lt + 1) === 0x2f) {
        // What IIS writes, `</Name>` closing the open element, is matched without making a string.
        if (parent && text.startsWith(parent.name, lt + 2) && text.charCodeAt(lt + 2 + parent.name.length) === 0x3e) {
          if (parent.fxp && nextFxpElement(parent.fxp) !== undefined) throw new CrossCheckMismatch(lt);
          depth--;
          position = lt + 3 + parent.name.length;
          continue;
        }
        const close = this.scanCloseTag(lt);
        if (!parent) throw new MalformedXml(close.nameSpan, `</${close.name}> closes an element that is not open`);
        if (close.name !== parent.name) {
          throw new MalformedXml(
            close.nameSpan,
            `</${close.name}> does not match <${parent.name}> (line ${this.lineOf(parent.nameStart)})`,
          );
        }
        if (parent.fxp && nextFxpElement(parent.fxp) !== undefined) throw new CrossCheckMismatch(lt);
        depth--;
        position = close.end;
        continue;
      }
      if (!parent && rootSeen) throw new MalformedXml({ start: lt, end: lt + 1 }, 'a second root element: only one is allowed');
      const tag = this.scanStartTag(lt);
      if (tag.end > this.forbiddenAt) throw this.forbiddenCharacter();
      const cursor = parent ? parent.fxp : documentCursor;
      const fxpNode = cursor ? nextFxpElement(cursor) : undefined;
      if (cursor && fxpStart(fxpNode) !== lt) throw new CrossCheckMismatch(lt);
      const element = (stack[depth] ??= { name: '', nameStart: 0, role: 'other', key: undefined, fxp: undefined });
      this.openElement(tag, parent, element);
      rootSeen = true;
      if (!tag.selfClosing) {
        element.fxp = fxpNode !== undefined ? { nodes: fxpChildren(fxpNode, tag.name), index: 0 } : undefined;
        depth++;
      }
      position = tag.end;
    }
  }

  /** Fill `element` from the tag: its metabase meaning from its place in the tree. */
  private openElement(tag: StartTag, parent: OpenElement | undefined, element: OpenElement): void {
    element.name = tag.name;
    element.nameStart = tag.nameStart;
    element.role = 'other';
    element.key = undefined;
    element.fxp = undefined;
    if (!parent) {
      const nameSpan = { start: tag.nameStart, end: tag.nameEnd };
      this.document.rootSpan = nameSpan;
      if (tag.name !== 'configuration') {
        throw new MalformedXml(
          nameSpan,
          `the root element is <${tag.name}>, not <configuration>: this is not a metabase`,
          'metabase-root-unexpected',
        );
      }
      element.role = 'configuration';
      const xmlns = this.attributes.find(tag.attributeCount, 'xmlns');
      if (xmlns !== -1) this.document.xmlns = this.attributes.value(this.text, xmlns);
    } else if (parent.role === 'configuration') {
      if (tag.name === 'MBProperty') element.role = 'mbproperty';
    } else if (parent.role === 'mbproperty') {
      element.role = 'key';
      element.key = this.keyFromTag(tag);
      this.document.keys.push(element.key);
    } else if (parent.role === 'key' && parent.key) {
      if (tag.name === 'Custom') {
        element.role = 'custom';
        parent.key.addCustom(customProperty(this.text, tag, this.attributes));
      } else {
        parent.key.childElementCount++;
      }
    }
  }

  private keyFromTag(tag: StartTag): StoredMetabaseKey {
    const attributes = this.attributes;
    const store = this.store;
    const location = attributes.find(tag.attributeCount, 'Location');
    const first = store.count;
    for (let index = 0; index < tag.attributeCount; index++) {
      if (index === location) continue;
      const name = attributes.names[index]!;
      // The millions of attributes of a large metabase share a few hundred names.
      let nameNumber = store.numbers.get(name);
      if (nameNumber === undefined) {
        const known = propertyByName(name);
        // The schema's own string for a known name: a literal, so comparing it with the
        // rules' literals is a pointer compare.
        nameNumber = store.addName(name, known?.name ?? name, known?.id);
      }
      store.add(nameNumber, attributes.nameStart(index), attributes.valueStart(index), attributes.valueEnd(index));
    }
    return new StoredMetabaseKey(
      tag.name,
      location === -1 ? '' : attributes.value(this.text, location),
      tag.nameStart,
      store,
      first,
      store.count - first,
    );
  }

  /**
   * Skip white space, comments, PIs (and, inside an element, text and CDATA) from `from`.
   * Returns the offset of the next `<` that opens a start or close tag, or the text length.
   */
  private skipMisc(from: number, insideElement: boolean): number {
    const text = this.text;
    const length = this.length;
    let index = from;
    while (index < length) {
      const code = text.charCodeAt(index);
      if (isWhiteSpace(code)) {
        index++;
      } else if (code === 0x3c) {
        const next = text.charCodeAt(index + 1);
        if (next === 0x21) {
          if (text.startsWith('<!--', index)) {
            index = this.skipComment(index);
          } else if (insideElement && text.startsWith('<![CDATA[', index)) {
            index = this.skipPast(index, 9, ']]>', 'CDATA section');
          } else if (text.startsWith('<!DOCTYPE', index)) {
            throw new MalformedXml(
              { start: index, end: index + 9 },
              'a DOCTYPE is not accepted in a metabase (IIS never writes one; its entities are not expanded)',
            );
          } else {
            return index;
          }
        } else if (next === 0x3f) {
          let targetEnd = index + 2;
          while (targetEnd < length && isNameChar(text.charCodeAt(targetEnd))) targetEnd++;
          if (index !== 0 && text.slice(index + 2, targetEnd).toLowerCase() === 'xml') {
            throw new MalformedXml({ start: index, end: targetEnd }, 'the XML declaration is only allowed at the very start of the file');
          }
          index = this.skipPast(index, 2, '?>', 'processing instruction');
        } else {
          return index;
        }
      } else if (!insideElement) {
        throw new MalformedXml(
          { start: index, end: index + 1 },
          this.document.rootSpan ? 'text after the root element' : 'text before the root element',
        );
      } else if (code === 0x26) {
        index = this.readReference(index).end;
      } else if (code === 0x5d && text.startsWith(']]>', index)) {
        throw new MalformedXml({ start: index, end: index + 3 }, "']]>' is not allowed in text (write ]]&gt;)");
      } else {
        // Text content inside an element: legal XML, not used by the metabase.
        index++;
      }
    }
    return length;
  }

  /**
   * Past `-->`. XML forbids `--` inside a comment (§2.5), and strict readers reject the file;
   * a suppression directive's `--` is reported by CFG006 instead (it names the fix).
   */
  private skipComment(open: number): number {
    const end = this.skipPast(open, 4, '-->', 'comment');
    const dashes = this.text.indexOf('--', open + 4);
    if (dashes < end - 3) {
      const body = this.text.slice(open + 4, end - 3);
      if (!body.trimStart().startsWith(DIRECTIVE_PREFIX)) {
        throw new MalformedXml({ start: dashes, end: dashes + 2 }, "'--' is not allowed inside a comment");
      }
    }
    return end;
  }

  private skipPast(open: number, openLength: number, terminator: string, what: string): number {
    const close = this.text.indexOf(terminator, open + openLength);
    if (close === -1) throw this.endOfFile(`the ${what} opened at line ${this.lineOf(open)} is not closed`);
    return close + terminator.length;
  }

  /**
   * The name text[start, end) as a string shared by every occurrence: a 30 MB metabase writes
   * a few hundred distinct names millions of times, and slicing each one was a visible share of
   * the parse and its garbage. A hash collision only costs a fresh slice.
   */
  private internName(start: number, end: number): string {
    return this.intern(this.names, start, end, this.hashRange(start, end));
  }

  /** Scan a name from `start` and return it interned (one pass: scan and hash); its end is left in `scannedNameEnd`. */
  private scanInternedName(start: number): string {
    const text = this.text;
    const length = this.length;
    let index = start;
    let hash = 0;
    for (; index < length; index++) {
      const code = text.charCodeAt(index);
      if (!isNameChar(code)) break;
      hash = (Math.imul(hash, 31) + code) | 0;
    }
    this.scannedNameEnd = index;
    return this.intern(this.names, start, index, hash);
  }

  private hashRange(start: number, end: number): number {
    const text = this.text;
    let hash = 0;
    for (let index = start; index < end; index++) hash = (Math.imul(hash, 31) + text.charCodeAt(index)) | 0;
    return hash;
  }

  private intern(table: Map<number, string>, start: number, end: number, hash: number): string {
    const text = this.text;
    const candidate = table.get(hash);
    if (candidate !== undefined && candidate.length === end - start && text.startsWith(candidate, start)) return candidate;
    const interned = text.slice(start, end);
    if (candidate === undefined && table.size < INTERN_TABLE_LIMIT) table.set(hash, interned);
    return interned;
  }

  private scanName(start: number): number {
    let index = start;
    while (index < this.length && isNameChar(this.text.charCodeAt(index))) index++;
    return index;
  }

  private skipWhiteSpace(start: number): number {
    let index = start;
    while (index < this.length && isWhiteSpace(this.text.charCodeAt(index))) index++;
    return index;
  }

  private scanStartTag(lt: number): StartTag {
    const text = this.text;
    const nameStart = lt + 1;
    if (nameStart >= this.length) throw this.endOfFile("the file ends after '<'");
    if (!isNameStart(text.charCodeAt(nameStart))) {
      throw new MalformedXml({ start: nameStart, end: nameStart + 1 }, `'${text[nameStart]}' cannot start an element name`);
    }
    const name = this.scanInternedName(nameStart);
    const nameEnd = this.scannedNameEnd;
    const tag = this.tag;
    tag.start = lt;
    tag.name = name;
    tag.nameStart = nameStart;
    tag.nameEnd = nameEnd;
    tag.attributeCount = 0;
    tag.end = 0;
    tag.selfClosing = false;
    let index = nameEnd;
    for (;;) {
      const afterSpace = this.skipWhiteSpace(index);
      const hadSpace = afterSpace > index;
      index = afterSpace;
      if (index >= this.length) throw this.endOfFile(`the start tag <${name}> (line ${this.lineOf(lt)}) is not closed`);
      const code = text.charCodeAt(index);
      if (code === 0x3e) {
        tag.end = index + 1;
        break;
      }
      if (code === 0x2f) {
        if (text.charCodeAt(index + 1) === 0x3e) {
          tag.end = index + 2;
          tag.selfClosing = true;
          break;
        }
        if (index + 1 >= this.length) throw this.endOfFile(`the start tag <${name}> (line ${this.lineOf(lt)}) is not closed`);
        throw new MalformedXml({ start: index, end: index + 1 }, `'/' must be followed by '>' in the start tag <${name}>`);
      }
      if (!hadSpace) {
        throw new MalformedXml({ start: index, end: index + 1 }, `white space, '>' or '/>' expected in the start tag <${name}>`);
      }
      if (!isNameStart(code)) {
        throw new MalformedXml({ start: index, end: index + 1 }, `'${text[index]}' is not allowed in the start tag <${name}>`);
      }
      index = this.scanAttribute(index, tag.attributeCount, name, lt) + 1;
      tag.attributeCount++;
    }
    this.checkDuplicateAttributes(tag);
    return tag;
  }

  /** Read one attribute into slot `slot` of the buffer; returns the offset of its closing quote. */
  private scanAttribute(nameStart: number, slot: number, elementName: string, lt: number): number {
    const text = this.text;
    const name = this.scanInternedName(nameStart);
    let index = this.skipWhiteSpace(this.scannedNameEnd);
    if (index >= this.length) throw this.endOfFile(`the start tag <${elementName}> (line ${this.lineOf(lt)}) is not closed`);
    if (text.charCodeAt(index) !== 0x3d) {
      throw new MalformedXml({ start: index, end: index + 1 }, `'=' expected after the attribute name ${name}`);
    }
    index = this.skipWhiteSpace(index + 1);
    if (index >= this.length) throw this.endOfFile(`the start tag <${elementName}> (line ${this.lineOf(lt)}) is not closed`);
    const quote = text.charCodeAt(index);
    if (quote !== 0x22 && quote !== 0x27) {
      throw new MalformedXml({ start: index, end: index + 1 }, `the value of ${name} must be in quotes`);
    }
    const valueStart = index + 1;
    const valueEnd = text.indexOf(quote === 0x22 ? '"' : "'", valueStart);
    if (valueEnd === -1) throw this.endOfFile(`the value of ${name} (line ${this.lineOf(valueStart)}) is not closed`);
    const lessThan = this.ltFrom(valueStart);
    if (lessThan < valueEnd) {
      throw new MalformedXml({ start: lessThan, end: lessThan + 1 }, `'<' is not allowed in the value of ${name} (write &lt;)`);
    }
    this.checkReferences(valueStart, valueEnd);
    const attributes = this.attributes;
    attributes.names[slot] = name;
    attributes.offsets[slot * 3] = nameStart;
    attributes.offsets[slot * 3 + 1] = valueStart;
    attributes.offsets[slot * 3 + 2] = valueEnd;
    return valueEnd;
  }

  private checkDuplicateAttributes(tag: StartTag): void {
    const count = tag.attributeCount;
    const names = this.attributes.names;
    // Keys hold a few dozen attributes at most: pairwise compares beat building a Set.
    if (count <= 32) {
      for (let index = 1; index < count; index++) {
        const name = names[index]!;
        for (let earlier = 0; earlier < index; earlier++) if (names[earlier] === name) this.duplicate(tag, index);
      }
      return;
    }
    const seen = new Set<string>();
    for (let index = 0; index < count; index++) {
      if (seen.has(names[index]!)) this.duplicate(tag, index);
      seen.add(names[index]!);
    }
  }

  private duplicate(tag: StartTag, index: number): never {
    const start = this.attributes.nameStart(index);
    const name = this.attributes.names[index]!;
    throw new MalformedXml({ start, end: start + name.length }, `the attribute ${name} is written twice in <${tag.name}>`);
  }

  private scanCloseTag(lt: number): { name: string; nameSpan: Span; end: number } {
    const text = this.text;
    const nameStart = lt + 2;
    if (nameStart >= this.length) throw this.endOfFile("the file ends after '</'");
    if (!isNameStart(text.charCodeAt(nameStart))) {
      throw new MalformedXml({ start: nameStart, end: nameStart + 1 }, `'${text[nameStart]}' cannot start an element name`);
    }
    const nameEnd = this.scanName(nameStart);
    const name = this.internName(nameStart, nameEnd);
    const index = this.skipWhiteSpace(nameEnd);
    if (index >= this.length) throw this.endOfFile(`the close tag </${name}> is not finished`);
    if (text.charCodeAt(index) !== 0x3e) {
      throw new MalformedXml({ start: index, end: index + 1 }, `'>' expected to end the close tag </${name}>`);
    }
    return { name, nameSpan: { start: nameStart, end: nameEnd }, end: index + 1 };
  }

  /** Every reference in text[start, end) must be well-formed: values are decoded later, when read. */
  private checkReferences(start: number, end: number): void {
    let ampersand = this.ampFrom(start);
    while (ampersand < end) ampersand = this.ampFrom(this.readReference(ampersand).end);
  }

  /** `&amp; &lt; &gt; &quot; &apos; &#NN; &#xHH;` at `ampersand`; anything else is an error. */
  private readReference(ampersand: number): { value: string; end: number } {
    const text = this.text;
    if (text.charCodeAt(ampersand + 1) === 0x23) {
      const hex = text.charCodeAt(ampersand + 2) === 0x78;
      const digitsStart = ampersand + (hex ? 3 : 2);
      let index = digitsStart;
      while (index < this.length && index - digitsStart < 10 && isDigit(text.charCodeAt(index), hex)) index++;
      if (index === digitsStart || text.charCodeAt(index) !== 0x3b) {
        throw new MalformedXml({ start: ampersand, end: index }, 'malformed character reference (expected &#NN; or &#xHH;)');
      }
      const codePoint = Number.parseInt(text.slice(digitsStart, index), hex ? 16 : 10);
      if (!isXmlChar(codePoint)) {
        throw new MalformedXml({ start: ampersand, end: index + 1 }, `${text.slice(ampersand, index + 1)} is not a character XML allows`);
      }
      return { value: String.fromCodePoint(codePoint), end: index + 1 };
    }
    const nameEnd = this.scanName(ampersand + 1);
    if (nameEnd === ampersand + 1 || text.charCodeAt(nameEnd) !== 0x3b) {
      throw new MalformedXml({ start: ampersand, end: ampersand + 1 }, "'&' must be written &amp;");
    }
    const entity = text.slice(ampersand + 1, nameEnd);
    const value = PREDEFINED_ENTITIES[entity];
    if (value === undefined || !Object.prototype.hasOwnProperty.call(PREDEFINED_ENTITIES, entity)) {
      throw new MalformedXml({ start: ampersand, end: nameEnd + 1 }, `unknown entity &${entity}; (only &amp; &lt; &gt; &quot; &apos; exist)`);
    }
    return { value, end: nameEnd + 1 };
  }

  private ltFrom(position: number): number {
    if (this.nextLt < position) {
      const found = this.text.indexOf('<', position);
      this.nextLt = found === -1 ? this.length : found;
    }
    return this.nextLt;
  }

  private ampFrom(position: number): number {
    if (this.nextAmp < position) {
      const found = this.text.indexOf('&', position);
      this.nextAmp = found === -1 ? this.length : found;
    }
    return this.nextAmp;
  }

  private endOfFile(message: string): MalformedXml {
    return new MalformedXml({ start: this.length, end: this.length }, `unexpected end of file: ${message}`);
  }

  private lineOf(offset: number): number {
    return this.source.lines.position(offset).line;
  }
}

function isDigit(code: number, hex: boolean): boolean {
  if (code >= 0x30 && code <= 0x39) return true;
  return hex && ((code >= 0x61 && code <= 0x66) || (code >= 0x41 && code <= 0x46));
}

/**
 * A `<Custom>` element as a property. Its name: the schema's for a known ID (6030 is
 * AccessSSLFlags whatever Name says), else its Name, else `Custom(<ID>)`.
 */
function customProperty(text: string, tag: StartTag, attributes: AttributeBuffer): MetabaseProperty {
  const count = tag.attributeCount;
  const valueOf = (name: string): string | undefined => {
    const index = attributes.find(count, name);
    return index === -1 ? undefined : attributes.value(text, index);
  };
  const writtenName = valueOf('Name');
  const idText = valueOf('ID')?.trim();
  const id = idText !== undefined && /^\d{1,10}$/.test(idText) ? Number(idText) : undefined;
  const known = id !== undefined ? propertyById(id) : undefined;
  const trimmedName = writtenName?.trim();
  const name = known?.name ?? (trimmedName ? trimmedName : `Custom(${idText ?? ''})`);
  const value = attributes.find(count, 'Value');
  // All fields always present (undefined when not written): one shape for every Custom.
  return {
    name,
    id,
    origin: 'custom',
    value: value === -1 ? '' : attributes.value(text, value),
    // Without a Value attribute: the whole start tag, and an empty value span at its end.
    span: value === -1 ? { start: tag.start, end: tag.end } : attributes.span(value),
    valueSpan: value === -1 ? { start: tag.end, end: tag.end } : attributes.valueSpan(value),
    customType: valueOf('Type'),
    customAttributes: valueOf('Attributes'),
    customName: writtenName,
  };
}

let fxpParser: XMLParser | undefined;

/** FXP is loaded only for a cross-check: a run that does not ask for one never pays for it. */
function loadFxpParser(): XMLParser {
  if (!fxpParser) {
    const fxp = createRequire(import.meta.url)('fast-xml-parser') as typeof import('fast-xml-parser');
    META = fxp.XMLParser.getMetaDataSymbol() as unknown as symbol;
    fxpParser = new fxp.XMLParser(METABASE_FXP_OPTIONS);
  }
  return fxpParser;
}

export interface MetabaseParseOptions {
  /**
   * Also parse with fast-xml-parser and require the reader to meet each of its elements at the
   * same offset, and no other (`--xml-cross-check`). The result is the same; it costs FXP's
   * whole parse and its tree's memory. A disagreement on a document the reader finds
   * well-formed throws XmlCrossCheckError. Default: false (the reader alone).
   */
  crossCheck?: boolean;
}

/**
 * Parse MetaBase.xml text (`source.text`, BOM already removed). On malformed XML the document
 * holds ONE diagnostic (`xml-malformed`, or `metabase-root-unexpected` when the root is not
 * `<configuration>`) and the keys whose start tag was read before the error, each with the
 * properties read so far. Never throws, except XmlCrossCheckError under `crossCheck`.
 */
export function parseMetabase(source: SourceFile, options: MetabaseParseOptions = {}): MetabaseDocument {
  if (!options.crossCheck) return readMetabase(source, undefined);
  let fxpNodes: readonly unknown[] | undefined;
  try {
    const parsed: unknown = loadFxpParser().parse(source.text);
    fxpNodes = Array.isArray(parsed) ? parsed : undefined;
  } catch {
    // FXP's errors carry no usable position (and any RangeError is FXP's own): our walk
    // without FXP's tree finds the error and where it is. FXP also throws on some
    // well-formed names (`constructor`): that is FXP's limit, not a disagreement.
    fxpNodes = undefined;
  }
  try {
    return readMetabase(source, fxpNodes);
  } catch (error) {
    if (!(error instanceof CrossCheckMismatch)) throw error;
    // FXP is lenient: on malformed XML its tree may differ before the reader reaches the
    // error. Only a document the reader finds well-formed is a real disagreement.
    const alone = readMetabase(source, undefined);
    if (alone.diagnostics.length > 0) return alone;
    const { line, column } = source.lines.position(error.offset);
    throw new XmlCrossCheckError(
      `${source.path}:${line}:${column}: the metabase reader and fast-xml-parser disagree on the elements here (--xml-cross-check)`,
    );
  }
}

function readMetabase(source: SourceFile, fxpNodes: readonly unknown[] | undefined): MetabaseDocument {
  const document: MetabaseDocument = { source, rootSpan: undefined, keys: [], diagnostics: [] };
  const reader = new MetabaseReader(source, document);
  try {
    reader.read(fxpNodes);
    const malformed = reader.earliestError(undefined);
    if (malformed) throw malformed;
  } catch (caught) {
    if (caught instanceof CrossCheckMismatch) throw caught;
    const error = caught instanceof MalformedXml ? reader.earliestError(caught) : caught;
    if (error instanceof MalformedXml) {
      document.diagnostics.push({ kind: 'malformed', code: error.code, message: error.message, span: error.span });
    } else {
      const message = error instanceof Error ? error.message : String(error);
      document.diagnostics.push({
        kind: 'malformed',
        code: 'xml-malformed',
        message: `the file could not be read: ${message}`,
        span: { start: 0, end: 0 },
      });
    }
  }
  reader.store.trim();
  return document;
}

/**
 * Offset in the source text of index `valueIndex` of `property.value`. They differ only when
 * the value contains entity references (`&amp;` is one character of the value).
 */
export function sourceOffsetInValue(text: string, property: MetabaseProperty, valueIndex: number): number {
  const { start, end } = property.valueSpan;
  // Every reference is longer than what it decodes to: equal lengths mean there is none.
  if (end - start === property.value.length) return start + valueIndex;
  let offset = start;
  let decoded = 0;
  while (decoded < valueIndex && offset < end) {
    if (text.charCodeAt(offset) === 0x26) {
      const semicolon = text.indexOf(';', offset);
      const reference = text.slice(offset, semicolon + 1);
      decoded += reference.startsWith('&#') ? String.fromCodePoint(codePointOf(reference)).length : 1;
      offset = semicolon + 1;
    } else {
      offset++;
      decoded++;
    }
  }
  return offset;
}

function codePointOf(reference: string): number {
  const hex = reference.startsWith('&#x');
  return Number.parseInt(reference.slice(hex ? 3 : 2, -1), hex ? 16 : 10);
}
