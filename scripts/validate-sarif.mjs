#!/usr/bin/env node
// Validates a SARIF file with the Microsoft SARIF multitool (SARIF rules and GitHub's ingestion
// rules). The multitool exits 0 even when it finds problems, so its own output is read here:
// any error or warning fails. Usage: node scripts/validate-sarif.mjs FILE.sarif
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const [target] = process.argv.slice(2);
if (!target) {
  console.error('usage: node scripts/validate-sarif.mjs FILE.sarif');
  process.exit(2);
}
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const multitool = path.join(root, 'node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool');
if (!existsSync(multitool)) {
  console.error(`validate-sarif: ${multitool} is missing (npm ci installs it)`);
  process.exit(2);
}
// npm 11 does not run the package's postinstall (chmod u+x): make it executable here.
chmodSync(multitool, 0o755);
const work = mkdtempSync(path.join(tmpdir(), 'iislint-sarif-'));
const output = path.join(work, 'validation.sarif');
try {
  // Its help-URI lookups wait for a resolver that cannot answer here: a network namespace of its
  // own (root, util-linux unshare) makes them fail at once, with the same validation.
  const isolated = (() => {
    try {
      execFileSync('unshare', ['--net', 'true'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
  const [command, prefix] = isolated ? ['unshare', ['--net', multitool]] : [multitool, []];
  execFileSync(command, [...prefix, 'validate', path.resolve(target), '--rule-kind', 'Sarif;Ghas', '-o', output, '--log', 'ForceOverwrite', '-q'], {
    env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const results = JSON.parse(readFileSync(output, 'utf8')).runs.flatMap((run) => run.results ?? []);
  const problems = results.filter((result) => result.level === 'error' || result.level === 'warning');
  for (const problem of problems) {
    const text = problem.message.text ?? (problem.message.arguments ?? []).join(' ');
    console.error(`${problem.level} ${problem.ruleId}: ${text}`);
  }
  console.log(`SARIF multitool (Sarif;Ghas) on ${target}: ${problems.length} error(s) or warning(s), ${results.length - problems.length} note(s)`);
  process.exit(problems.length === 0 ? 0 : 1);
} finally {
  rmSync(work, { recursive: true, force: true });
}
