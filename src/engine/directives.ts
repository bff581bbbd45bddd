/**
 * Inline suppression directives, read from the decoded text of a file in one linear pass:
 *
 * - .reg: a comment line (`;` or `#` after optional blanks) whose text starts with a directive:
 *   `; iislint-disable-next-line KSSL004 -- why`, `; iislint-disable KSSL004 -- why` …
 *   `; iislint-enable KSSL004`.
 * - XML: a comment `<!-- iislint-disable-next-line KSSL001: why -->`, and disable/enable blocks
 *   the same way.
 *
 * Rule ids are comma- or blank-separated (case-insensitive); none means every rule. The reason
 * follows the first `--` or `:` after the ids. XML forbids `--` inside a comment (strict parsers
 * reject the file), so in MetaBase.xml the reason is written after `:`; a `--` there still works
 * but is reported.
 *
 * What a directive covers, as UTF-16 offset ranges a finding's start must fall in:
 * - disable-next-line, .reg: the next line that is neither blank nor a comment;
 * - disable-next-line, XML: the start tag of the element that follows (blanks, comments and
 *   processing instructions may come between), from `<` to `>`, across lines;
 * - disable … enable: from the end of the disable comment to the start of the matching enable,
 *   or to the end of the file. A bare `iislint-enable` ends every open block; `iislint-enable X`
 *   ends the blocks of X, but not a block of every rule (it cannot carve one rule out of it).
 *
 * The parsers skip comments, so this module reads the text itself and changes no parser output.
 */
import type { SourceFile, Span } from '../parse/text.js';

export type DirectiveKind = 'disable-next-line' | 'disable' | 'enable';
export type DirectiveSyntax = 'reg' | 'xml';

export interface Directive {
  kind: DirectiveKind;
  /** Canonical rule ids that are known; undefined = every rule. */
  ruleIds: string[] | undefined;
  /** The text after `--` or `:`, trimmed; undefined when there is none. */
  reason: string | undefined;
  /** The directive without its reason, blanks collapsed: `iislint-disable-next-line KSSL004, KSSL005`. */
  text: string;
  /** The comment holding the directive: `;…` to the end of its content, or `<!-- … -->`. */
  span: Span;
}

/** A range where findings of `ruleId` (undefined = every rule) are suppressed by `directive`. */
export interface SuppressionRange {
  directive: Directive;
  ruleId: string | undefined;
  /** Findings whose span starts in [start, end) are covered. */
  start: number;
  end: number;
}

export type DirectiveProblemCode =
  | 'unknown-directive'
  | 'unknown-rule'
  | 'missing-reason'
  | 'xml-comment-double-dash'
  | 'enable-without-disable';

/**
 * Something wrong with a directive. `enable-without-disable` only matters when unused
 * directives are reported; the others are always reported.
 */
export interface DirectiveProblem {
  code: DirectiveProblemCode;
  directive: Directive | undefined;
  /** What exactly is wrong: the unknown id, the keyword, the `--`; else the directive's comment. */
  span: Span;
  /** The offending text (an unknown rule id or directive keyword), when there is one. */
  detail?: string;
  /** For `enable-without-disable`: a block of every rule was open (which `enable X` cannot end). */
  insideDisableAll?: boolean;
}

export interface DirectiveTable {
  file: SourceFile;
  syntax: DirectiveSyntax;
  directives: Directive[];
  ranges: SuppressionRange[];
  problems: DirectiveProblem[];
}

export interface DirectiveOptions {
  /** Canonical rule ids; ids in directives are matched case-insensitively. */
  knownRuleIds: ReadonlySet<string>;
  /** A disable directive without a reason is a problem and suppresses nothing. */
  requireReason?: boolean;
}

const PREFIX = 'iislint-';
/** Longest first, so `disable-next-line` is not read as `disable`. */
const KEYWORDS: readonly DirectiveKind[] = ['disable-next-line', 'disable', 'enable'];

