#!/usr/bin/env node
// npm run bench: generate inputs in a temporary directory, time the built CLI (bin/iislint.js)
// against floors measured in the same run (fast-xml-parser alone, xmllint, `node -e 0`), and print
// ONE table with the target ratios. It asserts nothing: the targets are read off the table.
//
// Usage: node scripts/bench.mjs [--runs N] [--no-build] [--keep] [--only TEXT]
//   --runs N    timed runs per row (default 5; the median is shown, peak RSS is the largest)
//   --only TEXT time only the rows whose input names TEXT (e.g. `applicationHost`; `—,examples`: the start-up rows)
//   --no-build  do not run `npm run build` first (dist/ must be current)
//   --keep      keep the generated inputs and print where they are
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const runs = Number(valueOf('--runs') ?? 5);
if (!Number.isInteger(runs) || runs < 1) fail('--runs: expected a whole number ≥ 1');

function valueOf(flag) {
  const index = args.indexOf(flag);
  return index === -1 ? undefined : args[index + 1];
}

function fail(message) {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(2);
}

// ---- build ----------------------------------------------------------------------------------

if (!args.includes('--no-build')) {
  const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: repoRoot, stdio: 'inherit' });
  if (build.status !== 0) fail('npm run build failed');
}
const cli = path.join(repoRoot, 'bin/iislint.js');
const fxpOptionsModule = path.join(repoRoot, 'dist/parse/metabase-fxp.js');
if (!existsSync(fxpOptionsModule)) fail(`${fxpOptionsModule} is missing: run npm run build`);

// ---- inputs ---------------------------------------------------------------------------------

const work = mkdtempSync(path.join(tmpdir(), 'iislint-bench-'));
const CRLF = '\r\n';

/** A MetaBase.xml shaped like IIS 6 writes it (tabs, ` =` after Location, CRLF, UTF-8 BOM). */
function metabaseXml(siteCount) {
  const parts = [
    '\uFEFF<?xml version ="1.0"?>',
    '<configuration xmlns="urn:microsoft-catalog:XML_Metabase_V64_0">',
    '<MBProperty>',
    key('IIS_Global', '.', { ChangeNumber: '4127', HistoryMajorVersionNumber: '381', XMLSchemaTimeStamp: '146fc35a0ececb01' }),
    key('IIsComputer', '/LM', { EnableEditWhileRunning: '0', EnableHistory: '1', MaxBandwidth: '4294967295', MaxHistoryFiles: '10' }),
    key('IIsWebService', '/LM/W3SVC', {
      AccessFlags: 'AccessRead | AccessScript',
      AppPoolId: 'DefaultAppPool',
      AuthFlags: 'AuthAnonymous | AuthNTLM',
      DirBrowseFlags:
        'DirBrowseShowDate | DirBrowseShowTime | DirBrowseShowSize | DirBrowseShowExtension | DirBrowseShowLongDate | EnableDefaultDoc',
      SSLAlwaysNegoClientCert: 'FALSE',
    }),
  ];
  for (let site = 1; site <= siteCount; site++) {
    const id = 100000 + site;
    const host = `www${site}.customer${site % 997}.example.com`;
    const https = site % 2 === 0;
    const server = {
      AppPoolId: `Pool${site % 50}`,
      ServerAutoStart: 'TRUE',
      ServerBindings: `:80:${host}`,
      ServerComment: `Customer site ${site}`,
      ServerSize: '1',
    };
    if (https) server.SecureBindings = ':443:';
    parts.push(key('IIsWebServer', `/LM/W3SVC/${id}`, server));
    const root = {
      AccessFlags: 'AccessRead | AccessScript',
      AppFriendlyName: 'Default Application',
      AppIsolated: '2',
      AppRoot: `/LM/W3SVC/${id}/ROOT`,
      DefaultDoc: 'Default.htm,Default.asp,index.htm,Default.aspx,iisstart.htm',
      Path: `D:\\Sites\\${host}\\wwwroot`,
    };
    if (https) root.AccessSSLFlags = 'AccessSSL | AccessSSL128';
    parts.push(key('IIsWebVirtualDir', `/LM/W3SVC/${id}/ROOT`, root));
    // About 2% of the sites ask for client certificates, as hosting customers with an extranet do.
    if (site % 50 === 0) {
      parts.push(key('IIsCertMapper', `/LM/W3SVC/${id}/IIsCertMapper`, {}));
      parts.push(
        key('IIsWebDirectory', `/LM/W3SVC/${id}/ROOT/extranet`, {
          AccessSSLFlags:
            site % 100 === 0 ? 'AccessSSL | AccessSSLNegotiateCert | AccessSSLRequireCert' : 'AccessSSL | AccessSSLNegotiateCert',
        }),
      );
    }
    if (site % 200 === 0) {
      parts.push(
        `<IIsConfigObject\tLocation ="/LM/W3SVC/${id}/ROOT/legacy"${CRLF}\t>${CRLF}` +
          `\t<Custom${CRLF}\t\tName="AccessSSLFlags"${CRLF}\t\tID="6030"${CRLF}\t\tValue="AccessSSL | AccessSSLNegotiateCert"${CRLF}` +
          `\t\tType="DWORD"${CRLF}\t\tUserType="IIS_MD_UT_FILE"${CRLF}\t\tAttributes="INHERIT"${CRLF}\t/>${CRLF}</IIsConfigObject>`,
      );
    }
  }
  parts.push('</MBProperty>', '</configuration>', '');
  return parts.join(CRLF);
}

