import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lintServer, DEFAULT_LINT_OPTIONS, type Finding } from '../../src/engine/lint.js';
import { loadServer, type FileInput } from '../../src/engine/load.js';
import { KSSL003 } from '../../src/rules/KSSL003.js';
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
  return lintServer(loadServer('server', files, undefined), { ...DEFAULT_LINT_OPTIONS, kernelSsl }, [KSSL003]);
}

function at(finding: Finding): [number, number, number, number] {
  return [finding.region.startLine, finding.region.startColumn, finding.region.endLine, finding.region.endColumn];
}

const key = (className: string, location: string, ...attributes: string[]) => [`<${className}\tLocation ="${location}"`, ...attributes, '\t>', `</${className}>`];

const custom = (name: string, id: number, value: string, type: string) => [
  '\t<Custom',
  `\t\tName="${name}"`,
  `\t\tID="${id}"`,
  `\t\tValue="${value}"`,
  `\t\tType="${type}"`,
  '\t\tUserType="IIS_MD_UT_SERVER"',
  '\t\tAttributes="NO_ATTRIBUTES"',
  '\t/>',
];

/** A one-to-one mapping key below a site's IIsCertMapper, as IIS keeps it (Cert11/Mappings/<n>). */
const mapping = (site: number) => [
  `<IIsConfigObject\tLocation ="/LM/W3SVC/${site}/IIsCertMapper/Cert11/Mappings/00000000"`,
  '\t>',
  ...custom('MapNtAcct', 6079, 'CONTOSO\\partner-gateway', 'STRING'),
  ...custom('MapEnabled', 6081, '1', 'DWORD'),
  '</IIsConfigObject>',
];