export function extractDirectives(file: SourceFile, syntax: DirectiveSyntax, options: DirectiveOptions): DirectiveTable {
  const table: DirectiveTable = { file, syntax, directives: [], ranges: [], problems: [] };
  // Nearly every file has no directive: one search and done.
  if (!mentionsPrefix(file.text)) return table;
  const builder = new TableBuilder(table, options);
  if (syntax === 'reg') scanReg(file, builder);
  else scanXml(file, builder);
  builder.finish(file.text.length);
  return table;
}

/**
 * Whether `text` holds PREFIX anywhere (a file without it has no directive): found by its `-`, far rarer in configuration text than
 * the `i` it starts with (a 30 MB metabase has about a million). On that file
 * `includes(PREFIX)` took about 22 ms, this a few.
 */
export function mentionsPrefix(text: string): boolean {
  const dash = PREFIX.length - 1;
  for (let at = text.indexOf('-', dash); at !== -1; at = text.indexOf('-', at + 1)) {
    if (text.startsWith(PREFIX, at - dash)) return true;
  }
  return false;
}

/** Collects directives in text order and turns them into ranges. */
class TableBuilder {
  /** disable-next-line directives waiting for the line or element they cover. */
  private pending: Directive[] = [];
  /**
   * Open disable blocks by rule id (undefined = every rule), so that an enable touches only the
   * blocks it ends: each block is opened and closed once, whatever the number of directives.
   */
  private open = new Map<string | undefined, OpenBlock[]>();
  private readonly upperIds: Map<string, string>;

  constructor(
    private readonly table: DirectiveTable,
    private readonly options: DirectiveOptions,
  ) {
    this.upperIds = new Map([...options.knownRuleIds].map((id) => [id.toUpperCase(), id]));
  }

  /**
   * `body` is the comment's text with its delimiters removed, starting at offset `bodyStart`;
   * `commentSpan` is the whole comment.
   */
  comment(body: string, bodyStart: number, commentSpan: Span): void {
    let at = 0;
    while (at < body.length && isBlank(body.charCodeAt(at))) at++;
    if (!body.startsWith(PREFIX, at)) return;
    const keywordStart = at + PREFIX.length;
    let keywordEnd = keywordStart;
    // `--` starts the reason, even right after the keyword (`iislint-disable--why`).
    while (keywordEnd < body.length && isKeywordChar(body.charCodeAt(keywordEnd)) && !body.startsWith('--', keywordEnd)) keywordEnd++;
    const keyword = body.slice(keywordStart, keywordEnd);
    const kind = KEYWORDS.find((candidate) => candidate === keyword);
    if (!kind) {
      this.table.problems.push({
        code: 'unknown-directive',
        directive: undefined,
        span: { start: bodyStart + at, end: bodyStart + keywordEnd },
        detail: `${PREFIX}${keyword}`,
      });
      return;
    }
    const rest = body.slice(keywordEnd);
    const restStart = bodyStart + keywordEnd;
    const separator = reasonSeparator(rest);
    const idsText = separator === undefined ? rest : rest.slice(0, separator.index);
    const text = collapseBlanks(`${PREFIX}${keyword}${idsText}`.trim());
    const directive: Directive = { kind, ruleIds: undefined, reason: undefined, text, span: commentSpan };
    if (separator !== undefined) {
      const reason = rest.slice(separator.index + separator.length).trim();
      if (reason !== '') directive.reason = reason;
    }
    const tokens = idTokens(idsText, restStart);
    if (tokens.length > 0) {
      directive.ruleIds = [];
      for (const token of tokens) {
        const id = this.upperIds.get(token.text.toUpperCase());
        if (id === undefined) {
          this.table.problems.push({ code: 'unknown-rule', directive, span: token.span, detail: token.text });
        } else if (!directive.ruleIds.includes(id)) {
          directive.ruleIds.push(id);
        }
      }
    }
    this.table.directives.push(directive);
    if (this.table.syntax === 'xml') {
      const dash = body.indexOf('--');
      if (dash >= 0) {
        this.table.problems.push({ code: 'xml-comment-double-dash', directive, span: { start: bodyStart + dash, end: bodyStart + dash + 2 } });
      }
    }
    if (kind !== 'enable' && this.options.requireReason && directive.reason === undefined) {
      this.table.problems.push({ code: 'missing-reason', directive, span: commentSpan });
      return;
    }
    switch (kind) {
      case 'disable-next-line':
        this.pending.push(directive);
        break;
      case 'disable':
        for (const ruleId of ruleTargets(directive)) {
          const blocks = this.open.get(ruleId);
          if (blocks) blocks.push({ directive, ruleId, start: commentSpan.end });
          else this.open.set(ruleId, [{ directive, ruleId, start: commentSpan.end }]);
        }
        break;
      case 'enable':
        this.enable(directive);
        break;
    }
  }