function key(className, location, properties) {
  const lines = [`<${className}\tLocation ="${location}"`];
  for (const [name, value] of Object.entries(properties)) lines.push(`\t\t${name}="${value}"`);
  lines.push('\t>', `</${className}>`);
  return lines.join(CRLF);
}

/** An IIS 10 applicationHost.config: default-install declarations, `siteCount` sites with a pool, an application and a location each. */
function applicationHostXml(siteCount) {
  const parts = [
    '\uFEFF<?xml version="1.0" encoding="UTF-8"?>',
    '<configuration>',
    '    <configSections>',
    '        <sectionGroup name="system.applicationHost">',
    '            <section name="applicationPools" allowDefinition="AppHostOnly" overrideModeDefault="Deny" />',
    '            <section name="sites" allowDefinition="AppHostOnly" overrideModeDefault="Deny" />',
    '        </sectionGroup>',
    '        <sectionGroup name="system.webServer">',
    '            <section name="directoryBrowse" overrideModeDefault="Allow" />',
    '            <section name="staticContent" overrideModeDefault="Allow" />',
    '            <sectionGroup name="security">',
    '                <section name="access" overrideModeDefault="Deny" />',
    '                <sectionGroup name="authentication">',
    '                    <section name="anonymousAuthentication" overrideModeDefault="Deny" />',
    '                </sectionGroup>',
    '            </sectionGroup>',
    '        </sectionGroup>',
    '    </configSections>',
    '    <system.applicationHost>',
    '        <applicationPools>',
  ];
  for (let site = 1; site <= siteCount; site++) parts.push(`            <add name="pool${site}" managedRuntimeVersion="v4.0" />`);
  parts.push('        </applicationPools>', '        <sites>');
  for (let site = 1; site <= siteCount; site++) {
    parts.push(
      `            <site name="site${site}" id="${site}" serverAutoStart="true">`,
      `                <application path="/" applicationPool="pool${site}">`,
      `                    <virtualDirectory path="/" physicalPath="D:\\sites\\site${site}" />`,
      '                </application>',
      '                <bindings>',
      `                    <binding protocol="https" bindingInformation="*:443:site${site}.example.com" sslFlags="1" />`,
      '                </bindings>',
      '            </site>',
    );
  }
  parts.push('        </sites>', '    </system.applicationHost>', '    <system.webServer>', '        <staticContent>');
  for (const extension of ['css', 'htm', 'html', 'js', 'json', 'png', 'svg']) parts.push(`            <mimeMap fileExtension=".${extension}" mimeType="x/${extension}" />`);
  parts.push('        </staticContent>', '    </system.webServer>');
  for (let site = 1; site <= siteCount; site++) {
    parts.push(
      `    <location path="site${site}">`,
      '        <system.webServer>',
      '            <directoryBrowse enabled="false" />',
      `            <security><access sslFlags="Ssl, Ssl128" /><authentication><anonymousAuthentication enabled="true" userName="" /></authentication></security>`,
      '        </system.webServer>',
      '    </location>',
    );
  }
  parts.push('</configuration>', '');
  return parts.join(CRLF);
}

const SCHANNEL = 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL';

