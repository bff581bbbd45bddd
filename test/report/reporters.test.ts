import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type * as Sarif from 'sarif';
import { describe, expect, it } from 'vitest';
import type { Finding, FindingFix } from '../../src/engine/lint.js';
import { sourceFromText, type SourceFile } from '../../src/parse/text.js';
import type { Level } from '../../src/rules/types.js';
import { ruleReportMeta, type RuleReportMeta } from '../../src/engine/rule-metadata.js';
import { compact } from '../../src/report/compact.js';
import { github, githubStepSummary } from '../../src/report/github.js';
import { loadReporter } from '../../src/report/index.js';
import { json, type JsonReport } from '../../src/report/json.js';
import { junit } from '../../src/report/junit.js';
import { artifactUri, directoryUri, sarif, sarifChunks } from '../../src/report/sarif.js';
import { stylish } from '../../src/report/stylish.js';
import { FORMAT_NAMES, type ReportInput } from '../../src/report/types.js';
import { hasMultitool, multitoolProblemsOf, sarifSchemaValidator } from '../support/sarif.js';

// ---------------------------------------------------------------------------------------------
// A hand-built run: two files of one server (one with a space and a non-ASCII letter in its
// path, one UTF-16 .reg with CRLF), five findings of every level, two of them fixable, a skipped
// file, a clean file, and the SARIF root one level above the working directory.
// ---------------------------------------------------------------------------------------------

const METABASE_PATH = 'servers/web 01/Métabase.xml';
const REG_PATH = 'servers/web 01/schannel.reg';
const SKIPPED_PATH = 'servers/web 01/notes.txt';
const CLEAN_PATH = 'servers/web 02/MetaBase.xml';

const metabase = sourceFromText(
  METABASE_PATH,
  [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<configuration xmlns="urn:microsoft-catalog:XML_Metabase_V64_0">',
    '<MBProperty>',
    '<IIsWebServer Location="/LM/W3SVC/1" ServerComment="Café 🚀 shop" AccessSSLFlags="8" >',
    '</IIsWebServer>',
    '</MBProperty>',
    '</configuration>',
    '',
  ].join('\n'),
);
const reg = sourceFromText(
  REG_PATH,
  [
    'Windows Registry Editor Version 5.00',
    '',
    '[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Ciphers\\RC4 128/128]',
    '"Enabled"=dword:ffffffff',
    '',
    '[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\SSL 2.0\\Server]',
    '"Enabled"=dword:00000001',
    '',
  ].join('\r\n'),
  'utf-16le',
  true,
);

function spanOf(file: SourceFile, needle: string, from = 0): { start: number; end: number } {
  const start = file.text.indexOf(needle, from);
  if (start < 0) throw new Error(`${needle} not in ${file.path}`);
  return { start, end: start + needle.length };
}

function makeFinding(
  file: SourceFile,
  ruleId: string,
  level: Level,
  message: string,
  span: { start: number; end: number },
  fix?: FindingFix,
): Finding {
  return {
    ruleId,
    level,
    message,
    server: 'web 01',
    file: { path: file.path, encoding: file.encoding, bom: file.bom, newline: file.newline },
    span,
    region: file.lines.region(span),
    subject: `${ruleId}#${span.start}`,
    fingerprint: `${ruleId.toLowerCase()}0123456789abcdef0123456789`.slice(0, 32),
    ...(fix ? { fix } : {}),
  };
}

function replaceFix(file: SourceFile, description: string, needle: string, within: string, text: string): FindingFix {
  const outer = spanOf(file, within);
  const inner = spanOf(file, needle, outer.start);
  return { description, edits: [{ path: file.path, span: inner, region: file.lines.region(inner), text }] };
}

const serverSpan = { start: spanOf(metabase, '<IIsWebServer').start, end: spanOf(metabase, '</IIsWebServer>').end };
const FINDINGS: Finding[] = [
  makeFinding(metabase, 'KSSL002', 'error', 'Client certificates break under kernel-mode SSL.', serverSpan),
  makeFinding(metabase, 'CFG002', 'note', 'ServerComment is ignored by http.sys.', spanOf(metabase, 'ServerComment="Café 🚀 shop"')),
  makeFinding(
    metabase,
    'KSSL003',
    'warning',
    'AccessSSLFlags=8 asks for 128-bit SSL, which kernel-mode SSL does not enforce.',
    spanOf(metabase, 'AccessSSLFlags="8"'),
    replaceFix(metabase, 'Clear AccessSSLFlags.', '8', 'AccessSSLFlags="8"', '0'),
  ),
  makeFinding(reg, 'KSSL001', 'warning', 'RC4 128/128 is enabled.', spanOf(reg, '"Enabled"=dword:ffffffff')),
  makeFinding(
    reg,
    'KSSL004',
    'error',
    'SSL 2.0 is enabled for the server.',
    spanOf(reg, '"Enabled"=dword:00000001'),
    replaceFix(reg, 'Disable SSL 2.0 for the server.', '00000001', '"Enabled"=dword:00000001', '00000000'),
  ),
];