  private enable(directive: Directive): void {
    // A bare enable ends every block; `enable X` ends the blocks of X, never a block of every rule.
    const closing = directive.ruleIds === undefined ? [...this.open.keys()] : directive.ruleIds;
    let closed = false;
    for (const ruleId of closing) {
      const blocks = this.open.get(ruleId);
      if (!blocks) continue;
      for (const block of blocks) this.addRange(block.directive, block.ruleId, block.start, directive.span.start);
      this.open.delete(ruleId);
      closed = true;
    }
    if (!closed && (directive.ruleIds === undefined || directive.ruleIds.length > 0)) {
      this.table.problems.push({
        code: 'enable-without-disable',
        directive,
        span: directive.span,
        insideDisableAll: this.open.has(undefined),
      });
    }
  }

  /** The line or start tag after pending disable-next-line directives: they cover [start, end). */
  target(start: number, end: number): void {
    for (const directive of this.pending) {
      for (const ruleId of ruleTargets(directive)) this.addRange(directive, ruleId, start, end);
    }
    this.pending = [];
  }

  /**
   * Something other than a start tag followed (XML), or the file ended: pending directives cover
   * nothing. They still get (empty) ranges, so that they can be reported unused.
   */
  dropPending(): void {
    for (const directive of this.pending) {
      for (const ruleId of ruleTargets(directive)) this.addRange(directive, ruleId, directive.span.end, directive.span.end);
    }
    this.pending = [];
  }

  get hasPending(): boolean {
    return this.pending.length > 0;
  }

  finish(textLength: number): void {
    // An unclosed block runs to the end of the file (a finding there may start at textLength).
    for (const blocks of this.open.values()) {
      for (const block of blocks) this.addRange(block.directive, block.ruleId, block.start, textLength + 1);
    }
    this.open.clear();
    this.dropPending();
    // Ties (one directive, several ids) in the order the directive names them.
    const idOrder = (range: SuppressionRange) => range.directive.ruleIds?.indexOf(range.ruleId!) ?? 0;
    this.table.ranges.sort((a, b) => a.start - b.start || a.end - b.end || idOrder(a) - idOrder(b));
  }

  private addRange(directive: Directive, ruleId: string | undefined, start: number, end: number): void {
    this.table.ranges.push({ directive, ruleId, start, end });
  }
}

interface OpenBlock {
  directive: Directive;
  ruleId: string | undefined;
  start: number;
}

/** The rule ids a directive applies to: [undefined] for every rule, [] when all its ids were unknown. */
function ruleTargets(directive: Directive): (string | undefined)[] {
  return directive.ruleIds === undefined ? [undefined] : directive.ruleIds;
}

// ---- .reg ---------------------------------------------------------------------------------

function scanReg(file: SourceFile, builder: TableBuilder): void {
  const { text, lines } = file;
  for (let line = 1; line <= lines.lineCount; line++) {
    const lineStart = lines.lineStart(line);
    const lineEnd = lines.lineEnd(line);
    let first = lineStart;
    while (first < lineEnd && isBlank(text.charCodeAt(first))) first++;
    if (first === lineEnd) continue;
    const code = text.charCodeAt(first);
    if (code === SEMICOLON || code === HASH) {
      let contentEnd = lineEnd;
      while (contentEnd > first && isBlank(text.charCodeAt(contentEnd - 1))) contentEnd--;
      builder.comment(text.slice(first + 1, contentEnd), first + 1, { start: first, end: contentEnd });
      continue;
    }
    // The whole line, its end included: a finding may be an empty span at the end of a line.
    if (builder.hasPending) builder.target(lineStart, lineEnd + 1);
  }
}

