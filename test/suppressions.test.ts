import { mkdirSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import type * as Sarif from 'sarif';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, validateConfig } from '../src/cli/config.js';
import { presetRuleSettings } from '../src/rules/presets.js';
import { expiryNotices, topLevelArrayElements } from '../src/cli/suppression-config.js';
import { extractDirectives, type DirectiveTable } from '../src/engine/directives.js';
import { DEFAULT_LINT_OPTIONS, type Finding, type RuleSetting } from '../src/engine/lint.js';
import { lintFileGroups, type LintRun } from '../src/engine/run.js';
import {
  expiryStatus,
  isCalendarDate,
  localDate,
  type ConfigSuppression,
  type SuppressionOptions,
} from '../src/engine/suppressions.js';
import { decodeBytes, sourceFromText, type SourceFile } from '../src/parse/text.js';
import { RULES } from '../src/rules/index.js';
import type { KernelSslMode } from '../src/rules/types.js';
import { runCli } from './support/cli.js';
import { countingLines, expectLinear } from './support/work.js';
import { hasMultitool, multitoolProblemsOf, sarifSchemaValidator } from './support/sarif.js';

const SCHANNEL = 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL';
const V5 = 'Windows Registry Editor Version 5.00';
const KNOWN_RULE_IDS: ReadonlySet<string> = new Set(RULES.map((rule) => rule.meta.id));

/** A 5.00 export: header, blank line, then `lines` from line 3; CRLF. */
function regText(lines: string[]): string {
  return [V5, '', ...lines, ''].join('\r\n');
}

function directivesOf(text: string, syntax: 'reg' | 'xml', requireReason = false): { table: DirectiveTable; file: SourceFile } {
  const file = sourceFromText(syntax === 'reg' ? 'schannel.reg' : 'MetaBase.xml', text);
  return { table: extractDirectives(file, syntax, { knownRuleIds: KNOWN_RULE_IDS, requireReason }), file };
}

/** [directive text, rule id or *, start, end] of every range. */
function rangesOf(table: DirectiveTable): [string, string, number, number][] {
  return table.ranges.map((range) => [range.directive.text, range.ruleId ?? '*', range.start, range.end]);
}

/** The whole of 1-based `line`, its end included (what a .reg disable-next-line covers). */
function lineRange(file: SourceFile, line: number): [number, number] {
  return [file.lines.lineStart(line), file.lines.lineEnd(line) + 1];
}

function spanOf(text: string, needle: string, from = 0): { start: number; end: number } {
  const start = text.indexOf(needle, from);
  if (start < 0) throw new Error(`${needle} not found`);
  return { start, end: start + needle.length };
}

/** The comment of a .reg directive: from `;` to the end of its line's content. */
function commentSpan(file: SourceFile, line: number): { start: number; end: number } {
  const { start, end } = file.lines.lineSpan(line);
  const content = file.text.slice(start, end);
  return { start: start + content.length - content.trimStart().length, end: end - (content.length - content.trimEnd().length) };
}