function meta(id: string, name: string, defaultLevel: Level, tags: string[], securitySeverity: string): RuleReportMeta {
  return ruleReportMeta({
    id,
    name,
    shortDescription: `${name.replaceAll('-', ' ')}.`,
    fullDescription: `Finds ${name.replaceAll('-', ' ')} in IIS 6 configuration.`,
    helpMarkdown: [
      '## What it finds',
      `Settings that trigger **${id}**.`,
      '## Why it matters',
      'Kernel-mode SSL ignores them.',
      '## Bad',
      '```xml',
      '<IIsWebServer AccessSSLFlags="8" />',
      '```',
      '## Good',
      '```xml',
      '<IIsWebServer AccessSSLFlags="0" />',
      '```',
      '## How to fix',
      'See `iislint explain`.',
    ].join('\n'),
    defaultLevel,
    tags,
    securitySeverity,
    precision: 'high',
  });
}

const RULES: RuleReportMeta[] = [
  meta('CFG002', 'ignored-setting', 'note', ['correctness'], '2.0'),
  meta('KSSL001', 'weak-cipher-enabled', 'warning', ['security', 'external/cwe/cwe-327'], '7.5'),
  meta('KSSL002', 'client-certificate-required', 'error', ['security'], '6.5'),
  meta('KSSL003', 'ssl128-required', 'warning', ['security', 'external/cwe/cwe-326'], '5.3'),
  meta('KSSL004', 'ssl2-enabled', 'error', ['security', 'external/cwe/cwe-327'], '8.1'),
];

const CWD = '/home/ci/repo/configs';
const ROOT = '/home/ci/repo';

function sampleInput(overrides: Partial<ReportInput> = {}): ReportInput {
  return {
    findings: FINDINGS,
    files: [
      { path: METABASE_PATH, server: 'web 01', kind: 'metabase' },
      { path: SKIPPED_PATH, server: 'web 01', kind: 'skipped', skipReason: 'not a MetaBase.xml or registry export' },
      { path: REG_PATH, server: 'web 01', kind: 'reg' },
      { path: CLEAN_PATH, server: 'web 02', kind: 'metabase' },
    ],
    rules: RULES,
    tool: { name: 'iislint', version: '0.1.0', informationUri: 'https://github.com/iislint/iislint' },
    cwd: CWD,
    sarifRoot: ROOT,
    category: undefined,
    notifications: [
      { level: 'note', message: 'Skipped servers/web 01/notes.txt: not a MetaBase.xml or registry export.', path: SKIPPED_PATH },
      { level: 'warning', message: 'No SChannel export for server web 02: Windows defaults assumed.' },
    ],
    executionSuccessful: true,
    color: false,
    ...overrides,
  };
}

const emptyInput = (): ReportInput =>
  sampleInput({ findings: [], notifications: [], files: [{ path: CLEAN_PATH, server: 'web 02', kind: 'metabase' }] });

/** A one-finding input to exercise escaping without disturbing the sample. */
function singleFindingInput(filePath: string, message: string, text = 'x = 1\n'): ReportInput {
  const file = sourceFromText(filePath, text);
  const finding = makeFinding(file, 'KSSL001', 'warning', message, { start: 0, end: 1 });
  return sampleInput({ findings: [finding], files: [{ path: filePath, server: 's', kind: 'reg' }], notifications: [] });
}

describe('sample positions', () => {
  it('count columns in UTF-16 code units (the rocket is two)', () => {
    expect(FINDINGS.map((finding) => finding.region)).toEqual([
      { startLine: 4, startColumn: 1, endLine: 5, endColumn: 16 },
      { startLine: 4, startColumn: 38, endLine: 4, endColumn: 66 },
      { startLine: 4, startColumn: 67, endLine: 4, endColumn: 85 },
      { startLine: 4, startColumn: 1, endLine: 4, endColumn: 25 },
      { startLine: 7, startColumn: 1, endLine: 7, endColumn: 25 },
    ]);
  });
});

describe('many findings', () => {
  it('every reporter handles 200,000 findings in one file (the file formats 20,000)', () => {
    const count = 200_000;
    const file = sourceFromText('big.reg', 'x\n'.repeat(count));
    const findings = Array.from({ length: count }, (_, index) => {
      const span = { start: index * 2, end: index * 2 + 1 };
      return { ...makeFinding(file, 'KSSL001', 'warning', 'Weak.', span), fingerprint: `fp${index}` };
    });
    const input = sampleInput({ findings, files: [{ path: 'big.reg', server: 's', kind: 'reg' }], notifications: [] });
    expect(stylish(input).endsWith(`✖ ${count} problems (0 errors, ${count} warnings)\n`)).toBe(true);
    expect(compact(input).split('\n')).toHaveLength(count + 1);
    expect(github(input).split('\n')).toHaveLength(count + 1);
    expect(githubStepSummary(input).split('\n')).toHaveLength(6 + 1000 + 3);
    expect(githubStepSummary(input).endsWith(`\n… and ${count - 1000} more: see the SARIF or JSON report for all of them.\n`)).toBe(true);
    // The file formats grow large (SARIF: about 700 bytes a result): a tenth is enough to show they scale.
    const tenth = { ...input, findings: findings.slice(0, count / 10) };
    expect((JSON.parse(json(tenth)) as JsonReport).findings).toHaveLength(count / 10);
    expect(junit(tenth).match(/<testcase /g)).toHaveLength(count / 10);
    expect(parseSarif(sarif(tenth)).runs[0]!.results).toHaveLength(count / 10);
    // Written in chunks, byte for byte the same text, results and fixes included.
    const chunks = [...sarifChunks(tenth)];
    expect(chunks.length).toBeGreaterThan(2);
    expect(chunks.join('')).toBe(sarif(tenth));
  });
});

