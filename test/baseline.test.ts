import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type * as Sarif from 'sarif';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  compareWithBaseline,
  createBaseline,
  parseBaseline,
  pruneBaseline,
  serializeBaseline,
  type Baseline,
} from '../src/engine/baseline.js';
import { DEFAULT_LINT_OPTIONS, type Finding } from '../src/engine/lint.js';
import { lintFileGroups } from '../src/engine/run.js';
import { runCli } from './support/cli.js';
import { hasMultitool, multitoolProblems, sarifSchemaValidator } from './support/sarif.js';

const SCHANNEL = 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL';
const V5 = 'Windows Registry Editor Version 5.00';
const TOOL = { name: 'iislint', version: '0.1.0' };

function regText(lines: string[]): string {
  return [V5, '', ...lines, ''].join('\r\n');
}

const rc2 = (cipher: string, data = 'ffffffff') => [`[${SCHANNEL}\\Ciphers\\${cipher}]`, `"Enabled"=dword:${data}`];
const pct = ['[' + SCHANNEL + '\\Protocols\\PCT 1.0\\Server]', '"Enabled"=dword:00000001'];

function lint(files: Record<string, string>): Finding[] {
  const groups = Object.entries(files).map(([filePath, text]) => ({ name: filePath, files: [{ path: filePath, bytes: new TextEncoder().encode(text) }] }));
  return lintFileGroups(groups, DEFAULT_LINT_OPTIONS).findings;
}

