/**
 * The TLS side of the SChannel model: DisabledByDefault per OS, the "offered to IIS" state of a
 * protocol side, and the target OS read from a Windows NT\CurrentVersion export.
 */
import { describe, expect, it } from 'vitest';
import { loadServer, type FileInput } from '../src/engine/load.js';
import { defaultDisabledByDefault, type OsProfile } from '../src/model/os-profiles.js';

const SCHANNEL = 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL';
const CURRENT_VERSION = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion';
const V5 = 'Windows Registry Editor Version 5.00';
const reg = (name: string, lines: string[]): FileInput => ({ path: name, bytes: Buffer.from([V5, '', ...lines, ''].join('\r\n')) });

function side(files: FileInput[], os: OsProfile | undefined, name: string, which: 'Server' | 'Client' = 'Server') {
  return loadServer('s', files, os).schannel.setting({ category: 'protocol', name, side: which })!;
}

describe('DisabledByDefault defaults', () => {
  it.each([
    ['win2003-sp2', 'TLS 1.0', 'not-read'],
    ['win2008', 'TLS 1.2', 'yes'],
    ['win2008r2', 'TLS 1.1', 'yes'],
    ['win2008r2', 'TLS 1.0', 'no'],
    ['win2012', 'TLS 1.2', 'no'],
    ['win2016', 'SSL 3.0', 'unknown'],
    ['win2012r2', 'TLS 1.3', 'absent'],
    ['win2019', 'TLS 1.3', 'unknown'],
    ['win2022', 'TLS 1.3', 'no'],
  ] as const)('%s %s → %s', (os, name, expected) => {
    expect(defaultDisabledByDefault(os, { category: 'protocol', name, side: 'Server' })).toBe(expected);
  });
});

describe('offered to IIS', () => {
  const tls12 = (values: string[]) => [reg('s.reg', [`[${SCHANNEL}\\Protocols\\TLS 1.2\\Server]`, ...values])];

  it('2008 R2 leaves TLS 1.2 disabled by default when nothing is written', () => {
    expect(side([], 'win2008r2', 'TLS 1.2').offered).toBe('no');
  });
  it('2008 R2: Enabled=1 alone is not enough, DisabledByDefault=0 and Enabled=1 offer it', () => {
    expect(side(tls12(['"Enabled"=dword:00000001']), 'win2008r2', 'TLS 1.2').offered).toBe('no');
    expect(side(tls12(['"Enabled"=dword:00000001', '"DisabledByDefault"=dword:00000000']), 'win2008r2', 'TLS 1.2').offered).toBe('yes');
    // Whether Enabled defaults to on there is stated nowhere.
    expect(side(tls12(['"DisabledByDefault"=dword:00000000']), 'win2008r2', 'TLS 1.2').offered).toBe('unknown');
  });
  it('DisabledByDefault=1 takes an explicitly enabled side off on 2012 and later', () => {
    expect(side(tls12(['"Enabled"=dword:ffffffff', '"DisabledByDefault"=dword:00000001']), 'win2019', 'TLS 1.2').offered).toBe('no');
  });
  it('Server 2003 ignores DisabledByDefault', () => {
    const files = [reg('s.reg', [`[${SCHANNEL}\\Protocols\\SSL 3.0\\Server]`, '"DisabledByDefault"=dword:00000001'])];
    const setting = side(files, 'win2003-sp1', 'SSL 3.0');
    expect(setting.disabledByDefault?.state).toBe('not-read');
    expect(setting.offered).toBe('yes');
  });
  it('an unknown OS offers only what is written enabled and not disabled by default', () => {
    expect(side([], undefined, 'TLS 1.0').offered).toBe('unknown');
    expect(side([reg('s.reg', [`[${SCHANNEL}\\Protocols\\TLS 1.0\\Server]`, '"Enabled"=dword:00000000'])], undefined, 'TLS 1.0').offered).toBe('no');
  });
});

