/**
 * The iislint command: the only place that touches argv, stdout/stderr, files written by
 * the user's request, and exit codes. 0 = clean enough, 1 = findings at or above the fail
 * level (or too many warnings), 2 = could not do what was asked.
 */
import { appendFileSync, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { InputError } from '../engine/discover.js';
import { GlobError } from '../engine/glob.js';
import { nothingToLint } from '../engine/inputs.js';
import { formatByteSize } from '../engine/read-file.js';
import type { Finding } from '../engine/lint.js';
import { lintFileGroups, lintPaths, type LintRun } from '../engine/run.js';
import { OS_PROFILES } from '../model/os-profiles.js';
import { RULES, ruleById } from '../rules/index.js';
import { FORMAT_NAMES, type FormatName, type ReportInput, type ToolNotification } from '../report/types.js';
import { ConfigError, KERNEL_SSL_MODES } from './config.js';
import { FAIL_LEVELS, gateVerdict } from '../engine/gate.js';
import { defaultSarifRoot, INFORMATION_URI, rootPrefix, TOOL_NAME, toolVersion } from '../api/tool.js';
import { pathMatcher, printableConfig, resolveSettings, type LintCliOptions } from './settings.js';
import { localDate } from '../engine/suppressions.js';
import { applyBaselineOptions, checkBaselineOptions } from './baseline-file.js';
import { expiryNotices } from './suppression-config.js';
import { lintPathsConcurrently } from '../engine/parallel.js';
import { resolveRunOptions } from './run-options.js';
import { rulesJson, rulesTable } from './quick.js';
// bin/iislint.js loads this module (or its bundle) and asks quickCommand first: one load, not two.
export { quickCommand } from './quick.js';
import { fileNotifications } from '../report/notifications.js';
import { runRuleMetadata } from '../engine/rule-metadata.js';
import { escapeStderrLine } from '../report/escape.js';
import { writeOutput, writeToStream, type OutputContent } from './write-output.js';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdoutIsTty: boolean;
  /** Standard input, whole; reading may stop once more than `maxBytes` arrived (main refuses it then). */
  readStdin: (maxBytes: number) => Promise<Uint8Array>;
  /** Today as YYYY-MM-DD, for config suppressions' `expires` (tests fix it); default: the local date. */
  today?: string;
  /** Set by `main`: stderr for report text, which escapes input text itself (see escapeStderrLine). */
  reportStderr?: (text: string) => void;
}


