import { existsSync, readFileSync } from 'node:fs';
import { applyTextEdits } from '../../src/fix/edits.js';
import { lintFiles, type LintedFiles } from '../support/lint.js';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/engine/lint.js';
import type { FileInput } from '../../src/engine/load.js';
import type { OsProfile } from '../../src/model/os-profiles.js';
import { CFG005 } from '../../src/rules/CFG005.js';
import { corpusDir } from '../support/corpus.js';


const V5 = 'Windows Registry Editor Version 5.00';
const SCHANNEL = 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL';

/** A 5.00 export: header, blank line, then `lines` from line 3. */
function reg(lines: string[], filePath = 'schannel.reg'): FileInput {
  return { path: filePath, bytes: new TextEncoder().encode([V5, '', ...lines, ''].join('\r\n')) };
}

function utf16(lines: string[], filePath = 'schannel.reg'): FileInput {
  return { path: filePath, bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from([V5, '', ...lines, ''].join('\r\n'), 'utf16le')]) };
}

/** `[SCHANNEL\<relative>]` and its values. */
function key(relative: string, ...values: string[]): string[] {
  return [`[${SCHANNEL}\\${relative}]`, ...values];
}

const OFF = '"Enabled"=dword:00000000';
const ON = '"Enabled"=dword:00000001';

/** The last lint's files, for reading spans and applying fixes. */
let linted: LintedFiles;

function lint(files: FileInput[], os?: OsProfile): Finding[] {
  linted = lintFiles(files, [CFG005], { os });
  return linted.findings;
}

function at(finding: Finding): [number, number, number, number] {
  return [finding.region.startLine, finding.region.startColumn, finding.region.endLine, finding.region.endColumn];
}

function flagged(finding: Finding): string {
  return linted.textOf(finding.file.path).slice(finding.span.start, finding.span.end);
}

function applyFix(finding: Finding, file: FileInput): string {
  const edits = (finding.fix?.edits ?? []).filter((edit) => edit.path === file.path);
  return applyTextEdits(linted.textOf(file.path), edits);
}

