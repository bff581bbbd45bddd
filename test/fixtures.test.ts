/**
 * Runs every fixture under fixtures/<RULE>/ and compares all findings (every rule, not only
 * the fixture's own) with the expected file beside it. `bad-*` cases must raise their rule,
 * `good-*` cases must not.
 *
 * Regenerate the expected files with `npm run update-fixtures`, then review the diff.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureCases, lintFixtureCase, type FixtureCase } from './support/fixtures.js';

const updating = process.env['UPDATE_FIXTURES'] === '1';

describe.each(fixtureCases().map((fixture) => [`${fixture.ruleId}/${fixture.name}`, fixture] as const))('%s', (_label, fixture: FixtureCase) => {
  const actual = lintFixtureCase(fixture);

  it('matches its expected findings', () => {
    const serialised = `${JSON.stringify({ findings: actual }, null, 2)}\n`;
    if (updating) writeFileSync(fixture.expectedPath, serialised);
    expect(existsSync(fixture.expectedPath), `missing ${path.relative(process.cwd(), fixture.expectedPath)}: run npm run update-fixtures`).toBe(true);
    expect(JSON.parse(readFileSync(fixture.expectedPath, 'utf8'))).toEqual({ findings: actual });
  });

  it(fixture.expectation === 'bad' ? `raises ${fixture.ruleId}` : `does not raise ${fixture.ruleId}`, () => {
    const own = actual.filter((finding) => finding.rule === fixture.ruleId);
    if (fixture.expectation === 'bad') expect(own.length).toBeGreaterThan(0);
    else expect(own).toEqual([]);
  });
});