describe('baseline entries', () => {
  const findings = lint({ 'b.reg': regText([...pct, ...rc2('RC2 40/128')]), 'a.reg': regText(rc2('RC2 56/128')) });

  it('records fingerprint, rule, file, subject and message, sorted, with no timestamp', () => {
    const baseline = createBaseline(findings, TOOL);
    expect(baseline.entries.map((entry) => [entry.file, entry.rule, entry.subject])).toEqual([
      ['a.reg', 'KSSL004', `registry:${SCHANNEL}\\Ciphers\\RC2 56/128#Enabled`],
      ['b.reg', 'KSSL004', `registry:${SCHANNEL}\\Ciphers\\RC2 40/128#Enabled`],
      ['b.reg', 'KSSL005', `registry:${SCHANNEL}\\Protocols\\PCT 1.0\\Server#Enabled`],
    ]);
    const first = baseline.entries[0]!;
    expect(first).toEqual({
      fingerprint: findings.find((finding) => finding.file.path === 'a.reg')!.fingerprint,
      rule: 'KSSL004',
      file: 'a.reg',
      subject: `registry:${SCHANNEL}\\Ciphers\\RC2 56/128#Enabled`,
      message: findings.find((finding) => finding.file.path === 'a.reg')!.message,
    });
    const text = serializeBaseline(baseline);
    expect(text.startsWith('{\n  "version": 1,\n  "tool": {\n    "name": "iislint",\n    "version": "0.1.0"\n  },\n  "entries": [\n')).toBe(true);
    expect(text.endsWith('\n')).toBe(true);
    // Same findings in another order: the same bytes.
    expect(serializeBaseline(createBaseline([...findings].reverse(), TOOL))).toBe(text);
    expect(parseBaseline(text)).toEqual(baseline);
  });

  it('keeps a finding baselined when lines move, and not when its file is renamed', () => {
    const baseline = createBaseline(findings, TOOL);
    // PCT moved below RC2, blank lines and comments added above.
    const moved = lint({ 'b.reg': regText(['; reordered', '', ...rc2('RC2 40/128'), '', ...pct]), 'a.reg': regText(['', '', ...rc2('RC2 56/128')]) });
    expect(moved.map((finding) => finding.region.startLine)).not.toEqual(findings.map((finding) => finding.region.startLine));
    const afterMove = compareWithBaseline(moved, baseline, () => true);
    expect([afterMove.fresh, afterMove.known.length, afterMove.stale]).toEqual([[], 3, []]);
    expect(afterMove.known.every((finding) => finding.baselineState === 'unchanged')).toBe(true);

    const renamed = lint({ 'b.reg': regText([...pct, ...rc2('RC2 40/128')]), 'c.reg': regText(rc2('RC2 56/128')) });
    const afterRename = compareWithBaseline(renamed, baseline, () => true);
    expect(afterRename.fresh.map((finding) => [finding.file.path, finding.ruleId, finding.baselineState])).toEqual([['c.reg', 'KSSL004', 'new']]);
    expect(afterRename.stale.map((entry) => entry.file)).toEqual(['a.reg']);
  });

  it('calls an entry stale only when it is in scope, and prunes exactly the stale ones', () => {
    const baseline = createBaseline(findings, TOOL);
    const onlyB = lint({ 'b.reg': regText(pct) });
    const comparison = compareWithBaseline(onlyB, baseline, (file) => file === 'b.reg');
    expect(comparison.stale.map((entry) => [entry.file, entry.rule])).toEqual([['b.reg', 'KSSL004']]);
    expect(pruneBaseline(baseline, comparison.stale).entries.map((entry) => [entry.file, entry.rule])).toEqual([
      ['a.reg', 'KSSL004'],
      ['b.reg', 'KSSL005'],
    ]);
  });

  it.each([
    ['{', /^not valid JSON \(/],
    ['[]', /^not an iislint baseline \(expected a JSON object with "version" and "entries"\)$/],
    ['{"version": 2, "entries": []}', /^baseline version 2 is not supported \(expected 1\)$/],
    ['{"version": 1}', /^"entries" must be a list$/],
    ['{"version": 1, "entries": [{"fingerprint": "x", "rule": "KSSL004", "file": "a.reg", "subject": "s"}]}', /^"entries\[0\]\.message" must be a string$/],
    ['{"version": 1, "entries": [{"fingerprint": "", "rule": "", "file": "", "subject": "", "message": ""}]}', /^"entries\[0\]\.fingerprint" is empty$/],
  ])('rejects %s', (text, message) => {
    expect(() => parseBaseline(text)).toThrow(message);
  });
});

// ---------------------------------------------------------------------------------------------
// The command line
// ---------------------------------------------------------------------------------------------

describe('--write-baseline, --baseline, --prune-baseline', () => {
  let root: string;
  const write = (relative: string, content: string) => {
    const file = path.join(root, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  };
  const read = (relative: string) => readFileSync(path.join(root, relative), 'utf8');
  const cli = (args: string[]) => runCli(['--no-config', ...args], { cwd: root });

  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), 'iislint-baseline-'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  beforeEach(() => {
    rmSync(path.join(root, 'servers'), { recursive: true, force: true });
    write('servers/web01/schannel.reg', regText([...rc2('RC2 40/128'), ...pct]));
    write('servers/web02/schannel.reg', regText(rc2('RC2 56/128')));
  });

  it('records the findings and passes; a later run reports only new findings', async () => {
    const written = await cli(['servers', '--write-baseline', 'baseline.json', '-f', 'json']);
    expect(written.code).toBe(0);
    expect(written.stderr).toBe('');
    expect(JSON.parse(written.stdout)).toMatchObject({ findings: [], summary: { errors: 0, baselined: 3 } });
    const baseline = JSON.parse(read('baseline.json')) as Baseline;
    expect(baseline.entries.map((entry) => [entry.file, entry.rule])).toEqual([
      ['servers/web01/schannel.reg', 'KSSL004'],
      ['servers/web01/schannel.reg', 'KSSL005'],
      ['servers/web02/schannel.reg', 'KSSL004'],
    ]);
    // Deterministic: writing again gives the same bytes.
    await cli(['servers', '--write-baseline', 'again.json']);
    expect(read('again.json')).toBe(read('baseline.json'));

    const unchanged = await cli(['servers', '--baseline', 'baseline.json']);
    expect([unchanged.code, unchanged.stdout, unchanged.stderr]).toEqual([0, '', '']);

    write('servers/web02/schannel.reg', regText(['; lines moved', '', ...rc2('RC2 56/128'), ...rc2('RC2 128/128')]));
    const grown = await cli(['servers', '--baseline', 'baseline.json']);
    expect(grown.code).toBe(1);
    expect(grown.stdout).toContain(`${path.join('servers', 'web02', 'schannel.reg')}\n  8:1  error  RC2 cipher \`RC2 128/128\` is enabled`);
    expect(grown.stdout).toContain('\u2716 1 problem (1 error, 0 warnings) (3 baselined)\n');
  });

  it('counts entries that no longer occur, lists them with --verbose, and prunes them', async () => {
    await cli(['servers', '--write-baseline', 'baseline.json']);
    const before = read('baseline.json');
    write('servers/web01/schannel.reg', regText(rc2('RC2 40/128', '00000000')));
    const stale = await cli(['servers', '--baseline', 'baseline.json']);
    expect([stale.code, stale.stdout]).toEqual([0, '']);
    expect(stale.stderr).toBe('iislint: 2 entries of baseline.json no longer occur (--prune-baseline removes them)\n');
    expect(read('baseline.json')).toBe(before);

    const verbose = await cli(['servers', '--baseline', 'baseline.json', '--verbose']);
    expect(verbose.stderr.split('\n').filter((line) => line.includes('no longer occurs:')).map((line) => line.replace(/^(iislint: no longer occurs: \S+ \w+) .*$/, '$1'))).toEqual([
      'iislint: no longer occurs: servers/web01/schannel.reg KSSL004',
      'iislint: no longer occurs: servers/web01/schannel.reg KSSL005',
    ]);

    // Linting only web02 says nothing about web01's entries.
    const subset = await cli([path.join('servers', 'web02'), '--baseline', 'baseline.json']);
    expect([subset.code, subset.stderr]).toEqual([0, '']);

    const pruned = await cli(['servers', '--baseline', 'baseline.json', '--prune-baseline']);
    expect([pruned.code, pruned.stderr]).toEqual([0, 'iislint: removed 2 entries that no longer occur from baseline.json\n']);
    expect((JSON.parse(read('baseline.json')) as Baseline).entries.map((entry) => [entry.file, entry.rule])).toEqual([['servers/web02/schannel.reg', 'KSSL004']]);
    expect(existsSync(path.join(root, `baseline.json.${process.pid}.tmp`))).toBe(false);
    const again = await cli(['servers', '--baseline', 'baseline.json', '--prune-baseline']);
    expect([again.code, again.stderr]).toEqual([0, '']);
  });

  it('treats a renamed file\'s findings as new', async () => {
    await cli(['servers', '--write-baseline', 'baseline.json']);
    renameSync(path.join(root, 'servers/web02/schannel.reg'), path.join(root, 'servers/web02/schannel-2025.reg'));
    const result = await cli(['servers', '--baseline', 'baseline.json', '-f', 'json']);
    expect(result.code).toBe(1);
    expect((JSON.parse(result.stdout) as { findings: { file: string }[] }).findings.map((finding) => finding.file)).toEqual([
      path.join('servers', 'web02', 'schannel-2025.reg'),
    ]);
    expect(result.stderr).toBe('iislint: 1 entry of baseline.json no longer occurs (--prune-baseline removes them)\n');
  });

  it.each([
    [['--baseline', 'missing.json'], 'iislint: missing.json: cannot read the baseline (no such file; create it with --write-baseline)\n'],
    [['--baseline', 'broken.json'], /^iislint: broken\.json: not a usable iislint baseline: not valid JSON \(.*\)\n$/],
    [['--baseline', 'v2.json'], 'iislint: v2.json: not a usable iislint baseline: baseline version 2 is not supported (expected 1)\n'],
    [['--prune-baseline'], 'iislint: --prune-baseline rewrites the --baseline file: give --baseline FILE too\n'],
    [['--baseline', 'v2.json', '--prune-baseline', '--write-baseline', 'x.json'], 'iislint: --prune-baseline and --write-baseline both rewrite a baseline: use one\n'],
  ])('exits 2 with one line: %j', async (args, message) => {
    write('broken.json', '{"version": 1, "entries": [');
    write('v2.json', '{"version": 2, "entries": []}');
    const result = await cli(['servers', ...args]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    if (typeof message === 'string') expect(result.stderr).toBe(message);
    else expect(result.stderr).toMatch(message);
  });

  describe('SARIF', () => {
    const validate = sarifSchemaValidator();
    const states = (output: string) =>
      (JSON.parse(output) as Sarif.Log).runs[0]!.results!.map((result) => [
        result.ruleId,
        result.locations![0]!.physicalLocation!.artifactLocation!.uri,
        result.baselineState,
        result.suppressions?.[0]?.kind,
      ]);

    it('marks results new or unchanged, keeping the baselined ones; suppressed ones too with --include-suppressed', async () => {
      await cli(['servers', '--write-baseline', 'baseline.json']);
      write('servers/web02/schannel.reg', regText([...rc2('RC2 56/128'), `[${SCHANNEL}\\Ciphers\\RC2 128/128]`, '; iislint-disable-next-line KSSL004 -- lab', '"Enabled"=dword:ffffffff', ...rc2('RC2 40/128')]));
      const result = await cli(['servers', '--baseline', 'baseline.json', '-f', 'sarif', '--sarif-root', '.', '--include-suppressed']);
      expect(result.code).toBe(1);
      const log = JSON.parse(result.stdout) as Sarif.Log;
      expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
      expect(states(result.stdout)).toEqual([
        ['KSSL004', 'servers/web01/schannel.reg', 'unchanged', undefined],
        ['KSSL005', 'servers/web01/schannel.reg', 'unchanged', undefined],
        ['KSSL004', 'servers/web02/schannel.reg', 'unchanged', undefined],
        ['KSSL004', 'servers/web02/schannel.reg', 'new', 'inSource'],
        ['KSSL004', 'servers/web02/schannel.reg', 'new', undefined],
      ]);
      const plain = await cli(['servers', '--baseline', 'baseline.json', '-f', 'sarif', '--sarif-root', '.']);
      expect(states(plain.stdout).map((state) => state[2])).toEqual(['unchanged', 'unchanged', 'unchanged', 'new']);
      const noBaseline = await cli(['servers', '-f', 'sarif', '--sarif-root', '.']);
      expect(states(noBaseline.stdout).map((state) => state[2])).toEqual([undefined, undefined, undefined, undefined]);
    });

    it.skipIf(!hasMultitool)('raises no multitool error or warning with baselineState and suppressions', async () => {
      await cli(['servers', '--write-baseline', 'baseline.json']);
      write('servers/web02/schannel.reg', regText([...rc2('RC2 56/128'), `[${SCHANNEL}\\Ciphers\\RC2 128/128]`, '; iislint-disable-next-line KSSL004 -- lab', '"Enabled"=dword:ffffffff', ...rc2('RC2 40/128')]));
      const result = await cli(['servers', '--baseline', 'baseline.json', '-f', 'sarif', '--sarif-root', '.', '--include-suppressed']);
      expect(multitoolProblems(result.stdout)).toEqual([]);
    }, 60_000);
  });
});
