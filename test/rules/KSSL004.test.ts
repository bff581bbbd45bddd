import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { applyTextEdits as applyEdits } from '../../src/fix/edits.js';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LINT_OPTIONS, lintServer, type Finding, type LintOptions } from '../../src/engine/lint.js';
import { loadServer } from '../../src/engine/load.js';
import type { OsProfile } from '../../src/model/os-profiles.js';
import { KSSL004 } from '../../src/rules/KSSL004.js';
import { corpusDir } from '../support/corpus.js';

const S = 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL';
const HTTP = 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters';
const HEADER = 'Windows Registry Editor Version 5.00';

type Content = string | Uint8Array;

/** UTF-16LE + BOM + CRLF, as regedit writes an export. */
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
  '\t\tServerComment="Default Web Site"',
  '\t>',
  '</IIsWebServer>',
  '</MBProperty>',
  '</configuration>',
  '',
].join('\r\n');

const http = (data: string) => reg(`[${HTTP}]`, `"EnableKernelSSL"=${data}`);

/** A stock regedit export: every parent key present, Ciphers empty. */
const stockExport = reg(
  `[${S}]`,
  '"EventLogging"=dword:00000001',
  '',
  `[${S}\\Ciphers]`,
  '',
  `[${S}\\CipherSuites]`,
  '',
  `[${S}\\Hashes]`,
  '',
  `[${S}\\KeyExchangeAlgorithms]`,
  '',
  `[${S}\\Protocols]`,
  '',
);

const rc2Off = (...names: string[]) => names.flatMap((name) => [`[${S}\\Ciphers\\${name}]`, '"Enabled"=dword:00000000', '']);
const ALL_RC2 = ['RC2 128/128', 'RC2 56/128', 'RC2 40/128'];

function server(files: Record<string, Content>, os?: OsProfile) {
  const inputs = Object.entries(files).map(([path, content]) => ({
    path,
    bytes: typeof content === 'string' ? new TextEncoder().encode(content) : content,
  }));
  return loadServer('web01', inputs, os);
}

function lint(files: Record<string, Content>, options: Partial<LintOptions> = {}): Finding[] {
  const full = { ...DEFAULT_LINT_OPTIONS, ...options };
  return lintServer(server(files, full.os), full, [KSSL004]);
}

function summary(finding: Finding) {
  return { file: finding.file.path, line: finding.region.startLine, column: finding.region.startColumn, level: finding.level };
}


interface InvalidCase {
  name: string;
  files: Record<string, Content>;
  options?: Partial<LintOptions>;
  expected: { file: string; line: number; column: number; level: string }[];
  message: (string | RegExp)[];
}

