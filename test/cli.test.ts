import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/cli.js';

const SCHANNEL = 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL';

/** A metabase whose /LM/W3SVC/1/ROOT requires client certificates (KSSL001, error). */
const CLIENT_CERT_METABASE = [
  '<?xml version ="1.0"?>',
  '<configuration>',
  '<MBProperty>',
  '<IIsWebServer\tLocation ="/LM/W3SVC/1"',
  '\t\tSecureBindings=":443:"',
  '\t>',
  '</IIsWebServer>',
  '<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT"',
  '\t\tAccessSSLFlags="AccessSSL | AccessSSLNegotiateCert | AccessSSLRequireCert"',
  '\t>',
  '</IIsWebVirtualDir>',
  '</MBProperty>',
  '</configuration>',
  '',
].join('\r\n');

/** Only a warning: a value on its key's line, which regedit ignores (CFG003). */
const IGNORED_LINE_REG = ['Windows Registry Editor Version 5.00', '', `[${SCHANNEL}\\Protocols\\TLS 1.0\\Server] "Enabled"=dword:00000000`, ''].join('\r\n');

const CLEAN_REG = ['Windows Registry Editor Version 5.00', '', `[${SCHANNEL}\\Protocols\\TLS 1.2\\Server]`, '"Enabled"=dword:00000001', ''].join('\r\n');

let root: string;
const write = (relative: string, content: string | Uint8Array) => {
  const file = path.join(root, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
  return file;
};

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'iislint-cli-'));
  write('errors/MetaBase.xml', CLIENT_CERT_METABASE);
  write('warnings/tls.reg', IGNORED_LINE_REG);
  write('clean/tls.reg', CLEAN_REG);
  write('web 01/Métabase config.xml', CLIENT_CERT_METABASE);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('exit codes', () => {
  it.each([
    // [args, expected exit code]
    [['clean'], 0],
    [['warnings'], 0],
    [['errors'], 1],
    [['warnings', '--fail-level', 'warning'], 1],
    [['warnings', '--fail-level', 'note'], 1],
    [['errors', '--fail-level', 'none'], 0],
    [['warnings', '--max-warnings', '0'], 1],
    [['warnings', '--max-warnings', '1'], 0],
    [['errors', '--rule', 'KSSL001:warning'], 0],
    [['errors', '--rule', 'KSSL001:off'], 0],
    [['errors', '--kernel-ssl', 'off'], 0],
    [['warnings', '--quiet', '--fail-level', 'warning'], 0],
  ] as const)('%j → %i', async (args, expected) => {
    const result = await runCli(['--no-config', ...args], { cwd: root });
    expect(result.code, result.stderr).toBe(expected);
  });
});

describe('why a run failed (issue 14.10)', () => {
  it('too many warnings: ESLint\'s line on stderr, exit 1', async () => {
    const result = await runCli(['--no-config', 'warnings', '--max-warnings', '0', '--format', 'compact'], { cwd: root });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('iislint: too many warnings (1). Maximum allowed is 0.\n');
  });

  it('findings at the fail level in a report written to a file: one line that says so', async () => {
    const out = path.join(mkdtempSync(path.join(root, 'out-')), 'report.sarif');
    const result = await runCli(['--no-config', 'errors', '--format', 'sarif', '-o', out], { cwd: root });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^iislint: \d+ errors? \(fail level: error\)\.\n$/);
    const warned = await runCli(['--no-config', 'warnings', '--fail-level', 'warning', '-o', out], { cwd: root });
    expect(warned.stderr).toBe('iislint: 1 finding at level warning or above (fail level: warning).\n');
    // On the console the report itself shows them: nothing more is said.
    expect((await runCli(['--no-config', 'errors', '--format', 'compact'], { cwd: root })).stderr).toBe('');
  });

  it('--fail-level none never exits 1, not even with maxWarnings in the config', async () => {
    const dir = mkdtempSync(path.join(root, 'none-'));
    writeFileSync(path.join(dir, 'iislint.config.json'), JSON.stringify({ maxWarnings: 0 }));
    writeFileSync(path.join(dir, 'tls.reg'), IGNORED_LINE_REG);
    writeFileSync(path.join(dir, 'MetaBase.xml'), CLIENT_CERT_METABASE);
    expect((await runCli(['.'], { cwd: dir })).code).toBe(1);
    const result = await runCli(['.', '--fail-level', 'none', '--format', 'compact'], { cwd: dir });
    expect([result.code, result.stderr]).toEqual([0, '']);
    expect((await runCli(['.', '--fail-level', 'none', '--max-warnings', '0'], { cwd: dir })).code).toBe(0);
  });
});

