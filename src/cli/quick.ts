/**
 * The commands that need neither the engine nor the reporters, answered before the command line
 * program (src/cli/main.ts) and everything it imports is loaded: `--version` and `rules`. Start-up
 * is most of the time of these commands (issue 16). Anything else, or any other option with
 * them, goes to main, which gives the same output for these too.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { toolVersion } from '../api/tool.js';
import { RULES } from '../rules/index.js';
import { benchmarkList } from '../rules/presets.js';

/** `iislint rules`' table: id, default level, name, short description, benchmark items and the preset of a cis-only rule. */
export function rulesTable(): string {
  const rows = RULES.map(({ meta }) => {
    const benchmarks = benchmarkList(meta);
    return [meta.id, meta.defaultLevel, meta.name, `${meta.shortDescription}${benchmarks ? ` [${benchmarks}]` : ''}${meta.cisOnly ? ' (iislint:cis only)' : ''}`];
  });
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column]!.length)));
  return `${rows.map((row) => row.map((cell, column) => (column < 3 ? cell.padEnd(widths[column]!) : cell)).join('  ')).join('\n')}\n`;
}

export function rulesJson(): string {
  return `${JSON.stringify(
    RULES.map((rule) => rule.meta),
    null,
    2,
  )}\n`;
}

/** The output of a command answered here, or undefined when main must run. */
export function quickCommand(argv: readonly string[], cwd: string = process.cwd()): string | undefined {
  const [first, ...rest] = argv;
  if (argv.length === 1 && (first === '--version' || first === '-v' || first === '-V')) return `${toolVersion()}\n`;
  if (first !== 'rules') return undefined;
  // Beside a folder named rules, main adds a note on how to lint the folder (`iislint ./rules`).
  if (statSync(path.join(cwd, 'rules'), { throwIfNoEntry: false })?.isDirectory()) return undefined;
  const format = rest.length === 0 ? 'table' : rest.length === 2 && (rest[0] === '-f' || rest[0] === '--format') ? rest[1] : undefined;
  if (format === 'table') return rulesTable();
  if (format === 'json') return rulesJson();
  return undefined;
}