describe('loadReporter', () => {
  it('loads each format from its own module', async () => {
    const expected = { stylish, sarif, json, junit, github, compact };
    for (const name of FORMAT_NAMES) expect(await loadReporter(name)).toBe(expected[name]);
  });
});

describe('stylish', () => {
  it('prints ESLint layout: aligned rows per file, summary, fixable count', () => {
    expect(stylish(sampleInput())).toBe(STYLISH_PLAIN);
  });

  it('colours level, position, rule id, path and summary with ANSI codes', () => {
    expect(stylish(sampleInput({ color: true }))).toBe(STYLISH_COLOUR);
  });

  it('prints nothing for a clean run', () => {
    expect(stylish(emptyInput())).toBe('');
    expect(stylish({ ...emptyInput(), color: true, hidden: { suppressed: 2 } })).toBe('');
  });

  it('uses singular words, omits notes and fixable lines when absent, and appends hidden counts', () => {
    const input = { ...singleFindingInput('a.reg', 'Weak.'), hidden: { suppressed: 3, baselined: 1 } };
    expect(stylish(input)).toBe('\na.reg\n  1:1  warning  Weak  KSSL001\n\n✖ 1 problem (0 errors, 1 warning) (3 suppressed, 1 baselined)\n');
  });
});

describe('compact', () => {
  it('prints one grep-friendly line per finding and nothing else', () => {
    expect(compact(sampleInput())).toBe(
      [
        'servers/web 01/Métabase.xml:4:1: error Client certificates break under kernel-mode SSL. [KSSL002]',
        'servers/web 01/Métabase.xml:4:38: note ServerComment is ignored by http.sys. [CFG002]',
        'servers/web 01/Métabase.xml:4:67: warning AccessSSLFlags=8 asks for 128-bit SSL, which kernel-mode SSL does not enforce. [KSSL003]',
        'servers/web 01/schannel.reg:4:1: warning RC4 128/128 is enabled. [KSSL001]',
        'servers/web 01/schannel.reg:7:1: error SSL 2.0 is enabled for the server. [KSSL004]',
        '',
      ].join('\n'),
    );
  });

  it('prints nothing for a clean run and keeps a multi-line message on one line, its line breaks escaped', () => {
    expect(compact(emptyInput())).toBe('');
    expect(compact(singleFindingInput('a.reg', 'one\r\ntwo'))).toBe('a.reg:1:1: warning one\\r\\ntwo [KSSL001]\n');
  });
});

