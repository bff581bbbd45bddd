/**
 * Every rule has its file, its doc page (generated and current), fixtures with at least one
 * bad and one good case, and a test file; its metadata meets what SARIF consumers need.
 * `npm run docs` regenerates the pages.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../src/rules/index.js';
import { renderRuleIndex, renderRulePage, REQUIRED_HELP_SECTIONS } from '../src/rules/docs.js';
import { fixturesRoot, repoRoot } from './support/fixtures.js';

const updatingDocs = process.env['UPDATE_DOCS'] === '1';
const docsDir = path.join(repoRoot, 'docs', 'rules');

function expectGenerated(file: string, content: string): void {
  if (updatingDocs) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  expect(existsSync(file), `missing ${path.relative(repoRoot, file)}: run npm run docs`).toBe(true);
  expect(readFileSync(file, 'utf8'), `${path.relative(repoRoot, file)} is stale: run npm run docs`).toBe(content);
}

describe('the rule list', () => {
  it('is sorted by id, without duplicates', () => {
    const ids = RULES.map((rule) => rule.meta.id);
    expect(ids).toEqual([...new Set(ids)].sort());
  });

  it('has a fixture folder only for rules that exist', () => {
    const ids = new Set(RULES.map((rule) => rule.meta.id));
    const folders = existsSync(fixturesRoot) ? readdirSync(fixturesRoot) : [];
    expect(folders.filter((folder) => !ids.has(folder))).toEqual([]);
  });

  it('is listed in the README, each rule linking to its page', () => {
    const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    expect(RULES.map((rule) => rule.meta.id).filter((id) => !readme.includes(`[${id}](docs/rules/${id}.md)`))).toEqual([]);
  });

  it('has a generated, current rule index', () => {
    expectGenerated(path.join(docsDir, 'README.md'), renderRuleIndex(RULES));
  });
});

describe.each(RULES.map((rule) => [rule.meta.id, rule] as const))('%s', (id, rule) => {
  const { meta } = rule;

  it('lives in its own file and has a test file', () => {
    expect(existsSync(path.join(repoRoot, 'src', 'rules', `${id}.ts`))).toBe(true);
    expect(existsSync(path.join(repoRoot, 'test', 'rules', `${id}.test.ts`))).toBe(true);
  });

  it('has a current doc page', () => {
    expectGenerated(path.join(docsDir, `${id}.md`), renderRulePage(meta));
  });

  it('has at least one bad and one good fixture', () => {
    const entries = existsSync(path.join(fixturesRoot, id)) ? readdirSync(path.join(fixturesRoot, id)) : [];
    const cases = entries.filter((entry) => !entry.endsWith('.json'));
    expect(cases.some((entry) => entry.startsWith('bad-'))).toBe(true);
    expect(cases.some((entry) => entry.startsWith('good-'))).toBe(true);
  });

  it('has complete metadata', () => {
    expect(meta.id).toMatch(/^(KSSL|CFG|IIS|TLS|WEB)\d{3}$/);
    expect(meta.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(meta.shortDescription.length).toBeGreaterThan(0);
    expect(meta.shortDescription.length).toBeLessThanOrEqual(1024);
    expect(meta.fullDescription.length).toBeGreaterThan(0);
    expect(meta.fullDescription.length).toBeLessThanOrEqual(1024);
    expect(meta.securitySeverity).toMatch(/^\d+(\.\d)?$/);
    expect(Number(meta.securitySeverity)).not.toBe(9);
    expect(meta.tags.length).toBeLessThanOrEqual(20);
    let from = 0;
    for (const heading of REQUIRED_HELP_SECTIONS) {
      const at = meta.helpMarkdown.indexOf(heading, from);
      expect(at, `help of ${id} lacks "${heading}" (in order)`).toBeGreaterThanOrEqual(0);
      from = at;
    }
  });
});
