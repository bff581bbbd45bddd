/**
 * IIS 7+ configuration XML → ConfigDocument.
 *
 * fast-xml-parser's validator (the project's XML parser) decides whether the text is well-formed
 * XML and where the first error is: IIS answers HTTP 500.19 (0x8007000d) for a malformed file.
 * A well-formed text is then read by a small linear scanner that keeps what FXP does not give:
 * the exact span of every element, attribute name and value, and each element's end (a fix
 * removes an element byte-exactly). The scanner checks what it relies on and reports anything
 * unexpected as malformed, so it never reads past an error the validator let through.
 */
import { XMLValidator } from 'fast-xml-parser';
import type { ConfigAttribute, ConfigDocument, ConfigElement, ConfigFileKind } from './config-syntax.js';
import type { SourceFile, Span } from './text.js';

class Malformed extends Error {
  constructor(
    readonly span: Span,
    message: string,
  ) {
    super(message);
  }
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

function isNameChar(code: number): boolean {
  return !(isSpace(code) || code === 0x3d || code === 0x3e || code === 0x2f || code === 0x3c || code === 0x22 || code === 0x27 || Number.isNaN(code));
}

/** `&amp;` `&#38;` `&#x26;` decoded; an unknown or unterminated reference is malformed. */
function decodeValue(text: string, start: number, end: number): string {
  const raw = text.slice(start, end);
  if (!raw.includes('&')) return raw;
  return raw.replace(/&([^;&]*);?/g, (whole, name: string, offset: number) => {
    const at = { start: start + offset, end: start + offset + whole.length };
    if (!whole.endsWith(';')) throw new Malformed(at, "a bare '&' in an attribute value: write &amp;");
    if (name.startsWith('#x')) return codePoint(Number.parseInt(name.slice(2), 16), at);
    if (name.startsWith('#')) return codePoint(Number.parseInt(name.slice(1), 10), at);
    const entity = ENTITIES[name];
    if (entity === undefined) throw new Malformed(at, `unknown entity &${name};`);
    return entity;
  });
}

function codePoint(value: number, at: Span): string {
  if (!Number.isFinite(value) || value < 1 || value > 0x10ffff) throw new Malformed(at, 'invalid character reference');
  return String.fromCodePoint(value);
}

class ConfigScanner {
  private position = 0;
  constructor(private readonly text: string) {}

  read(): ConfigElement {
    const text = this.text;
    const stack: ConfigElement[] = [];
    let root: ConfigElement | undefined;
    for (;;) {
      const lt = text.indexOf('<', this.position);
      if (lt < 0) break;
      if (text.startsWith('<!--', lt)) {
        this.position = this.skipPast(lt, '-->');
      } else if (text.startsWith('<![CDATA[', lt)) {
        this.position = this.skipPast(lt, ']]>');
      } else if (text.startsWith('<?', lt)) {
        this.position = this.skipPast(lt, '?>');
      } else if (text.startsWith('<!', lt)) {
        this.position = this.skipPast(lt, '>');
      } else if (text.charCodeAt(lt + 1) === 0x2f) {
        const nameStart = lt + 2;
        let nameEnd = nameStart;
        while (isNameChar(text.charCodeAt(nameEnd))) nameEnd++;
        const close = text.indexOf('>', nameEnd);
        const open = stack.pop();
        const name = text.slice(nameStart, nameEnd);
        if (!open || open.name !== name || close < 0) throw new Malformed({ start: lt, end: nameEnd }, `unexpected </${name}>`);
        open.span = { start: open.span.start, end: close + 1 };
        this.position = close + 1;
      } else {
        const element = this.startTag(lt, stack[stack.length - 1]);
        if (!element.parent) {
          if (root) throw new Malformed(element.nameSpan, 'a second root element');
          root = element;
        } else {
          element.parent.children.push(element);
        }
        if (element.span.end === 0) stack.push(element);
        else this.position = element.span.end;
      }
    }
    if (!root) throw new Malformed({ start: text.length, end: text.length }, 'no root element');
    if (stack.length > 0) throw new Malformed({ start: text.length, end: text.length }, `<${stack[stack.length - 1]!.name}> is not closed`);
    return root;
  }