describe('github', () => {
  it('prints one workflow command per finding, paths relative to the repository root', () => {
    expect(github(sampleInput())).toBe(
      [
        '::error file=configs/servers/web 01/Métabase.xml,line=4,endLine=5,title=KSSL002 client-certificate-required::Client certificates break under kernel-mode SSL.',
        '::notice file=configs/servers/web 01/Métabase.xml,line=4,col=38,endLine=4,endColumn=66,title=CFG002 ignored-setting::ServerComment is ignored by http.sys.',
        '::warning file=configs/servers/web 01/Métabase.xml,line=4,col=67,endLine=4,endColumn=85,title=KSSL003 ssl128-required::AccessSSLFlags=8 asks for 128-bit SSL, which kernel-mode SSL does not enforce.',
        '::warning file=configs/servers/web 01/schannel.reg,line=4,col=1,endLine=4,endColumn=25,title=KSSL001 weak-cipher-enabled::RC4 128/128 is enabled.',
        '::error file=configs/servers/web 01/schannel.reg,line=7,col=1,endLine=7,endColumn=25,title=KSSL004 ssl2-enabled::SSL 2.0 is enabled for the server.',
        '',
      ].join('\n'),
    );
  });

  it('escapes data (%) and properties (also : and ,) as GitHub does; line breaks in input text are shown as \\r\\n', () => {
    const input = singleFindingInput('odd,name:1/50%.reg', 'Half: 50% done,\r\nthen more');
    expect(github(input)).toBe(
      '::warning file=configs/odd%2Cname%3A1/50%25.reg,line=1,col=1,endLine=1,endColumn=2,title=KSSL001 weak-cipher-enabled::Half: 50%25 done,\\r\\nthen more\n',
    );
  });

  it('prints nothing for a clean run', () => {
    expect(github(emptyInput())).toBe('');
  });

  it('renders every finding as a Markdown table for the step summary', () => {
    const uri = (id: string) => `https://github.com/iislint/iislint/blob/main/docs/rules/${id}.md`;
    expect(githubStepSummary(sampleInput({ hidden: { suppressed: 2 } }))).toBe(
      [
        '### iislint',
        '',
        '5 problems (2 errors, 2 warnings, 1 note) (2 suppressed)',
        '',
        '| Level | Rule | Location | Message |',
        '| --- | --- | --- | --- |',
        `| error | [KSSL002](${uri('KSSL002')}) | configs/servers/web 01/Métabase.xml:4:1 | Client certificates break under kernel-mode SSL. |`,
        `| note | [CFG002](${uri('CFG002')}) | configs/servers/web 01/Métabase.xml:4:38 | ServerComment is ignored by http.sys. |`,
        `| warning | [KSSL003](${uri('KSSL003')}) | configs/servers/web 01/Métabase.xml:4:67 | AccessSSLFlags=8 asks for 128-bit SSL, which kernel-mode SSL does not enforce. |`,
        `| warning | [KSSL001](${uri('KSSL001')}) | configs/servers/web 01/schannel.reg:4:1 | RC4 128/128 is enabled. |`,
        `| error | [KSSL004](${uri('KSSL004')}) | configs/servers/web 01/schannel.reg:7:1 | SSL 2.0 is enabled for the server. |`,
        '',
      ].join('\n'),
    );
  });

  it('escapes table cells: pipes, Markdown punctuation, HTML and line breaks', () => {
    const summary = githubStepSummary(singleFindingInput('a_b.reg', 'a | b <Key> & *x* `y` [z]\nHKLM\\SYSTEM'));
    expect(summary.split('\n')[6]).toBe(
      '| warning | [KSSL001](https://github.com/iislint/iislint/blob/main/docs/rules/KSSL001.md) | configs/a\\_b.reg:1:1 | a \\| b &lt;Key&gt; &amp; \\*x\\* \\`y\\` \\[z\\]<br>HKLM\\\\SYSTEM |',
    );
  });

  it('says so when nothing was found', () => {
    expect(githubStepSummary(emptyInput())).toBe('### iislint\n\nNo problems found.\n');
  });
});

describe('json', () => {
  it('is written in pieces, byte for byte what JSON.stringify(report, null, 2) gives (across batches too)', () => {
    const file = sourceFromText('big.reg', 'x\n'.repeat(1100));
    const many = Array.from({ length: 1100 }, (_, index) => makeFinding(file, 'KSSL001', 'warning', `Weak "${index}".`, { start: index * 2, end: index * 2 + 1 }));
    for (const input of [sampleInput(), emptyInput(), sampleInput({ findings: many, hidden: { suppressed: 2 } })]) {
      const text = json(input);
      expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
    }
  });

  it('has the documented shape', () => {
    const report = JSON.parse(json(sampleInput())) as JsonReport;
    expect(Object.keys(report)).toEqual(['version', 'findings', 'files', 'summary']);
    expect(report.version).toBe(1);
    expect(report.findings).toHaveLength(5);
    expect(report.findings[2]).toEqual({
      file: METABASE_PATH,
      server: 'web 01',
      rule: 'KSSL003',
      level: 'warning',
      message: 'AccessSSLFlags=8 asks for 128-bit SSL, which kernel-mode SSL does not enforce.',
      line: 4,
      column: 67,
      endLine: 4,
      endColumn: 85,
      fingerprint: FINDINGS[2]!.fingerprint,
      fixable: true,
    });
    expect(report.findings.map((finding) => finding.fixable)).toEqual([false, false, true, false, true]);
    expect(report.files).toEqual([
      { path: METABASE_PATH, server: 'web 01', kind: 'metabase' },
      { path: SKIPPED_PATH, server: 'web 01', kind: 'skipped', skipReason: 'not a MetaBase.xml or registry export' },
      { path: REG_PATH, server: 'web 01', kind: 'reg' },
      { path: CLEAN_PATH, server: 'web 02', kind: 'metabase' },
    ]);
    expect(report.summary).toEqual({ errors: 2, warnings: 2, notes: 1 });
  });

  it('is indented by two spaces, ends with a newline, and reports an empty run', () => {
    const output = json(emptyInput());
    expect(output.endsWith('}\n')).toBe(true);
    expect(output.split('\n')[1]).toBe('  "version": 1,');
    expect(JSON.parse(output)).toEqual({
      version: 1,
      findings: [],
      files: [{ path: CLEAN_PATH, server: 'web 02', kind: 'metabase' }],
      summary: { errors: 0, warnings: 0, notes: 0 },
    });
  });
});