/** Run the command; resolves to the exit code. Never throws. */
export async function main(argv: readonly string[], rawIo: CliIo): Promise<number> {
  // Every `iislint: …` line shows input text (paths, values) escaped, so it stays one line.
  const io: CliIo = { ...rawIo, stderr: (text) => rawIo.stderr(escapeStderrLine(text)), reportStderr: rawIo.stderr };
  const debug = argv.includes('--debug');
  let exitCode = 0;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(argv as string[], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with exit code 0; usage errors were already printed as one line.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof InputError || error instanceof ConfigError || error instanceof UsageError || error instanceof GlobError) {
      io.stderr(`iislint: ${error.message}\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`iislint: internal error: ${message}${debug ? '' : ' (run with --debug for the stack trace)'}\n`);
    if (debug && error instanceof Error && error.stack) rawIo.stderr(`${error.stack}\n`);
    return 2;
  }
}

class UsageError extends Error {
  override readonly name = 'UsageError';
}

function buildProgram(io: CliIo, setExitCode: (code: number) => void): Command {
  const program = new Command(TOOL_NAME)
    .description('Lint IIS 6 MetaBase.xml and SChannel/http.sys registry exports for what breaks under kernel-mode SSL')
    // ESLint's -v; -V (commander's default, kept hidden) still works.
    .version(toolVersion(), '-v, --version')
    .addOption(new Option('-V').hideHelp())
    .helpCommand('help [command]', 'show help for the command or a subcommand')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout(text),
      writeErr: (text) => io.stderr(text),
      // One line, no usage dump: "iislint: error: unknown option '--x'".
      outputError: (text, write) => write(`iislint: ${text.trim().replace(/^error: /, '')}\n`),
    })
    .enablePositionalOptions()
    .showSuggestionAfterError(true)
    .allowExcessArguments(false);

  program
    .argument('[paths...]', 'files and directories to lint (directories are searched recursively)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMAT_NAMES).default('stylish'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .addOption(new Option('--output-file <file>', 'alias of --output (ESLint\'s name)').hideHelp())
    .option('--sarif-file <file>', 'also write SARIF to this file (one run serves a human and code scanning)')
    .option('--category <id>', 'SARIF automationDetails.id (one per analysis uploaded to code scanning)')
    .option('--sarif-root <dir>', 'directory SARIF URIs are relative to (default: the git root above the cwd, else the cwd)')
    .addOption(new Option('--fail-level <level>', 'lowest level that fails the run (default: error)').choices(FAIL_LEVELS))
    .option('--max-warnings <n>', 'fail when there are more than n warnings')
    .option('--quiet', 'report errors only (warnings and notes are neither shown nor counted)')
    .addOption(new Option('--kernel-ssl <mode>', 'kernel-mode SSL context (default: auto)').choices(KERNEL_SSL_MODES))
    .addOption(new Option('--os <profile>', 'target Windows version (default: auto)').choices(['auto', ...OS_PROFILES]))
    .option('--preset <name>', 'rule preset: recommended (default), kernel-ssl or cis; `iislint:` prefix optional')
    .option('--rule <id:level>', 'set a rule to error|warning|note|off (repeatable)', collect, [])
    .option('-c, --config <file>', 'use this config file instead of searching for one')
    .option('--no-config', 'use no config file')
    .option('--ignore-pattern <glob>', 'ignore files matching the glob (repeatable)', collect, [])
    .option('--report-unused-directives', 'report inline directives and config suppressions that suppress nothing (CFG006)')
    .option('--require-reason', 'an inline disable directive without `-- reason` is a finding and suppresses nothing')
    .option('--include-suppressed', 'write suppressed findings to SARIF, marked with their suppressions')
    .option('--baseline <file>', 'report only findings that this baseline file does not hold')
    .option('--write-baseline <file>', 'record the current findings in a baseline file')
    .option('--prune-baseline', 'remove the entries that no longer occur from the --baseline file')
    .option('--stdin', 'lint the text on standard input')
    .option('--stdin-filename <name>', 'the file name to report for --stdin')
    // Not with --baseline: a baselined finding is accepted as it is, and would be fixed all the same.
    .addOption(new Option('--fix', 'apply the safe fixes to the files, then report what remains').conflicts(['stdin', 'fixDryRun', 'baseline']))
    .addOption(new Option('--fix-dry-run', 'show the safe fixes as a unified diff; change no file').conflicts(['stdin', 'baseline']))
    .option('--color', 'force colour')
    .option('--no-color', 'no colour')
    .option('--verbose', 'say on stderr which files were recognised or skipped, servers formed, and timings')
    .option('--print-config <path>', 'print the configuration that applies to a file, then exit')
    .option('--debug', 'print stack traces of internal errors')
    .option('--concurrency <auto|N>', 'lint servers on N threads, this one and N-1 workers; 1 = this thread only (default: auto)')
    .option('--max-file-size <size>', 'skip and report files larger than this, e.g. 256MB, 10k (default: 256MB)')
    .option('--no-error-on-unmatched-pattern', 'a folder or glob with nothing to lint is not an error (exit 2 otherwise)')
    .option('--server-per-file', 'each file named on the command line is a server of its own (default: its folder\'s server)')
    .option('--xml-cross-check', 'also parse each metabase with fast-xml-parser; a disagreement is an internal error (exit 2)')
    .action(async (paths: string[], options: LintCliOptions & { outputFile?: string }) => {
      const { outputFile, ...rest } = options;
      setExitCode(await lintCommand(paths, { ...rest, output: rest.output ?? outputFile }, io));
    });
  program.on('option:V', () => {
    io.stdout(`${toolVersion()}\n`);
    throw new CommanderError(0, 'commander.version', toolVersion());
  });
  noteCommandShadowsFolder(program, io);

  program
    .command('rules')
    .description('list every rule')
    .addOption(new Option('-f, --format <format>', 'table or json').choices(['table', 'json']).default('table'))
    .action((options: { format: 'table' | 'json' }) => {
      io.stdout(options.format === 'json' ? rulesJson() : rulesTable());
    });

  program
    .command('explain')
    .description("print a rule's documentation")
    .argument('<id>', 'rule id, e.g. KSSL001')
    .action(async (id: string) => {
      const rule = ruleById(id) ?? RULES.find((candidate) => candidate.meta.name === id);
      if (!rule) throw new UsageError(`unknown rule "${id}" (run \`iislint rules\` for the list)`);
      const { renderRulePage } = await import('../rules/docs.js');
      io.stdout(renderRulePage(rule.meta).replace(/^<!--.*-->\n/, ''));
    });

  program
    .command('remediate')
    .description('write a .reg file that disables every RC2 cipher and PCT 1.0 enabled on the linted servers')
    .argument('[paths...]', 'files and directories to read (as for linting)')
    .option('-o, --output <file>', 'the .reg file to write (UTF-16LE with BOM, as regedit writes; required)')
    .addOption(new Option('--os <profile>', 'target Windows version (default: auto)').choices(['auto', ...OS_PROFILES]))
    .option('-c, --config <file>', 'use this config file instead of searching for one')
    .option('--no-config', 'use no config file')
    .option('--ignore-pattern <glob>', 'ignore files matching the glob (repeatable)', collect, [])
    .action(async (paths: string[], options: Pick<LintCliOptions, 'output' | 'os' | 'config' | 'ignorePattern'>) => {
      setExitCode(await remediateCommand(paths, options, io));
    });

  return program;
}

