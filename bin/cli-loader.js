// How bin/iislint.js starts (issue 16): most of a small run's time is Node loading and compiling
// modules, so the command line program is loaded as ONE file, dist/engine/cli.bundle.cjs
// (scripts/bundle.mjs), compiled with the V8 code cache written beside it at build time. When the
// bundle is missing (a build without the bundler) or, in a work tree, older than the compiled
// modules (a bare `tsc`), the modules in dist/ are loaded as before. A cache V8 rejects (another
// Node version) only costs a normal compile.
//
// CommonJS, as bin/package.json says: an ES module entry point costs every start Node's ES module
// loader (~5 ms CPU), and --version should cost no more than `node -e 0`.
'use strict';
const { readFileSync, statSync } = require('node:fs');
const { createRequire } = require('node:module');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const vm = require('node:vm');

// In dist/engine/ because the bundled code finds files relative to itself as its module did:
// package.json two folders up (src/api/tool.ts) and the worker beside it (src/engine/parallel.ts).
const BUNDLE = path.join(__dirname, '..', 'dist', 'engine', 'cli.bundle.cjs');
const CODE_CACHE = path.join(__dirname, '..', 'dist', 'engine', 'cli.bundle.cache');
const MODULES = path.join(__dirname, '..', 'dist', 'cli', 'main.js');
/** The bundle's first line names its build; the cache starts with the same name (scripts/bundle.mjs). */
const BUILD_LINE = '// iislint bundle ';
const BUILD_ID_LENGTH = 16;

/**
 * `iislint --version` (or -v, -V) as the only argument: the version in package.json, read with
 * nothing else loaded. Anything else: undefined (main answers, with the same text).
 */
function versionCommand(args) {
  if (args.length !== 1 || !['--version', '-v', '-V'].includes(args[0])) return undefined;
  return `${JSON.parse(readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')).version}\n`;
}

/**
 * The command line program: `main` and `quickCommand` of src/cli/main.ts. `script` is the
 * compiled bundle (undefined when the modules were loaded), for scripts/bundle.mjs to write its cache.
 */
async function loadCli({ useCache = true } = {}) {
  const bundle = statSync(BUNDLE, { throwIfNoEntry: false });
  if (!bundle || staleInWorkTree(bundle)) {
    // As modules, `rules` loads src/cli/quick.ts's graph only, not the engine.
    const { quickCommand } = await import(pathToFileURL(path.join(__dirname, '..', 'dist', 'cli', 'quick.js')).href);
    return { quickCommand, main: async (...args) => (await import(pathToFileURL(MODULES).href)).main(...args), script: undefined };
  }
  const source = readFileSync(BUNDLE, 'utf8');
  const cachedData = useCache ? codeCacheFor(source) : undefined;
  // CommonJS's own wrapper: the bundle is a CommonJS module.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: BUNDLE,
    ...(cachedData ? { cachedData } : {}),
  });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(BUNDLE), module, BUNDLE, path.dirname(BUNDLE));
  return { ...module.exports, script };
}

/**
 * In a work tree (src/ beside dist/), a bare `tsc` after the build leaves the bundle older than the
 * modules: they run then, never old code. An installed package has no src/, and its files' times
 * are the order npm unpacked them in: there the bundle always runs.
 */
function staleInWorkTree(bundle) {
  if (!statSync(path.join(__dirname, '..', 'src'), { throwIfNoEntry: false })?.isDirectory()) return false;
  const modules = statSync(MODULES, { throwIfNoEntry: false });
  return modules !== undefined && modules.mtimeMs > bundle.mtimeMs;
}

/** The cache written for this very bundle, or undefined. */
function codeCacheFor(source) {
  if (!source.startsWith(BUILD_LINE)) return undefined;
  const buildId = source.slice(BUILD_LINE.length, BUILD_LINE.length + BUILD_ID_LENGTH);
  let cache;
  try {
    cache = readFileSync(CODE_CACHE);
  } catch {
    return undefined;
  }
  return cache.toString('latin1', 0, BUILD_ID_LENGTH) === buildId ? cache.subarray(BUILD_ID_LENGTH) : undefined;
}

module.exports = { BUILD_ID_LENGTH, BUILD_LINE, BUNDLE, CODE_CACHE, loadCli, versionCommand };
