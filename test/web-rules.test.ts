/**
 * What every WEB rule shares: severity follows the level, CWE tags, preset flags; and redaction:
 * no output format ever prints a secret that WEB007 or WEB014 reports.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../src/rules/index.js';
import { runCli } from './support/cli.js';
import { fixturesRoot } from './support/fixtures.js';

const WEB = RULES.filter((rule) => rule.meta.id.startsWith('WEB'));
/** The rules the issue puts in `iislint:cis` only. */
const CIS_ONLY = new Set(['WEB024', 'WEB025', 'WEB026', 'WEB027', 'WEB028', 'WEB029', 'WEB030', 'WEB031', 'WEB032', 'WEB033', 'WEB034', 'WEB035', 'WEB036']);

describe('WEB rules', () => {
  it.each(WEB.map((rule) => [rule.meta.id, rule] as const))('%s: severity in its level\'s band, a CWE tag, cisOnly as the issue lists', (_id, rule) => {
    const severity = Number(rule.meta.securitySeverity);
    const [low, high] = { error: [7.0, 8.9], warning: [4.0, 6.9], note: [0.1, 3.9] }[rule.meta.defaultLevel];
    expect(severity).toBeGreaterThanOrEqual(low!);
    expect(severity).toBeLessThanOrEqual(high!);
    expect(rule.meta.tags.some((tag) => tag.startsWith('external/cwe/cwe-'))).toBe(true);
    expect(rule.meta.cisOnly === true).toBe(CIS_ONLY.has(rule.meta.id));
    if (CIS_ONLY.has(rule.meta.id)) expect(rule.meta.defaultLevel).toBe('note');
    expect(rule.meta.fixable === true).toBe(['WEB008', 'WEB013', 'WEB017'].includes(rule.meta.id));
  });
});

describe('redaction: WEB007 and WEB014 never print a secret', () => {
  const cases = [
    ['WEB014/bad-published-key.web.config', ['A1B2C3D4E5F60718293A4B5C6D7E8F90', '0123456789ABCDEF0123456789ABCDEF']],
    ['WEB007/bad-connection-string-password.web.config', ['example-only']],
    ['WEB007/bad-clear-credentials.web.config', ['changeme']],
  ] as const;
  it.each(cases.flatMap(([fixture, secrets]) => ['json', 'sarif', 'stylish', 'github', 'compact', 'junit'].map((format) => [fixture, format, secrets] as const)))(
    '%s as %s',
    async (fixture, format, secrets) => {
      const result = await runCli([path.join(fixturesRoot, fixture), '--no-config', '--format', format], { cwd: fixturesRoot });
      expect(result.stdout).toMatch(/WEB00[47]|WEB014/);
      for (const secret of secrets) expect(result.stdout).not.toContain(secret);
    },
  );
});

describe('presets select exactly the WEB rules the issue lists', () => {
  it('recommended leaves out the C rules, cis runs them all in explicit-value mode', async () => {
    const { presetRuleSettings, presetExplicitValues } = await import('../src/rules/presets.js');
    const offUnderRecommended = [...presetRuleSettings('iislint:recommended', WEB).keys()];
    expect(offUnderRecommended).toEqual([...CIS_ONLY]);
    expect([...presetRuleSettings('iislint:cis', WEB).keys()]).toEqual([]);
    expect(presetExplicitValues('iislint:cis')).toBe(true);
    expect([...presetRuleSettings('iislint:kernel-ssl', WEB).keys()]).toHaveLength(WEB.length);
  });

  it('a default left alone (httpOnlyCookies) is a finding under --preset cis only', async () => {
    const fixture = path.join(fixturesRoot, 'WEB008', 'bad-debug-true.web.config');
    const recommended = await runCli([fixture, '--no-config', '--format', 'json'], { cwd: fixturesRoot });
    const cis = await runCli([fixture, '--no-config', '--preset', 'cis', '--format', 'json'], { cwd: fixturesRoot });
    const rules = (stdout: string) => (JSON.parse(stdout) as { findings: { rule: string }[] }).findings.map((finding) => finding.rule);
    expect(rules(recommended.stdout)).toEqual(['WEB008']);
    expect(rules(cis.stdout)).toEqual(expect.arrayContaining(['WEB008', 'WEB013', 'WEB024', 'WEB026', 'WEB028', 'WEB030']));
  });
});

describe('--fix on WEB008, WEB013 and WEB017: the value only, byte-exact elsewhere', () => {
  it('rewrites debug, httpOnlyCookies and allowDoubleEscaping and nothing else', async () => {
    const { mkdtempSync, readFileSync, rmSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const root = mkdtempSync(path.join(tmpdir(), 'iislint-web-fix-'));
    try {
      const before =
        '<?xml version="1.0" encoding="utf-8"?>\r\n<configuration>\r\n  <system.web>\r\n    <compilation  debug="True" targetFramework="4.8"/>\r\n    <httpCookies httpOnlyCookies=\'false\' requireSSL="false" />\r\n    <customErrors mode="Off" />\r\n  </system.web>\r\n  <system.webServer>\r\n    <security><requestFiltering allowDoubleEscaping="true" /></security>\r\n  </system.webServer>\r\n</configuration>\r\n';
      writeFileSync(path.join(root, 'web.config'), before);
      await runCli(['--no-config', root, '--fix'], { cwd: root });
      const after = readFileSync(path.join(root, 'web.config'), 'utf8');
      expect(after).toBe(before.replace('debug="True"', 'debug="false"').replace("httpOnlyCookies='false'", "httpOnlyCookies='true'").replace('allowDoubleEscaping="true"', 'allowDoubleEscaping="false"'));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
