import { describe, expect, it } from 'vitest';
import { lintServer, DEFAULT_LINT_OPTIONS, type Finding } from '../../src/engine/lint.js';
import { loadServer, type FileInput } from '../../src/engine/load.js';
import { CFG007 } from '../../src/rules/CFG007.js';

/** A MetaBase.xml: prolog on lines 1-3, then `keys` (one string per line) from line 4. */
function metabase(keys: string[]): FileInput {
  const text = ['<?xml version ="1.0"?>', '<configuration xmlns="urn:microsoft-catalog:XML_Metabase_V64_0">', '<MBProperty>', ...keys, '</MBProperty>', '</configuration>', ''].join('\r\n');
  return { path: 'MetaBase.xml', bytes: new TextEncoder().encode(text) };
}

const key = (className: string, location: string, ...attributes: string[]) => [`<${className}\tLocation ="${location}"`, ...attributes, '\t>', `</${className}>`];

function lint(keys: string[]): Finding[] {
  return lintServer(loadServer('server', [metabase(keys)], undefined), DEFAULT_LINT_OPTIONS, [CFG007]);
}

function at(finding: Finding): [number, number, number, number] {
  return [finding.region.startLine, finding.region.startColumn, finding.region.endLine, finding.region.endColumn];
}

describe('CFG007 metabase-property-misplaced', () => {
  describe('valid', () => {
    it.each([
      ['SSLAlwaysNegoClientCert on the web service', key('IIsWebService', '/LM/W3SVC', '\t\tSSLAlwaysNegoClientCert="TRUE"')],
      ['SSLAlwaysNegoClientCert on a site', key('IIsWebServer', '/LM/W3SVC/1', '\t\tSSLAlwaysNegoClientCert="TRUE"')],
      ['bindings and CTL on a site', key('IIsWebServer', '/LM/W3SVC/1', '\t\tSecureBindings=":443:"', '\t\tServerBindings=":80:"', '\t\tSslCtlIdentifier="x"', '\t\tSslCtlStoreName="CA"')],
      ['SslUseDsMapper on the web service', key('IIsWebService', '/LM/W3SVC', '\t\tSslUseDsMapper="TRUE"')],
      ['AccessSSLFlags on a virtual directory (read everywhere)', key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT', '\t\tAccessSSLFlags="AccessSSL"')],
      ['a wrong-case name IIS does not read as the property', key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT', '\t\tsslAlwaysNegoClientCert="TRUE"')],
      ['another service\'s class is not checked', key('IIsFtpVirtualDir', '/LM/MSFTPSVC/1/ROOT', '\t\tServerBindings=":21:"')],
    ])('%s', (_name, keys) => {
      expect(lint(keys)).toEqual([]);
    });
  });

  describe('invalid', () => {
    it.each([
      ['SSLAlwaysNegoClientCert on a virtual directory', key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT', '\t\tSSLAlwaysNegoClientCert="TRUE"'), 'SSLAlwaysNegoClientCert on /LM/W3SVC/1/ROOT (a virtual directory) does nothing: IIS reads this property only on the web service (/LM/W3SVC) and sites (/LM/W3SVC/<n>) (IIS 6.0 SDK, configurable locations). Move it to /LM/W3SVC/1 if that is what was meant, or remove it.'],
      ['SecureBindings on a directory', key('IIsWebDirectory', '/LM/W3SVC/1/ROOT/a', '\t\tSecureBindings=":443:"'), 'IIS reads this property only on sites (/LM/W3SVC/<n>)'],
      ['ServerBindings on a file', key('IIsWebFile', '/LM/W3SVC/1/ROOT/a.asp', '\t\tServerBindings=":80:"'), 'ServerBindings on /LM/W3SVC/1/ROOT/a.asp (a file)'],
      ['SslCtlIdentifier on the web service', key('IIsWebService', '/LM/W3SVC', '\t\tSslCtlIdentifier="x"'), 'SslCtlIdentifier on /LM/W3SVC (the web service)'],
      ['SslUseDsMapper on a site', key('IIsWebServer', '/LM/W3SVC/1', '\t\tSslUseDsMapper="TRUE"'), 'only on the web service (/LM/W3SVC) (IIS 6.0 SDK, configurable locations). Move it to /LM/W3SVC'],
    ])('%s', (_name, keys, message) => {
      const findings = lint(keys);
      expect(findings.map((finding) => [finding.ruleId, finding.level, at(finding)[0], at(finding)[1]])).toEqual([['CFG007', 'warning', 5, 3]]);
      expect(findings[0]!.message).toContain(message);
    });

    it('names the site to move it to, and reads a <Custom> by its ID', () => {
      const keys = [
        ...key('IIsWebServer', '/LM/W3SVC/3'),
        '<IIsWebVirtualDir\tLocation ="/LM/W3SVC/3/ROOT"',
        '\t>',
        '\t<Custom Name="SslCtlStoreName" ID="5517" Value="CA" Type="STRING"/>',
        '</IIsWebVirtualDir>',
      ];
      const findings = lint(keys);
      expect(findings.map(at)).toEqual([[9, 43, 9, 53]]);
      expect(findings[0]!.message).toContain('Move it to /LM/W3SVC/3 if');
      expect(findings[0]!.subject).toBe('metabase:/LM/W3SVC/3/ROOT#SslCtlStoreName');
    });
  });
});