describe('ESLint habits (issue 14.13)', () => {
  it('-v, -V and --version print the version', async () => {
    for (const flag of ['-v', '-V', '--version']) {
      const result = await runCli([flag], { cwd: root });
      expect([result.code, result.stdout, result.stderr]).toEqual([0, expect.stringMatching(/^\d+\.\d+\.\d+.*\n$/), '']);
    }
  });

  it('--output-file is --output', async () => {
    const out = path.join(mkdtempSync(path.join(root, 'of-')), 'report.txt');
    const result = await runCli(['--no-config', 'errors', '--format', 'compact', '--output-file', out], { cwd: root });
    expect([result.code, result.stdout]).toEqual([1, '']);
    expect(readFileSync(out, 'utf8')).toMatch(/\[KSSL001\]/);
  });

  it('`iislint help` prints the usage; `iislint help rules` the command\'s', async () => {
    const result = await runCli(['help'], { cwd: root });
    expect([result.code, result.stderr]).toEqual([0, '']);
    expect(result.stdout).toMatch(/^Usage: iislint \[options\] \[command\] \[paths\.\.\.\]/);
    expect((await runCli(['help', 'rules'], { cwd: root })).stdout).toMatch(/^Usage: iislint rules/);
  });

  it('TERM=dumb means no colour, even on a terminal; FORCE_COLOR still wins', async () => {
    const tty = await runCli(['--no-config', 'errors'], { cwd: root, tty: true, env: {} });
    expect(tty.stdout).toContain('\u001b[');
    const dumb = await runCli(['--no-config', 'errors'], { cwd: root, tty: true, env: { TERM: 'dumb' } });
    expect(dumb.stdout).not.toContain('\u001b[');
    const forced = await runCli(['--no-config', 'errors'], { cwd: root, tty: true, env: { TERM: 'dumb', FORCE_COLOR: '1' } });
    expect(forced.stdout).toContain('\u001b[');
  });

  it('`rules` beside a folder named rules: the command runs, and a note says how to lint the folder', async () => {
    const dir = mkdtempSync(path.join(root, 'shadow-'));
    mkdirSync(path.join(dir, 'rules'));
    const result = await runCli(['rules'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^CFG001 /);
    expect(result.stderr).toBe('iislint: note: `rules` is a command; to lint the folder rules, run `iislint ./rules`\n');
    expect((await runCli(['rules'], { cwd: root })).stderr).toBe('');
  });
});

describe('usage errors: one line on stderr, exit 2, no stack trace', () => {
  it.each([
    [['--format', 'xml'], /argument 'xml' is invalid/],
    [['--kernel-ssl', 'maybe'], /argument 'maybe' is invalid/],
    [['--fail-level', 'fatal'], /argument 'fatal' is invalid/],
    [['--bogus'], /unknown option '--bogus'/],
    [['--rule', 'KSSL999:error'], /unknown rule KSSL999/],
    [['--rule', 'KSSL001'], /expected ID:LEVEL/],
    [['--rule', 'KSSL001:fatal'], /level must be one of/],
    [['--max-warnings', 'many'], /expected a whole number/],
    [['does-not-exist'], /does-not-exist: no such file or directory/],
    [['-c', 'missing.json', 'clean'], /cannot read the config file/],
    [['--stdin', 'clean'], /--stdin lints standard input only/],
    [['--stdin-filename', 'x.reg', 'clean'], /--stdin-filename goes with --stdin/],
  ] as const)('%j', async (args, message) => {
    const result = await runCli(['--no-config', ...args], { cwd: root });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^iislint: /);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('names an unreadable file and exits 2', async () => {
    if (process.getuid?.() === 0) return; // root reads everything: permissions cannot be tested here
    const file = write('locked/secret.reg', CLEAN_REG);
    chmodSync(file, 0o000);
    try {
      const result = await runCli(['--no-config', 'locked/secret.reg'], { cwd: root });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/secret\.reg: permission denied/);
    } finally {
      chmodSync(file, 0o644);
    }
  });

  it('survives a symlink loop in a searched directory', async () => {
    const loopDir = path.join(root, 'loop');
    mkdirSync(loopDir, { recursive: true });
    write('loop/tls.reg', CLEAN_REG);
    if (!existsSync(path.join(loopDir, 'self'))) symlinkSync(loopDir, path.join(loopDir, 'self'));
    const result = await runCli(['--no-config', 'loop', '--format', 'compact'], { cwd: root });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
  });
});

describe('subcommands', () => {
  it('lists rules as a table and as JSON', async () => {
    const table = await runCli(['rules'], { cwd: root });
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^CFG001\s+error\s+parse-error\s+/m);
    expect(table.stdout).toMatch(/^KSSL001\s+error\s+client-certificate-required\s+/m);
    const json = await runCli(['rules', '--format', 'json'], { cwd: root });
    const rules = JSON.parse(json.stdout) as { id: string }[];
    expect(rules.map((rule) => rule.id)).toContain('KSSL004');
  });

  it('explains a rule by id or name, and refuses an unknown one', async () => {
    const byId = await runCli(['explain', 'kssl004'], { cwd: root });
    expect(byId.code).toBe(0);
    expect(byId.stdout).toMatch(/^# KSSL004: rc2-cipher-enabled/);
    expect(byId.stdout).toMatch(/## How to fix/);
    const byName = await runCli(['explain', 'rc2-cipher-enabled'], { cwd: root });
    expect(byName.stdout).toBe(byId.stdout);
    const unknown = await runCli(['explain', 'NOPE1'], { cwd: root });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown rule "NOPE1"/);
  });

  it('prints the version from package.json', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    const result = await runCli(['--version'], { cwd: root });
    expect(result).toMatchObject({ code: 0, stdout: `${version}\n` });
  });
});

