/**
 * junit: the JUnit XML that Azure DevOps (PublishTestResults), Jenkins and GitLab read. One
 * <testsuite> per recognised file and one <testcase> per finding, named by rule and logical
 * subject (never by line, so an added line does not turn into "1 new failure, 1 resolved"); the
 * position is in the failure text. Findings at or above the run's fail level fail; those below
 * it pass, with the finding in <system-out>, so a run whose gate passes shows no failed test. A
 * clean file gets a passing testcase named after the tool, because Azure DevOps hides a suite
 * with no tests, and so does a run with no file at all. Classnames are `folder.file_name`
 * (dots of each part as `_`): Jenkins splits a classname at its last dot into package and class,
 * and would otherwise show every file as class `xml` or `reg`.
 */
import path from 'node:path';
import type { Finding } from '../engine/lint.js';
import { levelRank } from '../engine/gate.js';
import type { ReportInput } from './types.js';

interface Suite {
  path: string;
  findings: Finding[];
}

export function junit(input: ReportInput): string {
  return [...junitChunks(input)].join('');
}

export function* junitChunks(input: ReportInput): Generator<string> {
  const suites = collectSuites(input);
  const helpUris = new Map(input.rules.map((meta) => [meta.id, meta.helpUri]));
  const toolName = input.tool.name;
  const failLevel = input.failLevel ?? 'error';
  const fails = (finding: Finding) => failLevel !== 'none' && levelRank[finding.level] >= levelRank[failLevel];
  if (suites.length === 0) suites.push({ path: toolName, findings: [] });
  let tests = 0;
  let failures = 0;
  for (const suite of suites) {
    tests += Math.max(1, suite.findings.length);
    failures += suite.findings.filter(fails).length;
  }
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  yield `<testsuites name="${attribute(toolName)}" tests="${tests}" failures="${failures}" errors="0" time="0">\n`;
  for (const suite of suites) {
    const suiteFailures = suite.findings.filter(fails).length;
    const classname = attribute(className(suite.path));
    yield `  <testsuite name="${attribute(suite.path)}" tests="${Math.max(1, suite.findings.length)}" failures="${suiteFailures}" errors="0" skipped="0" time="0">\n`;
    if (suite.findings.length === 0) yield `    <testcase name="${attribute(toolName)}" classname="${classname}" time="0"/>\n`;
    const occurrences = new Map<string, number>();
    for (const finding of suite.findings) {
      const { startLine, startColumn } = finding.region;
      const uri = helpUris.get(finding.ruleId);
      const details = [
        `${suite.path}:${startLine}:${startColumn}: ${finding.level} ${finding.message} [${finding.ruleId}]`,
        ...(uri !== undefined ? [`Help: ${uri}`] : []),
      ].join('\n');
      // The same rule on the same subject twice in a file: numbered in file order, as fingerprints are.
      const baseName = `${finding.ruleId} ${subjectName(finding)}`;
      const seen = (occurrences.get(baseName) ?? 0) + 1;
      occurrences.set(baseName, seen);
      const name = seen === 1 ? baseName : `${baseName} (${seen})`;
      yield `    <testcase name="${attribute(name)}" classname="${classname}" time="0">\n`;
      yield fails(finding)
        ? `      <failure message="${attribute(finding.message)}" type="${finding.level}">${text(details)}</failure>\n`
        : `      <system-out>${text(details)}</system-out>\n`;
      yield '    </testcase>\n';
    }
    yield '  </testsuite>\n';
  }
  yield '</testsuites>\n';
}

/** The logical subject without the file's own path (the suite names the file). */
function subjectName(finding: Finding): string {
  return finding.subject.replace(`:${finding.file.path}#`, ':');
}

/** `examples/web01.MetaBase_xml`: folder as Jenkins' package, file name as its class. */
function className(displayPath: string): string {
  const portable = displayPath.replaceAll('\\', '/');
  const folder = path.posix.dirname(portable);
  const file = path.posix.basename(portable).replaceAll('.', '_');
  return folder === '.' || folder === '' ? file : `${folder.replaceAll('.', '_')}.${file}`;
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