const invalid: InvalidCase[] = [
  {
    name: 'explicit ffffffff with EnableKernelSSL=1: error, breaks now',
    files: {
      'MetaBase.xml': metabase,
      'schannel.reg': reg(...rc2Off('RC2 128/128', 'RC2 56/128'), `[${S}\\Ciphers\\RC2 40/128]`, '"Enabled"=dword:ffffffff'),
      'http.reg': http('dword:00000001'),
    },
    expected: [{ file: 'schannel.reg', line: 10, column: 1, level: 'error' }],
    message: [/^RC2 cipher `RC2 40\/128` is enabled \(`"Enabled"=dword:ffffffff` in schannel\.reg\)\./, 'breaks now: EnableKernelSSL=1'],
  },
  {
    name: 'explicit 1 with EnableKernelSSL=0: warning',
    files: {
      'schannel.reg': reg(...rc2Off('RC2 128/128', 'RC2 40/128'), `[${S}\\Ciphers\\RC2 56/128]`, '"Enabled"=dword:00000001'),
      'http.reg': http('dword:00000000'),
    },
    expected: [{ file: 'schannel.reg', line: 10, column: 1, level: 'warning' }],
    message: ['`RC2 56/128`', 'blocks enabling kernel-mode SSL (EnableKernelSSL=0'],
  },
  {
    name: 'explicit, EnableKernelSSL absent: error, would break',
    files: { 'schannel.reg': reg(`[${S}\\Ciphers\\RC2 128/128]`, '"Enabled"=dword:00000001') },
    expected: [{ file: 'schannel.reg', line: 4, column: 1, level: 'error' }],
    message: ['would break when kernel-mode SSL is enabled'],
  },
  {
    name: 'explicit with --kernel-ssl on although EnableKernelSSL=0: error',
    files: {
      'schannel.reg': reg(...rc2Off('RC2 56/128', 'RC2 40/128'), `[${S}\\Ciphers\\RC2 128/128]`, '"Enabled"=dword:00000001'),
      'http.reg': http('dword:00000000'),
    },
    options: { kernelSsl: 'on' },
    expected: [{ file: 'schannel.reg', line: 10, column: 1, level: 'error' }],
    message: ['--kernel-ssl on'],
  },
  {
    name: 'every RC2 cipher explicit: one finding each, in line order',
    files: {
      'schannel.reg': reg(
        `[${S}\\Ciphers\\RC2 128/128]`,
        '"Enabled"=dword:00000001',
        `[${S}\\Ciphers\\RC2 40/128]`,
        '"Enabled"=dword:00000001',
        `[${S}\\Ciphers\\RC2 56/128]`,
        '"Enabled"=dword:00000001',
      ),
    },
    expected: [
      { file: 'schannel.reg', line: 4, column: 1, level: 'error' },
      { file: 'schannel.reg', line: 6, column: 1, level: 'error' },
      { file: 'schannel.reg', line: 8, column: 1, level: 'error' },
    ],
    message: ['RC2 cipher'],
  },
  {
    name: 'default on 2003 (metabase beside a stock UTF-16 export): one finding at [Ciphers]',
    files: { 'MetaBase.xml': metabase, 'schannel.reg': utf16(stockExport), 'http.reg': http('dword:00000000') },
    expected: [{ file: 'schannel.reg', line: 6, column: 1, level: 'warning' }],
    message: [
      /^RC2 ciphers `RC2 128\/128`, `RC2 56\/128` and `RC2 40\/128` are enabled by the Windows Server 2003 SP1 default\./,
      '(assumed from the IIS 6 metabase)',
      'KB245030',
    ],
  },
  {
    name: 'default with --os win2003-sp2 and no metabase',
    files: { 'schannel.reg': stockExport },
    options: { os: 'win2003-sp2' },
    expected: [{ file: 'schannel.reg', line: 6, column: 1, level: 'error' }],
    message: ['Windows Server 2003 SP2 (--os win2003-sp2)'],
  },
  {
    name: 'default: the OS comes from EnableKernelSSL alone',
    files: { 'schannel.reg': stockExport, 'http.reg': http('dword:00000001') },
    expected: [{ file: 'schannel.reg', line: 6, column: 1, level: 'error' }],
    message: ['(assumed because EnableKernelSSL is set)', 'breaks now'],
  },
  {
    name: 'one cipher left on whose key is written without Enabled: at its own key line',
    files: { 'MetaBase.xml': metabase, 'schannel.reg': reg(...rc2Off('RC2 128/128', 'RC2 56/128'), `[${S}\\Ciphers\\RC2 40/128]`, '"Other"=dword:1') },
    expected: [{ file: 'schannel.reg', line: 9, column: 1, level: 'error' }],
    message: [/^RC2 cipher `RC2 40\/128` is enabled by the Windows Server 2003 SP1 default\./],
  },
  {
    name: 'ciphers with different nearest ancestors: at the first key the file writes under Ciphers',
    files: { 'MetaBase.xml': metabase, 'schannel.reg': reg(`[${S}]`, '', `[${S}\\Ciphers\\RC2 40/128]`, '') },
    expected: [{ file: 'schannel.reg', line: 5, column: 1, level: 'error' }],
    message: ['`RC2 128/128`, `RC2 56/128` and `RC2 40/128`'],
  },
  {
    name: 'a deletion in the second file re-enables RC2 40/128 by default',
    files: {
      'MetaBase.xml': metabase,
      '01-export.reg': utf16(reg(`[${S}]`, '', `[${S}\\Ciphers]`, '', ...rc2Off(...ALL_RC2))),
      '02-restore.reg': reg(`[-${S}\\Ciphers\\RC2 40/128]`),
    },
    // The line that removed the key is why its value is missing (missing-value-anchor.ts).
    expected: [{ file: '02-restore.reg', line: 3, column: 1, level: 'error' }],
    message: [/^RC2 cipher `RC2 40\/128` is enabled by/, `the key \`RC2 40/128\` was removed by \`[-${S}\\Ciphers\\RC2 40/128]\` (02-restore.reg line 3)`],
  },
  {
    name: 'a value deletion "Enabled"=- re-enables RC2 56/128 by default',
    files: { 'MetaBase.xml': metabase, 'schannel.reg': reg(...rc2Off(...ALL_RC2), `[${S}\\Ciphers\\RC2 56/128]`, '"Enabled"=-') },
    expected: [{ file: 'schannel.reg', line: 6, column: 1, level: 'error' }],
    message: ['the `Enabled` value of `RC2 56/128` was removed by `"Enabled"=-` (schannel.reg line 13)'],
  },
  {
    name: 'no written ancestor, the Ciphers key deleted: at the deletion line',
    files: {
      'MetaBase.xml': metabase,
      'a.reg': reg(...rc2Off(...ALL_RC2)),
      'b.reg': reg(`[${S}\\Protocols\\PCT 1.0\\Server]`, '"Enabled"=dword:00000000', '', `[-${S}\\Ciphers]`),
    },
    expected: [{ file: 'b.reg', line: 6, column: 1, level: 'error' }],
    message: ['`RC2 128/128`, `RC2 56/128` and `RC2 40/128`'],
  },
  {
    name: 'a file that only deletes RC2 keys nobody wrote: at its first deletion',
    files: { 'MetaBase.xml': metabase, 'restore.reg': reg(`[-${S}\\Ciphers\\RC2 56/128]`, '', `[-${S}\\Ciphers\\RC2 40/128]`) },
    expected: [{ file: 'restore.reg', line: 3, column: 1, level: 'error' }],
    message: ['the key `RC2 56/128` was removed by', 'the key `RC2 40/128` was removed by', '(restore.reg line 5)'],
  },
  {
    name: 'no written ancestor, only protocol keys written: at the first SChannel key line',
    files: { 'MetaBase.xml': metabase, 'tls.reg': reg(`[${S}\\Protocols\\TLS 1.0\\Server]`, '"Enabled"=dword:00000001') },
    expected: [{ file: 'tls.reg', line: 3, column: 1, level: 'error' }],
    message: ['This server\'s SChannel settings (tls.reg)'],
  },
  {
    name: 'an 8-bit REGEDIT4 export (windows-1252 comment) with an explicit value',
    files: {
      'schannel.reg': Buffer.from(
        `REGEDIT4\r\n\r\n; Geh\xe4rtet f\xfcr M\xfcller \x96 RC2 bleibt an\r\n[${S}\\Ciphers\\RC2 128/128]\r\n"Enabled"=dword:00000001\r\n`,
        'latin1',
      ),
    },
    expected: [{ file: 'schannel.reg', line: 5, column: 1, level: 'error' }],
    message: ['`RC2 128/128`'],
  },
];