/** A regedit export: UTF-16LE with a BOM and CRLF, as `reg export` writes it. */
function utf16Reg(lines) {
  return Buffer.concat([
    Buffer.from([0xff, 0xfe]),
    Buffer.from(['Windows Registry Editor Version 5.00', '', ...lines, ''].join(CRLF), 'utf16le'),
  ]);
}

function schannelLines(variant) {
  const lines = [`[${SCHANNEL}]`, '"EventLogging"=dword:00000001', '', `[${SCHANNEL}\\Ciphers]`, ''];
  for (const cipher of [
    'DES 56/56',
    'NULL',
    'RC2 40/128',
    'RC2 56/128',
    'RC2 128/128',
    'RC4 40/128',
    'RC4 56/128',
    'RC4 128/128',
    'Triple DES 168/168',
  ]) {
    // Every third server leaves RC2 on: the KSSL004 finding a fleet run is for.
    const enabled = cipher.startsWith('RC2') && variant % 3 === 0 ? 'ffffffff' : cipher.startsWith('RC4 128') ? 'ffffffff' : '00000000';
    lines.push(`[${SCHANNEL}\\Ciphers\\${cipher}]`, `"Enabled"=dword:${enabled}`, '');
  }
  lines.push(`[${SCHANNEL}\\CipherSuites]`, '', `[${SCHANNEL}\\Hashes]`, '', `[${SCHANNEL}\\Hashes\\MD5]`, '"Enabled"=dword:ffffffff', '');
  lines.push(`[${SCHANNEL}\\Hashes\\SHA]`, '"Enabled"=dword:ffffffff', '', `[${SCHANNEL}\\KeyExchangeAlgorithms]`, '');
  lines.push(`[${SCHANNEL}\\KeyExchangeAlgorithms\\PKCS]`, '"Enabled"=dword:ffffffff', '', `[${SCHANNEL}\\Protocols]`, '');
  for (const protocol of ['PCT 1.0', 'SSL 2.0', 'SSL 3.0', 'TLS 1.0']) {
    const enabled =
      protocol === 'PCT 1.0' ? (variant % 5 === 0 ? '00000001' : '00000000') : protocol === 'SSL 2.0' ? '00000000' : '00000001';
    lines.push(
      `[${SCHANNEL}\\Protocols\\${protocol}]`,
      '',
      `[${SCHANNEL}\\Protocols\\${protocol}\\Server]`,
      `"Enabled"=dword:${enabled}`,
      '',
    );
  }
  return lines;
}

function httpParametersLines(variant) {
  return [
    '[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters]',
    `"EnableKernelSSL"=dword:0000000${variant % 4 === 0 ? 1 : 0}`,
    '"MaxConnections"=dword:00004e20',
    '"UrlSegmentMaxLength"=dword:00000104',
    '',
  ];
}

/** A large UTF-16 SChannel export: the stock tree, then CipherSuites-style keys with hex(7) lists. */
function bigSchannelLines(targetBytes) {
  const lines = schannelLines(0);
  let bytes = 0;
  for (let index = 0; bytes < targetBytes; index++) {
    const keyLine = `[${SCHANNEL}\\CipherSuites\\Bench${index}]`;
    const suites = 'TLS_RSA_WITH_AES_128_CBC_SHA,TLS_RSA_WITH_AES_256_CBC_SHA,TLS_RSA_WITH_RC4_128_SHA,TLS_RSA_WITH_3DES_EDE_CBC_SHA';
    const hex = [...Buffer.from(`${suites}\0\0`, 'utf16le')].map((byte) => byte.toString(16).padStart(2, '0'));
    const hexLines = [];
    // regedit wraps hex data at about 80 columns with `,\` continuation lines.
    for (let at = 0; at < hex.length; at += 25) hexLines.push(`  ${hex.slice(at, at + 25).join(',')}${at + 25 < hex.length ? ',\\' : ''}`);
    hexLines[0] = `"Functions"=hex(7):${hexLines[0].trimStart()}`;
    lines.push(keyLine, '"Enabled"=dword:00000001', ...hexLines, '');
    bytes += 2 * (keyLine.length + 32 + hexLines.reduce((sum, line) => sum + line.length + 2, 0));
  }
  return lines;
}

function write(relative, content) {
  const target = path.join(work, relative);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, content);
  return target;
}

