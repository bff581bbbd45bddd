/**
 * compact: `file:line:col: level message [RULEID]`, one finding per line and nothing else, so
 * grep, editors' quickfix lists and `wc -l` work on it.
 */
import type { ReportInput } from './types.js';

export function compact(input: ReportInput): string {
  if (input.findings.length === 0) return '';
  const lines = input.findings.map(
    (finding) =>
      `${finding.file.path}:${finding.region.startLine}:${finding.region.startColumn}: ${finding.level} ${oneLine(finding.message)} [${finding.ruleId}]`,
  );
  return `${lines.join('\n')}\n`;
}

/** A message with a line break would start a line that tools read as a new finding. */
function oneLine(message: string): string {
  return message.replace(/\r\n|\r|\n/g, ' ');
}
