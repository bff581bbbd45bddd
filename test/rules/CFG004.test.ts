import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LINT_OPTIONS, lintServer, type Finding } from '../../src/engine/lint.js';
import { loadServer, type FileInput } from '../../src/engine/load.js';
import { CFG004 } from '../../src/rules/CFG004.js';
import { corpusDir } from '../support/corpus.js';


const V5 = 'Windows Registry Editor Version 5.00';
const SCHANNEL = 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL';
const PCT_SERVER = `[${SCHANNEL}\\Protocols\\PCT 1.0\\Server]`;
const RC2_40 = `[${SCHANNEL}\\Ciphers\\RC2 40/128]`;
const MD5 = `[${SCHANNEL}\\Hashes\\MD5]`;
const PKCS = `[${SCHANNEL}\\KeyExchangeAlgorithms\\PKCS]`;
const PARAMETERS = '[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters]';
const BINDING = '[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters\\SslBindingInfo\\0.0.0.0:443]';

function reg(filePath: string, ...lines: string[]): FileInput {
  return { path: filePath, bytes: new TextEncoder().encode([V5, '', ...lines, ''].join('\r\n')) };
}

function lint(files: FileInput[]): Finding[] {
  return lintServer(loadServer('server', files, undefined), DEFAULT_LINT_OPTIONS, [CFG004]);
}

function at(finding: Finding): [number, number, number, number] {
  return [finding.region.startLine, finding.region.startColumn, finding.region.endLine, finding.region.endColumn];
}

