import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LINT_OPTIONS, lintServer, type Finding, type LintOptions } from '../../src/engine/lint.js';
import { loadServer } from '../../src/engine/load.js';
import { KSSL006 } from '../../src/rules/KSSL006.js';
import { corpusDir } from '../support/corpus.js';

const HTTP = 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters';

/** An http.sys Parameters export whose line 5 is `valueLine`. */
function httpExport(valueLine: string): string {
  return `Windows Registry Editor Version 5.00\n\n[${HTTP}]\n"EnableErrorLogging"=dword:00000001\n${valueLine}\n`;
}

function lint(files: Record<string, string | Uint8Array>, options: Partial<LintOptions> = {}): Finding[] {
  const inputs = Object.entries(files).map(([path, content]) => ({
    path,
    bytes: typeof content === 'string' ? new TextEncoder().encode(content) : content,
  }));
  const full = { ...DEFAULT_LINT_OPTIONS, ...options };
  return lintServer(loadServer('web01', inputs, full.os), full, [KSSL006]);
}


const invalid: { line: string; level: 'error' | 'warning'; endColumn: number; title: string }[] = [
  { line: '"EnableKernelSSL"="1"', level: 'error', endColumn: 22, title: 'EnableKernelSSL is a REG_SZ, not a REG_DWORD, so http.sys does not honour it' },
  { line: '"EnableKernelSSL"=hex(2):31,00,00,00', level: 'error', endColumn: 37, title: 'EnableKernelSSL is a REG_EXPAND_SZ, not a REG_DWORD' },
  { line: '"EnableKernelSSL"=hex:01,00,00,00', level: 'error', endColumn: 34, title: 'EnableKernelSSL is a REG_BINARY, not a REG_DWORD' },
  { line: '"EnableKernelSSL"=hex(b):01,00,00,00,00,00,00,00', level: 'error', endColumn: 49, title: 'EnableKernelSSL is a REG_QWORD, not a REG_DWORD' },
  { line: '"EnableKernelSSL"=hex(4):01,00', level: 'error', endColumn: 31, title: 'EnableKernelSSL is typed REG_DWORD but holds 2 bytes instead of 4, so http.sys does not honour it' },
  { line: '"EnableKernelSSL"=dword:00000002', level: 'warning', endColumn: 33, title: 'EnableKernelSSL is 2, which is neither 0 nor 1' },
  { line: '"EnableKernelSSL"=dword:ffffffff', level: 'warning', endColumn: 33, title: 'EnableKernelSSL is 4294967295, which is neither 0 nor 1' },
];

describe('KSSL006 kernel-ssl-setting-invalid', () => {
  it.each(invalid)('invalid: $line → $level', ({ line, level, endColumn, title }) => {
    const findings = lint({ 'http.reg': httpExport(line) });
    expect(findings.map((finding) => [finding.ruleId, finding.level, finding.region])).toEqual([
      ['KSSL006', level, { startLine: 5, startColumn: 1, endLine: 5, endColumn }],
    ]);
    expect(findings[0]!.message.startsWith(title)).toBe(true);
    expect(findings[0]!.message).toContain(`\`${line}\` in http.reg`);
    expect(findings[0]!.subject).toBe(`registry:${HTTP}#EnableKernelSSL`);
  });

  it.each([
    '"EnableKernelSSL"=dword:00000001',
    '"EnableKernelSSL"=dword:00000000',
    '"EnableKernelSSL"=dword:1',
    '"EnableKernelSSL"=hex(4):01,00,00,00',
    '"EnableErrorLogging"=dword:00000001',
  ])('valid: %s', (line) => {
    expect(lint({ 'http.reg': httpExport(line) })).toEqual([]);
  });

  it('runs with --kernel-ssl off too', () => {
    const findings = lint({ 'http.reg': httpExport('"EnableKernelSSL"="1"') }, { kernelSsl: 'off' });
    expect(findings.map((finding) => finding.ruleId)).toEqual(['KSSL006']);
  });

  it('reports the value in force: a later file wins', () => {
    const findings = lint({
      'a.reg': httpExport('"EnableKernelSSL"="1"'),
      'b.reg': httpExport('"EnableKernelSSL"=dword:00000003'),
    });
    expect(findings.map((finding) => [finding.file.path, finding.level])).toEqual([['b.reg', 'warning']]);
  });

  it('finds it in a UTF-16LE export', () => {
    const text = httpExport('"EnableKernelSSL"="0"').replace(/\n/g, '\r\n');
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const findings = lint({ 'http.reg': bytes });
    expect(findings.map((finding) => [finding.level, finding.region.startLine, finding.region.startColumn])).toEqual([['error', 5, 1]]);
  });

  it('offers no fix, not even for a string "1": a DWORD 1 would switch kernel-mode SSL on', () => {
    for (const line of ['"EnableKernelSSL"="1"', '"EnableKernelSSL"="0"', '"EnableKernelSSL"=dword:00000002']) {
      const [finding] = lint({ 'http.reg': httpExport(line) });
      expect(finding?.ruleId).toBe('KSSL006');
      expect(finding?.fix).toBeUndefined();
    }
    expect(KSSL006.meta.fixable).toBeUndefined();
  });
});

describe.skipIf(!existsSync(corpusDir))('KSSL006 on the corpus', () => {
  it('ennima-http-parameters-escaped-string.reg sets no EnableKernelSSL: nothing', () => {
    const bytes = readFileSync(`${corpusDir}reg/ennima-http-parameters-escaped-string.reg`);
    expect(lint({ 'http.reg': bytes })).toEqual([]);
  });
});
