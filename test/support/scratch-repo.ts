/**
 * A git repository holding this work tree's files as they would be committed (tracked and
 * untracked-but-not-ignored files; no node_modules, no dist/), for tests that release, clone
 * or install the project the way users get it without touching the real repository.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './fixtures.js';

const IDENTITY = ['-c', 'user.name=iislint tests', '-c', 'user.email=tests@iislint.invalid'];

/** git in `cwd`, with a fixed identity; throws with git's stderr when it fails. */
export function git(cwd: string, args: readonly string[]): string {
  const result = spawnSync('git', [...IDENTITY, ...args], { cwd, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return result.stdout.trim();
}

/** Copy the work tree's files into `directory` (created) without committing them. */
export function copyWorkTree(directory: string): void {
  mkdirSync(directory, { recursive: true });
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: repoRoot, encoding: 'utf8' });
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  for (const file of listed.stdout.split('\0').filter(Boolean)) {
    if (existsSync(path.join(repoRoot, file))) cpSync(path.join(repoRoot, file), path.join(directory, file));
  }
}

/** A repository in `directory` with one commit of the work tree's files on branch main. */
export function scratchRepository(directory: string): string {
  copyWorkTree(directory);
  git(directory, ['init', '-q', '-b', 'main']);
  git(directory, ['add', '-A']);
  git(directory, ['commit', '-q', '-m', 'snapshot of the work tree']);
  return directory;
}

/** Run `node scripts/release-tag.mjs <version>` in `directory` with the given environment. */
export function runReleaseTag(directory: string, version: string | undefined, env: NodeJS.ProcessEnv = process.env): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [path.join(directory, 'scripts', 'release-tag.mjs'), ...(version === undefined ? [] : [version])], {
    cwd: directory,
    encoding: 'utf8',
    env: { ...env, GIT_AUTHOR_NAME: 'iislint tests', GIT_AUTHOR_EMAIL: 'tests@iislint.invalid', GIT_COMMITTER_NAME: 'iislint tests', GIT_COMMITTER_EMAIL: 'tests@iislint.invalid' },
  });
}
