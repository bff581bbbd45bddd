/**
 * The programmatic API (src/index.ts, the package entry): lint → plain data, format → exactly
 * what the CLI prints, options that mirror the config file, the rule list.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, format, formats, InputError, lint, lintText, rules, version, type LintResults } from '../src/index.js';
import { RULES } from '../src/rules/index.js';
import { runCli } from './support/cli.js';
import { repoRoot } from './support/fixtures.js';

let examples: LintResults;
let scratch: string;

beforeAll(async () => {
  examples = await lint(['examples'], { cwd: repoRoot, config: false });
  scratch = mkdtempSync(path.join(tmpdir(), 'iislint-api-'));
  cpSync(path.join(repoRoot, 'examples', 'web02-shop'), path.join(scratch, 'web02-shop'), { recursive: true });
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('lint', () => {
  it('returns the findings, counts and gate of the bundled examples', () => {
    expect(examples.cwd).toBe(repoRoot);
    expect(examples.configFile).toBeNull();
    expect(examples.summary).toEqual({ errors: 18, warnings: 29, notes: 5 });
    expect(examples.failed).toBe(true);
    expect(examples.unreadable).toEqual([]);
    expect(examples.findings.map((finding) => `${finding.ruleId} ${finding.level} ${finding.file.path}:${finding.region.startLine}`)).toEqual([
      'KSSL001 warning examples/web01-intranet/MetaBase.xml:45',
      'KSSL002 warning examples/web01-intranet/MetaBase.xml:63',
      'CFG003 warning examples/web01-intranet/disable-rc2.reg:4',
      'CFG003 warning examples/web01-intranet/disable-rc2.reg:5',
      'CFG003 warning examples/web01-intranet/disable-rc2.reg:6',
      'KSSL004 warning examples/web01-intranet/schannel.reg:6',
      'TLS009 error examples/web01-intranet/schannel.reg:6',
      'TLS010 warning examples/web01-intranet/schannel.reg:6',
      'CFG005 warning examples/web01-intranet/schannel.reg:14',
      'TLS002 error examples/web01-intranet/schannel.reg:23',
      'TLS003 note examples/web01-intranet/schannel.reg:23',
      'KSSL005 warning examples/web01-intranet/schannel.reg:28',
      'KSSL007 warning examples/web02-shop/MetaBase.xml:2',
      'KSSL003 error examples/web02-shop/MetaBase.xml:13',
      'CFG002 error examples/web02-shop/MetaBase.xml:30',
      'KSSL001 error examples/web02-shop/MetaBase.xml:36',
      'KSSL002 error examples/web02-shop/http-parameters.reg:9',
      'TLS008 error examples/web03-hardened/schannel.reg:5',
      'TLS009 error examples/web03-hardened/schannel.reg:5',
      'TLS010 warning examples/web03-hardened/schannel.reg:5',
      'TLS001 error examples/web03-hardened/schannel.reg:22',
      'TLS002 error examples/web03-hardened/schannel.reg:22',
      'TLS003 note examples/web03-hardened/schannel.reg:22',
      'IIS001 error examples/web04-iis10/inetpub/wwwroot/web.config:10',
      'IIS002 error examples/web04-iis10/inetpub/wwwroot/web.config:15',
      'WEB021 warning examples/web04-iis10/inetsrv/config/applicationHost.config:64',
      'WEB001 warning examples/web04-iis10/inetsrv/config/applicationHost.config:117',
      'WEB010 warning examples/web04-iis10/inetsrv/config/applicationHost.config:118',
      'WEB003 error examples/web04-iis10/inetsrv/config/applicationHost.config:121',
      'WEB017 warning examples/web04-iis10/inetsrv/config/applicationHost.config:123',
      'IIS004 error examples/web04-iis10/sites/shop/web.config:5',
      'WEB007 error examples/web04-iis10/sites/shop/web.config:18',
      'WEB008 warning examples/web04-iis10/sites/shop/web.config:21',
      'WEB009 warning examples/web04-iis10/sites/shop/web.config:22',
      'WEB011 error examples/web04-iis10/sites/shop/web.config:23',
      'WEB013 warning examples/web04-iis10/sites/shop/web.config:24',
      'WEB013 note examples/web04-iis10/sites/shop/web.config:24',
      'WEB012 warning examples/web04-iis10/sites/shop/web.config:25',
      'WEB014 error examples/web04-iis10/sites/shop/web.config:26',
      'WEB014 warning examples/web04-iis10/sites/shop/web.config:26',
      'WEB015 warning examples/web04-iis10/sites/shop/web.config:27',
      'WEB016 error examples/web04-iis10/sites/shop/web.config:27',
      'WEB004 warning examples/web04-iis10/sites/shop/web.config:28',
      'WEB005 warning examples/web04-iis10/sites/shop/web.config:28',
      'WEB006 warning examples/web04-iis10/sites/shop/web.config:29',
      'WEB021 warning examples/web05-iis10-clean/inetsrv/config/applicationHost.config:64',
      'TLS013 warning examples/web06-win2019/cipher-suite-policy.reg:4',
      'TLS016 warning examples/web06-win2019/dotnet-64.reg:3',
      'TLS010 warning examples/web06-win2019/schannel.reg:27',
      'TLS004 warning examples/web06-win2019/schannel.reg:38',
      'CFG005 note examples/web06-win2019/schannel.reg:40',
      'CFG005 note examples/web06-win2019/schannel.reg:42',
    ]);
    expect(examples.files.filter((file) => file.kind === 'skipped')).toEqual([
      { path: 'examples/README.md', server: 'examples', kind: 'skipped', skipReason: expect.any(String) },
    ]);
  });

  it('summarises each server', () => {
    expect(examples.servers.map((server) => server.name)).toEqual([
      'examples',
      'examples/web01-intranet',
      'examples/web02-shop',
      'examples/web03-hardened',
      'examples/web04-iis10',
      'examples/web05-iis10-clean',
      'examples/web06-win2019',
    ]);
    expect(examples.servers[1]).toEqual({
      name: 'examples/web01-intranet',
      files: [
        'examples/web01-intranet/MetaBase.xml',
        'examples/web01-intranet/disable-rc2.reg',
        'examples/web01-intranet/http-parameters.reg',
        'examples/web01-intranet/schannel.reg',
      ],
      os: 'win2003-sp1',
      osReason: 'iis6-metabase',
      osDetail: 'an IIS 6 metabase: Windows Server 2003 SP1 assumed',
      metabase: true,
      schannelExported: true,
      enableKernelSsl: 'disabled',
      summary: { errors: 2, warnings: 9, notes: 1 },
    });
    expect(examples.servers[2]).toMatchObject({ schannelExported: false, enableKernelSsl: 'enabled', summary: { errors: 4, warnings: 1, notes: 0 } });
    // No kernel-mode SSL finding; the Server 2003 defaults still offer SSL 2.0/3.0 and weak ciphers (TLS rules).
    expect(examples.servers[3]).toMatchObject({ enableKernelSsl: 'enabled', summary: { errors: 4, warnings: 1, notes: 1 } });
    expect(examples.findings.filter((finding) => finding.server === 'examples/web03-hardened' && !finding.ruleId.startsWith('TLS'))).toEqual([]);
    expect(examples.servers[6]).toMatchObject({
      os: 'win2019',
      osReason: 'current-version',
      osDetail: 'CurrentBuildNumber "17763" in examples/web06-win2019/currentversion.reg line 6',
      metabase: false,
      schannelExported: true,
    });
    expect(examples.servers[4]).toMatchObject({
      files: ['examples/web04-iis10/inetpub/wwwroot/web.config', 'examples/web04-iis10/inetsrv/config/applicationHost.config', 'examples/web04-iis10/sites/shop/web.config'],
      summary: { errors: 8, warnings: 13, notes: 1 },
    });
    expect(examples.servers[5]).toMatchObject({ summary: { errors: 0, warnings: 1, notes: 0 } });
    // A folder of only skipped files is still a server, with nothing in it.
    expect(examples.servers[0]).toMatchObject({ files: [], os: 'unknown', osReason: 'unknown', metabase: false, enableKernelSsl: 'unset' });
  });

  it('returns plain data: a JSON round trip changes nothing, and formats the same', async () => {
    const copy = JSON.parse(JSON.stringify(examples)) as LintResults;
    expect(copy).toStrictEqual(examples);
    expect(structuredClone(examples)).toStrictEqual(examples);
    expect(await format(copy, 'sarif')).toBe(await format(examples, 'sarif'));
  });

  it('applies rule levels, kernel-mode SSL mode, OS and the gate like the CLI', async () => {
    const shop = ['web02-shop'];
    const base = { cwd: scratch, config: false } as const;
    const ruleIds = async (options: Parameters<typeof lint>[1]) => (await lint(shop, { ...base, ...options })).findings.map((finding) => finding.ruleId);
    expect(await ruleIds({})).toEqual(['KSSL007', 'KSSL003', 'CFG002', 'KSSL001', 'KSSL002']);
    expect(await ruleIds({ rules: { CFG002: 'off', kssl007: 'off' } })).toEqual(['KSSL003', 'KSSL001', 'KSSL002']);
    expect(await ruleIds({ kernelSsl: 'off' })).toEqual(['CFG002']);
    const demoted = await lint(shop, { ...base, rules: { KSSL001: 'note', KSSL002: 'note', KSSL003: 'note', CFG002: 'warning' } });
    expect(demoted.summary).toEqual({ errors: 0, warnings: 2, notes: 3 });
    expect(demoted.failed).toBe(false);
    expect((await lint(shop, { ...base, rules: { KSSL001: 'note', KSSL002: 'note', KSSL003: 'note', CFG002: 'warning' }, failLevel: 'warning' })).failed).toBe(true);
    expect((await lint(shop, { ...base, failLevel: 'none' })).failed).toBe(false);
    // `none` turns the gate off: the warning limit does not fail it either (issue 14.10).
    expect((await lint(shop, { ...base, failLevel: 'none', maxWarnings: 0 })).failed).toBe(false);
    expect((await lint(shop, { ...base, failLevel: 'error', maxWarnings: 0 })).failed).toBe(true);
    expect((await lint(shop, { ...base, os: 'win2012' })).servers[0]).toMatchObject({ os: 'win2012', osReason: 'option' });
  });

  it('agrees with the CLI exit code', async () => {
    for (const args of [[], ['--fail-level', 'none'], ['--rule', 'CFG002:off', '--kernel-ssl', 'off']]) {
      const cli = await runCli(['web02-shop', '--no-config', ...args], { cwd: scratch });
      const options =
        args.length === 0 ? {} : args[0] === '--fail-level' ? { failLevel: 'none' as const } : { rules: { CFG002: 'off' as const }, kernelSsl: 'off' as const };
      expect((await lint(['web02-shop'], { cwd: scratch, config: false, ...options })).failed).toBe(cli.code === 1);
    }
  });

  it('reads the config file as the CLI does, and options override it', async () => {
    const directory = mkdtempSync(path.join(scratch, 'config-'));
    cpSync(path.join(scratch, 'web02-shop'), path.join(directory, 'shop'), { recursive: true });
    const configPath = path.join(directory, 'iislint.config.json');
    writeFileSync(configPath, JSON.stringify({ rules: { CFG002: 'off', KSSL007: 'note' }, ignore: ['http-parameters.reg'] }));
    const found = await lint(['shop'], { cwd: directory });
    expect(found.configFile).toBe(configPath);
    expect(found.findings.map((finding) => `${finding.ruleId}:${finding.level}`)).toEqual(['KSSL007:note', 'KSSL003:error', 'KSSL001:error']);
    const overridden = await lint(['shop'], { cwd: directory, rules: { KSSL007: 'off' }, ignore: ['MetaBase.xml'] });
    expect(overridden.files).toEqual([]);
    const named = await lint([path.join(path.basename(directory), 'shop')], { cwd: scratch, config: path.relative(scratch, configPath), rules: { KSSL001: 'warning' } });
    expect(named.findings.map((finding) => `${finding.ruleId}:${finding.level}`)).toEqual(['KSSL007:note', 'KSSL003:error', 'KSSL001:warning']);
    const none = await lint(['shop'], { cwd: directory, config: false });
    expect(none.findings).toHaveLength(5);
  });

  it("applies the config file's suppressions as the CLI does, and formats them the same", async () => {
    const directory = mkdtempSync(path.join(scratch, 'suppressions-'));
    cpSync(path.join(scratch, 'web02-shop'), path.join(directory, 'shop'), { recursive: true });
    const suppression = { files: ['shop/MetaBase.xml'], rules: ['CFG002'], reason: 'Digest is switched off at the proxy (OPS-1)' };
    writeFileSync(path.join(directory, 'iislint.config.json'), JSON.stringify({ suppressions: [suppression] }));
    const results = await lint(['shop'], { cwd: directory });
    expect(results.findings.map((finding) => finding.ruleId)).toEqual(['KSSL007', 'KSSL003', 'KSSL001', 'KSSL002']);
    expect(results.suppressed.map((finding) => [finding.ruleId, finding.suppressions])).toEqual([
      ['CFG002', [{ kind: 'external', justification: suppression.reason }]],
    ]);
    expect(results.summary).toEqual({ errors: 3, warnings: 1, notes: 0 });
    expect(await format(results, 'stylish')).toBe((await runCli(['shop'], { cwd: directory })).stdout);
    expect(await format(results, 'sarif', { includeSuppressed: true })).toBe(
      (await runCli(['shop', '--format', 'sarif', '--include-suppressed'], { cwd: directory })).stdout,
    );
  });

  it('groups files into servers by the servers option', async () => {
    const grouped = await lint(['web02-shop/MetaBase.xml', 'web02-shop/http-parameters.reg'], {
      cwd: scratch,
      config: false,
      servers: { shop: ['web02-shop/*'] },
    });
    expect(grouped.servers.map((server) => [server.name, server.files.length, server.enableKernelSsl])).toEqual([['shop', 2, 'enabled']]);
  });

  it('makes each named file a server of its own with serverPerFile, as --server-per-file', async () => {
    const named = ['web02-shop/MetaBase.xml', 'web02-shop/http-parameters.reg'];
    const joined = await lint(named, { cwd: scratch, config: false });
    expect(joined.servers.map((server) => server.files.length)).toEqual([2]);
    const alone = await lint(named, { cwd: scratch, config: false, serverPerFile: true });
    expect(alone.servers.map((server) => server.files)).toEqual([['web02-shop/MetaBase.xml'], ['web02-shop/http-parameters.reg']]);
    expect(await format(alone, 'stylish')).toBe((await runCli([...named, '--no-config', '--server-per-file'], { cwd: scratch })).stdout);
    expect(await format(alone, 'stylish')).not.toBe(await format(joined, 'stylish'));
    await expect(lint(named, { cwd: scratch, config: false, serverPerFile: 'yes' as unknown as boolean })).rejects.toThrow(
      new ConfigError('lint() options: "serverPerFile" must be true or false'),
    );
  });

  it('rejects bad options and paths with errors that name them', async () => {
    await expect(lint(['web02-shop'], { cwd: scratch, config: false, kernelSsl: 'maybe' as 'on' })).rejects.toThrow(
      new ConfigError('lint() options: "kernelSsl" must be one of auto, on, off (got "maybe")'),
    );
    await expect(lint(['web02-shop'], { cwd: scratch, config: false, rules: { NOPE1: 'off' } })).rejects.toBeInstanceOf(ConfigError);
    await expect(lint(['web02-shop'], { cwd: scratch, config: 'missing.json' })).rejects.toBeInstanceOf(ConfigError);
    await expect(lint(['no-such-dir'], { cwd: scratch, config: false })).rejects.toBeInstanceOf(InputError);
    await expect(lint(['web02-shop'], { cwd: scratch, config: false, kernelSSL: 'on' } as Parameters<typeof lint>[1])).rejects.toThrow(
      new ConfigError(
        'lint() options: "kernelSSL" is not a known option (known: cwd, config, extends, rules, kernelSsl, os, ignore, failLevel, maxWarnings, servers, reportUnusedDirectives, requireReason, serverPerFile)',
      ),
    );
  });
});

describe('lintText', () => {
  it('lints content in memory under the name given', async () => {
    const text = readFileSync(path.join(scratch, 'web02-shop', 'MetaBase.xml'));
    const results = await lintText(text, { filePath: 'shop/MetaBase.xml', config: false });
    expect(results.files).toEqual([{ path: 'shop/MetaBase.xml', server: 'shop/MetaBase.xml', kind: 'metabase' }]);
    expect(results.findings.map((finding) => finding.ruleId)).toEqual(['KSSL007', 'KSSL003', 'CFG002', 'KSSL001']);
    const fromString = await lintText(text.toString('utf8'), { filePath: 'shop/MetaBase.xml', config: false });
    expect(fromString.findings.map((finding) => finding.fingerprint)).toEqual(results.findings.map((finding) => finding.fingerprint));
    expect((await lintText('hello', { config: false })).files).toEqual([
      { path: '<text>', server: '<text>', kind: 'skipped', skipReason: expect.any(String) },
    ]);
  });
});

describe('format', () => {
  it.each(formats.map((name) => [name]))('prints %s exactly as the CLI does', async (name) => {
    const cli = await runCli(['examples', '--no-config', '--format', name, '--category', 'servers'], { cwd: repoRoot });
    expect(await format(examples, name, { category: 'servers' })).toBe(cli.stdout);
  });

  it('fails JUnit test cases at the fail level asked, as --fail-level does', async () => {
    const cli = await runCli(['examples', '--no-config', '--format', 'junit', '--fail-level', 'warning'], { cwd: repoRoot });
    expect(await format(examples, 'junit', { failLevel: 'warning' })).toBe(cli.stdout);
    expect(await format(examples, 'junit', { failLevel: 'none' })).not.toContain('<failure');
  });

  it('colours stylish only when asked', async () => {
    expect(await format(examples, 'stylish')).not.toContain('\u001b[');
    expect(await format(examples, 'stylish', { color: true })).toContain('\u001b[');
  });

  it('roots SARIF URIs where asked', async () => {
    const sarif = JSON.parse(await format(examples, 'sarif', { sarifRoot: 'examples' })) as {
      runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
    };
    expect(sarif.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe('web01-intranet/MetaBase.xml');
  });

  it('rejects an unknown format', async () => {
    await expect(format(examples, 'xml' as 'json')).rejects.toThrow(new TypeError('unknown format "xml" (known: stylish, sarif, json, junit, github, compact)'));
  });
});

describe('rules and version', () => {
  it('lists every rule with its metadata, frozen', () => {
    expect(rules.map((rule) => rule.id)).toEqual(RULES.map((rule) => rule.meta.id));
    expect(rules.find((rule) => rule.id === 'KSSL005')).toMatchObject({ name: 'pct-protocol-enabled', defaultLevel: RULES.find((rule) => rule.meta.id === 'KSSL005')!.meta.defaultLevel });
    expect(Object.isFrozen(rules)).toBe(true);
    expect(Object.isFrozen(rules[0])).toBe(true);
    expect(Object.isFrozen(rules[0]!.tags)).toBe(true);
  });

  it('carries the package version', () => {
    expect(version).toBe((JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version);
  });
});
