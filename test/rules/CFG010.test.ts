import { describe, expect, it } from 'vitest';
import { lintServer, DEFAULT_LINT_OPTIONS, type Finding } from '../../src/engine/lint.js';
import { loadServer, type FileInput } from '../../src/engine/load.js';
import { CFG010 } from '../../src/rules/CFG010.js';

const V5 = 'Windows Registry Editor Version 5.00';
const S = 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL';
const RC2 = `[${S}\\Ciphers\\RC2 40/128]`;
const reg = (name: string, ...lines: string[]): FileInput => ({ path: name, bytes: Buffer.from([V5, '', ...lines, ''].join('\r\n')) });

function lint(files: FileInput[]): Finding[] {
  return lintServer(loadServer('server', files, undefined), DEFAULT_LINT_OPTIONS, [CFG010]);
}

const summary = (finding: Finding) => [finding.ruleId, finding.level, finding.file.path, finding.region.startLine];

describe('CFG010 registry-value-conflict', () => {
  describe('valid', () => {
    it.each([
      ['unambiguous order (10-, 20-)', [reg('10-legacy.reg', RC2, '"Enabled"=dword:ffffffff'), reg('20-harden.reg', RC2, '"Enabled"=dword:00000000')]],
      ['zero-padded (09-, 10-)', [reg('09-harden.reg', RC2, '"Enabled"=dword:00000000'), reg('10-vendor.reg', RC2, '"Enabled"=dword:ffffffff')]],
      ['ambiguous names, same data (dword:0 and dword:00000000)', [reg('9-harden.reg', RC2, '"Enabled"=dword:0'), reg('10-vendor.reg', RC2, '"Enabled"=dword:00000000')]],
      ['ambiguous names, different values', [reg('9-harden.reg', RC2, '"Enabled"=dword:0'), reg('10-vendor.reg', RC2, '"Other"=dword:1')]],
      [
        'a third, later file decides the value',
        [reg('9-a.reg', RC2, '"Enabled"=dword:0'), reg('10-b.reg', RC2, '"Enabled"=dword:1'), reg('z-final.reg', RC2, '"Enabled"=dword:0')],
      ],
      ['one file only', [reg('schannel.reg', RC2, '"Enabled"=dword:0', RC2, '"Enabled"=dword:1')]],
    ])('%s', (_name, files) => {
      expect(lint(files)).toEqual([]);
    });
  });

  describe('invalid', () => {
    it('different data: a note at the winning write, naming the other file', () => {
      const findings = lint([reg('10-vendor.reg', RC2, '"Enabled"=dword:ffffffff'), reg('9-harden.reg', RC2, '"Enabled"=dword:00000000')]);
      expect(findings.map(summary)).toEqual([['CFG010', 'note', '10-vendor.reg', 4]]);
      expect(findings[0]!.message).toBe(
        '10-vendor.reg and 9-harden.reg disagree on `Enabled` of [...\\Ciphers\\RC2 40/128]: `"Enabled"=dword:ffffffff` (line 4) here wins in natural file order ' +
          '(the order iislint applies), but imported in plain name order 9-harden.reg would win with `"Enabled"=dword:00000000` (line 4). ' +
          'The result depends on the order an operator imports them in: number the files so every sort agrees (09-, 10-), or leave the value to one file.',
      );
      expect(findings[0]!.subject).toBe(`registry:${S}\\Ciphers\\RC2 40/128#Enabled`);
    });

    it('a key deletion against a write, and a value deletion against a write', () => {
      const keyDeleted = lint([reg('9-harden.reg', RC2, '"Enabled"=dword:0'), reg('10-restore.reg', `[-${S}\\Ciphers]`)]);
      expect(keyDeleted.map(summary)).toEqual([['CFG010', 'note', '10-restore.reg', 3]]);
      expect(keyDeleted[0]!.message).toContain('`[-...\\Ciphers]` (line 3) here wins');
      const valueDeleted = lint([reg('2-a.reg', RC2, '"Enabled"=-'), reg('1-b.reg', RC2, '"Enabled"=dword:0'), reg('11-c.reg', RC2, '"Enabled"=dword:0')]);
      // 11-c.reg is applied last (and first in plain order too, against 2-a.reg): it decides, against 2-a.reg's deletion.
      expect(valueDeleted.map(summary)).toEqual([['CFG010', 'note', '11-c.reg', 4]]);
    });
  });
});