describe('KSSL004 rc2-cipher-enabled', () => {
  describe.each(invalid.map((testCase) => [testCase.name, testCase] as const))('invalid: %s', (_name, testCase) => {
    const findings = lint(testCase.files, testCase.options);
    it('reports exactly these findings', () => {
      expect(findings.map((finding) => finding.ruleId)).toEqual(testCase.expected.map(() => 'KSSL004'));
      expect(findings.map(summary)).toEqual(testCase.expected);
    });
    it('says why', () => {
      for (const part of testCase.message) {
        if (typeof part === 'string') expect(findings[0]?.message).toContain(part);
        else expect(findings[0]?.message).toMatch(part);
      }
    });
  });

  const valid: { name: string; files: Record<string, Content>; options?: Partial<LintOptions> }[] = [
    { name: 'every RC2 cipher disabled on 2003', files: { 'MetaBase.xml': metabase, 'schannel.reg': reg(...rc2Off(...ALL_RC2)) } },
    { name: 'a stock export without a metabase (target OS unknown)', files: { 'schannel.reg': utf16(stockExport) } },
    { name: '--os win2012: RC2 defaults unknown', files: { 'schannel.reg': stockExport }, options: { os: 'win2012' } },
    {
      name: '--kernel-ssl off',
      files: { 'MetaBase.xml': metabase, 'schannel.reg': reg(`[${S}\\Ciphers\\RC2 40/128]`, '"Enabled"=dword:00000001') },
      options: { kernelSsl: 'off' },
    },
    { name: 'a metabase without any SChannel export (KSSL007 reports it)', files: { 'MetaBase.xml': metabase, 'http.reg': http('dword:00000001') } },
    {
      name: 'Enabled written as REG_SZ: undefined (CFG004), not guessed',
      files: { 'schannel.reg': reg(...rc2Off('RC2 128/128', 'RC2 56/128'), `[${S}\\Ciphers\\RC2 40/128]`, '"Enabled"="1"') },
    },
    {
      name: 'RC2 56/56 written enabled: a misnamed DES key (KB245030 "DES 56"), not RC2',
      files: { 'MetaBase.xml': metabase, 'schannel.reg': reg(...rc2Off(...ALL_RC2), `[${S}\\Ciphers\\RC2 56/56]`, '"Enabled"=dword:ffffffff') },
    },
    {
      name: 'RC2 56/56 absent on 2003: DES, on by default, not this rule\'s',
      files: { 'MetaBase.xml': metabase, 'schannel.reg': reg(...rc2Off(...ALL_RC2)) },
      options: { os: 'win2003-sp2' },
    },
    {
      name: 'a deletion followed by a later re-disable',
      files: {
        'MetaBase.xml': metabase,
        '01.reg': reg(`[-${S}\\Ciphers]`),
        '02.reg': reg(...rc2Off(...ALL_RC2)),
      },
    },
  ];
  it.each(valid.map((testCase) => [testCase.name, testCase] as const))('valid: %s', (_name, testCase) => {
    expect(lint(testCase.files, testCase.options)).toEqual([]);
  });

  describe('fixes', () => {
    it('an explicit value: rewrites exactly the data text', () => {
      const text = reg(`[${S}\\Ciphers\\RC2 40/128]`, '"Enabled"=dword:ffffffff ; legacy clients');
      const [finding] = lint({ 'schannel.reg': text });
      const edits = finding?.fix?.edits ?? [];
      expect(edits).toHaveLength(1);
      expect(text.slice(edits[0]!.span.start, edits[0]!.span.end)).toBe('dword:ffffffff');
      expect(applyEdits(text, edits)).toBe(reg(`[${S}\\Ciphers\\RC2 40/128]`, '"Enabled"=dword:00000000 ; legacy clients'));
    });

    it('an explicit hex(4) value continued over two lines: replaces all of its data', () => {
      const text = reg(`[${S}\\Ciphers\\RC2 40/128]`, '"Enabled"=hex(4):01,00,\\', '  00,00', '"Other"=dword:1');
      const [finding] = lint({ 'schannel.reg': text });
      expect(summary(finding!)).toEqual({ file: 'schannel.reg', line: 4, column: 1, level: 'error' });
      expect(finding!.region.endLine).toBe(5);
      expect(applyEdits(text, finding!.fix!.edits)).toBe(reg(`[${S}\\Ciphers\\RC2 40/128]`, '"Enabled"=dword:00000000', '"Other"=dword:1'));
    });

    it('defaults: appends the missing keys to the last SChannel file in its newline style, and the result is clean', () => {
      const exportText = utf16(stockExport);
      const restore = reg(`[-${S}\\Ciphers\\RC2 40/128]`).replace(/\n/g, '\r\n');
      const files = { 'MetaBase.xml': metabase, '01.reg': exportText, '02.reg': restore, 'http.reg': http('dword:00000001') };
      const [finding] = lint(files);
      const edits = finding!.fix!.edits;
      expect(edits).toHaveLength(1);
      expect(edits[0]!.path).toBe('02.reg');
      expect(edits[0]!.span).toEqual({ start: restore.length, end: restore.length });
      expect(edits[0]!.text).toBe(
        ALL_RC2.map((name) => `[${S}\\Ciphers\\${name}]\r\n"Enabled"=dword:00000000\r\n`).join('\r\n').replace(/^/, '\r\n'),
      );
      expect(finding!.fix!.description).toContain('02.reg');
      expect(lint({ ...files, '02.reg': applyEdits(restore, edits) })).toEqual([]);
    });

    it('defaults in an offline-hive export: the appended keys use its ControlSet00N spelling', () => {
      const CS1 = S.replace('CurrentControlSet', 'ControlSet001');
      const text = reg(`[${CS1}\\Ciphers]`, '', '[HKEY_LOCAL_MACHINE\\SYSTEM\\Select]', '"Current"=dword:00000001');
      const [finding] = lint({ 'MetaBase.xml': metabase, 'system.reg': text });
      const fixed = applyEdits(text, finding!.fix!.edits);
      expect(fixed).toContain(`[${CS1}\\Ciphers\\RC2 40/128]`);
      expect(fixed).not.toContain('CurrentControlSet');
      expect(lint({ 'MetaBase.xml': metabase, 'system.reg': fixed })).toEqual([]);
    });

    it('defaults in a file without a final newline: starts on a new line', () => {
      const text = `${HEADER}\n\n[${S}\\Ciphers]`;
      const [finding] = lint({ 'MetaBase.xml': metabase, 'schannel.reg': text });
      const fixed = applyEdits(text, finding!.fix!.edits);
      expect(fixed.startsWith(`${text}\n\n[${S}\\Ciphers\\RC2 128/128]\n"Enabled"=dword:00000000\n`)).toBe(true);
      expect(lint({ 'MetaBase.xml': metabase, 'schannel.reg': fixed })).toEqual([]);
    });
  });

  it('uses a stable subject, not a line', () => {
    const [explicit] = lint({ 'schannel.reg': reg(`[${S}\\ciphers\\rc2 40/128]`, '"Enabled"=dword:1') });
    expect(explicit?.subject).toBe(`registry:${S}\\Ciphers\\RC2 40/128#Enabled`);
    const [fromDefault] = lint({ 'MetaBase.xml': metabase, 'schannel.reg': stockExport });
    expect(fromDefault?.subject).toBe(`registry:${S}\\Ciphers#RC2 default`);
  });
});

