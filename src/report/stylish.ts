/**
 * stylish: ESLint's default console layout, byte for byte where ESLint has an equivalent
 * (a leading blank line, underlined path, `  line:col  level  message  RULEID` rows aligned as
 * text-table aligns them, the trailing period of a message dropped, a blank line after each
 * file, `✖ N problems (E errors, W warnings)`). Notes, which ESLint does not have, are listed as
 * `note` and counted in the summary only when present. No findings: no output at all.
 */
import { groupByFile, type Finding } from '../engine/lint.js';
import { countLevels, hiddenSuffix, isFixable, plural } from './index.js';
import { escapeText, lineStartPath } from './escape.js';
import type { ReportInput } from './types.js';

type Style = (text: string) => string;

const ansi =
  (open: number, close: number): Style =>
  (text) =>
    text === '' ? '' : `\u001b[${open}m${text}\u001b[${close}m`;
const plain: Style = (text) => text;

interface Palette {
  red: Style;
  yellow: Style;
  blue: Style;
  dim: Style;
  bold: Style;
  underline: Style;
}

const COLOURS: Palette = {
  red: ansi(31, 39),
  yellow: ansi(33, 39),
  blue: ansi(34, 39),
  dim: ansi(2, 22),
  bold: ansi(1, 22),
  underline: ansi(4, 24),
};
const NO_COLOURS: Palette = { red: plain, yellow: plain, blue: plain, dim: plain, bold: plain, underline: plain };

interface Row {
  line: string;
  column: string;
  level: Finding['level'];
  message: string;
  ruleId: string;
}

export function stylish(input: ReportInput): string {
  return [...stylishChunks(input)].join('');
}

/** The report in pieces (a file's rows, the summary), so a report of any size is never one string. */
export function* stylishChunks(input: ReportInput): Generator<string> {
  const { findings } = input;
  if (findings.length === 0) return;
  const palette = input.color ? COLOURS : NO_COLOURS;

  yield '\n';
  for (const [filePath, fileFindings] of groupByFile(findings)) {
    yield `${palette.underline(lineStartPath(filePath))}\n`;
    yield* renderTable(fileFindings.map(toRow), palette);
    yield '\n';
  }

  const counts = countLevels(findings);
  const total = findings.length;
  const summaryStyle: Style = (text) => (counts.errors > 0 ? palette.red : palette.yellow)(palette.bold(text));
  const notes = counts.notes > 0 ? `, ${plural(counts.notes, 'note')}` : '';
  yield `${summaryStyle(
    `\u2716 ${plural(total, 'problem')} (${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')}${notes})${hiddenSuffix(input)}`,
  )}\n`;

  const fixable = countLevels(findings.filter(isFixable));
  if (fixable.errors + fixable.warnings + fixable.notes > 0) {
    const what =
      fixable.notes > 0
        ? `${plural(fixable.errors, 'error')}, ${plural(fixable.warnings, 'warning')} and ${plural(fixable.notes, 'note')}`
        : `${plural(fixable.errors, 'error')} and ${plural(fixable.warnings, 'warning')}`;
    yield `${summaryStyle(`  ${what} potentially fixable with the \`--fix\` option.`)}\n`;
  }
}


function toRow(finding: Finding): Row {
  return {
    line: String(finding.region.startLine),
    column: String(finding.region.startColumn),
    level: finding.level,
    // ESLint drops one trailing period so the rule id reads as the end of the sentence.
    // Input text in a message is shown escaped: no line break or terminal escape gets through.
    message: escapeText(finding.message.replace(/([^ ])\.$/u, '$1')),
    ruleId: finding.ruleId,
  };
}

/**
 * text-table with align ['', 'r', 'l'] and two-space gaps, then ESLint's `line  col` -> `line:col`
 * rewrite: the column keeps the padding text-table gave it. Widths count UTF-16 units of the
 * uncoloured text, as ESLint's strip-ansi length does.
 */
function* renderTable(rows: readonly Row[], palette: Palette): Generator<string> {
  // A loop, not Math.max(...rows): a file can have more findings than a call has room for arguments.
  const width = (pick: (row: Row) => string) => rows.reduce((widest, row) => Math.max(widest, pick(row).length), 0);
  const lineWidth = width((row) => row.line);
  const columnWidth = width((row) => row.column);
  const levelWidth = width((row) => row.level);
  const messageWidth = width((row) => row.message);
  const levelStyle = { error: palette.red, warning: palette.yellow, note: palette.blue };
  for (const row of rows) {
    const position =
      ' '.repeat(lineWidth - row.line.length) +
      palette.dim(`${row.line}:${row.column}`) +
      ' '.repeat(columnWidth - row.column.length);
    const level = levelStyle[row.level](row.level) + ' '.repeat(levelWidth - row.level.length);
    const message = row.message + ' '.repeat(messageWidth - row.message.length);
    yield `${`  ${position}  ${level}  ${message}  ${palette.dim(row.ruleId)}`.trimEnd()}\n`;
  }
}