// ---- XML ----------------------------------------------------------------------------------

function scanXml(file: SourceFile, builder: TableBuilder): void {
  const text = file.text;
  const length = text.length;
  let index = text.indexOf('<');
  let gapStart = 0;
  while (index >= 0) {
    // Text between markup (other than blanks) ends what a pending directive could cover.
    if (builder.hasPending && !isBlankRange(text, gapStart, index)) builder.dropPending();
    let next: number;
    if (text.startsWith('<!--', index)) {
      const close = text.indexOf('-->', index + 4);
      const bodyEnd = close < 0 ? length : close;
      next = close < 0 ? length : close + 3;
      builder.comment(text.slice(index + 4, bodyEnd), index + 4, { start: index, end: next });
    } else if (text.startsWith('<?', index)) {
      next = endAfter(text, '?>', index + 2);
    } else if (text.startsWith('<![CDATA[', index)) {
      builder.dropPending();
      next = endAfter(text, ']]>', index + 9);
    } else if (text.startsWith('<!', index) || text.startsWith('</', index)) {
      builder.dropPending();
      next = endAfter(text, '>', index + 2);
    } else {
      next = startTagEnd(text, index + 1);
      if (builder.hasPending) builder.target(index, next);
    }
    gapStart = next;
    index = next >= length ? -1 : text.indexOf('<', next);
  }
}

/** Offset just past `>` ending a start tag that begins before `from`; quoted values may hold `>`. */
function startTagEnd(text: string, from: number): number {
  let quote = 0;
  for (let i = from; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (quote !== 0) {
      if (code === quote) quote = 0;
    } else if (code === QUOTE || code === APOSTROPHE) {
      quote = code;
    } else if (code === GREATER) {
      return i + 1;
    } else if (code === LESS) {
      // A truncated tag: the next markup starts here.
      return i;
    }
  }
  return text.length;
}

function endAfter(text: string, terminator: string, from: number): number {
  const at = text.indexOf(terminator, from);
  return at < 0 ? text.length : at + terminator.length;
}

function isBlankRange(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isXmlBlank(text.charCodeAt(i))) return false;
  return true;
}

// ---- directive text -----------------------------------------------------------------------

/** The first `--` or `:` in the text after the keyword: where the reason starts. */
function reasonSeparator(rest: string): { index: number; length: number } | undefined {
  const dash = rest.indexOf('--');
  const colon = rest.indexOf(':');
  if (dash < 0 && colon < 0) return undefined;
  if (colon < 0 || (dash >= 0 && dash < colon)) return { index: dash, length: 2 };
  return { index: colon, length: 1 };
}

function idTokens(idsText: string, offset: number): { text: string; span: Span }[] {
  const tokens: { text: string; span: Span }[] = [];
  let i = 0;
  while (i < idsText.length) {
    while (i < idsText.length && isIdSeparator(idsText.charCodeAt(i))) i++;
    const start = i;
    while (i < idsText.length && !isIdSeparator(idsText.charCodeAt(i))) i++;
    if (i > start) tokens.push({ text: idsText.slice(start, i), span: { start: offset + start, end: offset + i } });
  }
  return tokens;
}

function collapseBlanks(text: string): string {
  return text.replace(/[ \t\r\n]+/g, ' ');
}

const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const QUOTE = 34;
const HASH = 35;
const APOSTROPHE = 39;
const COMMA = 44;
const SEMICOLON = 59;
const LESS = 60;
const GREATER = 62;

function isBlank(code: number): boolean {
  return code === SPACE || code === TAB;
}

function isXmlBlank(code: number): boolean {
  return code === SPACE || code === TAB || code === LF || code === CR;
}

function isIdSeparator(code: number): boolean {
  return isXmlBlank(code) || code === COMMA;
}

function isKeywordChar(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39) || code === 0x2d;
}