describe('junit', () => {
  interface Attributes {
    [key: string]: string | Attributes | Attributes[] | undefined;
  }
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase'].includes(name) });
  const parse = (xml: string) => parser.parse(xml) as { testsuites: Attributes & { testsuite: (Attributes & { testcase: Attributes[] })[] } };

  it('is well-formed XML with one suite per recognised file and a passing case for a clean file', () => {
    const xml = junit(sampleInput());
    expect(XMLValidator.validate(xml)).toBe(true);
    const { testsuites } = parse(xml);
    expect(testsuites.name).toBe('iislint');
    // Fail level error (the default): the two errors fail; the warnings and the note pass.
    expect([testsuites.tests, testsuites.failures]).toEqual(['6', '2']);
    expect(testsuites.testsuite.map((suite) => [suite.name, suite.tests, suite.failures])).toEqual([
      [METABASE_PATH, '3', '1'],
      [REG_PATH, '2', '1'],
      [CLEAN_PATH, '1', '0'],
    ]);
    const clean = testsuites.testsuite[2]!.testcase;
    expect(clean).toEqual([{ name: 'iislint', classname: 'servers/web 02.MetaBase_xml', time: '0' }]);
    const failing = testsuites.testsuite[1]!.testcase[1]!;
    expect(failing.name).toBe(`KSSL004 ${FINDINGS[4]!.subject}`);
    expect(failing.classname).toBe('servers/web 01.schannel_reg');
    expect(failing.failure).toEqual({
      message: 'SSL 2.0 is enabled for the server.',
      type: 'error',
      '#text':
        'servers/web 01/schannel.reg:7:1: error SSL 2.0 is enabled for the server. [KSSL004]\nHelp: https://github.com/iislint/iislint/blob/main/docs/rules/KSSL004.md',
    });
    const passing = testsuites.testsuite[1]!.testcase[0]!;
    expect(passing).toEqual({
      name: `KSSL001 ${FINDINGS[3]!.subject}`,
      classname: 'servers/web 01.schannel_reg',
      time: '0',
      'system-out':
        'servers/web 01/schannel.reg:4:1: warning RC4 128/128 is enabled. [KSSL001]\nHelp: https://github.com/iislint/iislint/blob/main/docs/rules/KSSL001.md',
    });
  });

  it('fails what the fail level fails (issue 14.9): warning fails four, none fails nothing', () => {
    expect(parse(junit(sampleInput({ failLevel: 'warning' }))).testsuites.failures).toBe('4');
    expect(parse(junit(sampleInput({ failLevel: 'note' }))).testsuites.failures).toBe('5');
    const none = junit(sampleInput({ failLevel: 'none' }));
    expect(parse(none).testsuites.failures).toBe('0');
    expect(none).not.toContain('<failure');
  });

  it('names test cases by rule and logical subject: a moved line keeps every name; repeats are numbered', () => {
    const names = (input: ReportInput) => parse(junit(input)).testsuites.testsuite.flatMap((suite) => suite.testcase.map((test) => test.name));
    const moved = FINDINGS.map((finding) => ({ ...finding, region: { ...finding.region, startLine: finding.region.startLine + 1, endLine: finding.region.endLine + 1 } }));
    expect(names(sampleInput({ findings: moved }))).toEqual(names(sampleInput()));
    expect(names(sampleInput()).join('\n')).not.toMatch(/\d+:\d+/);
    const twice = [FINDINGS[3]!, { ...FINDINGS[3]!, region: { ...FINDINGS[3]!.region, startLine: 9 } }];
    expect(names(sampleInput({ findings: twice })).filter((name) => name !== 'iislint')).toEqual([`KSSL001 ${FINDINGS[3]!.subject}`, `KSSL001 ${FINDINGS[3]!.subject} (2)`]);
  });

  it('a run with no file at all still has one passing test case', () => {
    const xml = junit(sampleInput({ findings: [], files: [] }));
    expect(parse(xml).testsuites).toMatchObject({ tests: '1', failures: '0' });
    expect(xml).toContain('<testcase name="iislint" classname="iislint" time="0"/>');
  });

  it('escapes markup and replaces characters XML 1.0 cannot carry', () => {
    const xml = junit({ ...singleFindingInput('a&b.reg', 'Bad <"x"> & \'y\' ]]> bell\u0007 nul\u0000 lone\uD800 ok🚀'), failLevel: 'warning' });
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain(
      '<failure message="Bad &lt;&quot;x&quot;&gt; &amp; \'y\' ]]&gt; bell\uFFFD nul\uFFFD lone\uFFFD ok🚀" type="warning">',
    );
    expect(xml).toContain('<testsuite name="a&amp;b.reg"');
  });

  it('lists every recognised file as passing when nothing was found', () => {
    const xml = junit(emptyInput());
    expect(xml).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="iislint" tests="1" failures="0" errors="0" time="0">',
        `  <testsuite name="${CLEAN_PATH}" tests="1" failures="0" errors="0" skipped="0" time="0">`,
        '    <testcase name="iislint" classname="servers/web 02.MetaBase_xml" time="0"/>',
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// SARIF
// ---------------------------------------------------------------------------------------------

const sarifValidator = sarifSchemaValidator;
const schemaPath = fileURLToPath(new URL('../schemas/sarif-schema-2.1.0.json', import.meta.url));

function parseSarif(output: string): Sarif.Log {
  return JSON.parse(output) as Sarif.Log;
}

describe('vendored SARIF schema', () => {
  it('is the OASIS SARIF 2.1.0 schema', () => {
    const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;
    expect(schema.$id).toBe('https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json');
    expect(schema.title).toBe('Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema');
  });

  it('rejects a log that breaks it (the validator is live)', () => {
    const validate = sarifValidator();
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false);
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, columnKind: 'bytes' }] })).toBe(false);
  });
});

