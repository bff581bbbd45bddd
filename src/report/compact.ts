/**
 * compact: `file:line:col: level message [RULEID]`, one finding per line and nothing else, so
 * grep, editors' quickfix lists and `wc -l` work on it.
 */
import { escapeText, lineStartPath } from './escape.js';
import type { ReportInput } from './types.js';

export function compact(input: ReportInput): string {
  return [...compactChunks(input)].join('');
}

export function* compactChunks(input: ReportInput): Generator<string> {
  for (const finding of input.findings) {
    yield `${lineStartPath(finding.file.path)}:${finding.region.startLine}:${finding.region.startColumn}: ${finding.level} ${escapeText(finding.message)} [${finding.ruleId}]\n`;
  }
}