describe('inline directives in .reg files', () => {
  it('reads a disable-next-line with ids separated by commas or blanks, and its reason', () => {
    const text = regText([
      '; iislint-disable-next-line KSSL004, KSSL005 CFG003 -- legacy POS terminals (OPS-1234)',
      `[${SCHANNEL}\\Ciphers\\RC2 40/128]`,
    ]);
    const { table, file } = directivesOf(text, 'reg');
    expect(table.directives).toEqual([
      {
        kind: 'disable-next-line',
        ruleIds: ['KSSL004', 'KSSL005', 'CFG003'],
        reason: 'legacy POS terminals (OPS-1234)',
        text: 'iislint-disable-next-line KSSL004, KSSL005 CFG003',
        span: commentSpan(file, 3),
      },
    ]);
    const [start, end] = lineRange(file, 4);
    expect(rangesOf(table)).toEqual([
      ['iislint-disable-next-line KSSL004, KSSL005 CFG003', 'KSSL004', start, end],
      ['iislint-disable-next-line KSSL004, KSSL005 CFG003', 'KSSL005', start, end],
      ['iislint-disable-next-line KSSL004, KSSL005 CFG003', 'CFG003', start, end],
    ]);
    expect(table.problems).toEqual([]);
  });

  it('covers the next line that is neither blank nor a comment (`;` or `#`, after blanks too)', () => {
    const text = regText(['  ; iislint-disable-next-line KSSL004 -- why', '', '; another comment', '\t# and another', '"Enabled"=dword:ffffffff']);
    const { table, file } = directivesOf(text, 'reg');
    expect(table.directives[0]!.span).toEqual(commentSpan(file, 3));
    expect(rangesOf(table)).toEqual([['iislint-disable-next-line KSSL004', 'KSSL004', ...lineRange(file, 7)]]);
  });

  it('takes no id as every rule, `:` as a reason separator too, and ids case-insensitively', () => {
    const text = regText(['; iislint-disable-next-line: a lab server', 'x', '# iislint-disable-next-line kssl004,cfg003', 'y']);
    const { table, file } = directivesOf(text, 'reg');
    expect(table.directives.map((directive) => [directive.ruleIds, directive.reason, directive.text])).toEqual([
      [undefined, 'a lab server', 'iislint-disable-next-line'],
      [['KSSL004', 'CFG003'], undefined, 'iislint-disable-next-line kssl004,cfg003'],
    ]);
    expect(rangesOf(table)).toEqual([
      ['iislint-disable-next-line', '*', ...lineRange(file, 4)],
      ['iislint-disable-next-line kssl004,cfg003', 'KSSL004', ...lineRange(file, 6)],
      ['iislint-disable-next-line kssl004,cfg003', 'CFG003', ...lineRange(file, 6)],
    ]);
  });

  it('reports an unknown rule id at its exact span, and still applies the known ones', () => {
    const text = regText(['; iislint-disable-next-line KSSL04, KSSL004 -- why', 'x']);
    const { table, file } = directivesOf(text, 'reg');
    expect(table.problems).toEqual([{ code: 'unknown-rule', directive: table.directives[0], span: spanOf(text, 'KSSL04,'.slice(0, 6)), detail: 'KSSL04' }]);
    expect(rangesOf(table)).toEqual([['iislint-disable-next-line KSSL04, KSSL004', 'KSSL004', ...lineRange(file, 4)]]);
  });

  it('reports a misspelt directive keyword, and reads `--` right after the keyword as the reason', () => {
    const text = regText(['; iislint-disable-line KSSL004', 'x', '; iislint-disable--why not', 'y']);
    const { table, file } = directivesOf(text, 'reg');
    expect(table.problems).toEqual([{ code: 'unknown-directive', directive: undefined, span: spanOf(text, 'iislint-disable-line'), detail: 'iislint-disable-line' }]);
    expect(table.directives.map((directive) => [directive.kind, directive.ruleIds, directive.reason])).toEqual([['disable', undefined, 'why not']]);
    expect(rangesOf(table)).toEqual([['iislint-disable', '*', commentSpan(file, 5).end, text.length + 1]]);
  });

  it('under requireReason, a disable without a reason is a problem and covers nothing; an enable needs none', () => {
    const text = regText(['; iislint-disable-next-line KSSL004 --   ', 'x', '; iislint-disable KSSL005', 'y', '; iislint-enable KSSL005', '; iislint-disable CFG003 -- kept', 'z', '; iislint-enable CFG003']);
    const { table, file } = directivesOf(text, 'reg', true);
    expect(table.problems.map((problem) => [problem.code, problem.directive?.text, problem.span])).toEqual([
      ['missing-reason', 'iislint-disable-next-line KSSL004', commentSpan(file, 3)],
      ['missing-reason', 'iislint-disable KSSL005', commentSpan(file, 5)],
      // Its disable never opened.
      ['enable-without-disable', 'iislint-enable KSSL005', commentSpan(file, 7)],
    ]);
    expect(rangesOf(table)).toEqual([['iislint-disable CFG003', 'CFG003', commentSpan(file, 8).end, commentSpan(file, 10).start]]);
    // Without requireReason the same directives apply.
    expect(directivesOf(text, 'reg').table.ranges).toHaveLength(3);
  });

  it('pairs disable and enable per rule id; an unclosed block runs to the end of the file', () => {
    const text = regText([
      '; iislint-disable KSSL004, KSSL005 -- lab',
      'a',
      'b',
      '; iislint-enable KSSL004',
      'c',
      '; iislint-disable -- everything below',
      'd',
    ]);
    const { table, file } = directivesOf(text, 'reg');
    expect(rangesOf(table)).toEqual([
      ['iislint-disable KSSL004, KSSL005', 'KSSL004', commentSpan(file, 3).end, commentSpan(file, 6).start],
      ['iislint-disable KSSL004, KSSL005', 'KSSL005', commentSpan(file, 3).end, text.length + 1],
      ['iislint-disable', '*', commentSpan(file, 8).end, text.length + 1],
    ]);
    expect(table.problems).toEqual([]);
  });

  it('ends every block at a bare enable; `enable X` cannot end a block of every rule', () => {
    const text = regText(['; iislint-disable -- all', 'a', '; iislint-enable KSSL004', 'b', '; iislint-enable', '; iislint-enable']);
    const { table, file } = directivesOf(text, 'reg');
    expect(rangesOf(table)).toEqual([['iislint-disable', '*', commentSpan(file, 3).end, commentSpan(file, 7).start]]);
    expect(table.problems.map((problem) => [problem.code, problem.span, problem.insideDisableAll])).toEqual([
      ['enable-without-disable', commentSpan(file, 5), true],
      ['enable-without-disable', commentSpan(file, 8), false],
    ]);
  });

  it('reads a UTF-16LE export with a BOM, as reg export writes it', () => {
    const text = regText(['; iislint-disable-next-line KSSL004 -- ünïcödé reason', '"Enabled"=dword:ffffffff']);
    const file = decodeBytes('schannel.reg', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const table = extractDirectives(file, 'reg', { knownRuleIds: KNOWN_RULE_IDS });
    expect(file.encoding).toBe('utf-16le');
    expect(table.directives.map((directive) => [directive.reason, directive.span])).toEqual([['ünïcödé reason', commentSpan(file, 3)]]);
    expect(rangesOf(table)).toEqual([['iislint-disable-next-line KSSL004', 'KSSL004', ...lineRange(file, 4)]]);
  });

  it('finds a directive wherever the text has other dashes, or none before it', () => {
    // The early exit looks for the prefix by its dash: dashes elsewhere must not hide it.
    const dashes = regText(['; a-b - c-', '"x-y"="-"', '; iislint-disable KSSL004 -- reason', '"Enabled"=dword:0']);
    expect(directivesOf(dashes, 'reg').table.directives.map((directive) => directive.text)).toEqual(['iislint-disable KSSL004']);
    expect(directivesOf('<!--iislint-disable-->', 'xml').table.directives.map((directive) => directive.text)).toEqual(['iislint-disable']);
    // `iislint` without its dash, or a dash without `iislint` before it, is not a directive.
    expect(directivesOf(regText(['; iislint disable KSSL004', '; -iislint', '; islint-x']), 'reg').table.problems).toEqual([]);
  });

  it('costs one search in a file without directives, and stays linear with many', () => {
    // Counted, not timed: the lines the scan looks up.
    const scan = (text: string) => {
      const { file, lookups } = countingLines(sourceFromText('schannel.reg', text));
      return { table: extractDirectives(file, 'reg', { knownRuleIds: KNOWN_RULE_IDS, requireReason: false }), lookups: lookups.count };
    };
    const none = scan(regText(['; a comment', 'x']));
    expect(none.table).toMatchObject({ directives: [], ranges: [], problems: [] });
    expect(none.lookups, 'no line is visited when the text holds no directive').toBe(0);
    const many = (count: number) => {
      const lines: string[] = [];
      for (let i = 0; i < count; i++) lines.push('; iislint-disable-next-line KSSL004 -- why', '"Enabled"=dword:ffffffff');
      const result = scan(regText(lines));
      expect(result.table.ranges).toHaveLength(count);
      // Each line looked up once (its start and its end).
      expect(result.lookups).toBeLessThanOrEqual(2 * (2 * count + 3));
      return result.lookups;
    };
    expectLinear('line lookups', many(25_000), many(50_000), 2);
  });
});

describe('inline directives in MetaBase.xml', () => {
  const metabase = [
    '<?xml version ="1.0"?>',
    '<configuration>',
    '<MBProperty>',
    '<!-- iislint-disable-next-line KSSL001: intranet, stays on user-mode SSL -->',
    '<!-- an ordinary comment may come between -->',
    '<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT"',
    '\t\tHttpErrors="500,*,URL,/err.asp?a=1>2"',
    '\t\tAccessSSLFlags="AccessSSL | AccessSSLNegotiateCert | AccessSSLRequireCert"',
    '\t>',
    '</IIsWebVirtualDir>',
    '<!-- iislint-disable-next-line KSSL002: nothing follows but a close tag -->',
    '</MBProperty>',
    '<!-- iislint-disable KSSL003 -- a block -->',
    '<!-- iislint-enable KSSL003 -->',
    '</configuration>',
    '',
  ].join('\r\n');

  it('covers the start tag of the element that follows, across lines, `>` in quoted values included', () => {
    const { table } = directivesOf(metabase, 'xml');
    const tagStart = metabase.indexOf('<IIsWebVirtualDir');
    const tagEnd = metabase.indexOf('\t>', tagStart) + 2;
    expect(rangesOf(table)[0]).toEqual(['iislint-disable-next-line KSSL001', 'KSSL001', tagStart, tagEnd]);
    expect(table.directives[0]).toEqual({
      kind: 'disable-next-line',
      ruleIds: ['KSSL001'],
      reason: 'intranet, stays on user-mode SSL',
      text: 'iislint-disable-next-line KSSL001',
      span: spanOf(metabase, '<!-- iislint-disable-next-line KSSL001: intranet, stays on user-mode SSL -->'),
    });
  });

  it('covers nothing before a close tag (an empty range, so it can be reported unused)', () => {
    const { table } = directivesOf(metabase, 'xml');
    const comment = spanOf(metabase, '<!-- iislint-disable-next-line KSSL002: nothing follows but a close tag -->');
    expect(rangesOf(table)[1]).toEqual(['iislint-disable-next-line KSSL002', 'KSSL002', comment.end, comment.end]);
  });

  it('reads disable/enable blocks, and reports `--` inside a comment at its exact span', () => {
    const { table } = directivesOf(metabase, 'xml');
    const disable = spanOf(metabase, '<!-- iislint-disable KSSL003 -- a block -->');
    const enable = spanOf(metabase, '<!-- iislint-enable KSSL003 -->');
    expect(rangesOf(table)[2]).toEqual(['iislint-disable KSSL003', 'KSSL003', disable.end, enable.start]);
    expect(table.directives[2]!.reason).toBe('a block');
    expect(table.problems.map((problem) => [problem.code, problem.span])).toEqual([
      ['xml-comment-double-dash', { start: disable.start + '<!-- iislint-disable KSSL003 '.length, end: disable.start + '<!-- iislint-disable KSSL003 --'.length }],
    ]);
  });

  it('drops a pending directive when text comes before the next element', () => {
    const text = '<a>\n<!-- iislint-disable-next-line KSSL001: x -->\ntext\n<b/>\n</a>\n';
    const { table } = directivesOf(text, 'xml');
    const comment = spanOf(text, '<!-- iislint-disable-next-line KSSL001: x -->');
    expect(rangesOf(table)).toEqual([['iislint-disable-next-line KSSL001', 'KSSL001', comment.end, comment.end]]);
  });
});

// ---------------------------------------------------------------------------------------------
// Applying suppressions in a lint run
// ---------------------------------------------------------------------------------------------

const RC2_ON = (cipher: string) => [`[${SCHANNEL}\\Ciphers\\${cipher}]`, '"Enabled"=dword:ffffffff'];

function reg(lines: string[], filePath = 'schannel.reg') {
  return { path: filePath, bytes: new TextEncoder().encode(regText(lines)) };
}

interface RunOptions extends SuppressionOptions {
  kernelSsl?: KernelSslMode;
  rules?: Record<string, RuleSetting>;
}

function lintRun(files: { path: string; bytes: Uint8Array }[], options: RunOptions = {}, servers?: string[]): LintRun {
  const { kernelSsl, rules, ...suppression } = options;
  const groups = servers ? files.map((file, index) => ({ name: servers[index]!, files: [file] })) : [{ name: 'web01', files }];
  return lintFileGroups(groups, {
    ...DEFAULT_LINT_OPTIONS,
    kernelSsl: kernelSsl ?? 'auto',
    // The kernel-ssl preset: these cases are about suppressing KSSL findings, not the TLS rules' Server 2003 defaults.
    ruleSettings: new Map([...presetRuleSettings('iislint:kernel-ssl', RULES), ...Object.entries(rules ?? {})]),
    ...suppression,
  });
}

const brief = (finding: Finding) => [finding.ruleId, finding.region.startLine, finding.region.startColumn, finding.level];

describe('suppressing findings', () => {
  it('takes a suppressed finding out of the findings, with its suppression and justification', () => {
    const run = lintRun([reg(['; iislint-disable-next-line KSSL004 -- POS terminals (OPS-1234)', ...RC2_ON('RC2 40/128').slice(0, 1), ...RC2_ON('RC2 40/128').slice(1)])]);
    // The directive is above the key line: the finding is on the value line, so it is not covered.
    expect(run.findings.map(brief)).toEqual([['KSSL004', 5, 1, 'error']]);
    const covered = lintRun([reg([`[${SCHANNEL}\\Ciphers\\RC2 40/128]`, '; iislint-disable-next-line KSSL004 -- POS terminals (OPS-1234)', '"Enabled"=dword:ffffffff'])]);
    expect(covered.findings).toEqual([]);
    expect(covered.suppressed.map((finding) => [...brief(finding), finding.suppressions])).toEqual([
      ['KSSL004', 5, 1, 'error', [{ kind: 'inSource', justification: 'POS terminals (OPS-1234)' }]],
    ]);
  });

  it('suppresses only the rules a directive names', () => {
    const run = lintRun([reg([...RC2_ON('RC2 40/128').slice(0, 1), '; iislint-disable-next-line KSSL005 -- wrong rule', '"Enabled"=dword:ffffffff'])]);
    expect(run.findings.map(brief)).toEqual([['KSSL004', 5, 1, 'error']]);
    expect(run.suppressed).toEqual([]);
  });

  it('covers a metabase property on the third line of a start tag', () => {
    const metabase = [
      '<?xml version ="1.0"?>',
      '<configuration>',
      '<MBProperty>',
      '<!-- iislint-disable-next-line KSSL001: intranet, stays on user-mode SSL (OPS-99) -->',
      '<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT"',
      '\t\tAccessFlags="AccessRead"',
      '\t\tAccessSSLFlags="AccessSSL | AccessSSLNegotiateCert | AccessSSLRequireCert"',
      '\t>',
      '</IIsWebVirtualDir>',
      '</MBProperty>',
      '</configuration>',
      '',
    ].join('\r\n');
    const run = lintRun([{ path: 'MetaBase.xml', bytes: new TextEncoder().encode(metabase) }], { reportUnusedDirectives: true });
    expect(run.findings.map(brief)).toEqual([]);
    expect(run.suppressed.map((finding) => [...brief(finding), finding.suppressions])).toEqual([
      // A note: no site here serves HTTPS (no SecureBindings), so nothing breaks today.
      ['KSSL001', 7, 3, 'note', [{ kind: 'inSource', justification: 'intranet, stays on user-mode SSL (OPS-99)' }]],
    ]);
  });

  it('never suppresses CFG006 itself', () => {
    const run = lintRun([reg(['; iislint-disable -- everything', '; iislint-disable-next-line KSSL999 -- typo', ...RC2_ON('RC2 40/128')])]);
    expect(run.findings.map(brief)).toEqual([['CFG006', 4, 29, 'warning']]);
    expect(run.suppressed.map(brief)).toEqual([['KSSL004', 6, 1, 'error']]);
  });

  it('follows CFG006 settings: off reports nothing, a level applies to every CFG006 finding', () => {
    const lines = ['; iislint-disable-nextline -- typo', ...RC2_ON('RC2 40/128')];
    expect(lintRun([reg(lines)], { rules: { CFG006: 'off' } }).findings.map(brief)).toEqual([['KSSL004', 5, 1, 'error']]);
    expect(lintRun([reg(lines)], { rules: { CFG006: 'error' } }).findings.map(brief)).toEqual([
      ['CFG006', 3, 3, 'error'],
      ['KSSL004', 5, 1, 'error'],
    ]);
  });

  it('does not call a directive unused for a rule that did not run', () => {
    const lines = [`[${SCHANNEL}\\Ciphers\\RC2 40/128]`, '; iislint-disable-next-line KSSL004, CFG003 -- legacy', '"Enabled"=dword:00000000'];
    expect(lintRun([reg(lines)], { reportUnusedDirectives: true, kernelSsl: 'off' }).findings.map((finding) => finding.message)).toEqual([
      '`iislint-disable-next-line KSSL004, CFG003` suppresses nothing for CFG003: no CFG003 finding starts on the next line. Remove CFG003 from it.',
    ]);
    expect(lintRun([reg(lines)], { reportUnusedDirectives: true, rules: { CFG003: 'off', KSSL004: 'off' } }).findings).toEqual([]);
  });

  it('keeps fingerprints of CFG006 findings stable when lines move', () => {
    const lines = [`[${SCHANNEL}\\Ciphers\\RC2 40/128]`, '; iislint-disable-next-line KSSL004 -- unused', '"Enabled"=dword:00000000'];
    const before = lintRun([reg(lines)], { reportUnusedDirectives: true }).findings;
    const after = lintRun([reg(['', '; moved down', ...lines])], { reportUnusedDirectives: true }).findings;
    expect(before.map((finding) => finding.region.startLine)).toEqual([4]);
    expect(after.map((finding) => finding.region.startLine)).toEqual([6]);
    expect(after.map((finding) => finding.fingerprint)).toEqual(before.map((finding) => finding.fingerprint));
  });
});

// ---------------------------------------------------------------------------------------------
// Config suppressions
// ---------------------------------------------------------------------------------------------

function configEntry(overrides: Partial<ConfigSuppression> & { pattern?: RegExp } = {}): ConfigSuppression {
  const { pattern = /\.reg$/, ...rest } = overrides;
  return {
    label: 'suppressions[0]',
    configPath: 'iislint.config.json',
    files: ['*.reg'],
    ruleIds: ['KSSL004'],
    reason: 'POS terminals (OPS-1234)',
    expires: undefined,
    matchesFile: (displayPath) => pattern.test(displayPath),
    origin: undefined,
    ...rest,
  };
}

describe('config suppressions in a lint run', () => {
  const files = [reg(RC2_ON('RC2 40/128'), 'web01.reg'), reg(RC2_ON('RC2 56/128'), 'web02.reg')];

  it('suppress the findings of their rules in matching files, as external suppressions', () => {
    const run = lintRun(files, { configSuppressions: [configEntry({ pattern: /web01/ })] }, ['web01', 'web02']);
    expect(run.findings.map((finding) => [finding.file.path, finding.ruleId])).toEqual([['web02.reg', 'KSSL004']]);
    expect(run.suppressed.map((finding) => [finding.file.path, finding.suppressions])).toEqual([
      ['web01.reg', [{ kind: 'external', justification: 'POS terminals (OPS-1234)' }]],
    ]);
  });

  it('apply through the last day of `expires`, and not after it', () => {
    const entry = configEntry({ expires: '2025-06-30' });
    expect(lintRun(files, { configSuppressions: [entry], today: '2025-06-30' }, ['a', 'b']).findings).toEqual([]);
    expect(lintRun(files, { configSuppressions: [entry], today: '2025-07-01' }, ['a', 'b']).findings.map((finding) => finding.ruleId)).toEqual([
      'KSSL004',
      'KSSL004',
    ]);
  });

  it('list both suppressions when a directive and an entry cover one finding', () => {
    const run = lintRun([reg([`[${SCHANNEL}\\Ciphers\\RC2 40/128]`, '; iislint-disable-next-line -- inline', '"Enabled"=dword:ffffffff'])], {
      configSuppressions: [configEntry({ ruleIds: undefined })],
    });
    expect(run.suppressed.map((finding) => finding.suppressions)).toEqual([
      [
        { kind: 'inSource', justification: 'inline' },
        { kind: 'external', justification: 'POS terminals (OPS-1234)' },
      ],
    ]);
  });

  it('report an entry that suppressed nothing in any server (CFG006, at the entry in the config file)', () => {
    const configText = '{\n  "suppressions": [\n    { "files": ["*.reg"], "rules": ["KSSL004"], "reason": "r" },\n    { "files": ["x/*.reg"], "reason": "unused" }\n  ]\n}\n';
    const configFile = sourceFromText('iislint.config.json', configText);
    const spans = topLevelArrayElements(configText, 'suppressions');
    const used = configEntry({ origin: { file: configFile, span: spans[0]! } });
    const unused = configEntry({ label: 'suppressions[1]', files: ['x/*.reg'], ruleIds: undefined, reason: 'unused', pattern: /^x\//, origin: { file: configFile, span: spans[1]! } });
    const run = lintRun(files, { configSuppressions: [used, unused], reportUnusedDirectives: true }, ['web01', 'web02']);
    expect(run.findings.map((finding) => [finding.ruleId, finding.file.path, finding.server, finding.region, finding.message])).toEqual([
      [
        'CFG006',
        'iislint.config.json',
        '',
        { startLine: 4, startColumn: 5, endLine: 4, endColumn: 49 },
        'suppressions[1] in iislint.config.json suppresses nothing: no finding in files matching x/*.reg. Remove the entry, or narrow it.',
      ],
    ]);
    // Expired entries are warned about on stderr instead, and entries whose rules did not run are not judged.
    expect(lintRun(files, { configSuppressions: [configEntry({ expires: '2000-01-01', origin: used.origin })], reportUnusedDirectives: true, today: '2025-01-01' }).findings.map((finding) => finding.ruleId)).toEqual(['KSSL004', 'KSSL004']);
    expect(lintRun(files, { configSuppressions: [configEntry({ pattern: /nothing/, origin: used.origin })], reportUnusedDirectives: true, kernelSsl: 'off' }).findings).toEqual([]);
  });

  it('find the entries of a top-level array in the config text', () => {
    const text = '\uFEFF{ "ignore": ["a]"], "suppressions": [ {"files": ["{a,b}/*"], "reason": "x \\" ]"} , {"files":["c"],"reason":"y"} ], "os": "auto" }';
    expect(topLevelArrayElements(text, 'suppressions').map((span) => text.slice(span.start, span.end))).toEqual([
      '{"files": ["{a,b}/*"], "reason": "x \\" ]"}',
      '{"files":["c"],"reason":"y"}',
    ]);
    expect(topLevelArrayElements('{"rules": {}}', 'suppressions')).toEqual([]);
  });
});

describe('expiry', () => {
  it.each([
    ['2025-06-15', { state: 'active' }],
    ['2025-06-16', { state: 'expiring', daysLeft: 14 }],
    ['2025-06-29', { state: 'expiring', daysLeft: 1 }],
    ['2025-06-30', { state: 'expiring', daysLeft: 0 }],
    ['2025-07-01', { state: 'expired', daysAgo: 1 }],
    ['2026-06-30', { state: 'expired', daysAgo: 365 }],
  ] as const)('expires 2025-06-30, today %s → %j', (today, status) => {
    expect(expiryStatus('2025-06-30', today)).toEqual(status);
  });

  it('counts days across month ends and leap years, and knows real calendar dates', () => {
    expect(expiryStatus('2024-03-01', '2024-02-28')).toEqual({ state: 'expiring', daysLeft: 2 });
    expect(expiryStatus(undefined, '2024-02-28')).toEqual({ state: 'active' });
    expect([isCalendarDate('2024-02-29'), isCalendarDate('2025-02-29'), isCalendarDate('2025-13-01'), isCalendarDate('2025-6-30')]).toEqual([true, false, false, false]);
    expect(localDate(new Date(2025, 0, 5, 23, 59))).toBe('2025-01-05');
  });

  it('warns for an entry that expired or expires within 14 days, naming it', () => {
    const entries = [
      configEntry({ expires: '2025-06-30' }),
      configEntry({ label: 'suppressions[1]', expires: '2025-06-10' }),
      configEntry({ label: 'suppressions[2]', expires: '2025-06-11' }),
      configEntry({ label: 'suppressions[3]', expires: '2025-06-09' }),
      configEntry({ label: 'suppressions[4]' }),
    ];
    // suppressions[0] has 20 days left, [4] no date: no warning.
    expect(expiryNotices(entries, '2025-06-10')).toEqual([
      {
        level: 'warning',
        message: 'suppressions[1] in iislint.config.json expires soon: it applies until 2025-06-10 (today is its last day); renew its reason and date, or fix the findings',
      },
      {
        level: 'warning',
        message: 'suppressions[2] in iislint.config.json expires soon: it applies until 2025-06-11 (1 day left); renew its reason and date, or fix the findings',
      },
      {
        level: 'warning',
        message: 'suppressions[3] in iislint.config.json expired: it applied until 2025-06-09, so the findings it suppressed are reported again',
      },
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// The config file's `suppressions`: validator and JSON Schema agree
// ---------------------------------------------------------------------------------------------

const configSchema = JSON.parse(readFileSync(new URL('../schema/iislint.config.schema.json', import.meta.url), 'utf8')) as {
  properties: { rules: { propertyNames: { enum: string[] } }; suppressions: { items: { properties: { rules: { items: { enum: string[] } } } } } };
};

function schemaValidator() {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats.default(ajv);
  return ajv.compile(configSchema);
}

describe('config validation of suppressions', () => {
  const validate = schemaValidator();
  const accepts = (config: unknown) => {
    try {
      validateConfig(config, 'iislint.config.json', KNOWN_RULE_IDS);
      return true;
    } catch (error) {
      if (error instanceof ConfigError) return false;
      throw error;
    }
  };

  it('lists every rule id in the schema', () => {
    const ids = RULES.map((rule) => rule.meta.id);
    expect(configSchema.properties.rules.propertyNames.enum).toEqual(ids);
    expect(configSchema.properties.suppressions.items.properties.rules.items.enum).toEqual(ids);
  });

  it.each([
    [[]],
    [[{ files: ['web01/*.reg'], reason: 'POS terminals need RC2 (OPS-1234)' }]],
    [[{ files: ['a.reg', 'b/**'], rules: ['KSSL004', 'CFG006'], reason: 'r', expires: '2024-02-29' }]],
  ])('accepts %j (validator and schema)', (suppressions) => {
    expect(accepts({ suppressions })).toBe(true);
    expect(validate({ suppressions }), JSON.stringify(validate.errors)).toBe(true);
  });

  it.each([
    [{}, '"suppressions" must be a list of { "files", "reason", "rules"?, "expires"? } entries'],
    [['a'], '"suppressions[0]" must be an object with "files" and "reason", and optionally "rules" and "expires"'],
    [[{ files: ['a'], reason: 'r', rule: ['KSSL004'] }], '"suppressions[0].rule" is not a known key (known: files, rules, reason, expires)'],
    [[{ reason: 'r' }], '"suppressions[0].files" is required (globs of the files the entry applies to)'],
    [[{ files: [], reason: 'r' }], '"suppressions[0].files" must be a non-empty list of non-empty strings (globs)'],
    [[{ files: [' '], reason: 'r' }], '"suppressions[0].files" must be a non-empty list of non-empty strings (globs)'],
    [[{ files: ['a'] }], '"suppressions[0].reason" is required (why these findings are accepted)'],
    [[{ files: ['a'], reason: '  ' }], '"suppressions[0].reason" must be a non-empty text (why these findings are accepted)'],
    [[{ files: ['a'], reason: 'r', rules: [] }], '"suppressions[0].rules" must be a non-empty list of rule ids (leave it out for every rule)'],
    [[{ files: ['a'], reason: 'r', rules: ['KSSL004', 'kssl004'] }], '"suppressions[0].rules[1]" is not a rule id: "kssl004" (ids are written as `iislint rules` lists them, e.g. KSSL004)'],
    [[{ files: ['a'], reason: 'r', expires: '2025-02-29' }], '"suppressions[0].expires" must be a date written YYYY-MM-DD, the last day the entry applies (got "2025-02-29")'],
    [[{ files: ['a'], reason: 'r', expires: 20250101 }], '"suppressions[0].expires" must be a date written YYYY-MM-DD, the last day the entry applies (got 20250101)'],
  ])('rejects %j: %s (and so does the schema)', (suppressions, message) => {
    expect(() => validateConfig({ suppressions }, 'iislint.config.json', KNOWN_RULE_IDS)).toThrow(new ConfigError(`iislint.config.json: ${message}`));
    expect(validate({ suppressions })).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// The command line
// ---------------------------------------------------------------------------------------------

const CLIENT_CERT_METABASE = [
  '<?xml version ="1.0"?>',
  '<configuration>',
  '<MBProperty>',
  '<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT"',
  '\t\tAccessSSLFlags="AccessSSL | AccessSSLNegotiateCert | AccessSSLRequireCert"',
  '\t>',
  '</IIsWebVirtualDir>',
  '</MBProperty>',
  '</configuration>',
  '',
].join('\r\n');

const TODAY = '2025-06-10';

describe('the command line', () => {
  let root: string;
  const write = (relative: string, content: string | Uint8Array) => {
    const file = path.join(root, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  };
  const config = (suppressions: unknown[], rules?: Record<string, string>) =>
    `${JSON.stringify({ ...(rules ? { rules } : {}), suppressions, extends: 'iislint:kernel-ssl' }, null, 2)}\n`;
  const cli = (args: string[]) => runCli(args, { cwd: root, today: TODAY });

  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), 'iislint-suppress-'));
    write('web01/MetaBase.xml', CLIENT_CERT_METABASE);
    write('web01/schannel.reg', regText([`[${SCHANNEL}\\Ciphers\\RC2 40/128]`, '; iislint-disable-next-line KSSL004 -- POS terminals (OPS-1234)', '"Enabled"=dword:ffffffff', ...RC2_ON('RC2 56/128')]));
    write('ok.json', config([{ files: ['web01/MetaBase.xml'], rules: ['KSSL001'], reason: 'intranet (OPS-99)', expires: '2025-06-20' }]));
    write('expired.json', config([{ files: ['web01/MetaBase.xml'], rules: ['KSSL001'], reason: 'intranet (OPS-99)', expires: '2025-06-09' }]));
    write('unused.json', config([{ files: ['web01/MetaBase.xml'], rules: ['KSSL001'], reason: 'intranet' }, { files: ['nowhere/**'], reason: 'nothing' }]));
    write('bad.json', config([{ files: ['web01/*'], rules: ['KSSL001'] }]));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('leaves suppressed findings out of the output and the exit code, with a count in the summary', async () => {
    const result = await cli(['web01', '-c', 'ok.json', '-f', 'compact']);
    // Left: RC2 128/128 on by the 2003 default (3:1) and RC2 56/128 (7:1); gone: KSSL001 (config) and RC2 40/128 (inline).
    expect(result.stdout.split('\n').filter(Boolean).map((line) => line.replace(/^(\S+?:\d+:\d+): (\w+) .* \[(\w+)\]$/, '$1 $2 $3'))).toEqual([
      `${path.join('web01', 'schannel.reg')}:3:1 error KSSL004`,
      `${path.join('web01', 'schannel.reg')}:7:1 error KSSL004`,
    ]);
    expect(result.stderr).toBe(
      'iislint: warning: suppressions[0] in ok.json expires soon: it applies until 2025-06-20 (10 days left); renew its reason and date, or fix the findings\n',
    );
    expect(result.code).toBe(1);
    const stylish = await cli(['web01', '-c', 'ok.json']);
    expect(stylish.stdout).toContain('\u2716 2 problems (2 errors, 0 warnings) (2 suppressed)\n');
    const json = JSON.parse((await cli(['web01', '-c', 'ok.json', '-f', 'json'])).stdout) as { summary: Record<string, number>; findings: unknown[] };
    expect(json.summary).toEqual({ errors: 2, warnings: 0, notes: 0, suppressed: 2 });
    expect(json.findings).toHaveLength(2);
    for (const format of ['junit', 'github']) {
      const output = (await cli(['web01', '-c', 'ok.json', '-f', format])).stdout;
      expect(output).not.toContain('KSSL001');
      expect(output).not.toContain('RC2 40/128');
    }
    const clean = await cli(['web01', '-c', 'ok.json', '--rule', 'KSSL004:off']);
    expect([clean.code, clean.stdout]).toEqual([0, '']);
  });

  it('brings an expired entry\'s findings back, with a warning naming it', async () => {
    const result = await cli(['web01', '-c', 'expired.json', '-f', 'json']);
    expect(result.stderr).toBe(
      'iislint: warning: suppressions[0] in expired.json expired: it applied until 2025-06-09, so the findings it suppressed are reported again\n',
    );
    expect((JSON.parse(result.stdout) as { findings: { rule: string }[] }).findings.map((finding) => finding.rule)).toEqual(['KSSL001', 'KSSL004', 'KSSL004']);
  });

  it('--print-config lists the entries that apply to a file', async () => {
    const printed = await cli(['-c', 'ok.json', '--print-config', 'web01/MetaBase.xml']);
    expect(JSON.parse(printed.stdout)).toMatchObject({
      suppressions: [{ entry: 'suppressions[0]', rules: ['KSSL001'], reason: 'intranet (OPS-99)', expires: '2025-06-20' }],
    });
    expect(JSON.parse((await cli(['-c', 'ok.json', '--print-config', 'web01/schannel.reg'])).stdout)).toMatchObject({ suppressions: [] });
  });

  it('rejects a bad entry with one line naming the key (exit 2)', async () => {
    const result = await cli(['web01', '-c', 'bad.json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`iislint: ${path.join(root, 'bad.json')}: "suppressions[0].reason" is required (why these findings are accepted)\n`);
  });

  it('--report-unused-directives reports an unused entry at its place in the config file', async () => {
    const result = await cli(['web01', '-c', 'unused.json', '--report-unused-directives', '-f', 'json']);
    const findings = (JSON.parse(result.stdout) as { findings: { rule: string; file: string; line: number; column: number; message: string }[] }).findings;
    expect(findings.filter((finding) => finding.rule === 'CFG006')).toEqual([
      expect.objectContaining({
        file: 'unused.json',
        line: 12,
        column: 5,
        message: 'suppressions[1] in unused.json suppresses nothing: no finding in files matching nowhere/**. Remove the entry, or narrow it.',
      }),
    ]);
  });

  it('--require-reason turns a directive without a reason into a finding that suppresses nothing', async () => {
    write('noreason/schannel.reg', regText([`[${SCHANNEL}\\Ciphers\\RC2 40/128]`, '; iislint-disable-next-line KSSL004', '"Enabled"=dword:ffffffff']));
    const lax = await cli(['noreason', '--no-config']);
    expect([lax.code, lax.stdout]).toEqual([0, '']);
    const strict = await cli(['noreason', '--no-config', '--require-reason', '-f', 'json']);
    expect((JSON.parse(strict.stdout) as { findings: { rule: string; line: number }[] }).findings.map((finding) => [finding.rule, finding.line])).toEqual([
      ['CFG006', 4],
      ['KSSL004', 5],
    ]);
    expect(strict.code).toBe(1);
  });

  describe('SARIF', () => {
    const validate = sarifSchemaValidator();
    const results = (output: string) => (JSON.parse(output) as Sarif.Log).runs[0]!.results!;

    it('leaves suppressed results out unless --include-suppressed, which marks them inSource or external', async () => {
      const without = await cli(['web01', '-c', 'ok.json', '-f', 'sarif']);
      expect(results(without.stdout).map((result) => [result.ruleId, result.suppressions])).toEqual([
        ['KSSL004', undefined],
        ['KSSL004', undefined],
      ]);
      const withSuppressed = await cli(['web01', '-c', 'ok.json', '-f', 'sarif', '--include-suppressed']);
      const log = JSON.parse(withSuppressed.stdout) as Sarif.Log;
      expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
      expect(results(withSuppressed.stdout).map((result) => [result.ruleId, result.locations![0]!.physicalLocation!.region!.startLine, result.suppressions])).toEqual([
        ['KSSL001', 5, [{ kind: 'external', status: 'accepted', justification: 'intranet (OPS-99)' }]],
        ['KSSL004', 3, undefined],
        ['KSSL004', 5, [{ kind: 'inSource', status: 'accepted', justification: 'POS terminals (OPS-1234)' }]],
        ['KSSL004', 7, undefined],
      ]);
      expect(withSuppressed.code).toBe(1);
    });

    it.skipIf(!hasMultitool)('raises no multitool error or warning with suppressions', async () => {
      // ok.json: an expiry notification; unused.json: a CFG006 result in the config file. One
      // multitool run for both logs.
      const outputs: string[] = [];
      for (const configFile of ['ok.json', 'unused.json']) {
        outputs.push((await cli(['web01', '-c', configFile, '-f', 'sarif', '--include-suppressed', '--report-unused-directives'])).stdout);
      }
      expect(multitoolProblemsOf(outputs)).toEqual([[], []]);
    }, 60_000);
  });
});
