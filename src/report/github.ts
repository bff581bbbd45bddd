/**
 * github: GitHub Actions workflow commands, one annotation per finding
 * (`::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`), with paths relative
 * to the repository root as GitHub expects. GitHub shows at most 10 annotations of each level
 * per step, so `githubStepSummary` renders every finding as a Markdown table for the CLI to
 * append to `$GITHUB_STEP_SUMMARY`.
 */
import type { Finding } from '../engine/lint.js';
import { absolutePortablePath, countLevels, hiddenSuffix, plural, rootRelativePath } from './index.js';
import { escapeText } from './escape.js';
import type { ReportInput } from './types.js';

const COMMANDS = { error: 'error', warning: 'warning', note: 'notice' } as const;
/** The step summary is limited to 1 MiB; a table this long is already read by scrolling, not by eye. */
export const STEP_SUMMARY_ROW_LIMIT = 1000;

export function github(input: ReportInput): string {
  return [...githubChunks(input)].join('');
}

/** One workflow command per finding, a line each. */
export function* githubChunks(input: ReportInput): Generator<string> {
  const names = new Map(input.rules.map((meta) => [meta.id, meta.name]));
  const repoPath = repoPaths(input);
  for (const finding of input.findings) {
    const { startLine, startColumn, endLine, endColumn } = finding.region;
    const name = names.get(finding.ruleId);
    const properties: [string, string | number][] = [['file', escapeText(repoPath(finding))], ['line', startLine]];
    // GitHub refuses columns on an annotation that spans several lines.
    if (startLine === endLine) properties.push(['col', startColumn], ['endLine', endLine], ['endColumn', endColumn]);
    else properties.push(['endLine', endLine]);
    properties.push(['title', name === undefined ? finding.ruleId : `${finding.ruleId} ${name}`]);
    const list = properties.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(',');
    // Escaped twice: control characters as visible escapes (a terminal shows the log), then GitHub's own.
    yield `::${COMMANDS[finding.level]} ${list}::${escapeData(escapeText(finding.message))}\n`;
  }
}

/** Markdown for `$GITHUB_STEP_SUMMARY`: a headline and a table of every finding (up to the row limit). */
export function githubStepSummary(input: ReportInput): string {
  const { findings } = input;
  const heading = `### ${input.tool.name}`;
  if (findings.length === 0) return `${heading}\n\nNo problems found${hiddenSuffix(input)}.\n`;
  const counts = countLevels(findings);
  const notes = counts.notes > 0 ? `, ${plural(counts.notes, 'note')}` : '';
  const headline = `${plural(findings.length, 'problem')} (${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')}${notes})${hiddenSuffix(input)}`;
  const helpUris = new Map(input.rules.map((meta) => [meta.id, meta.helpUri]));
  const repoPath = repoPaths(input);
  const rows = findings.slice(0, STEP_SUMMARY_ROW_LIMIT).map((finding) => {
    const uri = helpUris.get(finding.ruleId);
    const rule = uri !== undefined
      ? `[${escapeCell(finding.ruleId)}](${uri})`
      : escapeCell(finding.ruleId);
    const location = `${repoPath(finding)}:${finding.region.startLine}:${finding.region.startColumn}`;
    return `| ${finding.level} | ${rule} | ${escapeCell(location)} | ${escapeCell(finding.message)} |`;
  });
  const more = findings.length - rows.length;
  return [
    heading,
    '',
    headline,
    '',
    '| Level | Rule | Location | Message |',
    '| --- | --- | --- | --- |',
    ...rows,
    ...(more > 0 ? ['', `… and ${more} more: see the SARIF or JSON report for all of them.`] : []),
    '',
  ].join('\n');
}

/** The repository-relative path of a finding's file (absolute when outside the root), worked out once per file. */
function repoPaths(input: ReportInput): (finding: Finding) => string {
  const cache = new Map<string, string>();
  return ({ file }) => {
    let repoPath = cache.get(file.path);
    if (repoPath === undefined) {
      repoPath = rootRelativePath(file.path, input.cwd, input.sarifRoot) ?? absolutePortablePath(file.path, input.cwd);
      cache.set(file.path, repoPath);
    }
    return repoPath;
  };
}

/** GitHub's escaping for a command's message (toolkit `escapeData`). */
export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** GitHub's escaping for a command property value (toolkit `escapeProperty`). */
export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * A table cell shows text as written: Markdown punctuation is backslash-escaped (a `|` would end
 * the cell), `<`/`&` become entities (GitHub drops HTML such as `<IIsWebServer>`), line breaks `<br>`.
 */
function escapeCell(value: string): string {
  return value
    .replace(/[\\`*_[\]~|]/g, '\\$&')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r\n|\r|\n/g, '<br>');
}
