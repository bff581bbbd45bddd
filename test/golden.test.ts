/**
 * Golden output of every format for the bundled examples/. Regenerate with
 * `npm run update-golden` and review the diff; never edit the files by hand.
 * JSON and SARIF are compared as data; SARIF's absolute root URI is replaced by a placeholder
 * so the files do not depend on where the repository is checked out.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './support/cli.js';
import { repoRoot } from './support/fixtures.js';

const updating = process.env['UPDATE_GOLDEN'] === '1';
const goldenDir = path.join(repoRoot, 'test', 'golden');
const ROOT_PLACEHOLDER = 'file:///REPOSITORY/';

const formats = [
  ['stylish', 'txt'],
  ['compact', 'txt'],
  ['json', 'json'],
  ['sarif', 'sarif'],
  ['junit', 'xml'],
  ['github', 'txt'],
] as const;

function normalise(output: string): string {
  const rootUri = pathToFileURL(repoRoot).href.replace(/\/?$/, '/');
  return output.replaceAll(rootUri, ROOT_PLACEHOLDER);
}

describe.each(formats)('golden %s output for examples/', (format, extension) => {
  it('matches test/golden', async () => {
    const result = await runCli(['examples', '--no-config', '--format', format, '--sarif-root', '.'], { cwd: repoRoot });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    const output = normalise(result.stdout);
    const goldenPath = path.join(goldenDir, `examples.${format}.${extension}`);
    if (updating) {
      mkdirSync(goldenDir, { recursive: true });
      writeFileSync(goldenPath, output);
    }
    expect(existsSync(goldenPath), 'missing golden file: run npm run update-golden').toBe(true);
    const golden = readFileSync(goldenPath, 'utf8');
    if (extension === 'json' || extension === 'sarif') expect(JSON.parse(output)).toEqual(JSON.parse(golden));
    else expect(output).toBe(golden);
  });
});
