/**
 * "Nothing to lint": a folder or glob given on the command line that yielded no file to lint is
 * most likely a typing mistake or a wrong checkout, and a gate that passes on it passes nothing.
 * As ESLint does, it is an error of use (exit 2) unless `--no-error-on-unmatched-pattern`.
 * A file named literally that is not recognised is reported elsewhere (read-file.ts).
 */
import path from 'node:path';
import type { LintRun } from './run.js';

/** One line per path given that yielded nothing to lint, naming what was searched. */
export function nothingToLint(run: LintRun): string[] {
  const lines: string[] = [];
  const linted = new Set(run.files.filter((file) => file.kind !== 'skipped').map((file) => file.path));
  for (const input of run.inputs ?? []) {
    if (input.kind === 'file') continue;
    if (input.files.some((file) => linted.has(file))) continue;
    // A path with an unreadable file or folder was already reported, with exit 2.
    const root = input.kind === 'directory' ? input.shown : undefined;
    const inside = (shown: string) =>
      input.files.includes(shown) || (root !== undefined && (root === '.' || shown === root || shown.startsWith(`${root}${path.sep}`) || shown.startsWith(root.endsWith(path.sep) ? root : `${root}${path.sep}`)));
    if (run.unreadable.some((problem) => inside(problem.path))) continue;
    const count = input.files.length;
    const among = `no MetaBase.xml or registry export among the ${count === 1 ? 'file' : `${count} files`}`;
    const ignored = input.ignored > 0 ? `; ${input.ignored} more ${input.ignored === 1 ? 'is' : 'are'} ignored` : '';
    if (input.kind === 'glob') {
      lines.push(count === 0 ? `no files match ${input.given}${ignored}` : `nothing to lint in ${input.given}: ${among} it matches${ignored}`);
    } else {
      lines.push(count === 0 ? `nothing to lint in ${input.given}: it holds no files${ignored}` : `nothing to lint in ${input.given}: ${among} it holds${ignored}`);
    }
  }
  return lines;
}
