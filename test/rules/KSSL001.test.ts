import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lintServer, DEFAULT_LINT_OPTIONS, type Finding } from '../../src/engine/lint.js';
import { loadServer, type FileInput } from '../../src/engine/load.js';
import { KSSL001 } from '../../src/rules/KSSL001.js';
import { KSSL002 } from '../../src/rules/KSSL002.js';
import { KSSL003 } from '../../src/rules/KSSL003.js';
import type { KernelSslMode, Rule } from '../../src/rules/types.js';
import { corpusDir } from '../support/corpus.js';


/** A MetaBase.xml: prolog on lines 1-3, then `keys` (one string per line) from line 4. */
function metabase(keys: string[]): FileInput {
  const text = ['<?xml version ="1.0"?>', '<configuration xmlns="urn:microsoft-catalog:XML_Metabase_V64_0">', '<MBProperty>', ...keys, '</MBProperty>', '</configuration>', ''].join('\r\n');
  return { path: 'MetaBase.xml', bytes: new TextEncoder().encode(text) };
}

function httpParameters(enableKernelSsl: number | undefined): FileInput[] {
  if (enableKernelSsl === undefined) return [];
  const text = [
    'Windows Registry Editor Version 5.00',
    '',
    '[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters]',
    `"EnableKernelSSL"=dword:0000000${enableKernelSsl}`,
    '',
  ].join('\r\n');
  return [{ path: 'http-parameters.reg', bytes: new TextEncoder().encode(text) }];
}

function lint(files: FileInput[], kernelSsl: KernelSslMode = 'auto', rules: Rule[] = [KSSL001]): Finding[] {
  const server = loadServer('server', files, undefined);
  return lintServer(server, { ...DEFAULT_LINT_OPTIONS, kernelSsl }, rules);
}

function at(finding: Finding): [number, number, number, number] {
  return [finding.region.startLine, finding.region.startColumn, finding.region.endLine, finding.region.endColumn];
}

const service = (...attributes: string[]) => ['<IIsWebService\tLocation ="/LM/W3SVC"', ...attributes, '\t>', '</IIsWebService>'];
const key = (className: string, location: string, ...attributes: string[]) => [`<${className}\tLocation ="${location}"`, ...attributes, '\t>', `</${className}>`];