process.stderr.write(`bench: generating inputs in ${work}\n`);
const metabaseInputs = [1000, 10000, 50000].map((sites) => {
  const label = `${sites / 1000}k`;
  const file = write(`metabase-${label}/MetaBase.xml`, metabaseXml(sites));
  return { sites, label, directory: path.dirname(file), file, bytes: statSync(file).size };
});
const appHostInputs = [1000, 10000].map((sites) => {
  const label = `${sites / 1000}k`;
  const file = write(`apphost-${label}/inetsrv/config/applicationHost.config`, applicationHostXml(sites));
  return { sites, label, directory: path.dirname(path.dirname(path.dirname(file))), file, bytes: statSync(file).size };
});
const regFile = write('schannel-utf16/schannel.reg', utf16Reg(bigSchannelLines(8 * 1024 * 1024)));
write('schannel-utf16/http-parameters.reg', utf16Reg(httpParametersLines(1)));
// A frozen copy of the three example servers of 2026-12 (the examples will grow; the ratio must not move with them).
const EXAMPLE_SERVERS = ['web01-intranet', 'web02-shop', 'web03-hardened'];
const examplesDir = path.join(work, 'examples');
for (const server of EXAMPLE_SERVERS) {
  cpSync(path.join(repoRoot, 'examples', server), path.join(examplesDir, server), { recursive: true });
}
// The fleet: 500 copies of one example server, against the same command on that one server.
const fleetServers = 500;
const fleetModel = path.join(examplesDir, 'web01-intranet');
let fleetBytes = 0;
for (let server = 1; server <= fleetServers; server++) {
  const folder = path.join(work, 'fleet', `web${String(server).padStart(3, '0')}`);
  cpSync(fleetModel, folder, { recursive: true });
  for (const name of readdirSync(folder)) fleetBytes += statSync(path.join(folder, name)).size;
}

// The floor: fast-xml-parser alone, in its own process, with the options of the cross-check
// (src/parse/metabase-fxp.ts) and attributes parsed, as an XML parser must to read a metabase.
const fxpAlone = write(
  'fxp-alone.mjs',
  [
    `import { readFileSync } from 'node:fs';`,
    `import { XMLParser } from ${JSON.stringify(import.meta.resolve('fast-xml-parser'))};`,
    `import { METABASE_FXP_OPTIONS } from ${JSON.stringify(pathToFileURL(fxpOptionsModule).href)};`,
    `const text = new TextDecoder().decode(readFileSync(process.argv[2]));`,
    `const tree = new XMLParser({ ...METABASE_FXP_OPTIONS, ignoreAttributes: false }).parse(text);`,
    `if (!Array.isArray(tree)) process.exit(3);`,
    '',
  ].join('\n'),
);

// ---- measuring -------------------------------------------------------------------------------

const rssFile = path.join(work, 'rss.txt');
// GNU time measures any command's peak RSS (BSD time has no -f/-o: it fails this probe).
const timeBinary =
  existsSync('/usr/bin/time') && spawnSync('/usr/bin/time', ['-f', '%M', '-o', rssFile, 'true']).status === 0 ? '/usr/bin/time' : undefined;
// Without GNU time: a preload that writes a node process's peak RSS (KiB) when it exits.
const rssPreload = write(
  'rss-preload.mjs',
  `import { writeFileSync } from 'node:fs';\n` +
    `process.on('exit', () => writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS)));\n`,
);

