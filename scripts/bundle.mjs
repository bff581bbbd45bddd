#!/usr/bin/env node
// Part of npm run build (after tsc): bundles the compiled command line program (dist/cli/main.js
// and all it imports, dependencies included) into ONE CommonJS file, dist/engine/cli.bundle.cjs
// with its source map, and writes the V8 code cache of a trained run beside it,
// dist/engine/cli.bundle.cache. bin/cli-loader.js loads them. Node 20 has no
// module.enableCompileCache, so the cache is vm.Script's cachedData (issue 16: start-up).
//
// Without the bundler (rolldown's native binary is an optional package: `npm ci --omit=optional`,
// as the GitHub Action's build does), no bundle is written and the command loads dist/ as modules:
// a note, not an error. An old bundle and cache are removed first in any case, so a stale bundle
// never runs.
//
// Usage: node scripts/bundle.mjs            bundle, then train the cache in a child process
//        node scripts/bundle.mjs --train    (the child) run the bundle over the examples, write the cache
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILD_ID_LENGTH, BUILD_LINE, BUNDLE, CODE_CACHE, loadCli } from '../bin/cli-loader.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function bundle() {
  for (const file of [BUNDLE, `${BUNDLE}.map`, CODE_CACHE]) rmSync(file, { force: true });
  let rolldown;
  try {
    rolldown = await import('rolldown');
  } catch (error) {
    process.stderr.write(`bundle: note: no bundler (${String(error.message).split('. ')[0]}): the command loads dist/ as modules (slower start)\n`);
    return;
  }
  const temporary = `${BUNDLE}.${process.pid}.tmp`;
  await rolldown.build({
    input: path.join(repoRoot, 'dist/cli/main.js'),
    platform: 'node',
    logLevel: 'warn',
    plugins: [lazyChildProcess],
    output: {
      file: temporary,
      format: 'cjs',
      // ASCII only: V8 keeps the source as a one-byte string (half the memory, faster to read and hash).
      charset: 'ascii',
      // Comments are for the sources (the map leads there); licence notices stay.
      comments: { legal: true, annotation: false, jsdoc: false },
      // One file: reporters, fix code and the like stay lazy inside it, loaded by the same import() calls.
      codeSplitting: false,
      sourcemap: true,
    },
  });
  // The build id names this bundle's content: the loader takes only a cache written for it
  // (V8 itself checks only the source's length).
  const code = readFileSync(temporary, 'utf8').replace(/\n\/\/# sourceMappingURL=\S+\s*$/, `\n//# sourceMappingURL=${path.basename(BUNDLE)}.map\n`);
  const buildId = createHash('sha256').update(code).digest('hex').slice(0, BUILD_ID_LENGTH);
  writeFileSync(BUNDLE, `${BUILD_LINE}${buildId} (scripts/bundle.mjs)\n${code}`);
  // The first line moved every mapped line down by one: a leading ';' in the mappings says so.
  const map = JSON.parse(readFileSync(`${temporary}.map`, 'utf8'));
  map.file = path.basename(BUNDLE);
  map.mappings = `;${map.mappings}`;
  writeFileSync(`${BUNDLE}.map`, JSON.stringify(map));
  rmSync(temporary, { force: true });
  rmSync(`${temporary}.map`, { force: true });

  // A fresh process without NODE_OPTIONS: V8 accepts a cache only under the same flags, and users run plain `node`.
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--train'], { cwd: repoRoot, env, stdio: ['ignore', 'inherit', 'inherit'] });
  if (child.status !== 0) {
    rmSync(CODE_CACHE, { force: true });
    process.stderr.write(`bundle: note: no code cache (the training run exited ${child.status ?? child.signal}): the bundle compiles at each start\n`);
  }
}

/**
 * commander loads node:child_process (and with it net, dgram, ...: ~4 ms of each start) for
 * executable subcommands, which iislint has none of: it is loaded when commander spawns, if ever.
 * A commander whose line differs is bundled as it is, with a note.
 */
const lazyChildProcess = {
  name: 'iislint-lazy-child-process',
  transform(code, id) {
    if (!/[\\/]commander[\\/]lib[\\/]command\.js$/.test(id)) return null;
    const eager = "const childProcess = require('node:child_process');";
    if (!code.includes(eager)) {
      process.stderr.write('bundle: note: commander no longer has the child_process line this build makes lazy\n');
      return null;
    }
    return { code: code.replace(eager, "const childProcess = { spawn: (...args) => require('node:child_process').spawn(...args) };"), map: null };
  },
};

/**
 * Compile the bundle without a cache, run what users run most (the examples in every report format
 * and the rules table), then save the code V8 compiled on the way: functions that ran are in it.
 */
async function train() {
  const { main, script } = await loadCli({ useCache: false });
  if (!script) throw new Error('the bundle was not loaded');
  const scratch = mkdtempSync(path.join(tmpdir(), 'iislint-train-'));
  try {
    const io = { stdout() {}, stderr() {}, cwd: scratch, env: {}, stdoutIsTty: false, readStdin: async () => new Uint8Array() };
    const examples = path.join(repoRoot, 'examples');
    for (const format of ['stylish', 'json', 'compact', 'github', 'junit']) {
      await main([examples, '--no-config', '--concurrency', '1', '--format', format, '--sarif-file', path.join(scratch, 'out.sarif')], io);
    }
    await main(['rules'], io);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const buildId = readFileSync(BUNDLE, 'latin1').slice(BUILD_LINE.length, BUILD_LINE.length + BUILD_ID_LENGTH);
  const temporary = `${CODE_CACHE}.${process.pid}.tmp`;
  writeFileSync(temporary, Buffer.concat([Buffer.from(buildId, 'latin1'), script.createCachedData()]));
  renameSync(temporary, CODE_CACHE);
}

if (process.argv.includes('--train')) await train();
else await bundle();
