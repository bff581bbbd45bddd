import { describe, expect, it } from 'vitest';
import { lintServer, DEFAULT_LINT_OPTIONS, type Finding } from '../../src/engine/lint.js';
import { loadServer, type FileInput } from '../../src/engine/load.js';
import { CFG008 } from '../../src/rules/CFG008.js';
import { RULES } from '../../src/rules/index.js';

function metabase(keys: string[]): FileInput {
  const text = ['<?xml version ="1.0"?>', '<configuration xmlns="urn:microsoft-catalog:XML_Metabase_V64_0">', '<MBProperty>', ...keys, '</MBProperty>', '</configuration>', ''].join('\r\n');
  return { path: 'MetaBase.xml', bytes: new TextEncoder().encode(text) };
}

const key = (className: string, location: string, ...attributes: string[]) => [`<${className}\tLocation ="${location}"`, ...attributes, '\t>', `</${className}>`];
const site = key('IIsWebServer', '/LM/W3SVC/1', '\t\tSecureBindings=":443:"');

function lint(value: string, rules = [CFG008]): Finding[] {
  const keys = [...key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT', `\t\tAccessSSLFlags="${value}"`), ...site];
  return lintServer(loadServer('server', [metabase(keys)], undefined), DEFAULT_LINT_OPTIONS, rules);
}

describe('CFG008 access-ssl-flags-inconsistent', () => {
  it.each([
    ['AccessSSL only', 'AccessSSL'],
    ['require with negotiate (as IIS Manager writes it)', 'AccessSSL | AccessSSLNegotiateCert | AccessSSLRequireCert'],
    ['map with negotiate', 'AccessSSLNegotiateCert | AccessSSLMapCert'],
    ['numeric 104', '104'],
    ['negotiate alone', 'AccessSSLNegotiateCert'],
    ['a misspelt AccessSSLRequireCer contributes no bit', 'AccessSSL | AccessSSLRequireCer'],
  ])('valid: %s', (_name, value) => {
    expect(lint(value)).toEqual([]);
  });

  it.each([
    ['require without negotiate', 'AccessSSL | AccessSSLRequireCert', 'has AccessSSLRequireCert without AccessSSLNegotiateCert: this flag takes effect only with AccessSSLNegotiateCert'],
    ['map without negotiate', 'AccessSSLMapCert', 'has AccessSSLMapCert without AccessSSLNegotiateCert'],
    ['both, numeric 200', '200', '("200" (AccessSSL | AccessSSLRequireCert | AccessSSLMapCert)) has AccessSSLRequireCert and AccessSSLMapCert without AccessSSLNegotiateCert: these flags take effect'],
  ])('invalid: %s', (_name, value, message) => {
    const findings = lint(value);
    expect(findings.map((finding) => [finding.ruleId, finding.level, finding.region.startLine, finding.region.startColumn])).toEqual([['CFG008', 'warning', 5, 3]]);
    expect(findings[0]!.message).toContain(message);
    expect(findings[0]!.message).toContain('as written no client certificate is requested');
  });

  it('is the only finding: no kernel-mode SSL conflict when no certificate is requested', () => {
    // (KSSL007 reports the missing SChannel export of this HTTPS site: another matter.)
    const ids = lint('AccessSSL | AccessSSLRequireCert | AccessSSLMapCert', [...RULES]).map((finding) => finding.ruleId);
    expect(ids.filter((id) => id !== 'KSSL007')).toEqual(['CFG008']);
  });
});
