/**
 * What `--fix` and `--fix-dry-run` do between the lint and the report, for the CLI: compute the
 * fixes, then write them (`--fix`) or turn them into a unified diff (`--fix-dry-run`). Lines for
 * stderr go through callbacks; the CLI decides where the diff and the report go.
 */
import type { LintRun } from '../engine/run.js';
import { computeFixes, fixDiff, writeFixedFiles, type FixOptions } from './fixer.js';
import type { WriterFs } from './write.js';

export type FixMode = 'fix' | 'dry-run';

export interface FixCommandOptions extends FixOptions {
  /** One line, without its `iislint: ` prefix and newline. */
  warn: (line: string) => void;
  verbose?: (line: string) => void;
  fs?: WriterFs;
}

export interface FixCommandResult {
  /** The run after fixing: what remains (for `--fix-dry-run`, what would remain). */
  run: LintRun;
  /** `--fix-dry-run` only: the unified diff of every change ('' when nothing would change). */
  diff: string | undefined;
  /** A file that should have been fixed was not (changed meanwhile, unwritable): exit code 2. */
  failed: boolean;
}

export function runFixCommand(run: LintRun, mode: FixMode, options: FixCommandOptions): FixCommandResult {
  const outcome = computeFixes(run, options);
  for (const warning of outcome.warnings) options.warn(warning);
  let failed = outcome.warnings.length > 0;
  const fixes = (count: number) => `${count} fix${count === 1 ? '' : 'es'}`;
  if (mode === 'dry-run') {
    for (const file of outcome.files) options.verbose?.(`would fix ${file.path} (${fixes(file.fixCount)})`);
    options.verbose?.(`${outcome.files.length} file(s) would change, in ${outcome.passes} pass(es)`);
    return { run: outcome.run, diff: fixDiff(outcome.files), failed };
  }
  const written = writeFixedFiles(outcome.files, options.fs ? { fs: options.fs } : {});
  for (const failure of written.failures) options.warn(failure);
  if (written.failures.length > 0) failed = true;
  for (const file of written.written) options.verbose?.(`fixed ${file.path} (${fixes(file.fixCount)})`);
  options.verbose?.(`${written.written.length} file(s) fixed in ${outcome.passes} pass(es)`);
  return { run: outcome.run, diff: undefined, failed };
}
