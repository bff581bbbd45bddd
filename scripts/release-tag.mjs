#!/usr/bin/env node
// Creates the local tag v<version> on a release commit: HEAD's tree plus the built dist/, so
// that installing the tag straight from git works. pre-commit installs a node hook with
// `npm install -g git+file://<its clone>`, and npm's git install runs only a `prepare` script,
// never `prepack`: a tree without dist/ installs a command that cannot start.
//
// The release commit's parent is HEAD, but no branch points at it: only the tag does. Built
// from an export of HEAD in a temporary directory and written with git plumbing through a
// temporary index, so the user's working tree, index and branches are never touched.
//
// Usage: npm run release-tag -- <version>   (the version in package.json at HEAD)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

class UsageError extends Error {}

/** Run git in the repository; its stdout, trimmed. `env` adds variables (the temporary index). */
function git(args, { env = {}, input } = {}) {
  try {
    return execFileSync('git', args, {
      encoding: 'utf8',
      env: { ...process.env, ...env },
      input,
      stdio: ['pipe', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    }).trim();
  } catch (error) {
    const message = String(error.stderr ?? '').trim().split('\n').pop() || error.message;
    throw new UsageError(`git ${args[0]} failed: ${message}`);
  }
}

/** Every file under `directory`, relative to it, with '/' separators, sorted. */
function filesUnder(directory, prefix = '') {
  return readdirSync(directory, { withFileTypes: true })
    .flatMap((entry) => {
      const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
      return entry.isDirectory() ? filesUnder(path.join(directory, entry.name), relative) : [relative];
    })
    .sort();
}

function releaseTag(version) {
  if (!/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/.test(version ?? '')) {
    throw new UsageError('usage: npm run release-tag -- <version>   (e.g. 0.1.0, the version in package.json)');
  }
  const root = git(['rev-parse', '--show-toplevel']);
  const head = git(['rev-parse', '--verify', 'HEAD^{commit}']);
  // The version a user's `iislint --version` prints comes from package.json: the tag must agree.
  const manifestVersion = JSON.parse(git(['show', `${head}:package.json`])).version;
  if (manifestVersion !== version) {
    throw new UsageError(`package.json at HEAD says version ${manifestVersion}, not ${version}: commit the version bump first`);
  }
  const tag = `v${version}`;
  if (git(['tag', '--list', tag]) !== '') throw new UsageError(`the tag ${tag} exists already`);
  const compiler = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  if (!existsSync(compiler)) throw new UsageError('node_modules/typescript is missing: run npm ci first');
  if (git(['status', '--porcelain', '--untracked-files=no']) !== '') {
    console.error('release-tag: note: uncommitted changes are not in the release; it is built from HEAD');
  }

  const work = mkdtempSync(path.join(tmpdir(), 'iislint-release-'));
  try {
    const index = { GIT_INDEX_FILE: path.join(work, 'index') };
    const tree = path.join(work, 'tree');
    // HEAD's files, exactly as committed, into the temporary index and an export directory.
    git(['read-tree', head], { env: index });
    git(['checkout-index', '--all', `--prefix=${tree}/`], { env: index });
    // A junction on Windows needs no privilege; elsewhere the type is ignored.
    symlinkSync(path.join(root, 'node_modules'), path.join(tree, 'node_modules'), 'junction');
    try {
      execFileSync(process.execPath, [compiler, '-p', 'tsconfig.build.json'], { cwd: tree, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
    } catch (error) {
      throw new UsageError(`the build failed: ${String(error.stdout ?? '').trim().split('\n')[0] ?? error.message}`);
    }
    // The one-file bundle and its code cache, as npm run build writes them: the command starts from them.
    const bundled = spawnSync(process.execPath, [path.join(tree, 'scripts', 'bundle.mjs')], { cwd: tree, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
    if (bundled.status !== 0) throw new UsageError(`the bundle failed: ${String(bundled.stderr ?? '').trim().split('\n').pop() || `exit ${bundled.status}`}`);
    // Source maps stay out, as package.json's `files` keeps them out of the npm tarball.
    const built = filesUnder(path.join(tree, 'dist')).filter((file) => !file.endsWith('.map'));
    for (const required of ['cli/main.js', 'engine/cli.bundle.cjs', 'engine/cli.bundle.cache']) {
      if (!built.includes(required)) throw new UsageError(`the build wrote no dist/${required}${required.startsWith('engine/cli.bundle') ? ` (${String(bundled.stderr ?? '').trim() || 'no note'})` : ''}`);
    }
    const blobs = git(['hash-object', '-w', '--stdin-paths'], { input: built.map((file) => path.join(tree, 'dist', file)).join('\n') + '\n' }).split('\n');
    const entries = built.map((file, at) => `100644 ${blobs[at]}\tdist/${file}`).join('\n') + '\n';
    git(['update-index', '--add', '--index-info'], { env: index, input: entries });
    const releaseTree = git(['write-tree'], { env: index });
    const commit = git(['commit-tree', releaseTree, '-p', head, '-m', `Release ${tag}: ${head.slice(0, 12)} plus the built dist/\n\nBuilt by npm run release-tag so that installing the tag from git (as\npre-commit does) needs no build.`]);
    git(['tag', '--annotate', '--message', `iislint ${version}`, tag, commit]);
    console.log(`release-tag: created the local tag ${tag} (commit ${commit.slice(0, 12)}: HEAD plus ${built.length} files of dist/)`);
    // pre-commit autoupdate takes the newest tag reachable from the default branch.
    console.log(`release-tag: then, on main: git merge -s ours --no-edit ${tag} && git push origin main ${tag}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

try {
  releaseTag(process.argv[2]);
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(`release-tag: ${error.message}`);
  process.exit(2);
}