describe('sarif', () => {
  const validate = sarifValidator();

  it('validates against the OASIS schema, with findings and fixes and when clean', () => {
    for (const input of [sampleInput(), emptyInput(), sampleInput({ executionSuccessful: false, category: 'iis/prod' })]) {
      const log = parseSarif(sarif(input));
      expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    }
  });

  it('describes the tool and every rule in full', () => {
    const log = parseSarif(sarif(sampleInput()));
    expect(log.$schema).toBe('https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const { driver } = log.runs[0]!.tool;
    expect([driver.name, driver.version, driver.semanticVersion, driver.informationUri]).toEqual([
      'iislint',
      '0.1.0',
      '0.1.0',
      'https://github.com/iislint/iislint',
    ]);
    expect(driver.rules?.map((rule) => rule.id)).toEqual(RULES.map((rule) => rule.id));
    expect(driver.rules?.[1]).toEqual({
      id: 'KSSL001',
      name: 'weak-cipher-enabled',
      shortDescription: { text: 'weak cipher enabled.' },
      fullDescription: { text: 'Finds weak cipher enabled in IIS 6 configuration.' },
      defaultConfiguration: { level: 'warning' },
      helpUri: 'https://github.com/iislint/iislint/blob/main/docs/rules/KSSL001.md',
      help: {
        text: [
          'What it finds',
          'Settings that trigger KSSL001.',
          'Why it matters',
          'Kernel-mode SSL ignores them.',
          'Bad',
          '<IIsWebServer AccessSSLFlags="8" />',
          'Good',
          '<IIsWebServer AccessSSLFlags="0" />',
          'How to fix',
          'See iislint explain.',
        ].join('\n'),
        markdown: RULES[1]!.helpMarkdown,
      },
      properties: { tags: ['security', 'external/cwe/cwe-327'], precision: 'high', 'security-severity': '7.5' },
    });
  });

  it('gives each result its rule index, level, message, one exact location and a fingerprint', () => {
    const run = parseSarif(sarif(sampleInput())).runs[0]!;
    const rules = run.tool.driver.rules!;
    expect(run.results).toHaveLength(5);
    for (const [index, result] of run.results!.entries()) {
      expect(rules[result.ruleIndex!]!.id).toBe(result.ruleId);
      expect(result.locations).toHaveLength(1);
      expect(result.partialFingerprints).toEqual({ primaryLocationLineHash: FINDINGS[index]!.fingerprint });
    }
    const [first, , third] = run.results!;
    expect(first).toEqual({
      ruleId: 'KSSL002',
      ruleIndex: 2,
      level: 'error',
      message: { text: 'Client certificates break under kernel-mode SSL.' },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'configs/servers/web%2001/M%C3%A9tabase.xml', uriBaseId: '%SRCROOT%', index: 0 },
            region: { startLine: 4, startColumn: 1, endLine: 5, endColumn: 16 },
          },
        },
      ],
      partialFingerprints: { primaryLocationLineHash: FINDINGS[0]!.fingerprint },
    });
    expect(third!.locations![0]!.physicalLocation!.region).toEqual({ startLine: 4, startColumn: 67, endLine: 4, endColumn: 85 });
  });

  it('carries fixes as artifact changes with exact deleted regions', () => {
    const run = parseSarif(sarif(sampleInput())).runs[0]!;
    expect(run.results!.map((result) => result.fixes !== undefined)).toEqual([false, false, true, false, true]);
    expect(run.results![4]!.fixes).toEqual([
      {
        description: { text: 'Disable SSL 2.0 for the server.' },
        artifactChanges: [
          {
            artifactLocation: { uri: 'configs/servers/web%2001/schannel.reg', uriBaseId: '%SRCROOT%', index: 2 },
            replacements: [
              { deletedRegion: { startLine: 7, startColumn: 17, endLine: 7, endColumn: 25 }, insertedContent: { text: '00000000' } },
            ],
          },
        ],
      },
    ]);
    expect(run.results![2]!.fixes![0]!.artifactChanges[0]!.replacements[0]).toEqual({
      deletedRegion: { startLine: 4, startColumn: 83, endLine: 4, endColumn: 84 },
      insertedContent: { text: '0' },
    });
  });

  it('lists artifacts, the source root, invocation and notifications', () => {
    const run = parseSarif(sarif(sampleInput())).runs[0]!;
    expect(run.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: 'file:///home/ci/repo/' } });
    expect(run.artifacts).toEqual([
      {
        location: { uri: 'configs/servers/web%2001/M%C3%A9tabase.xml', uriBaseId: '%SRCROOT%' },
        roles: ['analysisTarget'],
        encoding: 'UTF-8',
        sourceLanguage: 'xml',
      },
      { location: { uri: 'configs/servers/web%2001/notes.txt', uriBaseId: '%SRCROOT%' }, roles: ['analysisTarget'] },
      { location: { uri: 'configs/servers/web%2001/schannel.reg', uriBaseId: '%SRCROOT%' }, roles: ['analysisTarget'], encoding: 'UTF-16LE' },
    ]);
    expect(run.invocations).toEqual([
      {
        executionSuccessful: true,
        toolExecutionNotifications: [
          {
            level: 'note',
            message: { text: 'Skipped servers/web 01/notes.txt: not a MetaBase.xml or registry export.' },
            locations: [{ physicalLocation: { artifactLocation: { uri: 'configs/servers/web%2001/notes.txt', uriBaseId: '%SRCROOT%', index: 1 } } }],
          },
          { level: 'warning', message: { text: 'No SChannel export for server web 02: Windows defaults assumed.' } },
        ],
      },
    ]);
    expect(run.automationDetails).toEqual({ id: 'iislint/' });
    expect(run.columnKind).toBe('utf16CodeUnits');
  });

  it('keeps results: [] when clean, and sets the category given', () => {
    const run = parseSarif(sarif(emptyInput())).runs[0]!;
    expect(run.results).toEqual([]);
    expect(run.artifacts).toEqual([]);
    expect(run.invocations).toEqual([{ executionSuccessful: true }]);
    expect(parseSarif(sarif(sampleInput({ category: 'iis/prod' }))).runs[0]!.automationDetails).toEqual({ id: 'iis/prod/' });
    expect(parseSarif(sarif(sampleInput({ category: 'iis/' }))).runs[0]!.automationDetails).toEqual({ id: 'iis/' });
  });

  it('is deterministic JSON with two-space indentation and a final newline', () => {
    const output = sarif(sampleInput());
    expect(sarif(sampleInput())).toBe(output);
    // The chunks a file is written from are the same text (results printed one by one at their depth).
    expect([...sarifChunks(sampleInput())].join('')).toBe(output);
    expect([...sarifChunks(emptyInput())].join('')).toBe(sarif(emptyInput()));
    // The same bytes on every optional part of a result.
    const [first, , third, , fifth] = FINDINGS as [Finding, Finding, Finding, Finding, Finding];
    const varied: Finding[] = [
      { ...first, message: 'Quote " backslash \\ tab \t line\nbreak \u0001 é 🚀', baselineState: 'new' },
      { ...third, suppressions: [{ kind: 'inSource' }, { kind: 'external', justification: 'Accepted "risk".' }], baselineState: 'unchanged' },
      // Two files in one fix, and a deletion (no insertedContent).
      { ...fifth, fix: { description: 'Two "files".', edits: [...fifth.fix!.edits, { ...third.fix!.edits[0]!, text: '' }, { ...fifth.fix!.edits[0]!, text: 'x\ny' }] } },
      { ...first, ruleId: 'NOTARULE', fix: { description: 'No edits.', edits: [] } },
    ];
    const variedInput = sampleInput({ findings: varied });
    expect([...sarifChunks(variedInput)].join('')).toBe(sarif(variedInput));
    expect(output.startsWith('{\n  "$schema": ')).toBe(true);
    expect(output.endsWith('}\n')).toBe(true);
    expect(Object.keys(parseSarif(output).runs[0]!)).toEqual([
      'tool',
      'automationDetails',
      'invocations',
      'originalUriBaseIds',
      'artifacts',
      'results',
      'newlineSequences',
      'columnKind',
    ]);
  });

  it.each([
    ['a b/Métabase.xml', '/r', '/r', { uri: 'a%20b/M%C3%A9tabase.xml', uriBaseId: '%SRCROOT%' }],
    ['x#1/50%?/[old].reg', '/r', '/r', { uri: 'x%231/50%25%3F/%5Bold%5D.reg', uriBaseId: '%SRCROOT%' }],
    ['x.reg', '/r/sub', '/r', { uri: 'sub/x.reg', uriBaseId: '%SRCROOT%' }],
    ['..data/x.reg', '/r', '/r', { uri: '..data/x.reg', uriBaseId: '%SRCROOT%' }],
    ['c:x.reg', '/r', '/r', { uri: 'c%3Ax.reg', uriBaseId: '%SRCROOT%' }],
    ['../other/x y.reg', '/r/sub', '/r/sub', { uri: 'file:///r/other/x%20y.reg' }],
    ['/srv/Métabase.xml', '/r', '/r', { uri: 'file:///srv/M%C3%A9tabase.xml' }],
  ])('makes the URI of %s (cwd %s, root %s)', (displayPath, cwd, root, expected) => {
    expect(artifactUri(displayPath, cwd, root)).toEqual(expected);
  });

  it('gives the source root a file URI with a trailing slash', () => {
    expect(directoryUri('/home/ci/my repo')).toBe('file:///home/ci/my%20repo/');
    expect(directoryUri('/home/ci/repo/')).toBe('file:///home/ci/repo/');
    expect(directoryUri('/')).toBe('file:///');
  });

  it('lists one artifact for two display paths of one file', () => {
    const first = singleFindingInput('a.reg', 'Weak.').findings[0]!;
    const second = singleFindingInput('./a.reg', 'Weak.').findings[0]!;
    const files = [{ path: 'a.reg', server: 's', kind: 'reg' as const }];
    const log = parseSarif(sarif(sampleInput({ findings: [first, second], files, notifications: [] })));
    expect(validate(log)).toBe(true);
    expect(log.runs[0]!.artifacts).toEqual([{ location: { uri: 'configs/a.reg', uriBaseId: '%SRCROOT%' }, roles: ['analysisTarget'], encoding: 'UTF-8' }]);
    expect(log.runs[0]!.results!.map((result) => result.locations![0]!.physicalLocation!.artifactLocation!.index)).toEqual([0, 0]);
  });

  it('names a file outside the root by an absolute URI, without uriBaseId', () => {
    const input = singleFindingInput('../../outside/x.reg', 'Weak.');
    const log = parseSarif(sarif(input));
    expect(validate(log)).toBe(true);
    expect(log.runs[0]!.results![0]!.locations![0]!.physicalLocation!.artifactLocation).toEqual({ uri: 'file:///home/ci/outside/x.reg', index: 0 });
  });
});

