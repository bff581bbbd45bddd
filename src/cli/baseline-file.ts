/**
 * --baseline, --write-baseline, --prune-baseline: read and write the baseline file and split a
 * run's findings into new (reported) and baselined (counted, and kept in SARIF as `unchanged`).
 * The comparison itself is src/engine/baseline.ts.
 *
 * - `--write-baseline FILE` records every finding of the run that is not suppressed (whatever
 *   --quiet hides); those findings are then baselined for this run, so it passes.
 * - `--baseline FILE` reports only findings it does not hold. Entries that no finding matches
 *   any more, of files this run linted or that no longer exist, are counted on stderr (listed
 *   with --verbose); `--prune-baseline` rewrites FILE without them.
 * - Both: the report compares with `--baseline`, and `--write-baseline` records the run.
 * A baseline file that is missing or not a baseline stops the run (exit 2, one line).
 */
import { existsSync } from 'node:fs';
import { writeOutput } from './write-output.js';
import path from 'node:path';
import {
  compareWithBaseline,
  createBaseline,
  markBaselineState,
  parseBaseline,
  pruneBaseline,
  serializeBaseline,
  BaselineFormatError,
  type Baseline,
} from '../engine/baseline.js';
import { InputError } from '../engine/discover.js';
import { BASELINE_FILE_LIMIT, FileTooLargeError, readInputFile } from '../engine/read-file.js';
import { fingerprintPath, type Finding } from '../engine/lint.js';
import type { LintRun } from '../engine/run.js';
import { ConfigError } from './config.js';
import type { LintCliOptions } from './settings.js';
import { rootPrefix } from '../api/tool.js';

export interface BaselineOutcome {
  /** Findings to report: all of them without a baseline, else the new ones (`baselineState: 'new'`). */
  reported: Finding[];
  /** Findings the baseline holds (`baselineState: 'unchanged'`). */
  baselined: Finding[];
  /** The run's suppressed findings, marked new or unchanged when a baseline applies. */
  suppressed: Finding[];
}

export interface BaselineContext {
  cwd: string;
  /** The repository root (the SARIF root): baseline entries name files relative to it. */
  root: string;
  tool: { name: string; version: string };
  /** One line on stderr (without the `iislint: ` prefix). */
  warn: (line: string) => void;
  verbose: ((line: string) => void) | undefined;
}

type BaselineCliOptions = Pick<LintCliOptions, 'baseline' | 'writeBaseline' | 'pruneBaseline'>;

/** Option combinations that make no sense: checked before any file is read. */
export function checkBaselineOptions(options: BaselineCliOptions): void {
  if (options.pruneBaseline && options.baseline === undefined) {
    throw new ConfigError('--prune-baseline rewrites the --baseline file: give --baseline FILE too');
  }
  if (options.pruneBaseline && options.writeBaseline !== undefined) {
    throw new ConfigError('--prune-baseline and --write-baseline both rewrite a baseline: use one');
  }
}

export function applyBaselineOptions(run: LintRun, options: BaselineCliOptions, context: BaselineContext): BaselineOutcome {
  const suppressed = run.suppressed;
  if (options.baseline === undefined && options.writeBaseline === undefined) {
    return { reported: run.findings, baselined: [], suppressed };
  }
  const given = options.baseline !== undefined ? readBaseline(path.resolve(context.cwd, options.baseline), options.baseline) : undefined;
  let written: Baseline | undefined;
  if (options.writeBaseline !== undefined) {
    written = createBaseline(run.findings, context.tool, rootPrefix(context.root, context.cwd));
    writeBaselineFile(path.resolve(context.cwd, options.writeBaseline), written);
    context.verbose?.(`wrote ${countOf(written.entries.length, 'entry', 'entries')} to ${options.writeBaseline}`);
  }
  const baseline = (given ?? written)!;
  // An entry can be stale when its file was linted, or no longer exists (deleted or renamed).
  const linted = new Set(run.files.map((file) => fingerprintPath(file.path, rootPrefix(context.root, context.cwd))));
  const inScope = (file: string) => linted.has(file) || !existsSync(path.resolve(context.root, file));
  const comparison = compareWithBaseline(run.findings, baseline, inScope);

  if (given && options.baseline !== undefined && comparison.stale.length > 0) {
    for (const entry of comparison.stale) context.verbose?.(`no longer occurs: ${entry.file} ${entry.rule} ${entry.message}`);
    const what = countOf(comparison.stale.length, 'entry', 'entries');
    if (options.pruneBaseline) {
      writeBaselineFile(path.resolve(context.cwd, options.baseline), pruneBaseline(given, comparison.stale));
      context.warn(`removed ${what} that no longer occur from ${options.baseline}`);
    } else {
      context.warn(`${what} of ${options.baseline} no longer occur${comparison.stale.length === 1 ? 's' : ''} (--prune-baseline removes them)`);
    }
  }
  return { reported: comparison.fresh, baselined: comparison.known, suppressed: markBaselineState(suppressed, baseline) };
}

function readBaseline(absolute: string, shown: string): Baseline {
  let text: string;
  try {
    text = new TextDecoder().decode(readInputFile(absolute, { maxFileSize: BASELINE_FILE_LIMIT, limitName: 'the limit for a baseline' }));
  } catch (error) {
    if (error instanceof FileTooLargeError) throw new InputError(`${shown}: cannot read the baseline (${error.message})`);
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(`${shown}: cannot read the baseline (${code === 'ENOENT' ? 'no such file; create it with --write-baseline' : (code ?? String(error))})`);
  }
  try {
    return parseBaseline(text);
  } catch (error) {
    if (error instanceof BaselineFormatError) throw new InputError(`${shown}: not a usable iislint baseline: ${error.message}`);
    throw error;
  }
}

/** Written whole or not at all, or straight through to a device or FIFO (src/cli/write-output.ts). */
function writeBaselineFile(target: string, baseline: Baseline): void {
  writeOutput(target, serializeBaseline(baseline));
}


function countOf(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}
