/**
 * junit: the JUnit XML that Azure DevOps (PublishTestResults), Jenkins and GitLab read. One
 * <testsuite> per recognised file, a failing <testcase> per finding, and a passing testcase
 * named after the tool when a file is clean, because Azure DevOps hides a suite with no tests.
 */
import type { Finding } from '../engine/lint.js';
import type { ReportInput } from './types.js';

interface Suite {
  path: string;
  findings: Finding[];
}

export function junit(input: ReportInput): string {
  const suites = collectSuites(input);
  const helpUris = new Map(input.rules.map((meta) => [meta.id, meta.helpUri]));
  const toolName = input.tool.name;
  let tests = 0;
  let failures = 0;
  const body: string[] = [];
  for (const suite of suites) {
    const suiteTests = Math.max(1, suite.findings.length);
    tests += suiteTests;
    failures += suite.findings.length;
    body.push(
      `  <testsuite name="${attribute(suite.path)}" tests="${suiteTests}" failures="${suite.findings.length}" errors="0" skipped="0" time="0">`,
    );
    if (suite.findings.length === 0) {
      body.push(`    <testcase name="${attribute(toolName)}" classname="${attribute(suite.path)}" time="0"/>`);
    }
    for (const finding of suite.findings) {
      const { startLine, startColumn } = finding.region;
      const details = [
        `${suite.path}:${startLine}:${startColumn}: ${finding.level} ${finding.message} [${finding.ruleId}]`,
        ...(helpUris.has(finding.ruleId) ? [`Help: ${helpUris.get(finding.ruleId)}`] : []),
      ].join('\n');
      body.push(
        `    <testcase name="${attribute(`${finding.ruleId} ${startLine}:${startColumn}`)}" classname="${attribute(suite.path)}" time="0">`,
        `      <failure message="${attribute(finding.message)}" type="${finding.level}">${text(details)}</failure>`,
        '    </testcase>',
      );
    }
    body.push('  </testsuite>');
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${attribute(toolName)}" tests="${tests}" failures="${failures}" errors="0" time="0">`,
    ...body,
    '</testsuites>',
    '',
  ].join('\n');
}

/** Recognised files in path order, plus any file a finding names that the file list lacks. */
function collectSuites(input: ReportInput): Suite[] {
  const suites = new Map<string, Suite>();
  for (const file of input.files) {
    if (file.kind !== 'skipped' && !suites.has(file.path)) suites.set(file.path, { path: file.path, findings: [] });
  }
  for (const finding of input.findings) {
    const path = finding.file.path;
    let suite = suites.get(path);
    if (!suite) {
      suite = { path, findings: [] };
      suites.set(path, suite);
    }
    suite.findings.push(finding);
  }
  return [...suites.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** XML 1.0 cannot carry these at all, not even as character references: replace them with U+FFFD. */
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Anything `text` or `attribute` would change; most values have none and are returned as they are. */
const NEEDS_ESCAPE = /[\u0000-\u001F&<>"\uD800-\uDFFF\uFFFE\uFFFF]/;

function text(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value
    .replace(FORBIDDEN, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;');
}

/** Attribute values also keep their line breaks and tabs, which parsers would otherwise normalise to spaces. */
function attribute(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return value;
  return text(value).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}