describe.skipIf(!hasMultitool)('sarif and the Microsoft SARIF multitool', () => {
  // The sample; a run whose first artifact is a skipped file (SARIF2004 looks at the first one only); a clean run.
  const skippedFirst = sampleInput({
    files: [...sampleInput().files, { path: 'README.md', server: '', kind: 'skipped', skipReason: 'not a configuration file' }],
    notifications: [{ level: 'note', message: 'Skipped README.md: not a configuration file.', path: 'README.md' }],
  });

  const cases = [
    ['the sample', sampleInput()],
    ['a skipped file listed first', skippedFirst],
    ['a clean run', emptyInput()],
  ] as const;

  it(`raises no error or warning under the SARIF and GitHub (Ghas) rules: ${cases.map(([name]) => name).join(', ')}`, () => {
    // One multitool run for the three logs (its start-up is most of its cost), with a fourth that
    // breaks GitHub's rules: its problems, and only its, show that the logs are told apart.
    const broken = JSON.parse(sarif(sampleInput())) as { runs: { tool: { driver: { rules?: unknown } } }[] };
    delete broken.runs[0]!.tool.driver.rules;
    const problems = multitoolProblemsOf([...cases.map(([, reportInput]) => sarif(reportInput)), JSON.stringify(broken)]);
    expect(Object.fromEntries(cases.map(([name], index) => [name, problems[index]]))).toEqual(Object.fromEntries(cases.map(([name]) => [name, []])));
    expect(problems[cases.length]!.length).toBeGreaterThan(0);
  }, 60_000);
});

