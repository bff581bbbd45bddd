import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './support/cli.js';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

describe('--xml-cross-check', () => {
  // The reader alone is the default; fast-xml-parser's second opinion must change nothing.
  it.each([['examples'], ['fixtures/CFG001'], ['fixtures/CFG002'], ['fixtures/CFG006']])('reports the same on %s', async (folder) => {
    const alone = await runCli([folder, '--format', 'json', '--concurrency', '1'], { cwd: repoRoot });
    const checked = await runCli([folder, '--format', 'json', '--concurrency', '1', '--xml-cross-check'], { cwd: repoRoot });
    expect(checked.stderr).not.toMatch(/internal error/);
    expect(checked).toEqual(alone);
    expect((JSON.parse(alone.stdout) as { findings: unknown[] }).findings.length).toBeGreaterThan(0);
  });
});
