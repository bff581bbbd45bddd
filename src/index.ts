/**
 * The iislint package: `import { lint, format, rules } from 'iislint'`.
 *
 * ```js
 * const results = await lint(['servers/'], { kernelSsl: 'auto', rules: { CFG005: 'off' } });
 * console.log(results.summary, results.failed);
 * process.stdout.write(await format(results, 'stylish'));
 * ```
 *
 * Everything returned is plain data. Nothing here prints, exits or writes files; the `iislint`
 * command (src/cli) is built on the same engine and gives the same findings.
 */
import { RULES } from './rules/index.js';
import type { RuleMeta } from './rules/types.js';
import { FORMAT_NAMES, type FormatName } from './report/types.js';
import { toolVersion } from './api/tool.js';

export { lint, lintText, type LintOptions, type LintTextOptions, type LintResults, type ServerSummary } from './api/lint.js';
export { format, type FormatOptions, type FormattableResults } from './api/format.js';
export { InputError } from './engine/discover.js';
export { ConfigError } from './cli/config.js';
export type { FailLevel } from './engine/gate.js';
export type { Finding, FindingEdit, FindingFile, FindingFix, FindingSuppression, RuleSetting } from './engine/lint.js';
export type { FileReport, UnreadableFile } from './engine/run.js';
export type { LevelCounts } from './report/index.js';
export type { FormatName, ToolNotification } from './report/types.js';
export type { KernelSslMode, Level, RuleMeta } from './rules/types.js';
export type { OsProfile } from './model/os-profiles.js';
export type { OsReason } from './model/server.js';
export type { NewlineStyle, Region, Span, TextEncoding } from './parse/text.js';

/** Every rule's metadata (id, name, descriptions, Markdown help, default level, tags, SARIF severity), in id order. Frozen copies. */
export const rules: readonly Readonly<RuleMeta>[] = Object.freeze(
  RULES.map(({ meta }) => Object.freeze({ ...meta, tags: Object.freeze([...meta.tags]) as string[] })),
);

/** The names `format` accepts. */
export const formats: readonly FormatName[] = Object.freeze([...FORMAT_NAMES]);

/** The package's version. */
export const version: string = toolVersion();
