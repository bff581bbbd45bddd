/**
 * How the command starts (issue 16): `--version` from package.json alone, the program from the
 * one-file bundle with its V8 code cache (scripts/bundle.mjs, bin/cli-loader.js), the compiled
 * modules when there is no bundle. Same output every way; no timing here (npm run bench).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error bin/ is plain JavaScript without declarations.
import { BUILD_ID_LENGTH, BUILD_LINE, BUNDLE, CODE_CACHE, versionCommand } from '../bin/cli-loader.js';
import { ensureBuilt, runBuiltCli } from './support/built-cli.js';
import { runCli } from './support/cli.js';
import { repoRoot } from './support/fixtures.js';

const version = (JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
const bin = (root: string) => path.join(root, 'bin', 'iislint.js');

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'iislint-start-up-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('--version, answered by bin/ with package.json alone', () => {
  it.each([[['--version']], [['-v']], [['-V']]])('iislint %j prints what main prints', async (args) => {
    const inProcess = await runCli(args, { cwd: repoRoot });
    expect(inProcess.stdout).toBe(`${version}\n`);
    expect((versionCommand as (args: string[]) => string | undefined)(args)).toBe(inProcess.stdout);
  });

  it.each([[[]], [['rules']], [['--version', 'examples']], [['-v', '-V']], [['--versions']]])('iislint %j is not for it', (args) => {
    expect((versionCommand as (args: string[]) => string | undefined)(args)).toBeUndefined();
  });

  it('needs no dist/: a copy of bin/ and package.json alone prints it, and cannot run anything else', () => {
    const root = path.join(scratch, 'no-dist');
    cpSync(path.join(repoRoot, 'bin'), path.join(root, 'bin'), { recursive: true });
    cpSync(path.join(repoRoot, 'package.json'), path.join(root, 'package.json'));
    const printed = spawnSync(process.execPath, [bin(root), '--version'], { encoding: 'utf8' });
    expect({ status: printed.status, stdout: printed.stdout, stderr: printed.stderr }).toEqual({ status: 0, stdout: `${version}\n`, stderr: '' });
    // The same copy without dist/ cannot list the rules: the check above can fail.
    expect(spawnSync(process.execPath, [bin(root), 'rules'], { encoding: 'utf8' }).status).not.toBe(0);
  });
});

const bundled = () => existsSync(BUNDLE as string);
const skipNote = ' (skipped: no dist/engine/cli.bundle.cjs; npm run build writes it where rolldown is installed)';

describe('the bundle and its code cache', () => {
  beforeAll(() => ensureBuilt(), 180_000);

  it.skipIf(!bundled())(`runs the examples with the report the modules give${bundled() ? '' : skipNote}`, async () => {
    for (const format of ['json', 'sarif', 'stylish']) {
      const args = ['examples', '--no-config', '--format', format];
      const built = runBuiltCli(args, { cwd: repoRoot });
      const inProcess = await runCli(args, { cwd: repoRoot, env: { NO_COLOR: '1' } });
      expect(built.code).toBe(inProcess.code);
      expect(built.stdout).toBe(inProcess.stdout);
      expect(built.stdout.length).toBeGreaterThan(100);
    }
  });

  it.skipIf(!bundled())(`is what bin/ loads, with a cache V8 accepts${bundled() ? '' : skipNote}`, () => {
    const probe = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const { loadCli } = await import(${JSON.stringify(new URL('../bin/cli-loader.js', import.meta.url).href)});
         const { script } = await loadCli();
         process.stdout.write(JSON.stringify({ bundle: script !== undefined, rejected: script?.cachedDataRejected }));`,
      ],
      { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } },
    );
    expect(probe.stderr).toBe('');
    expect(JSON.parse(probe.stdout)).toEqual({ bundle: true, rejected: false });
  });

  it.skipIf(!bundled())(`starts as well with a cache of another build, a corrupt one or none${bundled() ? '' : skipNote}`, () => {
    const expected = runBuiltCli(['rules'], { cwd: repoRoot });
    expect(expected.code).toBe(0);
    const source = readFileSync(BUNDLE as string, 'utf8');
    const buildId = source.slice((BUILD_LINE as string).length, (BUILD_LINE as string).length + (BUILD_ID_LENGTH as number));
    const cache = readFileSync(CODE_CACHE as string);
    const variants: Record<string, Buffer | undefined> = {
      'another build': Buffer.concat([Buffer.from('0'.repeat(BUILD_ID_LENGTH as number)), cache.subarray(BUILD_ID_LENGTH as number)]),
      corrupt: Buffer.concat([Buffer.from(buildId, 'latin1'), Buffer.alloc(4096, 0x5a)]),
      truncated: cache.subarray(0, (BUILD_ID_LENGTH as number) + 100),
      none: undefined,
    };
    for (const [name, content] of Object.entries(variants)) {
      // The bundle and bin/ alone (with package.json): the bundle holds every module `rules` needs.
      const root = path.join(scratch, `cache-${name.replace(/ /g, '-')}`);
      cpSync(path.join(repoRoot, 'bin'), path.join(root, 'bin'), { recursive: true });
      cpSync(path.join(repoRoot, 'package.json'), path.join(root, 'package.json'));
      mkdirSync(path.join(root, 'dist', 'engine'), { recursive: true });
      cpSync(BUNDLE as string, path.join(root, 'dist', 'engine', path.basename(BUNDLE as string)));
      if (content) writeFileSync(path.join(root, 'dist', 'engine', path.basename(CODE_CACHE as string)), content);
      const run = spawnSync(process.execPath, [bin(root), 'rules'], { encoding: 'utf8' });
      expect({ name, status: run.status, stderr: run.stderr }).toEqual({ name, status: 0, stderr: '' });
      expect(run.stdout).toBe(expected.stdout);
    }
  });

  it.skipIf(!bundled())(`runs in an installed package whatever its files' times; in a work tree, not when older than the modules${bundled() ? '' : skipNote}`, () => {
    const root = path.join(scratch, 'times');
    cpSync(path.join(repoRoot, 'bin'), path.join(root, 'bin'), { recursive: true });
    cpSync(path.join(repoRoot, 'package.json'), path.join(root, 'package.json'));
    mkdirSync(path.join(root, 'dist', 'engine'), { recursive: true });
    cpSync(BUNDLE as string, path.join(root, 'dist', 'engine', path.basename(BUNDLE as string)));
    // Stand-ins for the modules, written after the bundle (as npm may unpack them, or a bare tsc writes them).
    mkdirSync(path.join(root, 'dist', 'cli'), { recursive: true });
    writeFileSync(path.join(root, 'dist', 'cli', 'quick.js'), "export const quickCommand = () => 'the modules\\n';\n");
    writeFileSync(path.join(root, 'dist', 'cli', 'main.js'), 'export async function main() { return 3; }\n');
    const later = new Date(Date.now() + 10_000);
    utimesSync(path.join(root, 'dist', 'cli', 'main.js'), later, later);
    const rules = () => spawnSync(process.execPath, [bin(root), 'rules'], { encoding: 'utf8' }).stdout;
    expect(rules()).toMatch(/^KSSL001 /m);
    mkdirSync(path.join(root, 'src'));
    expect(rules()).toBe('the modules\n');
  });
});
