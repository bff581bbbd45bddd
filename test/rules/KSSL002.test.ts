import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lintServer, DEFAULT_LINT_OPTIONS, type Finding } from '../../src/engine/lint.js';
import { loadServer, type FileInput } from '../../src/engine/load.js';
import { KSSL002 } from '../../src/rules/KSSL002.js';
import type { KernelSslMode } from '../../src/rules/types.js';
import { corpusDir } from '../support/corpus.js';


/** A MetaBase.xml: prolog on lines 1-3, then `keys` (one string per line) from line 4. */
function metabase(keys: string[]): FileInput {
  const text = ['<?xml version ="1.0"?>', '<configuration xmlns="urn:microsoft-catalog:XML_Metabase_V64_0">', '<MBProperty>', ...keys, '</MBProperty>', '</configuration>', ''].join('\r\n');
  return { path: 'MetaBase.xml', bytes: new TextEncoder().encode(text) };
}

/** A .reg export from lines; UTF-16LE + BOM as regedit writes it, or 8-bit. */
function reg(path: string, lines: string[], utf16: boolean): FileInput {
  const text = lines.join('\r\n');
  const bytes = utf16 ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]) : Buffer.from(text, 'latin1');
  return { path, bytes: new Uint8Array(bytes) };
}

const PARAMETERS = 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters';

function httpParameters(enableKernelSsl: number | undefined): FileInput[] {
  if (enableKernelSsl === undefined) return [];
  return [reg('http-parameters.reg', ['Windows Registry Editor Version 5.00', '', `[${PARAMETERS}]`, `"EnableKernelSSL"=dword:0000000${enableKernelSsl}`, ''], false)];
}

function lint(files: FileInput[], kernelSsl: KernelSslMode = 'auto'): Finding[] {
  return lintServer(loadServer('server', files, undefined), { ...DEFAULT_LINT_OPTIONS, kernelSsl }, [KSSL002]);
}

function at(finding: Finding): [number, number, number, number] {
  return [finding.region.startLine, finding.region.startColumn, finding.region.endLine, finding.region.endColumn];
}

const key = (className: string, location: string, ...attributes: string[]) => [`<${className}\tLocation ="${location}"`, ...attributes, '\t>', `</${className}>`];

/** An http.sys Parameters export with one SslBindingInfo key per [endpoint, DefaultFlags data]. */
function sslBindings(bindings: Array<[string, string]>, utf16: boolean): FileInput {
  const lines = ['Windows Registry Editor Version 5.00', '', `[${PARAMETERS}]`, '"EnableKernelSSL"=dword:00000001', '', `[${PARAMETERS}\\SslBindingInfo]`, ''];
  for (const [endpoint, data] of bindings) {
    lines.push(`[${PARAMETERS}\\SslBindingInfo\\${endpoint}]`, '"SslCertHash"=hex:3b,1f,9a,44,c0,d2,7e,81,55,0a,6c,e3,29,b8,f4,17,62,dd,08,93', `"DefaultFlags"=${data}`, '');
  }
  return reg('http-parameters.reg', lines, utf16);
}

