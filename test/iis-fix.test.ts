/** --fix on IIS 7+ configuration: only IIS002, only a byte-identical repeat, byte-exact elsewhere. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/cli.js';

let root: string;
beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'iislint-iis-fix-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const BOM = '\uFEFF';
const WEB = (entries: string) =>
  `${BOM}<?xml version="1.0" encoding="utf-8"?>\r\n<configuration>\r\n  <system.webServer>\r\n    <directoryBrowse enable="false" />\r\n    <staticContent>\r\n${entries}    </staticContent>\r\n  </system.webServer>\r\n</configuration>`;

function site(name: string, text: string): string {
  mkdirSync(path.join(root, name), { recursive: true });
  writeFileSync(path.join(root, name, 'web.config'), text);
  return name;
}

describe('iislint --fix on a web.config', () => {
  it('removes a byte-identical duplicate entry with its line, and nothing else', async () => {
    const entry = '      <mimeMap fileExtension=".myext" mimeType="x/y" />\r\n';
    const dir = site('identical', WEB(entry + entry));
    const result = await runCli(['--no-config', dir, '--fix'], { cwd: root });
    expect(readFileSync(path.join(root, dir, 'web.config'), 'utf8')).toBe(WEB(entry));
    // The unknown attribute (IIS003) is not fixed and still fails the run.
    expect(result.code).toBe(1);
  });

  it('leaves a duplicate that differs from the entry it repeats', async () => {
    const text = WEB('      <mimeMap fileExtension=".myext" mimeType="x/y" />\r\n      <mimeMap fileExtension=".myext" mimeType="x/z" />\r\n');
    const dir = site('different', text);
    await runCli(['--no-config', dir, '--fix'], { cwd: root });
    expect(readFileSync(path.join(root, dir, 'web.config'), 'utf8')).toBe(text);
  });
});
