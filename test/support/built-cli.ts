/**
 * The compiled CLI (bin/iislint.js → dist/) for tests that need a real process: worker threads
 * (they load dist/engine/lint-worker.js, Node cannot load TypeScript) and memory bounds (peak RSS).
 * `npm test` builds first (pretest); `ensureBuilt` rebuilds dist/ when a source is newer, so a
 * single `npx vitest run test/x.test.ts` is right too.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from './fixtures.js';

const BUILD_OUTPUTS = ['dist/cli/main.js', 'dist/cli/quick.js', 'dist/engine/lint-worker.js', 'dist/engine/parallel.js'];

function newestSourceTime(directory: string): number {
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceTime(full));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

function buildTime(): number {
  let oldest = Number.POSITIVE_INFINITY;
  for (const output of BUILD_OUTPUTS) {
    const file = path.join(repoRoot, output);
    if (!existsSync(file)) return 0;
    oldest = Math.min(oldest, statSync(file).mtimeMs);
  }
  return oldest;
}

/** Build dist/ when it is missing or older than src/ (test files build one at a time). */
export function ensureBuilt(): void {
  if (buildTime() >= newestSourceTime(path.join(repoRoot, 'src'))) return;
  const lock = path.join(tmpdir(), 'iislint-test-build.lock');
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another test file is building; a lock older than the deadline is stale.
      const since = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (Date.now() > deadline || since > 180_000) rmSync(lock, { recursive: true, force: true });
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    if (buildTime() >= newestSourceTime(path.join(repoRoot, 'src'))) return;
    // Errors in files being edited do not stop tsc from emitting; the outputs must exist.
    spawnSync(process.execPath, [path.join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
      cwd: repoRoot,
      stdio: 'ignore',
    });
    for (const output of BUILD_OUTPUTS)
      if (!existsSync(path.join(repoRoot, output))) throw new Error(`npm run build did not write ${output}`);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export interface BuiltCliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Peak resident set size of the process, bytes (process.resourceUsage().maxRSS). */
  peakRss: number;
}

let rssPreload: string | undefined;

/** A module run before the CLI that writes the peak RSS when the process exits. */
function preload(): string {
  if (!rssPreload) {
    // One file shared by every test process (same content), so that none is left behind per process.
    rssPreload = path.join(tmpdir(), 'iislint-test-rss-preload.mjs');
    const content =
      "import { writeFileSync } from 'node:fs';\n" +
      "process.on('exit', () => writeFileSync(process.env.IISLINT_TEST_RSS_FILE, String(process.resourceUsage().maxRSS * 1024)));\n";
    if (!existsSync(rssPreload) || readFileSync(rssPreload, 'utf8') !== content) {
      // Written whole, then renamed: a process reading it never sees half a file.
      const temporary = `${rssPreload}.${process.pid}`;
      writeFileSync(temporary, content);
      renameSync(temporary, rssPreload);
    }
  }
  return rssPreload;
}

export function runBuiltCli(args: readonly string[], options: { cwd: string; timeoutMs?: number; maxOldSpaceMb?: number }): BuiltCliResult {
  const rssFile = path.join(tmpdir(), `iislint-rss-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.txt`);
  const nodeArgs = ['--import', pathToFileURL(preload()).href];
  if (options.maxOldSpaceMb) nodeArgs.push(`--max-old-space-size=${options.maxOldSpaceMb}`);
  const result = spawnSync(process.execPath, [...nodeArgs, path.join(repoRoot, 'bin/iislint.js'), ...args], {
    cwd: options.cwd,
    env: { ...process.env, NO_COLOR: '1', IISLINT_TEST_RSS_FILE: rssFile },
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 60_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  let peakRss = Number.NaN;
  if (existsSync(rssFile)) {
    peakRss = Number(readFileSync(rssFile, 'utf8'));
    rmSync(rssFile, { force: true });
  }
  return { code: result.status, signal: result.signal, stdout: result.stdout ?? '', stderr: result.stderr ?? '', peakRss };
}
