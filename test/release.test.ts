/**
 * `npm run release-tag -- <version>` and what pre-commit does with the tag. pre-commit 4.x
 * installs a `language: node` hook with `npm install -g git+file://<its clone of rev>`, and
 * npm's git install runs `prepare` only, never `prepack`: the tag must carry dist/ itself.
 *
 * The end-to-end test (a release in a scratch repository, npm's git install of the tag, the
 * installed command on a server's files) builds and installs from the npm registry, so it is
 * slow: CI runs it with IISLINT_RELEASE_E2E=1 (.ci/run).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/cli.js';
import { repoRoot } from './support/fixtures.js';
import { git, runReleaseTag, scratchRepository } from './support/scratch-repo.js';

const version = (JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;

let scratchRoot: string;
beforeAll(() => {
  scratchRoot = mkdtempSync(path.join(tmpdir(), 'iislint-release-'));
});
// The end-to-end tests leave installed node_modules behind: removing them takes a while.
afterAll(() => rmSync(scratchRoot, { recursive: true, force: true }), 120_000);

describe('npm run release-tag', () => {
  it('is the package script', () => {
    const scripts = (JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts['release-tag']).toBe('node scripts/release-tag.mjs');
  });

  it('refuses, with one line and exit 2, a missing or malformed version, one package.json does not say, or a tag that exists', () => {
    // The script and package.json are all it reads before refusing.
    const repository = path.join(scratchRoot, 'refusals');
    for (const file of ['package.json', 'scripts/release-tag.mjs']) cpSync(path.join(repoRoot, file), path.join(repository, file));
    git(repository, ['init', '-q', '-b', 'main']);
    git(repository, ['add', '-A']);
    git(repository, ['commit', '-q', '-m', 'package.json and the script']);
    const head = git(repository, ['rev-parse', 'HEAD']);
    for (const [argument, message] of [
      [undefined, 'release-tag: usage: npm run release-tag -- <version>'],
      ['v1', 'release-tag: usage: npm run release-tag -- <version>'],
      ['99.0.0', `release-tag: package.json at HEAD says version ${version}, not 99.0.0: commit the version bump first`],
    ] as const) {
      const result = runReleaseTag(repository, argument);
      expect(result.status, result.stderr).toBe(2);
      expect(result.stderr.split('\n').filter(Boolean)).toHaveLength(1);
      expect(result.stderr).toContain(message);
    }
    git(repository, ['tag', `v${version}`]);
    const existing = runReleaseTag(repository, version);
    expect(existing.status).toBe(2);
    expect(existing.stderr).toBe(`release-tag: the tag v${version} exists already\n`);
    // Nothing was written: the tag still names HEAD, and no other ref appeared.
    expect(git(repository, ['rev-parse', `v${version}^{commit}`])).toBe(head);
    expect(git(repository, ['for-each-ref', '--format=%(refname)'])).toBe(`refs/heads/main\nrefs/tags/v${version}`);
  });

  const endToEnd = process.env['IISLINT_RELEASE_E2E'] === '1';
  it.runIf(endToEnd)(
    `tags HEAD plus dist/ off the branch, and npm's git install of the tag (pre-commit 4.x) runs${endToEnd ? '' : ' (skipped: set IISLINT_RELEASE_E2E=1; CI does)'}`,
    async () => {
      const repository = scratchRepository(path.join(scratchRoot, 'release'));
      symlinkSync(path.join(repoRoot, 'node_modules'), path.join(repository, 'node_modules'), 'dir');
      // A user's state the release must not touch: a staged change, an unstaged one, the branches.
      cpSync(path.join(repository, 'README.md'), path.join(repository, 'STAGED.md'));
      git(repository, ['add', 'STAGED.md']);
      const head = git(repository, ['rev-parse', 'HEAD']);
      const refsBefore = git(repository, ['for-each-ref', '--format=%(refname) %(objectname)']);
      const indexBefore = readFileSync(path.join(repository, '.git', 'index'));
      const statusBefore = git(repository, ['status', '--porcelain']);

      const release = runReleaseTag(repository, version);
      expect(release.status, release.stderr).toBe(0);
      expect(release.stdout).toContain(`created the local tag v${version}`);

      expect(git(repository, ['rev-parse', 'HEAD'])).toBe(head);
      expect(readFileSync(path.join(repository, '.git', 'index')).equals(indexBefore)).toBe(true);
      expect(git(repository, ['status', '--porcelain'])).toBe(statusBefore);
      expect(existsSync(path.join(repository, 'dist'))).toBe(false);
      expect(git(repository, ['for-each-ref', '--format=%(refname) %(objectname)', 'refs/heads'])).toBe(
        refsBefore.split('\n').filter((line) => line.startsWith('refs/heads/')).join('\n'),
      );
      // The tag: annotated, on a commit whose parent is HEAD and whose tree is HEAD's plus dist/.
      expect(git(repository, ['cat-file', '-t', `v${version}`])).toBe('tag');
      const release_commit = git(repository, ['rev-parse', `v${version}^{commit}`]);
      expect(git(repository, ['rev-parse', `${release_commit}^@`])).toBe(head);
      expect(git(repository, ['branch', '--contains', release_commit])).toBe('');
      const changed = git(repository, ['diff', '--name-status', head, release_commit]).split('\n');
      expect(changed.filter((line) => !/^A\tdist\/[\w/.-]+\.(js|d\.ts)$/.test(line))).toEqual(['A\tdist/engine/cli.bundle.cache', 'A\tdist/engine/cli.bundle.cjs']);
      expect(changed).toContain('A\tdist/cli/main.js');
      expect(changed).toContain('A\tdist/index.d.ts');

      // The documented last step makes the tag reachable from the branch without changing the
      // branch's files, so that `pre-commit autoupdate` (git describe FETCH_HEAD --tags
      // --abbrev=0 on the default branch) finds it.
      const tree = git(repository, ['rev-parse', 'HEAD^{tree}']);
      expect(spawnSync('git', ['describe', 'HEAD', '--tags', '--abbrev=0'], { cwd: repository }).status).not.toBe(0);
      git(repository, ['stash', '--quiet']);
      git(repository, ['merge', '-s', 'ours', '--no-edit', '--quiet', `v${version}`]);
      git(repository, ['stash', 'pop', '--quiet']);
      expect(git(repository, ['rev-parse', 'HEAD^{tree}'])).toBe(tree);
      expect(git(repository, ['describe', 'HEAD', '--tags', '--abbrev=0'])).toBe(`v${version}`);

      // pre-commit 4.x's install (pre_commit/languages/node.py, 4.6.2): npm's git install with
      // its flags, of the tag as written here, and of a store clone as pre-commit makes one
      // (pre_commit/store.py: a shallow fetch of the rev, checked out detached; no ref in the URL).
      const store = path.join(scratchRoot, 'store');
      git(scratchRoot, ['init', '-q', store]);
      git(store, ['remote', 'add', 'origin', repository]);
      git(store, ['-c', 'protocol.version=2', 'fetch', '-q', 'origin', `v${version}`, '--depth=1']);
      git(store, ['checkout', '-q', 'FETCH_HEAD']);
      const workspace = path.join(scratchRoot, 'user');
      cpSync(path.join(repoRoot, 'examples', 'web02-shop'), path.join(workspace, 'servers', 'web02-shop'), { recursive: true });
      const expected = await runCli(['--format', 'json', 'servers'], { cwd: workspace });
      for (const [name, url] of [
        ['tag', `git+file://${repository}#v${version}`],
        ['store', `git+file://${store}`],
      ] as const) {
        const prefix = path.join(scratchRoot, `prefix-${name}`);
        const install = spawnSync('npm', ['install', '--allow-git=root', '--install-links', '-g', '--prefix', prefix, '--no-audit', '--no-fund', url], {
          cwd: scratchRoot,
          encoding: 'utf8',
          env: { ...process.env, npm_config_update_notifier: 'false' },
        });
        expect(install.status, `${url}: ${install.stderr}`).toBe(0);

        // The installed command on a server's metabase and .reg: the findings, exit 1, the same
        // report as this work tree's CLI gives.
        const installed = spawnSync(path.join(prefix, 'bin', 'iislint'), ['--format', 'json', 'servers'], { cwd: workspace, encoding: 'utf8' });
        expect(installed.stderr, url).toBe('');
        expect(installed.status, url).toBe(1);
        expect(installed.stdout, url).toBe(expected.stdout);
        expect(installed.stdout).toContain('"rule": "KSSL001"');
        expect(installed.stdout).toContain('servers/web02-shop/http-parameters.reg');
        const printed = spawnSync(path.join(prefix, 'bin', 'iislint'), ['--version'], { encoding: 'utf8' });
        expect(printed.stdout.trim(), url).toBe(version);
      }
    },
    600_000,
  );
});
