import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { applyTextEdits as applyEdits } from '../../src/fix/edits.js';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LINT_OPTIONS, lintServer, type Finding, type LintOptions } from '../../src/engine/lint.js';
import { loadServer } from '../../src/engine/load.js';
import type { OsProfile } from '../../src/model/os-profiles.js';
import { subjectId, type SchannelSetting } from '../../src/model/schannel.js';
import type { ServerModel } from '../../src/model/server.js';
import { KSSL005 } from '../../src/rules/KSSL005.js';
import { corpusDir } from '../support/corpus.js';

const S = 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL';
const PCT = `${S}\\Protocols\\PCT 1.0`;
const HTTP = 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters';
const HEADER = 'Windows Registry Editor Version 5.00';

type Content = string | Uint8Array;

function utf16(text: string): Uint8Array {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.replace(/\r?\n/g, '\r\n'), 'utf16le')]);
}

function reg(...lines: string[]): string {
  return `${HEADER}\n\n${lines.join('\n')}\n`;
}

const metabase = [
  '<?xml version ="1.0"?>',
  '<configuration xmlns="urn:microsoft-catalog:XML_Metabase_V64_0">',
  '<MBProperty>',
  '<IIsWebServer\tLocation ="/LM/W3SVC/1"',
  '\t\tSecureBindings=":443:"',
  '\t>',
  '</IIsWebServer>',
  '</MBProperty>',
  '</configuration>',
  '',
].join('\r\n');

const http = (data: string) => reg(`[${HTTP}]`, `"EnableKernelSSL"=${data}`);
const rc2Off = ['RC2 128/128', 'RC2 56/128', 'RC2 40/128'].flatMap((name) => [`[${S}\\Ciphers\\${name}]`, '"Enabled"=dword:00000000', '']);

function server(files: Record<string, Content>, os?: OsProfile): ServerModel {
  const inputs = Object.entries(files).map(([path, content]) => ({
    path,
    bytes: typeof content === 'string' ? new TextEncoder().encode(content) : content,
  }));
  return loadServer('web01', inputs, os);
}

function lint(files: Record<string, Content>, options: Partial<LintOptions> = {}): Finding[] {
  const full = { ...DEFAULT_LINT_OPTIONS, ...options };
  return lintServer(server(files, full.os), full, [KSSL005]);
}

const summary = (finding: Finding) => ({
  file: finding.file.path,
  line: finding.region.startLine,
  column: finding.region.startColumn,
  level: finding.level,
});


const invalid: {
  name: string;
  files: Record<string, Content>;
  options?: Partial<LintOptions>;
  expected: ReturnType<typeof summary>;
  message: string[];
}[] = [
  {
    name: 'Server Enabled=1 with EnableKernelSSL=1 (UTF-16 export)',
    files: { 'MetaBase.xml': metabase, 'schannel.reg': utf16(reg(...rc2Off, `[${PCT}]`, '', `[${PCT}\\Server]`, '"Enabled"=dword:00000001')), 'http.reg': http('dword:00000001') },
    expected: { file: 'schannel.reg', line: 15, column: 1, level: 'error' },
    message: ['PCT 1.0 is enabled on the server side (`"Enabled"=dword:00000001` in schannel.reg).', 'breaks now', 'MS04-011'],
  },
  {
    name: 'Server Enabled=ffffffff with EnableKernelSSL=0: warning',
    files: { 'schannel.reg': reg(`[${PCT}\\Server]`, '"Enabled"=dword:ffffffff'), 'http.reg': http('dword:00000000') },
    expected: { file: 'schannel.reg', line: 4, column: 1, level: 'warning' },
    message: ['blocks enabling kernel-mode SSL'],
  },
  {
    name: 'EnableKernelSSL absent: error, would break',
    files: { 'pct.reg': reg(`[${PCT}\\Server]`, '"DisabledByDefault"=dword:00000000', '"Enabled"=dword:00000001') },
    expected: { file: 'pct.reg', line: 5, column: 1, level: 'error' },
    message: ['would break when kernel-mode SSL is enabled'],
  },
  {
    name: '--kernel-ssl on',
    files: { 'pct.reg': reg(`[${PCT}\\Server]`, '"Enabled"=dword:00000001'), 'http.reg': http('dword:00000000') },
    options: { kernelSsl: 'on' },
    expected: { file: 'pct.reg', line: 4, column: 1, level: 'error' },
    message: ['--kernel-ssl on'],
  },
];