describe('stdin', () => {
  it('lints standard input under the given name', async () => {
    const result = await runCli(['--no-config', '--stdin', '--stdin-filename', 'web01/tls.reg', '--format', 'compact'], {
      cwd: root,
      stdin: IGNORED_LINE_REG,
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^web01\/tls\.reg:3:\d+: warning .* \[CFG003\]$/m);
  });

  it('lints UTF-16 bytes on standard input', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(IGNORED_LINE_REG, 'utf16le')]);
    const result = await runCli(['--no-config', '--stdin', '--format', 'compact'], { cwd: root, stdin: bytes });
    expect(result.stdout).toMatch(/^<stdin>:3:\d+: warning .* \[CFG003\]$/m);
  });
});

describe('config file', () => {
  it('is found by searching upward (to the repository root), named on stderr, and overridden by the command line', async () => {
    const project = path.join(root, 'project');
    mkdirSync(path.join(project, 'deep', 'er'), { recursive: true });
    writeFileSync(path.join(project, 'iislint.config.json'), JSON.stringify({ rules: { KSSL001: 'warning' } }));
    mkdirSync(path.join(project, 'srv'), { recursive: true });
    writeFileSync(path.join(project, 'srv', 'MetaBase.xml'), CLIENT_CERT_METABASE);
    // The repository root: the search stops there.
    mkdirSync(path.join(project, '.git'));
    const fromDeep = await runCli(['../../srv', '--format', 'compact'], { cwd: path.join(project, 'deep', 'er') });
    expect(fromDeep.code).toBe(0);
    expect(fromDeep.stdout).toMatch(/warning .*\[KSSL001\]/);
    // Found above the working directory: named, so that it never changes the findings unseen.
    expect(fromDeep.stderr).toBe(`iislint: using the config file ${path.join('..', '..', 'iislint.config.json')} (found above the working directory)\n`);
    const overridden = await runCli(['../../srv', '--rule', 'KSSL001:error'], { cwd: path.join(project, 'deep', 'er') });
    expect(overridden.code).toBe(1);
    const ignored = await runCli(['../../srv', '--no-config'], { cwd: path.join(project, 'deep', 'er') });
    expect(ignored.code).toBe(1);
  });

  it.each([
    [{ rulez: {} }, /"rulez" is not a known setting/],
    [{ rules: { KSSL999: 'error' } }, /"rules.KSSL999" is not a rule id/],
    [{ rules: { KSSL001: 'fatal' } }, /"rules.KSSL001" must be one of error, warning, note, off/],
    [{ kernelSsl: true }, /"kernelSsl" must be one of auto, on, off/],
    [{ os: 'win95' }, /"os" must be one of auto, win2003-sp1/],
    [{ maxWarnings: -1 }, /"maxWarnings" must be a whole number/],
    [{ ignore: 'x' }, /"ignore" must be a list of non-empty strings/],
    [{ servers: { web01: [''] } }, /"servers.web01" must be a list/],
    [[1], /must be a JSON object/],
  ])('rejects %j naming the bad key', async (config, message) => {
    const dir = mkdtempSync(path.join(root, 'cfg-'));
    writeFileSync(path.join(dir, '.iislintrc.json'), JSON.stringify(config));
    const result = await runCli(['.'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('rejects invalid JSON with its position', async () => {
    const dir = mkdtempSync(path.join(root, 'cfg-'));
    writeFileSync(path.join(dir, 'iislint.config.json'), '{ "rules": ');
    const result = await runCli(['.'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/iislint\.config\.json: invalid JSON/);
  });

  it('--verbose says when the only ControlSet00N of an export is read as CurrentControlSet', async () => {
    const single = [
      'Windows Registry Editor Version 5.00',
      '',
      '[HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Control\\SecurityProviders\\SCHANNEL\\Ciphers\\NULL]',
      '"Enabled"=dword:00000000',
      '',
    ].join('\r\n');
    write('offline-hive/system.reg', single);
    const result = await runCli(['--no-config', 'offline-hive', '--verbose'], { cwd: root });
    expect(result.stderr).toContain(
      'iislint: server offline-hive: ControlSet001 read as CurrentControlSet: the only control set in the exports, and HKLM\\SYSTEM\\Select is not exported',
    );
  });

  it('ignores files by glob and groups servers by name', async () => {
    const dir = mkdtempSync(path.join(root, 'cfg-'));
    mkdirSync(path.join(dir, 'backups'));
    writeFileSync(path.join(dir, 'backups', 'MetaBase.xml'), CLIENT_CERT_METABASE);
    mkdirSync(path.join(dir, 'exports', 'a'), { recursive: true });
    writeFileSync(path.join(dir, 'exports', 'a', 'web01-http.reg'), CLEAN_REG);
    mkdirSync(path.join(dir, 'metabases'), { recursive: true });
    writeFileSync(path.join(dir, 'metabases', 'web01.xml'), CLIENT_CERT_METABASE);
    writeFileSync(
      path.join(dir, 'iislint.config.json'),
      JSON.stringify({ ignore: ['backups'], servers: { web01: ['exports/**/web01-*.reg', 'metabases/web01.xml'] } }),
    );
    const result = await runCli(['.', '--format', 'json', '--verbose'], { cwd: dir });
    const report = JSON.parse(result.stdout) as { findings: { file: string; server: string }[] };
    expect(report.findings.map((finding) => finding.file)).not.toContain('backups/MetaBase.xml');
    expect(report.findings.every((finding) => finding.server === 'web01')).toBe(true);
    expect(result.stderr).toMatch(/skipped backups: matches an ignore pattern/);
    const printed = await runCli(['--print-config', 'metabases/web01.xml'], { cwd: dir });
    expect(JSON.parse(printed.stdout)).toMatchObject({ server: 'web01', ignored: false, kernelSsl: 'auto' });
  });
});

describe('colour', () => {
  it('is off when piped, on with --color or FORCE_COLOR, off with NO_COLOR', async () => {
    const escape = '\u001b[';
    const piped = await runCli(['--no-config', 'errors'], { cwd: root });
    expect(piped.stdout).not.toContain(escape);
    const forced = await runCli(['--no-config', 'errors', '--color'], { cwd: root });
    expect(forced.stdout).toContain(escape);
    const env = await runCli(['--no-config', 'errors'], { cwd: root, env: { FORCE_COLOR: '1' } });
    expect(env.stdout).toContain(escape);
    const tty = await runCli(['--no-config', 'errors'], { cwd: root, tty: true });
    expect(tty.stdout).toContain(escape);
    const noColor = await runCli(['--no-config', 'errors'], { cwd: root, tty: true, env: { NO_COLOR: '1' } });
    expect(noColor.stdout).not.toContain(escape);
    const flagWins = await runCli(['--no-config', 'errors', '--no-color'], { cwd: root, env: { FORCE_COLOR: '1' } });
    expect(flagWins.stdout).not.toContain(escape);
  });
});

describe('paths in reports', () => {
  it('percent-encodes SARIF URIs with spaces and non-ASCII, relative to --sarif-root', async () => {
    const result = await runCli(['--no-config', 'web 01', '--format', 'sarif', '--sarif-root', '.'], { cwd: root });
    const sarif = JSON.parse(result.stdout) as {
      runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
    };
    const uris = sarif.runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri);
    expect(uris).toContain('web%2001/M%C3%A9tabase%20config.xml');
  });

  it('writes --output and --sarif-file whole, and the console format too', async () => {
    const result = await runCli(['--no-config', 'errors', '--format', 'compact', '--sarif-file', 'out/report.sarif'], { cwd: root });
    expect(result.stdout).toMatch(/errors\/MetaBase\.xml:9:\d+: error .*\[KSSL001\]/);
    const sarif = JSON.parse(readFileSync(path.join(root, 'out', 'report.sarif'), 'utf8')) as { version: string };
    expect(sarif.version).toBe('2.1.0');
    const toFile = await runCli(['--no-config', 'errors', '-o', 'out/report.txt'], { cwd: root });
    expect(toFile.stdout).toBe('');
    expect(readFileSync(path.join(root, 'out', 'report.txt'), 'utf8')).toMatch(/KSSL001/);
  });

  it('appends a step summary for the github format', async () => {
    const summary = path.join(root, 'summary.md');
    writeFileSync(summary, '# earlier step\n');
    const result = await runCli(['--no-config', 'errors', '--format', 'github'], { cwd: root, env: { GITHUB_STEP_SUMMARY: summary } });
    expect(result.stdout).toMatch(/^::error file=errors\/MetaBase\.xml,line=9,/m);
    const text = readFileSync(summary, 'utf8');
    expect(text.startsWith('# earlier step\n')).toBe(true);
    expect(text).toMatch(/KSSL001/);
  });
});

describe('inputs are never modified', () => {
  it('leaves every linted file byte-identical', async () => {
    const before = readFileSync(path.join(root, 'errors', 'MetaBase.xml'));
    await runCli(['--no-config', 'errors', '--format', 'sarif'], { cwd: root });
    expect(readFileSync(path.join(root, 'errors', 'MetaBase.xml')).equals(before)).toBe(true);
  });
});

describe('fingerprints', () => {
  it('are the same from the repository root and from a folder below it', async () => {
    const repo = mkdtempSync(path.join(tmpdir(), 'iislint-repo-'));
    try {
      mkdirSync(path.join(repo, '.git'));
      mkdirSync(path.join(repo, 'servers', 'web01'), { recursive: true });
      writeFileSync(path.join(repo, 'servers', 'web01', 'MetaBase.xml'), CLIENT_CERT_METABASE);
      const fingerprints = async (cwd: string, target: string) => {
        const result = await runCli(['--no-config', target, '--format', 'json'], { cwd });
        return (JSON.parse(result.stdout) as { findings: { fingerprint: string }[] }).findings.map((finding) => finding.fingerprint);
      };
      const fromRoot = await fingerprints(repo, 'servers');
      expect(fromRoot.length).toBeGreaterThan(0);
      expect(await fingerprints(path.join(repo, 'servers'), '.')).toEqual(fromRoot);
      expect(await fingerprints(path.join(repo, 'servers', 'web01'), '.')).toEqual(fromRoot);
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });
});
