import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runBuiltCli } from './support/built-cli.js';
import { runCli } from './support/cli.js';

const src = fileURLToPath(new URL('../src/', import.meta.url));
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** The relative imports of every .ts file in one src/ folder, as `file: target`. */
function relativeImports(folder: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(path.join(src, folder)).filter((file) => file.endsWith('.ts'))) {
    const text = readFileSync(path.join(src, folder, name), 'utf8');
    for (const match of text.matchAll(/(?:from|import\()\s*'(\.[^']+)'/g)) {
      found.push(`${folder}/${name}: ${path.posix.normalize(path.posix.join(folder, match[1]!))}`);
    }
  }
  return found;
}

describe('layering: files -> parse -> model -> rules', () => {
  it('parse imports nothing outside src/parse (the metabase vocabulary lives there)', () => {
    const imports = relativeImports('parse');
    expect(imports.length).toBeGreaterThan(5);
    expect(imports.filter((entry) => !entry.split(': ')[1]!.startsWith('parse/'))).toEqual([]);
  });

  it('model imports nothing from rules, engine, report, fix or cli', () => {
    const imports = relativeImports('model');
    expect(imports.filter((entry) => /: (rules|engine|report|fix|cli)\//.test(entry))).toEqual([]);
  });
});

/** Every src/ module `entry` loads, following relative imports (type-only imports are erased, so skipped). */
function moduleGraph(entry: string): string[] {
  const seen = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(path.join(src, file), 'utf8');
    for (const match of text.matchAll(/^(?:import|export) (?!type )[^;]*?from '(\.[^']+)\.js'/gms)) {
      pending.push(path.posix.normalize(path.posix.join(path.posix.dirname(file), `${match[1]!}.ts`)));
    }
  }
  return [...seen].sort();
}

describe('start-up: --version and rules load neither the engine nor the reporters', () => {
  it('src/cli/quick.ts reaches no module in engine/, report/, fix/ or cli/main.ts', () => {
    const graph = moduleGraph('cli/quick.ts');
    expect(graph).toContain('rules/index.ts');
    expect(graph.filter((file) => /^(engine|report|fix)\/|^cli\/main\.ts$/.test(file))).toEqual([]);
  });

  it('the graph walk sees main.ts load the engine (the check above can fail)', () => {
    expect(moduleGraph('cli/main.ts')).toContain('engine/run.ts');
  });
});

describe('start-up: the quick path prints what main prints', () => {
  beforeAll(() => ensureBuilt(), 180_000);

  it.each([[['--version']], [['-V']], [['rules']], [['rules', '--format', 'json']], [['rules', '-f', 'table']]])('iislint %j', async (args) => {
    const built = runBuiltCli(args, { cwd: repoRoot });
    const inProcess = await runCli(args, { cwd: repoRoot });
    expect(built.code).toBe(0);
    expect(built.stderr).toBe('');
    expect(built.stdout).toBe(inProcess.stdout);
    expect(built.stdout.length).toBeGreaterThan(3);
  });
});

describe('tests and ../shared', () => {
  /** Every .ts file below test/, relative to the repository. */
  const testFiles = (directory = 'test'): string[] =>
    readdirSync(path.join(repoRoot, directory), { withFileTypes: true }).flatMap((entry) => {
      const relative = `${directory}/${entry.name}`;
      return entry.isDirectory() ? testFiles(relative) : entry.name.endsWith('.ts') ? [relative] : [];
    });

  it('find ../shared only through test/support/corpus.ts (CI hides it there to prove the suite passes without it)', () => {
    const files = testFiles();
    expect(files).toContain('test/support/corpus.ts');
    const byPath = /new URL\(\s*['"`](?:\.\.\/)+shared\b|['"]\.\.['"]\s*,\s*['"]shared['"]|(?:join|resolve)\([^)]*['"`](?:\.\.\/)+shared\b/;
    // (Split so that this file does not match itself.)
    expect(byPath.test("path.resolve(repoRoot, '..', " + "'shared', 'reference')"), 'the check is live').toBe(true);
    expect(files.filter((file) => file !== 'test/support/corpus.ts' && byPath.test(readFileSync(path.join(repoRoot, file), 'utf8')))).toEqual([]);
  });
});