/** `iislint remediate`: the servers' models in, one regedit file out (see src/fix/remediate.ts). */
async function remediateCommand(paths: string[], options: Pick<LintCliOptions, 'output' | 'os' | 'config' | 'ignorePattern'>, io: CliIo): Promise<number> {
  // The file is UTF-16LE, not text for a terminal: it is only ever written to a named file.
  if (!options.output || options.output === '-') throw new UsageError('remediate writes a UTF-16LE .reg file: name it with -o FILE.reg');
  const settings = resolveSettings({ format: 'stylish', rule: [], ...options }, io.cwd);
  const isIgnored = pathMatcher(settings.ignoreGlobs);
  const run = lintPaths(paths.length > 0 ? paths : ['.'], { ...settings.lintOptions, cwd: io.cwd, ...(isIgnored ? { isIgnored } : {}) });
  for (const unreadable of run.unreadable) io.stderr(`iislint: ${unreadable.path}: ${unreadable.reason}\n`);
  // An incomplete picture would give an incomplete file: write nothing.
  if (run.unreadable.length > 0) return 2;
  const { buildRemediation } = await import('../fix/remediate.js');
  const remediation = buildRemediation(run.servers, { name: TOOL_NAME, version: toolVersion() });
  writeOutput(path.resolve(io.cwd, options.output), remediation.bytes);
  if (remediation.keys.length === 0) {
    io.stderr(`iislint: nothing to remediate: no RC2 cipher or PCT 1.0 is enabled on ${plural(run.servers.length, 'linted server')}; ${options.output} holds only the header\n`);
  }
  return 0;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

async function lintCommand(paths: string[], options: LintCliOptions, io: CliIo): Promise<number> {
  const started = process.hrtime.bigint();
  const today = io.today ?? localDate();
  const settings = resolveSettings(options, io.cwd, today);
  // Fingerprints and baselines use paths relative to the SARIF root (the repository), not the cwd.
  const sarifRoot = options.sarifRoot ? path.resolve(io.cwd, options.sarifRoot) : defaultSarifRoot(io.cwd);
  settings.lintOptions.fingerprintPrefix = rootPrefix(sarifRoot, io.cwd);
  checkBaselineOptions(options);
  const verbose = options.verbose ? (line: string) => io.stderr(`iislint: ${line}\n`) : undefined;
  if (settings.config) verbose?.(`config ${path.relative(io.cwd, settings.config.path) || settings.config.path}`);
  // A config file from a parent folder changes what is reported: never silently.
  if (settings.configFromAbove && !options.verbose) io.stderr(`iislint: using the config file ${path.relative(io.cwd, settings.config!.path)} (found above the working directory)\n`);

  const isIgnored = pathMatcher(settings.ignoreGlobs);
  const serverMatchers = Object.entries(settings.servers).map(([name, globs]) => ({
    name,
    matches: pathMatcher([{ patterns: globs, base: settings.config!.directory }])!,
  }));
  const serverOf = serverMatchers.length > 0 ? (file: string) => serverMatchers.find(({ matches }) => matches(file))?.name : undefined;

  if (options.printConfig !== undefined) {
    const target = path.resolve(io.cwd, options.printConfig);
    io.stdout(`${JSON.stringify(printableConfig(settings, target, isIgnored, serverOf), null, 2)}\n`);
    return 0;
  }

  const notifications: ToolNotification[] = [];
  for (const notice of expiryNotices(settings.lintOptions.configSuppressions ?? [], today)) {
    io.stderr(`iislint: warning: ${notice.message}\n`);
    notifications.push(notice);
  }
  const runOptions = resolveRunOptions(options);
  for (const note of runOptions.notes) io.stderr(`iislint: note: ${note}\n`);
  let run: LintRun;
  if (options.stdin) {
    if (paths.length > 0) throw new UsageError('--stdin lints standard input only: give no paths with it');
    const name = options.stdinFilename ?? '<stdin>';
    const bytes = await io.readStdin(runOptions.maxFileSize);
    if (bytes.length > runOptions.maxFileSize) {
      // Reading stopped there: the full size is not known.
      throw new InputError(`${name}: over the --max-file-size limit of ${formatByteSize(runOptions.maxFileSize)}: not read`);
    }
    run = lintFileGroups([{ name, files: [{ path: name, bytes }] }], settings.lintOptions);
  } else {
    if (options.stdinFilename !== undefined) throw new UsageError('--stdin-filename goes with --stdin');
    // --fix needs the servers' models in this thread: it lints there.
    run = await lintPathsConcurrently(
      paths.length > 0 ? paths : ['.'],
      {
        ...settings.lintOptions,
        cwd: io.cwd,
        onSkip: (skipped, reason) => verbose?.(`skipped ${skipped}: ${reason}`),
        ...(isIgnored ? { isIgnored } : {}),
        ...(serverOf ? { serverOf } : {}),
        serverPerFile: options.serverPerFile ?? false,
        maxFileSize: runOptions.maxFileSize,
      },
      options.fix || options.fixDryRun ? { concurrency: 1 } : { concurrency: runOptions.concurrency, keepModels: false },
    );
  }

  for (const file of run.files) {
    if (file.kind === 'skipped') verbose?.(`skipped ${file.path}: ${file.skipReason}`);
    else if (file.kind === 'iis-config') verbose?.(`read ${file.path} as IIS 7+ configuration (server ${file.server})${file.detail ? `: ${file.detail}` : ''}`);
    else verbose?.(`read ${file.path} as ${file.kind === 'metabase' ? 'an IIS 6 metabase' : 'a registry export'} (server ${file.server})`);
  }
  for (const unreadable of run.unreadable) io.stderr(`iislint: ${unreadable.path}: ${unreadable.reason}\n`);
  for (const notification of fileNotifications(run)) notifications.push(notification);
  for (const server of run.lintedServers ?? run.servers) {
    verbose?.(`server ${server.name}: target OS ${server.os ?? 'unknown'} (${server.osReason}: ${server.osDetail})`);
    for (const note of server.notes) verbose?.(`server ${server.name}: ${note}`);
  }
  const unmatched = nothingToLint(run);
  for (const line of unmatched) {
    if (options.errorOnUnmatchedPattern === false) verbose?.(`${line} (allowed by --no-error-on-unmatched-pattern)`);
    else io.stderr(`iislint: ${line} (--no-error-on-unmatched-pattern allows this)\n`);
  }

  // What the report shows is also what --fix may fix (ESLint: --quiet --fix fixes errors only).
  const shown = (lintRun: LintRun): Finding[] =>
    options.quiet ? lintRun.findings.filter((finding) => finding.level === 'error') : lintRun.findings;
  let fixed: { diff: string | undefined; failed: boolean } | undefined;
  if (options.fix || options.fixDryRun) {
    const { runFixCommand } = await import('../fix/command.js');
    const warn = (line: string) => io.stderr(`iislint: ${line}\n`);
    ({ run, ...fixed } = runFixCommand(run, options.fix ? 'fix' : 'dry-run', {
      cwd: io.cwd,
      lintOptions: settings.lintOptions,
      select: shown,
      warn,
      ...(verbose ? { verbose } : {}),
    }));
  }

  const tool = { name: TOOL_NAME, version: toolVersion() };
  const triage = applyBaselineOptions(run, options, { cwd: io.cwd, root: sarifRoot, tool, warn: (line) => io.stderr(`iislint: ${line}\n`), verbose });
  const findings = shown({ ...run, findings: triage.reported });
  // Suppressed and baselined findings leave the console and the gate; SARIF keeps them, marked.
  const errorsOnly = (list: readonly Finding[]) => (options.quiet ? list.filter((finding) => finding.level === 'error') : [...list]);
  const color = useColor(options.color, io);
  const reportInput: ReportInput = {
    findings,
    files: run.files,
    rules: runRuleMetadata(),
    tool: { name: TOOL_NAME, version: toolVersion(), informationUri: INFORMATION_URI },
    cwd: io.cwd,
    sarifRoot,
    category: options.category,
    notifications,
    executionSuccessful: run.unreadable.length === 0,
    color,
    hidden: { suppressed: errorsOnly(triage.suppressed).length, baselined: errorsOnly(triage.baselined).length },
    sarifOnly: errorsOnly([...triage.baselined, ...(options.includeSuppressed ? triage.suppressed : [])]),
    failLevel: settings.failLevel,
    servers: (run.lintedServers ?? run.servers).map(({ name, os, osReason, osDetail }) => ({ name, os, osReason, osDetail })),
  };

  const { loadReportChunks } = await import('../report/index.js');
  const format = options.format as FormatName;
  // A report is written in chunks, never built as one string: half a million findings would not fit.
  const report = (await loadReportChunks(format))(options.output ? { ...reportInput, color: false } : reportInput);
  const deliver = (content: OutputContent) =>
    options.output ? writeOutput(path.resolve(io.cwd, options.output), content, io) : writeToStream(io.stdout, content);
  // --fix-dry-run: with a console format the diff takes the report's place (stdout or -o, a clean
  // patch) and the report goes to stderr; a machine format keeps its place and the diff goes to stderr.
  const diffInPlace = fixed?.diff !== undefined && (format === 'stylish' || format === 'compact');
  deliver(diffInPlace ? fixed!.diff! : report);
  // Reports and diffs escape input text themselves: they take stderr as it is.
  if (diffInPlace) writeToStream(io.reportStderr ?? io.stderr, report);
  else if (fixed?.diff !== undefined) (io.reportStderr ?? io.stderr)(fixed.diff);
  if (options.sarifFile) writeOutput(path.resolve(io.cwd, options.sarifFile), (await loadReportChunks('sarif'))(reportInput), io);
  if (format === 'sarif' || options.sarifFile) {
    const { sarifResultsOmitted, SARIF_RESULT_LIMIT } = await import('../report/sarif.js');
    const omitted = sarifResultsOmitted(reportInput);
    if (omitted > 0) io.stderr(`iislint: warning: SARIF holds the ${SARIF_RESULT_LIMIT} most severe results, GitHub's limit for a run: ${omitted} less severe left out (the json format holds every finding)\n`);
  }
  const stepSummary = io.env['GITHUB_STEP_SUMMARY'];
  if (format === 'github' && stepSummary) {
    const { githubStepSummary } = await import('../report/github.js');
    // A summary is a courtesy of the runner: failing to write it must not replace the gate's verdict.
    try {
      appendFileSync(stepSummary, githubStepSummary(reportInput));
    } catch (error) {
      io.stderr(`iislint: warning: cannot append to GITHUB_STEP_SUMMARY (${stepSummary}): ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
    }
  }
  verbose?.(`${(run.lintedServers ?? run.servers).length} server(s), ${run.files.length} file(s), ${findings.length} finding(s) in ${(process.hrtime.bigint() - started) / 1_000_000n} ms`);

  if (run.unreadable.length > 0 || fixed?.failed || (unmatched.length > 0 && options.errorOnUnmatchedPattern !== false)) return 2;
  const verdict = gateVerdict(findings, settings.failLevel, settings.maxWarnings);
  // The report shows the findings that fail the gate, unless it went to a file; a warning limit it never shows.
  if (verdict.failLevelReason && options.output) io.stderr(`iislint: ${verdict.failLevelReason}\n`);
  if (verdict.maxWarningsReason) io.stderr(`iislint: ${verdict.maxWarningsReason}\n`);
  return verdict.fails ? 1 : 0;
}


function useColor(flag: boolean | undefined, io: CliIo): boolean {
  if (flag !== undefined) return flag;
  const force = io.env['FORCE_COLOR'];
  if (force !== undefined) return force !== '0' && force !== 'false';
  if (io.env['NO_COLOR'] !== undefined && io.env['NO_COLOR'] !== '') return false;
  // A terminal that says it is dumb cannot show escape sequences (as chalk and ESLint read it).
  if (io.env['TERM'] === 'dumb') return false;
  return io.stdoutIsTty;
}

/**
 * `iislint rules` runs the command even where a folder named `rules` exists: say how to lint
 * the folder instead (`iislint ./rules`).
 */
function noteCommandShadowsFolder(program: Command, io: CliIo): void {
  program.hook('preSubcommand', (_, subcommand) => {
    const name = subcommand.name();
    const folder = path.join(io.cwd, name);
    if (existsSync(folder) && statSync(folder).isDirectory()) {
      io.stderr(`iislint: note: \`${name}\` is a command; to lint the folder ${name}, run \`iislint ./${name}\`\n`);
    }
  });
}