  private skipPast(from: number, terminator: string): number {
    const end = this.text.indexOf(terminator, from);
    if (end < 0) throw new Malformed({ start: from, end: this.text.length }, `not closed by ${terminator}`);
    return end + terminator.length;
  }

  /** Reads `<name a="v" ...>` or `/>`; span.end stays 0 until the end tag when not self-closing. */
  private startTag(lt: number, parent: ConfigElement | undefined): ConfigElement {
    const text = this.text;
    let index = lt + 1;
    while (isNameChar(text.charCodeAt(index))) index++;
    const nameSpan = { start: lt + 1, end: index };
    if (nameSpan.end === nameSpan.start) throw new Malformed({ start: lt, end: lt + 1 }, "'<' that starts no element");
    const element: ConfigElement = {
      name: text.slice(nameSpan.start, nameSpan.end),
      nameSpan,
      span: { start: lt, end: 0 },
      attributes: [],
      children: [],
      parent,
    };
    for (;;) {
      while (isSpace(text.charCodeAt(index))) index++;
      const code = text.charCodeAt(index);
      if (code === 0x3e) {
        this.position = index + 1;
        return element;
      }
      if (code === 0x2f && text.charCodeAt(index + 1) === 0x3e) {
        element.span.end = index + 2;
        return element;
      }
      element.attributes.push(this.attribute(index));
      index = element.attributes[element.attributes.length - 1]!.span.end;
    }
  }

  private attribute(start: number): ConfigAttribute {
    const text = this.text;
    let index = start;
    while (isNameChar(text.charCodeAt(index))) index++;
    const nameSpan = { start, end: index };
    if (nameSpan.end === nameSpan.start) throw new Malformed({ start, end: start + 1 }, 'unexpected character in a start tag');
    while (isSpace(text.charCodeAt(index))) index++;
    if (text.charCodeAt(index) !== 0x3d) throw new Malformed(nameSpan, 'an attribute without a value');
    index++;
    while (isSpace(text.charCodeAt(index))) index++;
    const quote = text[index];
    if (quote !== '"' && quote !== "'") throw new Malformed({ start: index, end: index + 1 }, 'an attribute value without quotes');
    const valueStart = index + 1;
    const valueEnd = text.indexOf(quote, valueStart);
    if (valueEnd < 0) throw new Malformed({ start: index, end: text.length }, 'an attribute value that is not closed');
    const raw = text.slice(valueStart, valueEnd);
    if (raw.includes('<')) throw new Malformed({ start: valueStart + raw.indexOf('<'), end: valueStart + raw.indexOf('<') + 1 }, "'<' in an attribute value");
    return {
      name: text.slice(nameSpan.start, nameSpan.end),
      value: decodeValue(text, valueStart, valueEnd),
      span: { start, end: valueEnd + 1 },
      nameSpan,
      valueSpan: { start: valueStart, end: valueEnd },
    };
  }
}

export function parseConfig(source: SourceFile, kind: ConfigFileKind): ConfigDocument {
  const document: ConfigDocument = { source, kind, root: undefined, diagnostics: [] };
  const text = source.text;
  const verdict = XMLValidator.validate(text, { allowBooleanAttributes: false });
  if (verdict !== true) {
    const { line, col, msg } = verdict.err;
    // FXP leaves out the column for some errors ('<!--><configuration>': "Start tag expected."), and could the line.
    const offset = offsetOf(source, Number.isInteger(line) ? line : 1, Number.isInteger(col) ? col : 1);
    document.diagnostics.push({
      kind: 'malformed',
      code: 'xml-malformed',
      message: msg.replace(/\.$/, ''),
      span: { start: offset, end: Math.min(offset + 1, text.length) },
    });
    return document;
  }
  try {
    document.root = new ConfigScanner(text).read();
  } catch (error) {
    if (!(error instanceof Malformed)) throw error;
    document.diagnostics.push({ kind: 'malformed', code: 'xml-malformed', message: error.message, span: error.span });
  }
  return document;
}

/** FXP's 1-based line and column (counted in UTF-16 units on its line) as an offset. */
function offsetOf(source: SourceFile, line: number, column: number): number {
  const lineCount = source.lines.lineCount;
  if (line > lineCount) return source.text.length;
  const span = source.lines.lineSpan(Math.max(1, line));
  return Math.min(span.start + Math.max(0, column - 1), span.end);
}