/** Run a command once: wall time (ms) from spawn to exit, and peak RSS (KiB) when measurable. */
function runOnce(command, commandArgs, okCodes) {
  rmSync(rssFile, { force: true });
  let argv;
  const env = { ...process.env, NO_COLOR: '1' };
  if (timeBinary) {
    argv = [timeBinary, '-f', '%M', '-o', rssFile, command, ...commandArgs];
  } else if (command === process.execPath) {
    argv = [command, '--import', pathToFileURL(rssPreload).href, ...commandArgs];
    env.BENCH_RSS_FILE = rssFile;
  } else {
    argv = [command, ...commandArgs];
  }
  const started = performance.now();
  const result = spawnSync(argv[0], argv.slice(1), { cwd: work, env, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - started;
  if (result.error || !okCodes.includes(result.status)) {
    fail(
      `${[command, ...commandArgs].join(' ')} exited with ${result.status ?? result.error}: ${String(result.stderr).trim().split('\n').slice(-3).join(' | ')}`,
    );
  }
  let peakKiB;
  if (existsSync(rssFile)) {
    // GNU time reports KiB; process.resourceUsage().maxRSS is KiB too.
    const value = Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop());
    if (Number.isFinite(value)) peakKiB = value;
  }
  return { ms, peakKiB };
}

const node = process.execPath;
const iislint = (inputs, extra = []) => [
  cli,
  ...inputs,
  '--no-config',
  '--format',
  'sarif',
  '--output',
  path.join(work, 'out.sarif'),
  ...extra,
];
const xmllint = spawnSync('sh', ['-c', 'command -v xmllint'], { encoding: 'utf8' }).stdout.trim() || undefined;

/** Every row of the table: measured round-robin, so a burst of load elsewhere hits all rows alike. */
const rows = [];
function row(input, what, bytes, command, commandArgs, okCodes = [0, 1]) {
  const entry = { input, what, bytes, command, commandArgs, okCodes, times: [], peakKiB: undefined };
  rows.push(entry);
  return entry;
}

const nodeFloor = row('—', 'node -e 0', undefined, node, ['-e', '0']);
const version = row('—', 'iislint --version', undefined, node, [cli, '--version'], [0]);
const examples = row('examples/ (3 servers, frozen copy)', 'iislint', undefined, node, iislint([examplesDir]));
const metabaseResults = {};
for (const input of metabaseInputs) {
  const name = `MetaBase.xml ${input.label} sites`;
  const end = row(name, 'iislint', input.bytes, node, iislint([input.directory]));
  const fxp = row(name, 'fast-xml-parser alone', input.bytes, node, [fxpAlone, input.file]);
  const xml = xmllint ? row(name, 'xmllint --noout', input.bytes, xmllint, ['--noout', '--huge', input.file]) : undefined;
  metabaseResults[input.label] = { end, fxp, xmllint: xml, bytes: input.bytes };
}
const appHostResults = {};
for (const input of appHostInputs) {
  appHostResults[input.label] = row(`applicationHost.config ${input.label} sites`, 'iislint', input.bytes, node, iislint([input.directory]));
}
row('SChannel .reg UTF-16', 'iislint', statSync(regFile).size, node, iislint([path.dirname(regFile)]));
const fleetDir = path.join(work, 'fleet');
const oneServer = row('web01-intranet (1 server)', 'iislint --concurrency 1', undefined, node, iislint([fleetModel], ['--concurrency', '1']));
const fleetSerial = row(
  `fleet: ${fleetServers} copies of web01-intranet`,
  'iislint --concurrency 1',
  fleetBytes,
  node,
  iislint([fleetDir], ['--concurrency', '1']),
);
const fleetAuto = row(`fleet: ${fleetServers} copies of web01-intranet`, 'iislint (--concurrency auto)', fleetBytes, node, iislint([fleetDir]));

const only = valueOf('--only');
if (only !== undefined) rows.splice(0, rows.length, ...rows.filter((entry) => only.split(',').some((text) => entry.input.includes(text))));
const loadBefore = loadavg()[0];
for (let run = 1; run <= runs; run++) {
  for (const entry of rows) {
    const result = runOnce(entry.command, entry.commandArgs, entry.okCodes);
    entry.times.push(result.ms);
    if (result.peakKiB !== undefined) entry.peakKiB = Math.max(entry.peakKiB ?? 0, result.peakKiB);
    process.stderr.write(`bench: run ${run}/${runs} · ${entry.input} · ${entry.what}: ${result.ms.toFixed(0)} ms\n`);
  }
}
for (const entry of rows) entry.ms = [...entry.times].sort((a, b) => a - b)[Math.floor(entry.times.length / 2)];
const loadAfter = loadavg()[0];

// ---- the table --------------------------------------------------------------------------------

const mib = (bytes) => bytes / (1024 * 1024);
const table = [['Input', 'Command', 'Size', 'Time', 'MB/s', 'Peak RSS', 'RSS/size']];
for (const entry of rows) {
  table.push([
    entry.input,
    entry.what,
    entry.bytes === undefined ? '' : `${mib(entry.bytes).toFixed(1)} MB`,
    `${entry.ms.toFixed(0)} ms`,
    entry.bytes === undefined ? '' : (mib(entry.bytes) / (entry.ms / 1000)).toFixed(1),
    entry.peakKiB === undefined ? 'n/a' : `${(entry.peakKiB / 1024).toFixed(0)} MB`,
    entry.bytes === undefined || entry.peakKiB === undefined ? '' : `${((entry.peakKiB * 1024) / entry.bytes).toFixed(1)}×`,
  ]);
}

const big = metabaseResults['50k'];
const bigMb = mib(big.bytes).toFixed(0);
// Issue 16's targets, each a ratio of two rows of this one run.
const targets = [
  [`${bigMb} MB metabase: iislint ÷ fast-xml-parser alone (attributes parsed)`, big.end.ms / big.fxp.ms, '≤ 0.7', (ratio) => ratio <= 0.7],
  [
    `${bigMb} MB metabase: iislint ÷ xmllint --noout`,
    big.xmllint ? big.end.ms / big.xmllint.ms : NaN,
    '≤ 2.5',
    (ratio) => ratio <= 2.5,
  ],
  [
    `${bigMb} MB metabase: peak RSS ÷ file size`,
    big.end.peakKiB === undefined ? NaN : (big.end.peakKiB * 1024) / big.bytes,
    '≤ 6',
    (ratio) => ratio <= 6,
  ],
  [`fleet of ${fleetServers} ÷ one of its servers (one thread)`, fleetSerial.ms / oneServer.ms, '≤ 4', (ratio) => ratio <= 4],
  [`fleet: --concurrency auto ÷ one thread`, fleetAuto.ms / fleetSerial.ms, '≤ 1 (± 5 % noise)', (ratio) => ratio <= 1.05],
  ['examples (frozen copy) ÷ node -e 0', examples.ms / nodeFloor.ms, '≤ 1.8', (ratio) => ratio <= 1.8],
  ['iislint --version ÷ node -e 0', version.ms / nodeFloor.ms, '≤ 1.3', (ratio) => ratio <= 1.3],
  ['IIS 7+ growth: 10k-site ÷ 1k-site applicationHost.config', appHostResults['10k'].ms / appHostResults['1k'].ms, '≤ 12', (ratio) => ratio <= 12],
];
table.push(['', '', '', '', '', '', '']);
const targetTable = [['Target', 'Ratio', 'Goal', 'Result']];
for (const [name, ratio, goal, passes] of targets) {
  targetTable.push([
    name,
    Number.isNaN(ratio) ? 'n/a' : `${ratio.toFixed(2)}×`,
    goal,
    Number.isNaN(ratio) ? 'n/a' : passes(ratio) ? 'pass' : 'FAIL',
  ]);
}

function markdown(lines, rightAligned) {
  const header = `| ${lines[0].join(' | ')} |`;
  const rule = `|${lines[0].map((_, column) => (rightAligned.has(column) ? '---:' : '---')).join('|')}|`;
  return [
    header,
    rule,
    ...lines
      .slice(1)
      .filter((cells) => cells.some(Boolean))
      .map((cells) => `| ${cells.join(' | ')} |`),
  ].join('\n');
}

/**
 * The fleet ratio in the units one can work on: what each server beyond the first costs, and what
 * the ≤ 4 target allows (three times one server's whole run, start-up included, over 499 servers).
 */
function fleetCostLine() {
  if (!rows.includes(fleetSerial) || !rows.includes(oneServer)) return [];
  const perServer = (fleetSerial.ms - oneServer.ms) / (fleetServers - 1);
  const allowed = (3 * oneServer.ms) / (fleetServers - 1);
  return [`Fleet: ${perServer.toFixed(2)} ms per server beyond the first; the ≤ 4 target allows ${allowed.toFixed(2)} ms.`, ''];
}

const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
process.stdout.write(
  [
    `iislint bench · Node ${process.version} · ${cpu} · ${availableParallelism()} cores · load average ${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)} · median of ${runs} run(s)` +
      `${xmllint ? '' : ' · xmllint not installed'}${timeBinary ? '' : ' · RSS via process.resourceUsage()'}`,
    '',
    markdown(table, new Set([2, 3, 4, 5, 6])),
    '',
    markdown(targetTable, new Set([1])),
    '',
    ...fleetCostLine(),
  ].join('\n'),
);

if (args.includes('--keep')) process.stderr.write(`bench: inputs kept in ${work}\n`);
else rmSync(work, { recursive: true, force: true });
