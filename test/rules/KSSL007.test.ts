import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LINT_OPTIONS, lintServer, type Finding, type LintOptions } from '../../src/engine/lint.js';
import { loadServer } from '../../src/engine/load.js';
import { KSSL007 } from '../../src/rules/KSSL007.js';
import { corpusDir } from '../support/corpus.js';

const S = 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL';
const HTTP = 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters';
const COMMAND = 'reg export "HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL" schannel.reg';

interface Site {
  n: number;
  comment?: string;
  secure?: string;
}

/** A metabase whose root element `<configuration` is on line 2 (name at column 2). */
function metabase(sites: Site[]): string {
  const lines = ['<?xml version ="1.0"?>', '<configuration xmlns="urn:microsoft-catalog:XML_Metabase_V64_0">', '<MBProperty>'];
  for (const site of sites) {
    lines.push(`<IIsWebServer\tLocation ="/LM/W3SVC/${site.n}"`);
    if (site.secure !== undefined) lines.push(`\t\tSecureBindings="${site.secure}"`);
    lines.push('\t\tServerBindings=":80:"');
    if (site.comment) lines.push(`\t\tServerComment="${site.comment}"`);
    lines.push('\t>', '</IIsWebServer>');
  }
  lines.push('</MBProperty>', '</configuration>', '');
  return lines.join('\r\n');
}

const reg = (...lines: string[]) => `Windows Registry Editor Version 5.00\n\n${lines.join('\n')}\n`;

function lint(files: Record<string, string | Uint8Array>, options: Partial<LintOptions> = {}): Finding[] {
  const inputs = Object.entries(files).map(([path, content]) => ({
    path,
    bytes: typeof content === 'string' ? new TextEncoder().encode(content) : content,
  }));
  const full = { ...DEFAULT_LINT_OPTIONS, ...options };
  return lintServer(loadServer('web01', inputs, full.os), full, [KSSL007]);
}

const ROOT_REGION = { startLine: 2, startColumn: 2, endLine: 2, endColumn: 15 };
const https = metabase([{ n: 1, comment: 'Default Web Site', secure: ':443:' }]);

describe('KSSL007 schannel-export-missing', () => {
  it('flags HTTPS sites without an SChannel export, at <configuration>, as a warning', () => {
    const findings = lint({ 'web01/MetaBase.xml': https, 'web01/http.reg': reg(`[${HTTP}]`, '"EnableKernelSSL"=dword:00000001') });
    expect(findings.map((finding) => [finding.ruleId, finding.level, finding.file.path, finding.region])).toEqual([
      ['KSSL007', 'warning', 'web01/MetaBase.xml', ROOT_REGION],
    ]);
    const message = findings[0]!.message;
    expect(message).toMatch(/^No SChannel export for this server: RC2 cannot be verified, and Windows Server 2003 enables RC2 by default\./);
    expect(message).toContain('Site `/LM/W3SVC/1` (Default Web Site) serves HTTPS');
    expect(message).toContain(`Run \`${COMMAND}\` on the server and put schannel.reg beside MetaBase.xml.`);
    expect(findings[0]!.subject).toBe(`registry:${S}`);
  });

  it('names up to five HTTPS sites, skipping sites without SecureBindings', () => {
    const sites: Site[] = [1, 2, 3, 4, 5, 6, 7].map((n) => ({ n, comment: `Site ${n}`, secure: n === 2 ? undefined : `10.0.0.${n}:443:` }));
    const [finding] = lint({ 'MetaBase.xml': metabase(sites) });
    expect(finding?.message).toContain(
      'Sites `/LM/W3SVC/1` (Site 1), `/LM/W3SVC/3` (Site 3), `/LM/W3SVC/4` (Site 4), `/LM/W3SVC/5` (Site 5), `/LM/W3SVC/6` (Site 6) and 1 more serve HTTPS',
    );
  });

  it('stays a warning whatever the kernel-mode SSL context', () => {
    expect(lint({ 'MetaBase.xml': https }, { kernelSsl: 'on' }).map((finding) => finding.level)).toEqual(['warning']);
  });

  it('names the metabase file as it is called', () => {
    const [finding] = lint({ 'backup/MetaBase_12_34.xml': https });
    expect(finding?.message).toContain('beside MetaBase_12_34.xml.');
  });

  it('counts a .reg file with a wrong header as no export (regedit imports nothing)', () => {
    const broken = `regedit4\n\n[${S}\\Ciphers\\RC2 40/128]\n"Enabled"=dword:00000000\n`;
    expect(lint({ 'MetaBase.xml': https, 'schannel.reg': broken }).map((finding) => finding.ruleId)).toEqual(['KSSL007']);
  });

  it.each([
    ['no site has SecureBindings', { 'MetaBase.xml': metabase([{ n: 1, comment: 'Default Web Site' }]) }],
    ['SecureBindings is empty', { 'MetaBase.xml': metabase([{ n: 1, secure: '' }]) }],
    ['an SChannel export is present', { 'MetaBase.xml': https, 'schannel.reg': reg(`[${S}]`, '"EventLogging"=dword:00000001') }],
    ['an SChannel file that only deletes a key is present', { 'MetaBase.xml': https, 'schannel.reg': reg(`[-${S}\\Ciphers\\RC2 40/128]`) }],
    ['no metabase (an SChannel-less http.sys export alone)', { 'http.reg': reg(`[${HTTP}]`, '"EnableKernelSSL"=dword:00000001') }],
  ] as const)('valid: %s', (_name, files) => {
    expect(lint(files)).toEqual([]);
  });

  it('does not run with --kernel-ssl off', () => {
    expect(lint({ 'MetaBase.xml': https }, { kernelSsl: 'off' })).toEqual([]);
  });
});

describe.skipIf(!existsSync(corpusDir))('KSSL007 on the corpus', () => {
  it.each(['modsic-metabase.xml', 'modsic-metabase-incomplete-custom.xml'])('%s has no SecureBindings: nothing', (name) => {
    expect(lint({ 'MetaBase.xml': readFileSync(`${corpusDir}metabase/${name}`) })).toEqual([]);
  });
});
