import { describe, expect, it } from 'vitest';
import { lintServer, DEFAULT_LINT_OPTIONS, type Finding } from '../../src/engine/lint.js';
import { loadServer, type FileInput } from '../../src/engine/load.js';
import { CFG009 } from '../../src/rules/CFG009.js';
import { KSSL007 } from '../../src/rules/KSSL007.js';

const V5 = 'Windows Registry Editor Version 5.00';
const cs = (n: string) => `[HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet${n}\\Control\\SecurityProviders\\SCHANNEL\\Ciphers\\RC2 40/128]`;
const SELECT = (n: number) => ['[HKEY_LOCAL_MACHINE\\SYSTEM\\Select]', `"Current"=dword:0000000${n}`];
const reg = (name: string, ...lines: string[]): FileInput => ({ path: name, bytes: Buffer.from([V5, '', ...lines, ''].join('\r\n')) });

function metabase(): FileInput {
  const text = ['<?xml version ="1.0"?>', '<configuration>', '<MBProperty>', '<IIsWebServer\tLocation ="/LM/W3SVC/1"', '\t\tSecureBindings=":443:"', '\t>', '</IIsWebServer>', '</MBProperty>', '</configuration>', ''];
  return { path: 'MetaBase.xml', bytes: Buffer.from(text.join('\r\n')) };
}

function lint(files: FileInput[], rules = [CFG009]): Finding[] {
  return lintServer(loadServer('server', files, undefined), DEFAULT_LINT_OPTIONS, rules);
}

describe('CFG009 control-set-ambiguous', () => {
  it.each([
    ['Select names the current one', [reg('system.reg', cs('001'), '"Enabled"=dword:00000000', cs('002'), '"Enabled"=dword:00000000', ...SELECT(1))]],
    ['Select in another file', [reg('a.reg', cs('001'), cs('002')), reg('b.reg', ...SELECT(2))]],
    ['a single control set without Select', [reg('system.reg', cs('001'), '"Enabled"=dword:00000000')]],
    ['CurrentControlSet exports', [reg('s.reg', '[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL]')]],
  ])('valid: %s', (_name, files) => {
    expect(lint(files)).toEqual([]);
  });

  it('several control sets without Select: one warning at the first such key line in apply order', () => {
    const findings = lint([reg('2-b.reg', cs('002')), reg('10-c.reg', cs('003')), reg('1-a.reg', '[HKEY_LOCAL_MACHINE\\SOFTWARE\\x]', cs('001'))]);
    expect(findings.map((finding) => [finding.ruleId, finding.level, finding.file.path, finding.region.startLine])).toEqual([['CFG009', 'warning', '1-a.reg', 4]]);
    expect(findings[0]!.message).toContain('hold ControlSet001, ControlSet002 and ControlSet003 and no HKLM\\SYSTEM\\Select');
  });

  it('KSSL007 says why an export under an unmapped control set is not used, never "no SChannel export"', () => {
    const ambiguous = lint([metabase(), reg('system.reg', cs('001'), cs('002'))], [KSSL007]);
    expect(ambiguous).toHaveLength(1);
    expect(ambiguous[0]!.message).not.toContain('No SChannel export');
    expect(ambiguous[0]!.message).toContain('exported under ControlSet001 and ControlSet002 (system.reg), not read as the current control set');
    expect(ambiguous[0]!.message).toContain('(CFG009)');

    const otherSelected = lint([metabase(), reg('system.reg', cs('002'), ...SELECT(1))], [KSSL007]);
    expect(otherSelected[0]!.message).toContain('HKLM\\SYSTEM\\Select "Current"=1 names ControlSet001, which the exports do not hold');

    expect(lint([metabase(), reg('system.reg', cs('002'))], [KSSL007])).toEqual([]);
  });
});
