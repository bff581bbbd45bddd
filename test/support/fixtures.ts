/**
 * Fixture cases: `fixtures/<RULE>/<bad|good>-<name>` is either a folder (one server: every
 * file in it) or a single file (a server of its own), with `<case>.expected.json` beside it
 * and optionally `<case>.options.json` ({ "kernelSsl": "on", "os": "win2012", "reportUnusedDirectives": true,
 * "requireReason": true, "explicitValues": true }).
 */
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_LINT_OPTIONS, type LintOptions } from '../../src/engine/lint.js';
import { lintPaths } from '../../src/engine/run.js';
import type { SuppressionOptions } from '../../src/engine/suppressions.js';
import type { OsProfile } from '../../src/model/os-profiles.js';
import type { KernelSslMode } from '../../src/rules/types.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const fixturesRoot = path.join(repoRoot, 'fixtures');

export interface FixtureCase {
  ruleId: string;
  name: string;
  expectation: 'bad' | 'good';
  inputPath: string;
  expectedPath: string;
  options: LintOptions & SuppressionOptions;
}

export interface ExpectedFinding {
  rule: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  level: string;
  message: string;
}

const SIDE_FILE = /\.(expected|options)\.json$/;

export function fixtureCases(): FixtureCase[] {
  if (!existsSync(fixturesRoot)) return [];
  const cases: FixtureCase[] = [];
  for (const ruleId of readdirSync(fixturesRoot).sort()) {
    const ruleDir = path.join(fixturesRoot, ruleId);
    if (!statSync(ruleDir).isDirectory()) continue;
    for (const entry of readdirSync(ruleDir).sort()) {
      if (SIDE_FILE.test(entry)) continue;
      const match = /^(bad|good)-/.exec(entry);
      if (!match) throw new Error(`fixtures/${ruleId}/${entry}: a case name starts with bad- or good-`);
      const inputPath = path.join(ruleDir, entry);
      const options = readOptions(path.join(ruleDir, `${entry}.options.json`));
      cases.push({
        ruleId,
        name: entry,
        expectation: match[1] as 'bad' | 'good',
        inputPath,
        expectedPath: path.join(ruleDir, `${entry}.expected.json`),
        options,
      });
    }
  }
  return cases;
}

function readOptions(optionsPath: string): LintOptions & SuppressionOptions {
  if (!existsSync(optionsPath)) return DEFAULT_LINT_OPTIONS;
  const raw = JSON.parse(readFileSync(optionsPath, 'utf8')) as {
    kernelSsl?: KernelSslMode;
    os?: OsProfile;
    reportUnusedDirectives?: boolean;
    requireReason?: boolean;
    /** The `iislint:cis` preset's explicit-value mode. */
    explicitValues?: boolean;
  };
  return {
    ...DEFAULT_LINT_OPTIONS,
    kernelSsl: raw.kernelSsl ?? 'auto',
    os: raw.os,
    reportUnusedDirectives: raw.reportUnusedDirectives ?? false,
    requireReason: raw.requireReason ?? false,
    ...(raw.explicitValues ? { explicitValues: true } : {}),
  };
}

/** Lint one case; file paths in the result are relative to the case (folder or file's folder). */
export function lintFixtureCase(fixture: FixtureCase): ExpectedFinding[] {
  const base = statSync(fixture.inputPath).isDirectory() ? fixture.inputPath : path.dirname(fixture.inputPath);
  const run = lintPaths([fixture.inputPath], { ...fixture.options, cwd: base });
  return run.findings.map((finding) => ({
    rule: finding.ruleId,
    file: finding.file.path.replaceAll('\\', '/'),
    line: finding.region.startLine,
    column: finding.region.startColumn,
    endLine: finding.region.endLine,
    endColumn: finding.region.endColumn,
    level: finding.level,
    message: finding.message,
  }));
}
