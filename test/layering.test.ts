import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = fileURLToPath(new URL('../src/', import.meta.url));

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