describe('KSSL002 client-certificate-negotiation', () => {
  describe('valid', () => {
    it.each([
      ['AccessSSL only', '\t\tAccessSSLFlags="AccessSSL"'],
      ['negotiate AND require: KSSL001 alone', '\t\tAccessSSLFlags="AccessSSL | AccessSSLNegotiateCert | AccessSSLRequireCert"'],
      ['numeric 104 (negotiate and require)', '\t\tAccessSSLFlags="104"'],
      ['a misspelt AccessSSLNegotiateCrt contributes no bit', '\t\tAccessSSLFlags="AccessSSL | AccessSSLNegotiateCrt"'],
      ['SSLAlwaysNegoClientCert FALSE', '\t\tSSLAlwaysNegoClientCert="FALSE"'],
      ['SSLAlwaysNegoClientCert 0', '\t\tSSLAlwaysNegoClientCert="0"'],
      ['SSLAlwaysNegoClientCert that IIS cannot read', '\t\tSSLAlwaysNegoClientCert="maybe"'],
    ])('%s', (_name, attribute) => {
      expect(lint([metabase(key('IIsWebServer', '/LM/W3SVC/1', attribute)), ...httpParameters(1)])).toEqual([]);
    });

    it.each([
      ['0 (none)', 'dword:00000000'],
      ['1 (USE_DS_MAPPER: KSSL003)', 'dword:00000001'],
      ['4 (NO_RAW_FILTER)', 'dword:00000004'],
      ['a REG_SZ "2" (CFG004)', '"2"'],
    ])('DefaultFlags %s', (_name, data) => {
      expect(lint([sslBindings([['0.0.0.0:443', data]], true)])).toEqual([]);
    });

    it('does not run with --kernel-ssl off', () => {
      expect(lint([sslBindings([['0.0.0.0:443', 'dword:00000002']], true)], 'off')).toEqual([]);
    });
  });

  describe('invalid', () => {
    it('reports AccessSSLNegotiateCert without RequireCert, symbolic and numeric, with inheritors', () => {
      const findings = lint([
        metabase([
          ...key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT', '\t\tAccessSSLFlags="AccessSSL | AccessSSLNegotiateCert"'), // line 5
          ...key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT/images'),
          ...key('IIsWebVirtualDir', '/LM/W3SVC/2/ROOT', '\t\tAccessSSLFlags="40"'), // line 12
          ...key('IIsWebServer', '/LM/W3SVC/1', '\t\tSecureBindings=":443:"'),
          ...key('IIsWebServer', '/LM/W3SVC/2', '\t\tSecureBindings=":443:"'),
        ]),
        ...httpParameters(1),
      ]);
      expect(findings.map((finding) => [finding.ruleId, ...at(finding), finding.level])).toEqual([
        ['KSSL002', 5, 3, 5, 54, 'error'],
        ['KSSL002', 12, 3, 12, 22, 'error'],
      ]);
      expect(findings[0]!.message).toBe(
        'AccessSSLFlags on /LM/W3SVC/1/ROOT negotiates client certificates ("AccessSSL | AccessSSLNegotiateCert"), which kernel-mode SSL cannot do. ' +
          'This setting breaks now: EnableKernelSSL=1 on this server. It is inherited by 1 virtual directory: /LM/W3SVC/1/ROOT/images.',
      );
      expect(findings[1]!.message).toContain('("40" (AccessSSL | AccessSSLNegotiateCert))');
      expect(findings[1]!.subject).toBe('metabase:/LM/W3SVC/2/ROOT#AccessSSLFlags');
    });

    it('reports SSLAlwaysNegoClientCert read as TRUE in any case', () => {
      const findings = lint([
        metabase([
          ...key('IIsWebServer', '/LM/W3SVC/1', '\t\tSSLAlwaysNegoClientCert="true"', '\t\tSecureBindings=":443:"'), // line 5
          ...key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT'),
        ]),
        ...httpParameters(0),
      ]);
      expect(findings.map((finding) => [...at(finding), finding.level])).toEqual([[5, 3, 5, 33, 'warning']]);
      // A per-site handshake setting: no "inherited by ... virtual directories".
      expect(findings[0]!.message).toBe(
        'SSLAlwaysNegoClientCert on /LM/W3SVC/1 is "true": IIS asks every client for a certificate during the SSL handshake, which kernel-mode SSL cannot do. ' +
          'This setting blocks enabling kernel-mode SSL (EnableKernelSSL=0 on this server).',
      );
      expect(findings[0]!.subject).toBe('metabase:/LM/W3SVC/1#SSLAlwaysNegoClientCert');
    });

    it('SSLAlwaysNegoClientCert on /LM/W3SVC names the HTTPS sites that get it, never HTTP-only sites or virtual directories', () => {
      const sites = [1, 2, 3, 4, 5, 6, 7].flatMap((n) => [
        ...key('IIsWebServer', `/LM/W3SVC/${n}`, n <= 4 ? '\t\tSecureBindings=":443:"' : '\t\tServerBindings=":80:"', `\t\tServerComment="site ${n}"`),
        ...key('IIsWebVirtualDir', `/LM/W3SVC/${n}/ROOT`),
      ]);
      const own = key('IIsWebServer', '/LM/W3SVC/8', '\t\tSecureBindings=":443:"', '\t\tSSLAlwaysNegoClientCert="FALSE"');
      const findings = lint([metabase([...key('IIsWebService', '/LM/W3SVC', '\t\tSSLAlwaysNegoClientCert="TRUE"'), ...sites, ...own]), ...httpParameters(1)]);
      expect(findings.map((finding) => [...at(finding), finding.level])).toEqual([[5, 3, 5, 33, 'error']]);
      expect(findings[0]!.message).toBe(
        'SSLAlwaysNegoClientCert on /LM/W3SVC is "TRUE": IIS asks every client for a certificate during the SSL handshake, which kernel-mode SSL cannot do. ' +
          'This setting breaks now: EnableKernelSSL=1 on this server. It applies to 4 HTTPS sites (sites with SecureBindings that do not set their own): ' +
          '/LM/W3SVC/1 (site 1), /LM/W3SVC/2 (site 2), /LM/W3SVC/3 (site 3) and /LM/W3SVC/4 (site 4).',
      );
    });

    it('SSLAlwaysNegoClientCert: a note where no HTTPS is served, nothing on a virtual directory (CFG007)', () => {
      const files = [
        metabase([
          ...key('IIsWebServer', '/LM/W3SVC/1', '\t\tServerBindings=":80:"', '\t\tSSLAlwaysNegoClientCert="TRUE"'),
          ...key('IIsWebServer', '/LM/W3SVC/2', '\t\tSecureBindings=":443:"'),
          ...key('IIsWebVirtualDir', '/LM/W3SVC/2/ROOT', '\t\tSSLAlwaysNegoClientCert="TRUE"'),
        ]),
        ...httpParameters(1),
      ];
      for (const kernelSsl of ['auto', 'on'] as const) {
        const findings = lint(files, kernelSsl);
        expect(findings.map((finding) => [finding.subject, finding.level])).toEqual([['metabase:/LM/W3SVC/1#SSLAlwaysNegoClientCert', 'note']]);
        expect(findings[0]!.message).toContain('Site /LM/W3SVC/1 serves no HTTPS now (no SecureBindings)');
      }
    });

    it.each([true, false])('reports http.sys DefaultFlags bit 0x2 at the value line (UTF-16LE: %s)', (utf16) => {
      const findings = lint([
        sslBindings(
          [
            ['0.0.0.0:443', 'dword:00000001'], // lines 8-10
            ['10.0.0.21:443', 'dword:00000002'], // lines 12-14
            ['10.0.0.22:443', 'dword:00000003'], // lines 16-18
          ],
          utf16,
        ),
      ]);
      expect(findings.map((finding) => [...at(finding), finding.level])).toEqual([
        [14, 1, 14, 30, 'error'],
        [18, 1, 18, 30, 'error'],
      ]);
      expect(findings[0]!.message).toBe(
        'The http.sys SSL binding 10.0.0.21:443 negotiates client certificates (DefaultFlags=dword:00000002 has bit 0x2, NEGOTIATE_CLIENT_CERT), ' +
          'which kernel-mode SSL cannot do. This setting breaks now: EnableKernelSSL=1 on this server.',
      );
      expect(findings[1]!.subject).toBe(`registry:${PARAMETERS}\\SslBindingInfo\\10.0.0.22:443#DefaultFlags`);
    });
  });

  describe.skipIf(!existsSync(corpusDir))('corpus', () => {
    it('the only public HTTP\\Parameters export (ennima) has no SSL binding', () => {
      const path = `${corpusDir}reg/ennima-http-parameters-escaped-string.reg`;
      expect(lint([{ path: 'http.reg', bytes: readFileSync(path) }], 'on')).toEqual([]);
    });
  });
});
