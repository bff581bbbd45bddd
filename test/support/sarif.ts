/** SARIF checks shared by tests: the vendored OASIS schema (ajv) and the Microsoft SARIF multitool. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type * as Sarif from 'sarif';

const schemaPath = fileURLToPath(new URL('../schemas/sarif-schema-2.1.0.json', import.meta.url));

export function sarifSchemaValidator(): ValidateFunction {
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;
  const ajv = new Ajv2020({
    strict: false,
    allErrors: true,
    // The OASIS schema misplaces region's `anyOf` inside `properties`, which fails meta-validation.
    validateSchema: false,
    // Its `language` patterns use `(?i)`, which JavaScript regular expressions lack: translate to the `i` flag.
    code: {
      regExp: Object.assign(
        (pattern: string, flags: string) =>
          pattern.startsWith('^(?i)') ? new RegExp(`^${pattern.slice(5)}`, `${flags}i`) : new RegExp(pattern, flags),
        { code: 'new RegExp' },
      ),
    },
  });
  addFormats.default(ajv);
  return ajv.compile(schema);
}

export const multitoolPath = fileURLToPath(new URL('../../node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool', import.meta.url));
export const hasMultitool = process.platform === 'linux' && existsSync(multitoolPath);

/**
 * The multitool looks up github.com for the rules' help URIs; with no network here each lookup
 * waits for the resolver (15 s a run). In a network namespace of its own (root, util-linux
 * `unshare`) the lookup fails at once and the validation is the same.
 */
const offline = (() => {
  try {
    execFileSync('unshare', ['--net', 'true'], { stdio: 'ignore' });
    return ['unshare', ['--net', multitoolPath]] as const;
  } catch {
    return [multitoolPath, []] as const;
  }
})();

/** Errors and warnings the multitool reports under its SARIF and GitHub (Ghas) rules, as `RULE: message` lines. */
export function multitoolProblems(sarifText: string): string[] {
  return multitoolProblemsOf([sarifText])[0]!;
}

/**
 * The same for several logs in one multitool run (its .NET start-up is most of a run's cost): the
 * problems of each log, in the order given, told apart by the file each result names.
 */
export function multitoolProblemsOf(sarifTexts: readonly string[]): string[][] {
  const directory = mkdtempSync(path.join(tmpdir(), 'iislint-multitool-'));
  try {
    const inputs = sarifTexts.map((text, index) => {
      const input = path.join(directory, `in-${index}.sarif`);
      writeFileSync(input, text);
      return input;
    });
    const output = path.join(directory, 'out.sarif');
    execFileSync(offline[0], [...offline[1], 'validate', ...inputs, '--rule-kind', 'Sarif;Ghas', '-o', output, '--log', 'ForceOverwrite'], {
      env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' },
      stdio: 'pipe',
    });
    const log = JSON.parse(readFileSync(output, 'utf8')) as Sarif.Log;
    const problems = inputs.map((): string[] => []);
    for (const result of log.runs.flatMap((run) => run.results ?? [])) {
      // SARIF's default level is warning.
      if (!(result.level === 'error' || result.level === 'warning' || result.level === undefined)) continue;
      const line = `${result.ruleId}: ${result.message.text ?? result.message.id} ${JSON.stringify(result.message.arguments)}`;
      const uri = result.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? '';
      const index = inputs.findIndex((input) => uri.endsWith(`/${path.basename(input)}`));
      // A result that names none of the logs counts against every one: never lost.
      for (const [at, list] of problems.entries()) if (index === -1 || index === at) list.push(line);
    }
    return problems;
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