describe.skipIf(!existsSync(corpusDir))('KSSL004 on the corpus', () => {
  const corpus = (name: string) => readFileSync(`${corpusDir}reg/${name}`);

  it('no corpus .reg file alone (OS unknown) raises KSSL004: none enables RC2 explicitly', () => {
    const names = readdirSync(`${corpusDir}reg`).filter((name) => name.endsWith('.reg'));
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(lint({ [name]: corpus(name) }), name).toEqual([]);
  });

  it('pssl-regedit-export-utf16.reg alone (OS unknown): no default finding', () => {
    expect(lint({ 'pssl.reg': corpus('pssl-regedit-export-utf16.reg') })).toEqual([]);
  });

  it('pssl-regedit-export-utf16.reg beside an IIS 6 metabase: one finding at its [Ciphers] line', () => {
    const findings = lint({ 'MetaBase.xml': metabase, 'pssl.reg': corpus('pssl-regedit-export-utf16.reg') });
    expect(findings.map(summary)).toEqual([{ file: 'pssl.reg', line: 6, column: 1, level: 'error' }]);
  });

  it('racetracks-bestpractice-tls13.reg disables RC2 explicitly: nothing, even on 2003', () => {
    const file = { 'bp.reg': corpus('racetracks-bestpractice-tls13.reg') };
    expect(lint(file)).toEqual([]);
    expect(lint({ ...file, 'MetaBase.xml': metabase })).toEqual([]);
  });

  it('iiscrypto-backup-deletes.reg on 2003: RC2 back at its default, located at the first RC2 deletion', () => {
    const text = corpus('iiscrypto-backup-deletes.reg').toString('latin1');
    const [finding, ...rest] = lint({ 'MetaBase.xml': metabase, 'backup.reg': corpus('iiscrypto-backup-deletes.reg') });
    expect(rest).toEqual([]);
    const line = text.split(/\r?\n/).findIndex((candidate) => candidate.startsWith(`[-${S}\\Ciphers\\RC2 40/128]`)) + 1;
    expect(summary(finding!)).toEqual({ file: 'backup.reg', line, column: 1, level: 'error' });
  });
});
