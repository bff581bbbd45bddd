/**
 * scripts/collect-server.cmd runs exactly the export commands README's "Getting the files off a
 * server" lists (with the folder as a parameter and `/y` to overwrite), no more and no fewer.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './support/fixtures.js';

const script = readFileSync(path.join(repoRoot, 'scripts', 'collect-server.cmd'), 'utf8');
const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');

/** The commands of README's first ```bat block after the "Getting the files off a server" heading. */
function readmeCommands(): string[] {
  const section = readme.slice(readme.indexOf('## Getting the files off a server'));
  const block = /```bat\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  return block.split('\n').map((line) => line.trim()).filter((line) => line !== '');
}

/** The export commands the script runs, written as README writes them (folder web01, no /y, no `if exist` guard). */
function scriptCommands(): string[] {
  return script
    .split(/\r\n/)
    .map((line) => line.trim())
    .filter((line) => /^(if exist \S+ )?(copy|reg export)\b/i.test(line))
    .map((line) => line.replace(/^if exist \S+ /i, '').replaceAll('%OUT%', 'web01').replace(/ \/y$/, ''));
}

describe('scripts/collect-server.cmd', () => {
  it('runs every command README lists, and only those', () => {
    expect(readmeCommands().length).toBeGreaterThanOrEqual(8);
    expect(scriptCommands()).toEqual(readmeCommands());
  });

  it('has CRLF line ends, as cmd.exe expects', () => {
    expect(script.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
  });

  it('stops with a usage line when no folder is given', () => {
    expect(script).toMatch(/if "%~1"=="" \(\r\n\s+echo usage: collect-server\.cmd FOLDER\r\n\s+exit \/b 2/);
  });
});