describe('CFG004 schannel-value-type', () => {
  describe('valid', () => {
    it.each([
      ['DWORD Enabled and DisabledByDefault', [PCT_SERVER, '"Enabled"=dword:00000000', '"DisabledByDefault"=dword:00000001']],
      ['hex(4) with exactly four bytes is a REG_DWORD', [RC2_40, '"Enabled"=hex(4):00,00,00,00']],
      ['0xffffffff as IIS Crypto writes it', [MD5, '"Enabled"=dword:ffffffff']],
      ['other value names are not this rule\'s', [PKCS, '"Comment"="kept"']],
      ['EnableKernelSSL as a string is KSSL006\'s', [PARAMETERS, '"EnableKernelSSL"="1"']],
      ['a DWORD DefaultFlags', [BINDING, '"DefaultFlags"=dword:00000002']],
      ['a string Enabled under a key SChannel never reads (CFG005\'s)', [`[${SCHANNEL}\\Ciphers\\RC2 40\u2215128]`, '"Enabled"="0"']],
      ['a string Enabled under the protocol key without a side (not read)', [`[${SCHANNEL}\\Protocols\\TLS 1.0]`, '"Enabled"="0"']],
    ])('%s', (_name, lines) => {
      expect(lint([reg('schannel.reg', ...lines)])).toEqual([]);
    });

    it('a string that a later file rewrites as a DWORD (files applied in order)', () => {
      const files = [reg('1-hardening.reg', RC2_40, '"Enabled"="0"'), reg('2-fix.reg', RC2_40, '"Enabled"=dword:00000000')];
      expect(lint(files)).toEqual([]);
    });

    it('a string that a later file deletes', () => {
      const files = [reg('1-hardening.reg', RC2_40, '"Enabled"="0"'), reg('2-cleanup.reg', RC2_40, '"Enabled"=-')];
      expect(lint(files)).toEqual([]);
    });
  });

  describe('invalid', () => {
    it.each([
      // [name, lines (line 3 is the key, line 4 the value), region, message part]
      ['KB 187498\'s REG_BINARY', [PCT_SERVER, '"Enabled"=hex:00,00,00,00'], [4, 1, 4, 26], 'is written as REG_BINARY (hex:00,00,00,00), not a REG_DWORD', 'Write `"Enabled"=dword:00000000` instead.'],
      ['a REG_SZ "0"', [RC2_40, '"Enabled"="0"'], [4, 1, 4, 14], 'is written as REG_SZ ("0")', 'Write `"Enabled"=dword:00000000` instead.'],
      ['a REG_SZ "0xffffffff"', [MD5, '"Enabled"="0xffffffff"'], [4, 1, 4, 23], 'REG_SZ ("0xffffffff")', 'Write `"Enabled"=dword:ffffffff` instead.'],
      ['a REG_SZ word', [PKCS, '"Enabled"="yes"'], [4, 1, 4, 16], 'REG_SZ ("yes")', 'Write it as `"Enabled"=dword:00000000` or `"Enabled"=dword:00000001`.'],
      ['hex(4) with three bytes', [PCT_SERVER, '"DisabledByDefault"=hex(4):01,00,00'], [4, 1, 4, 36], 'hex(4) with 3 bytes (hex(4):01,00,00; a REG_DWORD holds exactly 4)', '`"DisabledByDefault"=dword:00000000`'],
      ['a QWORD', [RC2_40, '"Enabled"=hex(b):00,00,00,00,00,00,00,00'], [4, 1, 4, 41], 'REG_QWORD (hex(b):00,00,00,00,00,00,00,00)', 'dword:00000001'],
      ['an expandable string', [RC2_40, '"Enabled"=hex(2):30,00,00,00'], [4, 1, 4, 29], 'REG_EXPAND_SZ ("0")', 'Write `"Enabled"=dword:00000000` instead.'],
    ] as const)('%s', (_name, lines, region, written, advice) => {
      const findings = lint([reg('schannel.reg', ...lines)]);
      expect(findings).toHaveLength(1);
      expect(findings[0]!.ruleId).toBe('CFG004');
      expect(findings[0]!.level).toBe('warning');
      expect(at(findings[0]!)).toEqual(region);
      expect(findings[0]!.message).toContain(written);
      expect(findings[0]!.message).toContain(advice);
    });

    it('gives the full message, naming the subject', () => {
      const [finding] = lint([reg('schannel.reg', PCT_SERVER, '"Enabled"=hex:00,00,00,00')]);
      expect(finding!.message).toBe(
        "SChannel's `Enabled` for PCT 1.0 Server is written as REG_BINARY (hex:00,00,00,00), not a REG_DWORD: what SChannel does with it is undefined " +
          '(KB 187498 once showed REG_BINARY), so whether PCT 1.0 Server is on cannot be told. Write `"Enabled"=dword:00000000` instead.',
      );
      expect(finding!.subject).toBe(`registry:${SCHANNEL}\\Protocols\\PCT 1.0\\Server#Enabled`);
    });

    it('covers every line of a continued value', () => {
      const findings = lint([reg('schannel.reg', RC2_40, '"Enabled"=hex:00,00,\\', '  00,00')]);
      expect(findings.map(at)).toEqual([[4, 1, 5, 8]]);
    });

    it('points at the file that set the value in force', () => {
      const files = [reg('1-base.reg', RC2_40, '"Enabled"=dword:00000000'), reg('2-later.reg', '', RC2_40, '"Enabled"="0"')];
      const findings = lint(files);
      expect(findings.map((finding) => [finding.file.path, at(finding)])).toEqual([['2-later.reg', [5, 1, 5, 14]]]);
    });

    it('reads a UTF-16LE export', () => {
      const text = [V5, '', PCT_SERVER, '"Enabled"=hex:00,00,00,00', ''].join('\r\n');
      const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
      expect(lint([{ path: 'schannel.reg', bytes }]).map(at)).toEqual([[4, 1, 4, 26]]);
    });

    it('reports http.sys DefaultFlags that is not a DWORD', () => {
      const findings = lint([reg('http.reg', BINDING, '"DefaultFlags"=hex:02,00,00,00')]);
      expect(findings.map(at)).toEqual([[4, 1, 4, 31]]);
      expect(findings[0]!.message).toMatch(/^http\.sys `DefaultFlags` of the SSL binding 0\.0\.0\.0:443 is written as REG_BINARY \(hex:02,00,00,00\), not a REG_DWORD/);
      expect(findings[0]!.message).toContain('Write `"DefaultFlags"=dword:00000002` instead.');
    });
  });

  describe.skipIf(!existsSync(corpusDir))('corpus', () => {
    it.each(existsSync(path.join(corpusDir, 'reg')) ? readdirSync(path.join(corpusDir, 'reg')) : [])('%s writes every Enabled/DisabledByDefault as a DWORD', (name) => {
      expect(lint([{ path: name, bytes: readFileSync(path.join(corpusDir, 'reg', name)) }])).toEqual([]);
    });
  });
});