describe('KSSL003 client-certificate-mapping', () => {
  describe('valid', () => {
    it.each([
      ['AccessSSL | AccessSSLNegotiateCert | AccessSSLRequireCert (no map bit)', '\t\tAccessSSLFlags="AccessSSL | AccessSSLNegotiateCert | AccessSSLRequireCert"'],
      ['numeric 104 (no map bit)', '\t\tAccessSSLFlags="104"'],
      ['a misspelt AccessSSLMapCer contributes no bit', '\t\tAccessSSLFlags="AccessSSL | AccessSSLMapCer"'],
      ['SslUseDsMapper FALSE', '\t\tSslUseDsMapper="FALSE"'],
    ])('%s', (_name, attribute) => {
      expect(lint([metabase(key('IIsWebService', '/LM/W3SVC', attribute)), ...httpParameters(1)])).toEqual([]);
    });

    it('an empty IIsCertMapper (IIS creates one per site) is not a finding', () => {
      expect(lint([metabase([...key('IIsWebServer', '/LM/W3SVC/1'), ...key('IIsCertMapper', '/LM/W3SVC/1/IIsCertMapper')])])).toEqual([]);
    });

    it.each(['dword:00000000', 'dword:00000002', 'dword:00000004', 'hex:01,00,00,00'])('DefaultFlags=%s', (data) => {
      const file = reg('http.reg', ['REGEDIT4', '', `[${PARAMETERS}\\SslBindingInfo\\0.0.0.0:443]`, `"DefaultFlags"=${data}`, ''], false);
      expect(lint([file])).toEqual([]);
    });

    it('does not run with --kernel-ssl off', () => {
      expect(lint([metabase(key('IIsWebService', '/LM/W3SVC', '\t\tSslUseDsMapper="TRUE"'))], 'off')).toEqual([]);
    });
  });

  describe('invalid', () => {
    it('reports AccessSSLMapCert, symbolic and numeric, where it is set', () => {
      const findings = lint([
        metabase([
          ...key('IIsWebVirtualDir', '/LM/W3SVC/2/ROOT', '\t\tAccessSSLFlags="AccessSSL | AccessSSLNegotiateCert | AccessSSLMapCert"'), // line 5
          ...key('IIsWebVirtualDir', '/LM/W3SVC/3/ROOT', '\t\tAccessSSLFlags="232"'), // line 9
          ...key('IIsWebServer', '/LM/W3SVC/2', '\t\tSecureBindings=":443:"'),
          ...key('IIsWebServer', '/LM/W3SVC/3', '\t\tSecureBindings=":443:"'),
        ]),
        ...httpParameters(1),
      ]);
      expect(findings.map((finding) => [finding.ruleId, ...at(finding), finding.level])).toEqual([
        ['KSSL003', 5, 3, 5, 73, 'error'],
        ['KSSL003', 9, 3, 9, 23, 'error'],
      ]);
      expect(findings[0]!.message).toBe(
        'AccessSSLFlags on /LM/W3SVC/2/ROOT maps client certificates to Windows accounts ("AccessSSL | AccessSSLNegotiateCert | AccessSSLMapCert"), ' +
          'which kernel-mode SSL cannot do. This setting breaks now: EnableKernelSSL=1 on this server. ' +
          'No site, virtual directory, directory or file below it inherits it.',
      );
      expect(findings[1]!.message).toContain('("232" (AccessSSL | AccessSSLNegotiateCert | AccessSSLRequireCert | AccessSSLMapCert))');
    });

    it('reports SslUseDsMapper TRUE on /LM/W3SVC', () => {
      const site = key('IIsWebServer', '/LM/W3SVC/1', '\t\tSecureBindings=":443:"');
      const findings = lint([metabase([...key('IIsWebService', '/LM/W3SVC', '\t\tSslUseDsMapper="TRUE"'), ...site]), ...httpParameters(0)]);
      expect(findings.map((finding) => [...at(finding), finding.level, finding.subject])).toEqual([
        [5, 3, 5, 24, 'warning', 'metabase:/LM/W3SVC#SslUseDsMapper'],
      ]);
      expect(findings[0]!.message).toBe(
        'SslUseDsMapper on /LM/W3SVC is "TRUE": IIS maps client certificates to Windows accounts with the Active Directory mapper, ' +
          'which kernel-mode SSL cannot do. This setting blocks enabling kernel-mode SSL (EnableKernelSSL=0 on this server).',
      );
    });

    it('reports an IIsCertMapper that holds mappings at its element name, not the empty one', () => {
      const findings = lint([
        metabase([
          ...key('IIsWebServer', '/LM/W3SVC/1'), // lines 4-6
          ...key('IIsCertMapper', '/LM/W3SVC/1/IIsCertMapper'), // lines 7-9
          ...key('IIsWebServer', '/LM/W3SVC/2', '\t\tSecureBindings=":443:"'), // lines 10-13
          ...key('IIsCertMapper', '/LM/W3SVC/2/IIsCertMapper'), // line 14
          ...key('IIsConfigObject', '/LM/W3SVC/2/IIsCertMapper/Cert11'),
          ...key('IIsConfigObject', '/LM/W3SVC/2/IIsCertMapper/Cert11/Mappings'),
          ...mapping(2),
        ]),
      ]);
      expect(findings.map((finding) => [...at(finding), finding.level, finding.subject])).toEqual([
        [14, 2, 14, 15, 'error', 'metabase:/LM/W3SVC/2/IIsCertMapper'],
      ]);
      expect(findings[0]!.message).toBe(
        'The IIsCertMapper of /LM/W3SVC/2 holds client-certificate mappings (3 keys below it), which kernel-mode SSL cannot use. ' +
          'This mapper would break when kernel-mode SSL is enabled (EnableKernelSSL=1).',
      );
    });

    it('reports an IIsCertMapper with its own properties', () => {
      const findings = lint([
        metabase([...key('IIsCertMapper', '/LM/W3SVC/1/IIsCertMapper', '\t\tSslCtlIdentifier="{E553F318-89D9-4C9F-9C09-91FF12A3BFAF}"'), ...key('IIsWebServer', '/LM/W3SVC/1')]),
      ]);
      expect(findings.map(at)).toEqual([[4, 2, 4, 15]]);
      // Site 1 has no SecureBindings: nothing breaks today.
      expect(findings[0]!.level).toBe('note');
      expect(findings[0]!.message).toContain('holds client-certificate mappings (1 property)');
    });

    it('AccessSSLMapCert without AccessSSLNegotiateCert requests no certificate: not this rule (CFG008)', () => {
      const site = key('IIsWebServer', '/LM/W3SVC/1', '\t\tSecureBindings=":443:"');
      for (const value of ['AccessSSL | AccessSSLMapCert', '136']) {
        expect(lint([metabase([...site, ...key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT', `\t\tAccessSSLFlags="${value}"`)]), ...httpParameters(1)])).toEqual([]);
      }
    });

    it('SslUseDsMapper on a site is not read there (CFG007), and on /LM/W3SVC without HTTPS sites is a note', () => {
      const http = key('IIsWebServer', '/LM/W3SVC/1', '\t\tServerBindings=":80:"', '\t\tSslUseDsMapper="TRUE"');
      const findings = lint([metabase([...key('IIsWebService', '/LM/W3SVC', '\t\tSslUseDsMapper="TRUE"'), ...http]), ...httpParameters(1)], 'on');
      expect(findings.map((finding) => [finding.subject, finding.level])).toEqual([['metabase:/LM/W3SVC#SslUseDsMapper', 'note']]);
    });

    it.each([true, false])('reports http.sys DefaultFlags bit 0x1 at the value line (UTF-16LE: %s)', (utf16) => {
      const lines = ['Windows Registry Editor Version 5.00', '', `[${PARAMETERS}]`, '"EnableKernelSSL"=dword:00000001', ''];
      for (const [endpoint, flags] of [['0.0.0.0:443', 1], ['10.0.0.21:443', 2], ['10.0.0.22:443', 3]] as const) {
        lines.push(`[${PARAMETERS}\\SslBindingInfo\\${endpoint}]`, `"DefaultFlags"=dword:0000000${flags}`, '');
      }
      const findings = lint([reg('http-parameters.reg', lines, utf16)]);
      expect(findings.map((finding) => [...at(finding), finding.level])).toEqual([
        [7, 1, 7, 30, 'error'],
        [13, 1, 13, 30, 'error'],
      ]);
      expect(findings[0]!.message).toBe(
        'The http.sys SSL binding 0.0.0.0:443 maps client certificates with the Active Directory mapper (DefaultFlags=dword:00000001 has bit 0x1, USE_DS_MAPPER), ' +
          'which kernel-mode SSL cannot do. This setting breaks now: EnableKernelSSL=1 on this server.',
      );
      expect(findings[0]!.subject).toBe(`registry:${PARAMETERS}\\SslBindingInfo\\0.0.0.0:443#DefaultFlags`);
    });
  });

  describe.skipIf(!existsSync(corpusDir))('corpus', () => {
    it('modsic-metabase.xml: its IIsCertMapper is empty, nothing is reported', () => {
      const path = `${corpusDir}metabase/modsic-metabase.xml`;
      expect(lint([{ path: 'modsic-metabase.xml', bytes: readFileSync(path) }], 'on')).toEqual([]);
    });

    it('modsic-metabase-incomplete-custom.xml loads and raises nothing', () => {
      const path = `${corpusDir}metabase/modsic-metabase-incomplete-custom.xml`;
      expect(lint([{ path: 'metabase.xml', bytes: readFileSync(path) }], 'on')).toEqual([]);
    });
  });
});