describe('CFG005 schannel-key-unknown', () => {
  describe('valid', () => {
    it.each([
      ['a stock tree of containers', [...key('Ciphers'), ...key('CipherSuites'), ...key('Hashes'), ...key('KeyExchangeAlgorithms'), ...key('Protocols')]],
      ['the SCHANNEL root with its own values', [`[${SCHANNEL}]`, '"EventLogging"=dword:00000001']],
      ['protocol sides', [...key('Protocols\\SSL 2.0\\Server', OFF), ...key('Protocols\\PCT 1.0\\Client', OFF)]],
      ['Server 2003 cipher names', [...key('Ciphers\\RC2 40/128', OFF), ...key('Ciphers\\Triple DES 168/168', OFF), ...key('Ciphers\\NULL', OFF)]],
      ['case differences', [...key('ciphers\\rc4 128/128', OFF), ...key('PROTOCOLS\\TLS 1.0\\server', ON)]],
      ['anything below CipherSuites and Messaging', [...key('CipherSuites\\Whatever'), ...key('Messaging', '"MessageLimitServer"=dword:00008000')]],
      ['Diffie-Hellman key sizes', [...key('KeyExchangeAlgorithms\\Diffie-Hellman', '"ServerMinKeyBitLength"=dword:00000800')]],
    ])('%s (target Server 2003 SP1)', (_name, lines) => {
      expect(lint([reg(lines)], 'win2003-sp1')).toEqual([]);
    });

    it('accepts any version\'s names when the target OS is unknown', () => {
      const lines = [...key('Ciphers\\Triple DES 168', OFF), ...key('Ciphers\\AES 256/256', ON), ...key('Protocols\\TLS 1.3\\Server', ON), ...key('Protocols\\PCT 1.0\\Server', OFF)];
      expect(lint([reg(lines)])).toEqual([]);
    });

    it('does not report a key a later file deletes', () => {
      const files = [reg(key('Ciphers\\RC4 128\u2215128', OFF), '1-bad.reg'), reg([`[-${SCHANNEL}\\Ciphers\\RC4 128\u2215128]`], '2-cleanup.reg')];
      expect(lint(files, 'win2003-sp1')).toEqual([]);
    });
  });

  describe('invalid', () => {
    it.each([
      // [name, relative path, reason text, suggestion]
      ['a misspelt cipher', 'Ciphers\\Tripple DES 168/168', 'the name is misspelt', 'Ciphers\\Triple DES 168/168'],
      ['a misspelt container', 'Protocls\\TLS 1.0\\Server', 'the name is misspelt', 'Protocols\\TLS 1.0\\Server'],
      ['a misspelt side', 'Protocols\\TLS 1.0\\Sever', 'the name is misspelt', 'Protocols\\TLS 1.0\\Server'],
      ['a backslash typed for the slash', 'Ciphers\\RC4 128\\128', 'the name is misspelt', 'Ciphers\\RC4 128/128'],
      ['a cipher cut at its slash', 'Ciphers\\DES 56', 'the name is misspelt', 'Ciphers\\DES 56/56'],
      ['SHA1 for SHA', 'Hashes\\SHA1', 'the name is misspelt', 'Hashes\\SHA'],
      ['a cipher under the key-exchange key', 'KeyExchangeAlgorithms\\Triple DES 168/168', 'the name belongs under another parent key', 'Ciphers\\Triple DES 168/168'],
      ['a protocol without its container', 'TLS 1.0\\Server', 'the name belongs under another parent key', 'Protocols\\TLS 1.0\\Server'],
    ])('%s: warns and suggests the key, with a rename fix', (_name, relative, reason, suggestion) => {
      const file = reg(key(relative, OFF));
      const findings = lint([file], 'win2003-sp1');
      expect(findings).toHaveLength(1);
      const [finding] = findings;
      expect(finding!.level).toBe('warning');
      expect(at(finding!)).toEqual([3, 2, 3, 2 + `${SCHANNEL}\\${relative}`.length]);
      expect(flagged(finding!)).toBe(`${SCHANNEL}\\${relative}`);
      expect(finding!.message).toContain(`SChannel never reads \`SCHANNEL\\${relative}\`: ${reason}, so its value \`Enabled\` does nothing.`);
      expect(finding!.message).toContain(`Did you mean \`SCHANNEL\\${suggestion}\`?`);
      expect(finding!.subject).toBe(`registry:${SCHANNEL}\\${relative}`);
      const fixed = applyFix(finding!, file);
      expect(fixed).toContain(`[${SCHANNEL}\\${suggestion}]\r\n${OFF}`);
      expect(lint([{ path: file.path, bytes: new TextEncoder().encode(fixed) }], 'win2003-sp1')).toEqual([]);
    });

    it('names a look-alike slash and its code point (UTF-16LE export)', () => {
      const findings = lint([utf16(key('Ciphers\\RC4 128\u2215128', OFF))], 'win2003-sp1');
      expect(findings).toHaveLength(1);
      expect(findings[0]!.message).toBe(
        "SChannel never reads `SCHANNEL\\Ciphers\\RC4 128\u2215128`: it has `\u2215` (U+2215 DIVISION SLASH) where SChannel's name has `/` (U+002F SOLIDUS), " +
          'so its value `Enabled` does nothing. Did you mean `SCHANNEL\\Ciphers\\RC4 128/128`?',
      );
      expect(findings[0]!.fix?.edits.map((edit) => edit.text)).toEqual([`${SCHANNEL}\\Ciphers\\RC4 128/128`]);
    });

    it('an unknown name: no suggestion, no fix', () => {
      const findings = lint([reg(key('Ciphers\\Camellia 256', OFF))], 'win2003-sp1');
      expect(findings.map((finding) => [at(finding), finding.message, finding.fix])).toEqual([
        [[3, 2, 3, 101], 'SChannel does not know `SCHANNEL\\Ciphers\\Camellia 256`: it never reads this key, so its value `Enabled` does nothing.', undefined],
      ]);
    });

    it('a value written as a key: names the key that should hold it, no fix', () => {
      const findings = lint([reg(key('Ciphers\\RC2 40/128\\Enabled', '@=dword:00000000'))], 'win2003-sp1');
      expect(findings).toHaveLength(1);
      expect(findings[0]!.message).toBe(
        '`Enabled` is written as a key (`SCHANNEL\\Ciphers\\RC2 40/128\\Enabled`), but SChannel reads it as a value of `SCHANNEL\\Ciphers\\RC2 40/128`: ' +
          'its value `@` does nothing. Write `"Enabled"=dword:00000000` under `SCHANNEL\\Ciphers\\RC2 40/128` instead.',
      );
      expect(findings[0]!.fix).toBeUndefined();
    });

    it('a value written as a key under a protocol without a side', () => {
      const findings = lint([reg(key('Protocols\\SSL 3.0\\Enabled', '@=dword:00000000'))], 'win2003-sp1');
      expect(findings[0]!.message).toContain("SChannel reads it only as a value of a protocol's `Server` or `Client` key");
    });
  });

  describe('wrong OS', () => {
    it('Triple DES 168 on Server 2003: a warning (3DES stays on), suggesting Triple DES 168/168, with a fix', () => {
      const findings = lint([reg(key('Ciphers\\Triple DES 168', OFF))], 'win2003-sp1');
      expect(findings).toHaveLength(1);
      expect(findings[0]!.level).toBe('warning');
      expect(findings[0]!.message).toBe(
        'SChannel on Windows Server 2003 SP1 (the target OS set by the `os` option) never reads `SCHANNEL\\Ciphers\\Triple DES 168`: ' +
          'that cipher name belongs to other Windows versions, so its value `Enabled` does nothing. Did you mean `SCHANNEL\\Ciphers\\Triple DES 168/168`?',
      );
      expect(findings[0]!.fix?.edits.map((edit) => edit.text)).toEqual([`${SCHANNEL}\\Ciphers\\Triple DES 168/168`]);
    });

    it('Triple DES 168/168 on Server 2012 suggests Triple DES 168', () => {
      const findings = lint([reg(key('Ciphers\\Triple DES 168/168', OFF))], 'win2012');
      expect(findings[0]!.message).toContain('Did you mean `SCHANNEL\\Ciphers\\Triple DES 168`?');
    });

    it('says why the target OS is Server 2003 when the server has an IIS 6 metabase', () => {
      const metabase = {
        path: 'MetaBase.xml',
        bytes: new TextEncoder().encode('<?xml version ="1.0"?>\r\n<configuration>\r\n<MBProperty>\r\n</MBProperty>\r\n</configuration>\r\n'),
      };
      const findings = lint([metabase, reg(key('Ciphers\\Triple DES 168', OFF))]);
      expect(findings[0]!.message).toContain('(the target OS assumed because this server has an IIS 6.0 metabase)');
    });

    it.each([
      ['TLS 1.2 enabled on Server 2003', 'win2003-sp1', 'Protocols\\TLS 1.2\\Server', [ON, '"DisabledByDefault"=dword:00000000'], 'warning', 'has no TLS 1.2 protocol'],
      ['SSL 2.0 enabled on Server 2016', 'win2016', 'Protocols\\SSL 2.0\\Server', [ON], 'warning', 'has no SSL 2.0 protocol'],
      ['AES enabled on Server 2003: KB948963 adds AES suites, so a note', 'win2003-sp1', 'Ciphers\\AES 256/256', ['"Enabled"=dword:ffffffff'], 'note', 'the update KB948963 adds AES cipher suites to Windows Server 2003'],
      ['AES 128/128 disabled on Server 2003 SP2: a note naming KB948963', 'win2003-sp2', 'Ciphers\\AES 128/128', [OFF], 'note', 'KB948963'],
      ['a string Enabled=0 (not a DWORD)', 'win2012', 'Protocols\\PCT 1.0\\Server', ['"Enabled"="0"'], 'warning', 'has no PCT 1.0 protocol'],
      ['PCT 1.0 disabled on Server 2012', 'win2012', 'Protocols\\PCT 1.0\\Server', [OFF, '"DisabledByDefault"=dword:00000001'], 'note', 'The key only disables it, so it does no harm'],
      ['SSL 2.0 disabled by default on Server 2016', 'win2016', 'Protocols\\SSL 2.0\\Client', ['"DisabledByDefault"=dword:00000001'], 'note', 'The key only disables it'],
      ['TLS 1.1 disabled on Server 2003', 'win2003-sp1', 'Protocols\\TLS 1.1\\Client', [OFF, '"DisabledByDefault"=dword:00000000'], 'note', 'The key only disables it'],
      ['an empty TLS 1.2 key on Server 2003', 'win2003-sp1', 'Protocols\\TLS 1.2', [], 'note', 'The key holds no values, so it does no harm'],
    ] as const)('%s: %s', (_name, os, relative, values, level, message) => {
      const findings = lint([reg(key(relative, ...values))], os);
      expect(findings.map((finding) => [at(finding), finding.level])).toEqual([[[3, 2, 3, 2 + `${SCHANNEL}\\${relative}`.length], level]]);
      expect(findings[0]!.message).toContain(message);
      expect(findings[0]!.fix).toBeUndefined();
    });
  });

  it('reports a key opened twice once, at its first line, and renames both lines', () => {
    const file = reg([...key('Ciphers\\RC4 128\u2215128', OFF), '', ...key('Ciphers\\RC4 128\u2215128', '"DisabledByDefault"=dword:00000001')]);
    const findings = lint([file], 'win2003-sp1');
    expect(findings.map(at)).toEqual([[3, 2, 3, 100]]);
    expect(findings[0]!.fix?.description).toBe('Rename the 2 key lines to SCHANNEL\\Ciphers\\RC4 128/128.');
    expect(applyFix(findings[0]!, file).split('\r\n').filter((line) => line.startsWith('['))).toEqual([
      `[${SCHANNEL}\\Ciphers\\RC4 128/128]`,
      `[${SCHANNEL}\\Ciphers\\RC4 128/128]`,
    ]);
  });

  it('says nothing of a key written with an abbreviated root: regedit drops it (CFG003 reports that)', () => {
    const file = reg(['[HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Ciphers\\Tripple DES 168/168]', OFF]);
    expect(lint([file], 'win2003-sp1')).toEqual([]);
  });

  describe.skipIf(!existsSync(corpusDir))('corpus', () => {
    const read = (name: string): FileInput => ({ path: name, bytes: readFileSync(path.join(corpusDir, 'reg', name)) });

    it('racetracks-bestpractice-tls13.reg on Server 2003: Triple DES 168 suggests Triple DES 168/168', () => {
      const findings = lint([read('racetracks-bestpractice-tls13.reg')], 'win2003-sp1');
      const tripleDes = findings.filter((finding) => finding.subject.endsWith('\\Ciphers\\Triple DES 168'));
      expect(tripleDes.map((finding) => [at(finding), finding.level])).toEqual([[[30, 2, 30, 103], 'warning']]);
      expect(tripleDes[0]!.message).toContain('Did you mean `SCHANNEL\\Ciphers\\Triple DES 168/168`?');
      // The TLS 1.1 keys only disable a protocol 2003 does not have, and KB948963 brings AES to 2003: notes.
      // TLS 1.2/1.3 are enabled: warnings.
      expect(findings.filter((finding) => finding.level === 'note').map((finding) => finding.subject.split('\\').slice(-2).join('\\'))).toEqual([
        'Ciphers\\AES 128/128',
        'Ciphers\\AES 256/256',
        'TLS 1.1\\Client',
        'TLS 1.1\\Server',
      ]);
      expect(findings).toHaveLength(13);
    });

    it.each([
      'pssl-regedit-export-utf16.reg',
      'racetracks-bestpractice-tls13.reg',
      'iiscrypto-backup-deletes.reg',
      'natthasath-enable-rc4-key-and-value-same-line.reg',
    ])('%s: no unknown key when the target OS is unknown', (name) => {
      expect(lint([read(name)])).toEqual([]);
    });

    it('pssl-regedit-export-utf16.reg (a stock export) has no unknown key on Server 2003 either', () => {
      expect(lint([read('pssl-regedit-export-utf16.reg')], 'win2003-sp1')).toEqual([]);
    });
  });
});