describe('target OS from a CurrentVersion export', () => {
  const cv = (values: string[]) => reg('cv.reg', [`[${CURRENT_VERSION}]`, ...values]);

  it.each([
    ['17763', undefined, 'win2019'],
    ['3790', 'Service Pack 2', 'win2003-sp2'],
    ['3790', 'Service Pack 1', 'win2003-sp1'],
    ['7601', 'Service Pack 1', 'win2008r2'],
    ['6002', 'Service Pack 2', 'win2008'],
    ['20348', undefined, 'win2022'],
    ['26100', undefined, 'win2025'],
  ])('build %s (%s) → %s', (build, csd, os) => {
    const server = loadServer('s', [cv([`"CurrentBuildNumber"="${build}"`, ...(csd ? [`"CSDVersion"="${csd}"`] : [])])], undefined);
    expect(server.os).toBe(os);
    expect(server.osReason).toBe('current-version');
    expect(server.osDetail).toContain(`CurrentBuildNumber "${build}" in cv.reg line 4`);
  });

  it('prefers the build number over a ProductName that lags behind', () => {
    const server = loadServer('s', [cv(['"ProductName"="Windows 10 Pro"', '"CurrentBuild"="26100"'])], undefined);
    expect(server.os).toBe('win2025');
    expect(server.osDetail).toContain('CurrentBuild "26100"');
  });

  it('maps an unknown build to the nearest older profile, with a note', () => {
    const server = loadServer('s', [cv(['"CurrentBuildNumber"="19045"'])], undefined);
    expect(server.os).toBe('win2019');
    expect(server.osDetail).toMatch(/nearest older profile/);
  });

  it('--os wins over the export, the export over an IIS 6 metabase', () => {
    expect(loadServer('s', [cv(['"CurrentBuildNumber"="17763"'])], 'win2012').os).toBe('win2012');
    const metabase: FileInput = { path: 'MetaBase.xml', bytes: Buffer.from('<?xml version ="1.0"?>\r\n<configuration xmlns="urn:microsoft-catalog:XML_Metabase_V64_0">\r\n<MBProperty>\r\n</MBProperty>\r\n</configuration>\r\n') };
    const server = loadServer('s', [metabase, cv(['"CurrentBuildNumber"="3790"', '"CSDVersion"="Service Pack 2"'])], undefined);
    expect(server.os).toBe('win2003-sp2');
    expect(server.kernelSslOs).toBe(true);
    expect(loadServer('s', [metabase], undefined).osReason).toBe('iis6-metabase');
  });

  it('Server 2008 and later is not a kernel-mode SSL OS', () => {
    expect(loadServer('s', [cv(['"CurrentBuildNumber"="9600"'])], undefined).kernelSslOs).toBe(false);
    expect(loadServer('s', [], undefined).kernelSslOs).toBe(true);
  });
});

describe('kernel-mode SSL rules follow the target OS', async () => {
  const { lintServer, DEFAULT_LINT_OPTIONS } = await import('../src/engine/lint.js');
  const { KSSL004 } = await import('../src/rules/KSSL004.js');
  const rc2 = reg('s.reg', [`[${SCHANNEL}\\Ciphers\\RC2 40/128]`, '"Enabled"=dword:ffffffff']);
  const cv = (build: string) => reg('cv.reg', [`[${CURRENT_VERSION}]`, `"CurrentBuildNumber"="${build}"`]);

  it('run on Server 2003 or an unknown OS, not on 2008 or later', () => {
    const lint = (files: FileInput[]) => lintServer(loadServer('s', files, undefined), DEFAULT_LINT_OPTIONS, [KSSL004]);
    expect(lint([rc2])).toHaveLength(1);
    // On a known 2003 the other RC2 ciphers are on by default: a second finding.
    expect(lint([rc2, cv('3790')])).toHaveLength(2);
    expect(lint([rc2, cv('7601')])).toEqual([]);
    expect(lint([rc2, cv('17763')])).toEqual([]);
  });
});

describe('the target OS in --verbose and SARIF', async () => {
  const { mkdtempSync, rmSync, writeFileSync, mkdirSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const path = await import('node:path');
  const { runCli } = await import('./support/cli.js');

  it('names the value that decided, and says why a server without SChannel export gets no default findings', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'iislint-os-'));
    try {
      mkdirSync(path.join(dir, 'web'));
      writeFileSync(path.join(dir, 'web', 'cv.reg'), reg('cv.reg', [`[${CURRENT_VERSION}]`, '"CurrentBuildNumber"="20348"']).bytes);
      const verbose = await runCli(['web', '--no-config', '--verbose'], { cwd: dir });
      expect(verbose.stderr).toContain(`server web: target OS win2022 (current-version: CurrentBuildNumber "20348" in ${path.join('web', 'cv.reg')} line 4)`);
      expect(verbose.stderr).toContain('server web: no SChannel export: the TLS rules report no setting left at its OS default');
      const sarif = JSON.parse((await runCli(['web', '--no-config', '--format', 'sarif'], { cwd: dir })).stdout) as {
        runs: { properties?: { servers: unknown[] } }[];
      };
      expect(sarif.runs[0]!.properties?.servers).toEqual([
        { name: 'web', targetOs: 'win2022', targetOsReason: 'current-version', targetOsDecidedBy: `CurrentBuildNumber "20348" in ${path.join('web', 'cv.reg')} line 4` },
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
