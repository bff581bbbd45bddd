/**
 * Every rule's `security-severity` against README's "Severity in GitHub code scanning" table
 * (issue 14.8): the value says what a finding means at the rule's default level, so a rule added
 * without a row, or with a value outside its class, fails here with the row to add.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../src/rules/index.js';
import { repoRoot } from './support/fixtures.js';

const BANDS = { High: [7.0, 8.9], Medium: [4.0, 6.9], Low: [0.1, 3.9] } as const;
type SeverityClass = keyof typeof BANDS;

interface Row {
  id: string;
  level: string;
  meaning: string;
  severityClass: string;
  value: string;
  securityTag: string;
}

function readTable(): Row[] {
  const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const start = readme.indexOf('<!-- security-severity table');
  expect(start, 'README lost its security-severity table (### Severity in GitHub code scanning)').toBeGreaterThan(-1);
  const rows: Row[] = [];
  for (const line of readme.slice(start).split('\n').slice(3)) {
    if (!line.startsWith('|')) break;
    const [id, level, meaning, severityClass, value, securityTag] = line.split('|').slice(1, -1).map((cell) => cell.trim());
    rows.push({ id: id!, level: level!, meaning: meaning!, severityClass: severityClass!, value: value!, securityTag: securityTag! });
  }
  return rows;
}

const table = readTable();

describe('security-severity: every rule is classified in README (issue 14.8)', () => {
  it.each(RULES.map((rule) => [rule.meta.id, rule.meta] as const))('%s', (id, meta) => {
    const row = table.find((candidate) => candidate.id === id);
    const tagged = meta.tags.includes('security') ? 'yes' : 'no';
    const classify =
      `Classify ${id} by what a finding means at its default level (${meta.defaultLevel}): breaks a site or exposes a secret = High 7.0-8.9, ` +
      `weak but working = Medium 4.0-6.9, advice = Low 0.1-3.9, never 9.0. Add to README's "Severity in GitHub code scanning" table the row\n` +
      `| ${id} | ${meta.defaultLevel} | <what it means> | <High|Medium|Low> | ${meta.securitySeverity} | ${tagged} |\n` +
      `and make src/rules/${id}.ts's securitySeverity agree with the class.`;
    expect(row, classify).toBeDefined();
    expect(row!.value, `${id}: README says ${row!.value}, src/rules/${id}.ts says ${meta.securitySeverity}. ${classify}`).toBe(meta.securitySeverity);
    expect(row!.level, `${id}: README's default level is stale`).toBe(meta.defaultLevel);
    expect(row!.securityTag, `${id}: the "security" tag column says ${row!.securityTag}, the rule's tags say ${tagged}`).toBe(tagged);
    expect(Object.keys(BANDS), `${id}: class "${row!.severityClass}" is not High, Medium or Low`).toContain(row!.severityClass);
    const [low, high] = BANDS[row!.severityClass as SeverityClass];
    const value = Number(meta.securitySeverity);
    expect(value >= low && value <= high, `${id}: ${meta.securitySeverity} is outside ${row!.severityClass} (${low}-${high}). ${classify}`).toBe(true);
    expect(meta.securitySeverity, `${id}: GitHub reads exactly 9.0 ambiguously`).not.toMatch(/^9(\.0+)?$/);
  });

  it('the table names no rule that does not exist', () => {
    const ids = new Set(RULES.map((rule) => rule.meta.id));
    expect(table.map((row) => row.id).filter((id) => !ids.has(id))).toEqual([]);
  });

  it('what GitHub fails a pull request on: a client certificate that breaks a site is High; parse errors and unused suppressions are not security alerts', () => {
    for (const id of ['KSSL001', 'KSSL002', 'KSSL003', 'KSSL004']) {
      expect(Number(RULES.find((rule) => rule.meta.id === id)!.meta.securitySeverity)).toBeGreaterThanOrEqual(7.0);
    }
    for (const id of ['CFG001', 'CFG006']) expect(RULES.find((rule) => rule.meta.id === id)!.meta.tags).not.toContain('security');
  });
});
