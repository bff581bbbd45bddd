/**
 * What iislint says about itself in reports (SARIF `tool.driver`), and where SARIF URIs are
 * rooted by default. The programmatic API needs both without loading the command line.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const TOOL_NAME = 'iislint';
export const INFORMATION_URI = 'https://github.com/iislint/iislint';

let cachedVersion: string | undefined;

/** The version in package.json: two levels up from both src/api/ and dist/api/. */
export function toolVersion(): string {
  if (cachedVersion === undefined) {
    const packageJson = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../package.json');
    cachedVersion = (JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version;
  }
  return cachedVersion;
}

export function toolInfo(): { name: string; version: string; informationUri: string } {
  return { name: TOOL_NAME, version: toolVersion(), informationUri: INFORMATION_URI };
}

/** The git root above `cwd` (a directory holding `.git`), else `cwd`: the CLI's default `--sarif-root`. */
export function defaultSarifRoot(cwd: string): string {
  for (let directory = path.resolve(cwd); ; directory = path.dirname(directory)) {
    if (existsSync(path.join(directory, '.git'))) return directory;
    if (path.dirname(directory) === directory) return path.resolve(cwd);
  }
}

/**
 * Where `cwd` sits below `root`, `/`-separated (`servers` for `<root>/servers`, '' at the root):
 * fingerprints and baseline entries use root-relative paths, whatever directory iislint runs from.
 */
export function rootPrefix(root: string, cwd: string): string {
  return path.relative(root, cwd).split(path.sep).join('/');
}
