/** Presets: which rules each turns off, explicit-value mode, and how --preset and config `extends` combine with rule levels. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, validateConfig } from '../src/cli/config.js';
import { resolveSettings, type LintCliOptions } from '../src/cli/settings.js';
import { RULES } from '../src/rules/index.js';
import { presetName, ruleTags } from '../src/rules/presets.js';

const base: LintCliOptions = { format: 'stylish', rule: [], ignorePattern: [], config: false };
const ids = new Set(RULES.map((rule) => rule.meta.id));
const off = (options: Partial<LintCliOptions>) =>
  [...resolveSettings({ ...base, ...options }, '.').lintOptions.ruleSettings].filter(([, setting]) => setting === 'off').map(([id]) => id);

describe('presets', () => {
  it('recommended (the default) turns off only cis-only rules', () => {
    expect(off({})).toEqual(RULES.filter((rule) => rule.meta.cisOnly).map((rule) => rule.meta.id));
    expect(resolveSettings(base, '.').lintOptions.explicitValues).toBe(false);
  });

  it('kernel-ssl keeps exactly the rules marked for the kernel-mode SSL migration (KSSL and CFG)', () => {
    const kept = RULES.map((rule) => rule.meta.id).filter((id) => !off({ preset: 'kernel-ssl' }).includes(id));
    expect(kept).toEqual(RULES.filter((rule) => /^(KSSL|CFG)/.test(rule.meta.id)).map((rule) => rule.meta.id));
    expect(kept.length).toBeGreaterThan(0);
  });

  it('cis keeps every rule and turns explicit-value mode on; `cis` and `iislint:cis` are one preset', () => {
    expect(off({ preset: 'cis' })).toEqual([]);
    expect(resolveSettings({ ...base, preset: 'iislint:cis' }, '.').lintOptions.explicitValues).toBe(true);
    expect(presetName('cis')).toBe('iislint:cis');
    expect(presetName('iislint:nope')).toBeUndefined();
  });

  it('a rule level set by --rule replaces the preset', () => {
    const settings = resolveSettings({ ...base, preset: 'kernel-ssl', rule: ['TLS002:warning'] }, '.');
    expect(settings.lintOptions.ruleSettings.get('TLS002')).toBe('warning');
  });

  it('rejects an unknown preset in --preset and in config `extends`', () => {
    expect(() => resolveSettings({ ...base, preset: 'strict' }, '.')).toThrow(ConfigError);
    expect(() => validateConfig({ extends: 'eslint:recommended' }, 'c.json', ids)).toThrow(/"extends" must be one of/);
    expect(validateConfig({ extends: 'cis' }, 'c.json', ids).extends).toBe('iislint:cis');
  });

  describe('config extends, overridden by --preset', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'iislint-preset-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const config = path.join(dir, 'iislint.config.json');
    writeFileSync(config, JSON.stringify({ extends: 'iislint:kernel-ssl', rules: { TLS001: 'note' } }));

    it('applies the config preset and its rules', () => {
      const settings = resolveSettings({ ...base, config }, dir);
      expect(settings.preset).toBe('iislint:kernel-ssl');
      expect(settings.lintOptions.ruleSettings.get('TLS002')).toBe('off');
      expect(settings.lintOptions.ruleSettings.get('TLS001')).toBe('note');
    });

    it('--preset wins over extends', () => {
      const settings = resolveSettings({ ...base, config, preset: 'recommended' }, dir);
      expect(settings.lintOptions.ruleSettings.get('TLS002')).toBeUndefined();
    });
  });

  it('SARIF tags carry the benchmark items, at most 20', () => {
    const meta = { ...RULES[0]!.meta, tags: ['security'], benchmarks: { cis: ['IIS10 7.3'], stig: ['V-218821'] } };
    expect(ruleTags(meta)).toEqual(['security', 'cis/IIS10 7.3', 'stig/V-218821']);
    expect(ruleTags({ ...meta, tags: Array.from({ length: 25 }, (_, i) => `t${i}`) })).toHaveLength(20);
  });
});
