/**
 * What `npm pack` puts in the tarball: the `files` whitelist keeps tests, fixtures, sources
 * and source maps out, and everything package.json points at is in. `--ignore-scripts` keeps
 * it fast (no prepack build); CI packs for real and installs the tarball (.ci/run).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { RULES } from '../src/rules/index.js';
import { repoRoot } from './support/fixtures.js';

interface PackageJson {
  main: string;
  types: string;
  bin: Record<string, string>;
  exports: Record<string, string | Record<string, string>>;
  files: string[];
  engines: { node: string };
  license: string;
  scripts: Record<string, string>;
}

const packageJson = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as PackageJson;
const built = existsSync(path.join(repoRoot, 'dist', 'index.js'));
let packed: string[] = [];

beforeAll(() => {
  const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: repoRoot,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  packed = (JSON.parse(output) as { files: { path: string }[] }[])[0]!.files.map((file) => file.path).sort();
}, 60_000);

const normalise = (target: string) => path.posix.normalize(target).replace(/^\.\//, '');

describe('the npm tarball', () => {
  it('holds no tests, fixtures, examples, sources, scripts or source maps', () => {
    const unwanted = packed.filter(
      (file) =>
        /^(test|fixtures|examples|src|scripts|node_modules|coverage|\.ci|\.git)\//.test(file) ||
        /^dist\/(test|scripts)\//.test(file) ||
        /\.(map|test\.[jt]s|tsbuildinfo)$/.test(file) ||
        /^(tsconfig.*|vitest\.config\.ts|package-lock\.json|\.npmrc)$/.test(file),
    );
    expect(unwanted).toEqual([]);
  });

  it('holds the command, the config schema, the docs, README, LICENSE and CHANGELOG', () => {
    const expected = [
      'package.json',
      'README.md',
      'LICENSE',
      'CHANGELOG.md',
      'bin/iislint.js',
      'schema/iislint.config.schema.json',
      'docs/formats/json.md',
      'docs/rules/README.md',
      ...RULES.map((rule) => `docs/rules/${rule.meta.id}.md`),
    ];
    expect(expected.filter((file) => !packed.includes(file))).toEqual([]);
  });

  it.skipIf(!built)(`holds the compiled API and its types${built ? '' : ' (skipped: dist/ is not built; run npm run build)'}`, () => {
    expect(packed).toContain('dist/index.js');
    expect(packed).toContain('dist/index.d.ts');
    expect(packed).toContain('dist/cli/main.js');
    // Every module shipped comes with its declarations.
    const modules = packed.filter((file) => file.startsWith('dist/') && file.endsWith('.js'));
    expect(modules.filter((file) => !packed.includes(file.replace(/\.js$/, '.d.ts')))).toEqual([]);
  });

  it.skipIf(!built)(`holds every file package.json points at${built ? '' : ' (skipped: dist/ is not built; run npm run build)'}`, () => {
    const targets = [packageJson.main, packageJson.types, ...Object.values(packageJson.bin)];
    for (const entry of Object.values(packageJson.exports)) targets.push(...(typeof entry === 'string' ? [entry] : Object.values(entry)));
    expect(targets.map(normalise).filter((target) => !packed.includes(target))).toEqual([]);
  });
});

describe('package.json', () => {
  it('exports the API with its types first, and the command', () => {
    expect(packageJson.exports['.']).toEqual({ types: './dist/index.d.ts', import: './dist/index.js', default: './dist/index.js' });
    expect(Object.keys(packageJson.exports['.'] as Record<string, string>)[0]).toBe('types');
    expect(packageJson.bin).toEqual({ iislint: 'bin/iislint.js' });
    expect(readFileSync(path.join(repoRoot, 'bin', 'iislint.js'), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it('builds before packing, from a clean dist/', () => {
    expect(packageJson.scripts['prepack']).toBe('npm run clean && npm run build');
  });

  it('is MIT licensed, with the licence text', () => {
    expect(packageJson.license).toBe('MIT');
    const licence = readFileSync(path.join(repoRoot, 'LICENSE'), 'utf8');
    expect(licence).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} iislint contributors\n/);
  });

  it('asks for the Node version the code needs', () => {
    expect(packageJson.engines.node).toBe('>=20.19');
  });
});