describe('KSSL001 client-certificate-required', () => {
  describe('valid', () => {
    it.each([
      ['AccessSSL only', '\t\tAccessSSLFlags="AccessSSL"'],
      ['negotiate without require (KSSL002)', '\t\tAccessSSLFlags="AccessSSL | AccessSSLNegotiateCert"'],
      ['numeric 40 = AccessSSL | AccessSSLNegotiateCert', '\t\tAccessSSLFlags="40"'],
      ['map without require (KSSL003)', '\t\tAccessSSLFlags="AccessSSL | AccessSSLMapCert"'],
      ['a misspelt AccessSSLRequireCer contributes no bit', '\t\tAccessSSLFlags="AccessSSL | AccessSSLRequireCer"'],
      ['a wrong-case attribute name IIS does not read', '\t\taccessSSLFlags="AccessSSL | AccessSSLNegotiateCert | AccessSSLRequireCert"'],
      ['require without negotiate requests no certificate (CFG008)', '\t\tAccessSSLFlags="AccessSSL | AccessSSLRequireCert"'],
      ['numeric 72 = AccessSSL | AccessSSLRequireCert, no negotiate (CFG008)', '\t\tAccessSSLFlags="72"'],
      ['an empty value', '\t\tAccessSSLFlags=""'],
    ])('%s', (_name, attribute) => {
      expect(lint([metabase(key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT', attribute)), ...httpParameters(1)])).toEqual([]);
    });

    it('ignores a Custom named AccessSSLFlags whose ID is another property', () => {
      const keys = key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT');
      keys.splice(2, 0, '\t<Custom', '\t\tName="AccessSSLFlags"', '\t\tID="9999"', '\t\tValue="104"', '\t\tType="DWORD"', '\t/>');
      expect(lint([metabase(keys)])).toEqual([]);
    });

    it('does not run with --kernel-ssl off', () => {
      const files = [metabase(service('\t\tAccessSSLFlags="104"')), ...httpParameters(1)];
      expect(lint(files, 'off')).toEqual([]);
    });

    it('reports nothing without a metabase', () => {
      expect(lint(httpParameters(1))).toEqual([]);
    });
  });

  describe('invalid', () => {
    it('reports a setting on /LM/W3SVC once, naming the inheritors minus an overriding site', () => {
      const files = [
        metabase([
          ...service('\t\tAccessSSLFlags="AccessSSL | AccessSSLNegotiateCert | AccessSSLRequireCert"'), // lines 4-7
          ...key('IIsWebServer', '/LM/W3SVC/1', '\t\tSecureBindings=":443:"'),
          ...key('IIsCertMapper', '/LM/W3SVC/1/IIsCertMapper'),
          ...key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT'),
          ...key('IIsWebServer', '/LM/W3SVC/2', '\t\tAccessSSLFlags="AccessSSL"'),
          ...key('IIsWebVirtualDir', '/LM/W3SVC/2/ROOT'),
          ...key('IIsWebServer', '/LM/W3SVC/3'),
          ...key('IIsWebVirtualDir', '/LM/W3SVC/3/ROOT'),
          ...key('IIsWebDirectory', '/LM/W3SVC/3/ROOT/images'),
          ...key('IIsApplicationPools', '/LM/W3SVC/AppPools'),
          ...key('IIsWebServer', '/LM/W3SVC/Info/Templates/Secure Web Site'),
        ]),
        ...httpParameters(1),
      ];
      const findings = lint(files);
      expect(findings).toHaveLength(1);
      const [finding] = findings;
      expect(finding!.ruleId).toBe('KSSL001');
      expect(at(finding!)).toEqual([5, 3, 5, 77]);
      expect(finding!.level).toBe('error');
      expect(finding!.subject).toBe('metabase:/LM/W3SVC#AccessSSLFlags');
      expect(finding!.message).toBe(
        'AccessSSLFlags on /LM/W3SVC requires client certificates ("AccessSSL | AccessSSLNegotiateCert | AccessSSLRequireCert"), ' +
          'which kernel-mode SSL cannot request. This setting breaks now: EnableKernelSSL=1 on this server. ' +
          'It is inherited by 2 sites, 2 virtual directories and 1 directory: /LM/W3SVC/1, /LM/W3SVC/1/ROOT, /LM/W3SVC/3, /LM/W3SVC/3/ROOT and /LM/W3SVC/3/ROOT/images.',
      );
    });

    it('names five inheritors and counts the rest', () => {
      const sites = [1, 2, 3, 4].flatMap((n) => [...key('IIsWebServer', `/LM/W3SVC/${n}`), ...key('IIsWebVirtualDir', `/LM/W3SVC/${n}/ROOT`)]);
      const [finding] = lint([metabase([...service('\t\tAccessSSLFlags="AccessSSLNegotiateCert | AccessSSLRequireCert"'), ...sites])]);
      expect(finding!.message).toMatch(
        / It is inherited by 4 sites and 4 virtual directories: \/LM\/W3SVC\/1, \/LM\/W3SVC\/1\/ROOT, \/LM\/W3SVC\/2, \/LM\/W3SVC\/2\/ROOT, \/LM\/W3SVC\/3 and 3 more\.$/,
      );
    });

    it('reports numeric values, and a deeper key that sets bit 64 again, each where it is set', () => {
      const findings = lint([
        metabase([
          ...key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT', '\t\tAccessSSLFlags="104"'), // line 5
          ...key('IIsWebDirectory', '/LM/W3SVC/1/ROOT/public', '\t\tAccessSSLFlags="8"'),
          ...key('IIsWebDirectory', '/LM/W3SVC/1/ROOT/secure'),
          ...key('IIsWebDirectory', '/LM/W3SVC/1/ROOT/secure/admin', '\t\tAccessSSLFlags="96"'), // line 16
          ...key('IIsWebServer', '/LM/W3SVC/1', '\t\tSecureBindings=":443:"'),
        ]),
        ...httpParameters(0),
      ]);
      expect(findings.map((finding) => [finding.ruleId, ...at(finding), finding.level])).toEqual([
        ['KSSL001', 5, 3, 5, 23, 'warning'],
        ['KSSL001', 16, 3, 16, 22, 'warning'],
      ]);
      expect(findings[0]!.message).toBe(
        'AccessSSLFlags on /LM/W3SVC/1/ROOT requires client certificates ("104" (AccessSSL | AccessSSLNegotiateCert | AccessSSLRequireCert)), ' +
          'which kernel-mode SSL cannot request. This setting blocks enabling kernel-mode SSL (EnableKernelSSL=0 on this server). ' +
          'It is inherited by 1 directory: /LM/W3SVC/1/ROOT/secure.',
      );
      expect(findings[1]!.message).toBe(
        'AccessSSLFlags on /LM/W3SVC/1/ROOT/secure/admin requires client certificates ("96" (AccessSSLNegotiateCert | AccessSSLRequireCert)), ' +
          'which kernel-mode SSL cannot request. This setting blocks enabling kernel-mode SSL (EnableKernelSSL=0 on this server). ' +
          'No site, virtual directory, directory or file below it inherits it.',
      );
    });

    it('reads a <Custom ID="6030"> child and points at its Value attribute', () => {
      const keys = key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT/payroll', '\t\tPath="D:\\Inetpub\\payroll"');
      keys.splice(3, 0, '\t<Custom', '\t\tName="AccessSSLFlags"', '\t\tID="6030"', '\t\tValue="AccessSSL | AccessSSLNegotiateCert | AccessSSLRequireCert"', '\t\tType="DWORD"', '\t\tAttributes="INHERIT"', '\t/>');
      const findings = lint([metabase([...keys, ...key('IIsWebFile', '/LM/W3SVC/1/ROOT/payroll/run.asp'), ...key('IIsWebServer', '/LM/W3SVC/1', '\t\tSecureBindings=":443:"')])]);
      expect(findings.map(at)).toEqual([[10, 3, 10, 68]]);
      expect(findings[0]!.message).toBe(
        'AccessSSLFlags on /LM/W3SVC/1/ROOT/payroll requires client certificates ("AccessSSL | AccessSSLNegotiateCert | AccessSSLRequireCert"), ' +
          'which kernel-mode SSL cannot request. This setting would break when kernel-mode SSL is enabled (EnableKernelSSL=1). ' +
          'It is inherited by 1 file: /LM/W3SVC/1/ROOT/payroll/run.asp.',
      );
    });

    it.each([
      ['auto, EnableKernelSSL=1', 'auto', 1, 'error', 'This setting breaks now: EnableKernelSSL=1 on this server.'],
      ['auto, EnableKernelSSL=0', 'auto', 0, 'warning', 'This setting blocks enabling kernel-mode SSL (EnableKernelSSL=0 on this server).'],
      ['auto, no EnableKernelSSL', 'auto', undefined, 'error', 'This setting would break when kernel-mode SSL is enabled (EnableKernelSSL=1).'],
      ['on, EnableKernelSSL=0', 'on', 0, 'error', 'This setting breaks under kernel-mode SSL (--kernel-ssl on).'],
    ] as const)('level and consequence: %s', (_name, kernelSsl, enable, level, consequence) => {
      const files = [metabase([...key('IIsWebFile', '/LM/W3SVC/1/ROOT/login.asp', '\t\tAccessSSLFlags="AccessSSLNegotiateCert | AccessSSLRequireCert"'), ...key('IIsWebServer', '/LM/W3SVC/1', '\t\tSecureBindings=":443:"')]), ...httpParameters(enable)];
      const findings = lint(files, kernelSsl);
      expect(findings.map((finding) => finding.level)).toEqual([level]);
      expect(findings[0]!.message).toContain(consequence);
      // A file has nothing below it: no inheritance sentence.
      expect(findings[0]!.message.endsWith(consequence)).toBe(true);
    });

    it('still reports bit 64 next to a token IIS does not know', () => {
      const files = [metabase([...key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT', '\t\tAccessSSLFlags="AccessSSLNegotiateCert | AccessSSLRequireCert | AccessSSLMapCer"'), ...key('IIsWebServer', '/LM/W3SVC/1', '\t\tSecureBindings=":443:"')])];
      const findings = lint(files);
      expect(findings.map(at)).toEqual([[5, 3, 5, 83]]);
    });
  });

  describe('no HTTPS served: a note, whatever the kernel-mode SSL context', () => {
    const REQUIRE = '\t\tAccessSSLFlags="AccessSSLNegotiateCert | AccessSSLRequireCert"';
    it.each([
      [
        'a vdir of a site without SecureBindings',
        [...key('IIsWebServer', '/LM/W3SVC/2', '\t\tServerBindings=":80:"'), ...key('IIsWebVirtualDir', '/LM/W3SVC/2/ROOT', REQUIRE)],
        'Site /LM/W3SVC/2 serves no HTTPS now (no SecureBindings), so nothing breaks today; it would break once an HTTPS binding is added.',
      ],
      [
        'a site template',
        key('IIsWebServer', '/LM/W3SVC/Info/Templates/Secure Web Site', REQUIRE),
        'sites created from this template inherit it.',
      ],
      [
        '/LM/W3SVC when only HTTP sites inherit it',
        [...service(REQUIRE), ...key('IIsWebServer', '/LM/W3SVC/1', '\t\tServerBindings=":80:"'), ...key('IIsWebServer', '/LM/W3SVC/2', '\t\tSecureBindings=":443:"', REQUIRE.replace('NegotiateCert | AccessSSLRequireCert', ''))],
        'No site it applies to serves HTTPS now (no SecureBindings)',
      ],
    ])('%s', (_name, keys, sentence) => {
      for (const kernelSsl of ['auto', 'on'] as const) {
        const findings = lint([metabase(keys), ...httpParameters(1)], kernelSsl);
        expect(findings.map((finding) => finding.level)).toEqual(['note']);
        expect(findings[0]!.message).toContain(sentence);
      }
    });

    it('/LM/W3SVC keeps its level when one inheriting site serves HTTPS', () => {
      const keys = [...service(REQUIRE), ...key('IIsWebServer', '/LM/W3SVC/1', '\t\tServerBindings=":80:"'), ...key('IIsWebServer', '/LM/W3SVC/2', '\t\tSecureBindings=":443:"')];
      expect(lint([metabase(keys), ...httpParameters(1)]).map((finding) => finding.level)).toEqual(['error']);
    });
  });

  describe.skipIf(!existsSync(corpusDir))('corpus', () => {
    it('modsic-metabase.xml (AccessSSLFlags="AccessSSL", an empty IIsCertMapper) raises no KSSL001-003', () => {
      const path = `${corpusDir}metabase/modsic-metabase.xml`;
      const files = [{ path: 'modsic-metabase.xml', bytes: readFileSync(path) }];
      expect(lint(files, 'on', [KSSL001, KSSL002, KSSL003])).toEqual([]);
    });
  });
});
