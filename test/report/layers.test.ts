/**
 * Reporters receive the rule metadata of the run with the results (issue 12, "Structure"):
 * nothing in src/report/ imports src/rules/, and what a reporter prints about a rule (help URI,
 * help text) is what it was given.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RuleReportMeta } from '../../src/engine/rule-metadata.js';
import { githubStepSummary } from '../../src/report/github.js';
import { junit } from '../../src/report/junit.js';
import { sarif } from '../../src/report/sarif.js';
import type { ReportInput } from '../../src/report/types.js';
import { sourceFromText } from '../../src/parse/text.js';
import { repoRoot } from '../support/fixtures.js';
import type { Finding } from '../../src/engine/lint.js';

describe('src/report/ and src/rules/', () => {
  it('no reporter imports a module of src/rules/', () => {
    const directory = path.join(repoRoot, 'src/report');
    const offenders = readdirSync(directory)
      .filter((name) => name.endsWith('.ts'))
      .filter((name) => /from\s+['"]\.\.\/rules\//.test(readFileSync(path.join(directory, name), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('help URIs and help text come from the metadata the run passes in', () => {
    const file = sourceFromText('a.reg', 'Windows Registry Editor Version 5.00\r\n');
    const rule: RuleReportMeta = {
      id: 'TEST001',
      name: 'test-rule',
      shortDescription: 'A test rule.',
      fullDescription: 'A rule only this test has.',
      helpMarkdown: '## What it finds\nSomething.',
      helpText: 'Plain help given by the run.',
      helpUri: 'https://example.test/rules/TEST001',
      defaultLevel: 'error',
      tags: ['correctness'],
      securitySeverity: '1.0',
      precision: 'high',
    };
    const finding: Finding = {
      ruleId: 'TEST001',
      level: 'error',
      message: 'Found.',
      server: '.',
      file: { path: 'a.reg', encoding: file.encoding, bom: file.bom, newline: 'crlf' } as Finding['file'],
      span: { start: 0, end: 1 },
      region: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 },
      subject: 'registry:x',
      fingerprint: 'f',
    };
    const input: ReportInput = {
      findings: [finding],
      files: [{ path: 'a.reg', server: '.', kind: 'reg' }],
      rules: [rule],
      tool: { name: 'iislint', version: '0.0.0', informationUri: 'https://example.test' },
      cwd: '/repo',
      sarifRoot: '/repo',
      category: undefined,
      notifications: [],
      executionSuccessful: true,
      color: false,
    };
    expect(junit(input)).toContain('Help: https://example.test/rules/TEST001');
    expect(githubStepSummary(input)).toContain('[TEST001](https://example.test/rules/TEST001)');
    const descriptor = JSON.parse(sarif(input)).runs[0].tool.driver.rules[0];
    expect([descriptor.helpUri, descriptor.help.text]).toEqual(['https://example.test/rules/TEST001', 'Plain help given by the run.']);
  });
});