describe('KSSL005 pct-protocol-enabled', () => {
  it.each(invalid.map((testCase) => [testCase.name, testCase] as const))('invalid: %s', (_name, testCase) => {
    const findings = lint(testCase.files, testCase.options);
    expect(findings.map(summary)).toEqual([testCase.expected]);
    expect(findings[0]?.ruleId).toBe('KSSL005');
    for (const part of testCase.message) expect(findings[0]?.message).toContain(part);
    expect(findings[0]?.subject).toBe(`registry:${PCT}\\Server#Enabled`);
  });

  const valid: { name: string; files: Record<string, Content>; options?: Partial<LintOptions> }[] = [
    { name: 'Server disabled', files: { 'pct.reg': reg(`[${PCT}\\Server]`, '"Enabled"=dword:00000000') } },
    {
      name: 'only the Client side enabled (IIS uses the server side)',
      files: { 'pct.reg': reg(`[${PCT}\\Client]`, '"Enabled"=dword:00000001', '', `[${PCT}\\Server]`, '"Enabled"=dword:00000000') },
    },
    { name: 'absent on Windows Server 2003: off by default (KB187498)', files: { 'MetaBase.xml': metabase, 'schannel.reg': reg(...rc2Off) } },
    { name: 'Server Enabled deleted on 2003: back to the default, off', files: { 'MetaBase.xml': metabase, 'schannel.reg': reg(`[${PCT}\\Server]`, '"Enabled"=-') } },
    { name: '--kernel-ssl off', files: { 'pct.reg': reg(`[${PCT}\\Server]`, '"Enabled"=dword:00000001') }, options: { kernelSsl: 'off' } },
    { name: 'Enabled as REG_BINARY (undefined: CFG004)', files: { 'pct.reg': reg(`[${PCT}\\Server]`, '"Enabled"=hex:01,00,00,00') } },
  ];
  it.each(valid.map((testCase) => [testCase.name, testCase] as const))('valid: %s', (_name, testCase) => {
    expect(lint(testCase.files, testCase.options)).toEqual([]);
  });

  it('fix: rewrites the data to dword:00000000', () => {
    const text = reg(`[${PCT}\\Server]`, '"Enabled"=dword:00000001');
    const [finding] = lint({ 'pct.reg': text });
    expect(applyEdits(text, finding!.fix!.edits)).toBe(reg(`[${PCT}\\Server]`, '"Enabled"=dword:00000000'));
  });

  /**
   * No OS profile enables PCT 1.0 for servers by default today; pretend one does to check the
   * default case is located and fixed like KSSL004's.
   */
  describe('a default-enabled PCT 1.0 server (simulated OS default)', () => {
    function withPctDefaultOn(model: ServerModel): ServerModel {
      const original = model.schannel.setting({ category: 'protocol', name: 'PCT 1.0', side: 'Server' })!;
      const patched: SchannelSetting = { ...original, state: 'enabled', provenance: { kind: 'default', os: 'win2003-sp1' } };
      return {
        ...model,
        schannel: {
          ...model.schannel,
          setting: (subject) => (subjectId(subject) === subjectId(original.subject) ? patched : model.schannel.setting(subject)),
        },
      };
    }

    const text = reg(`[${S}]`, '', `[${S}\\Protocols]`, '', `[${PCT}]`, '', `[${PCT}\\Client]`, '"Enabled"=dword:00000000');

    it('points at the nearest written ancestor and appends the key in the fix', () => {
      const model = withPctDefaultOn(server({ 'MetaBase.xml': metabase, 'schannel.reg': text }));
      const findings = KSSL005.check(model, { kernelSsl: 'auto', os: undefined });
      expect(findings).toHaveLength(1);
      const [finding] = findings;
      expect(finding!.file.lines.region(finding!.span)).toEqual({ startLine: 7, startColumn: 1, endLine: 7, endColumn: `[${PCT}]`.length + 1 });
      expect(finding!.level).toBe('error');
      expect(finding!.message).toMatch(/^PCT 1\.0 is enabled on the server side by the Windows Server 2003 SP1 default\./);
      expect(applyEdits(text, finding!.fix!.edits)).toBe(`${text}\n[${PCT}\\Server]\n"Enabled"=dword:00000000\n`);
    });

    it('is silent without any SChannel export', () => {
      const model = withPctDefaultOn(server({ 'MetaBase.xml': metabase }));
      expect(KSSL005.check(model, { kernelSsl: 'auto', os: undefined })).toEqual([]);
    });
  });
});

describe.skipIf(!existsSync(corpusDir))('KSSL005 on the corpus', () => {
  it('no corpus .reg file enables PCT 1.0 for servers, alone or beside an IIS 6 metabase', () => {
    const names = readdirSync(`${corpusDir}reg`).filter((name) => name.endsWith('.reg'));
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      const bytes = readFileSync(`${corpusDir}reg/${name}`);
      expect(lint({ [name]: bytes }), name).toEqual([]);
      expect(lint({ [name]: bytes, 'MetaBase.xml': metabase }), name).toEqual([]);
    }
  });
});