// Golden console output. Reviewed by hand against ESLint's stylish: rows indented by two spaces,
// line numbers right-aligned, `line:col` then padding to the widest column, two-space gaps,
// a message's trailing period dropped.
const STYLISH_PLAIN = [
  '',
  'servers/web 01/Métabase.xml',
  '  4:1   error    Client certificates break under kernel-mode SSL                                KSSL002',
  '  4:38  note     ServerComment is ignored by http.sys                                           CFG002',
  '  4:67  warning  AccessSSLFlags=8 asks for 128-bit SSL, which kernel-mode SSL does not enforce  KSSL003',
  '',
  'servers/web 01/schannel.reg',
  '  4:1  warning  RC4 128/128 is enabled             KSSL001',
  '  7:1  error    SSL 2.0 is enabled for the server  KSSL004',
  '',
  '✖ 5 problems (2 errors, 2 warnings, 1 note)',
  '  1 error and 1 warning potentially fixable with the `--fix` option.',
  '',
].join('\n');

const E = '\u001b[';
const STYLISH_COLOUR = [
  '',
  `${E}4mservers/web 01/Métabase.xml${E}24m`,
  `  ${E}2m4:1${E}22m   ${E}31merror${E}39m    Client certificates break under kernel-mode SSL                                ${E}2mKSSL002${E}22m`,
  `  ${E}2m4:38${E}22m  ${E}34mnote${E}39m     ServerComment is ignored by http.sys                                           ${E}2mCFG002${E}22m`,
  `  ${E}2m4:67${E}22m  ${E}33mwarning${E}39m  AccessSSLFlags=8 asks for 128-bit SSL, which kernel-mode SSL does not enforce  ${E}2mKSSL003${E}22m`,
  '',
  `${E}4mservers/web 01/schannel.reg${E}24m`,
  `  ${E}2m4:1${E}22m  ${E}33mwarning${E}39m  RC4 128/128 is enabled             ${E}2mKSSL001${E}22m`,
  `  ${E}2m7:1${E}22m  ${E}31merror${E}39m    SSL 2.0 is enabled for the server  ${E}2mKSSL004${E}22m`,
  '',
  `${E}31m${E}1m✖ 5 problems (2 errors, 2 warnings, 1 note)${E}22m${E}39m`,
  `${E}31m${E}1m  1 error and 1 warning potentially fixable with the \`--fix\` option.${E}22m${E}39m`,
  '',
].join('\n');
