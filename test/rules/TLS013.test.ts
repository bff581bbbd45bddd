import { describe, expect, it } from 'vitest';
import { TLS013 } from '../../src/rules/TLS013.js';
import { at, lint, reg } from '../support/tls.js';

const POLICY = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Cryptography\\Configuration\\SSL\\00010002';
const functions = (list: string) => reg('s.reg', [[POLICY, `"Functions"="${list}"`]]);

describe('TLS013 cipher-suite-policy-weak', () => {
  describe('valid', () => {
    it.each([
      ['strong suites on 2019', 'win2019', 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'],
      ['TLS 1.3 suites on 2022', 'win2022', 'TLS_AES_256_GCM_SHA384,TLS_AES_128_GCM_SHA256'],
      ['an unknown OS: TLS 1.3 suites are not judged', undefined, 'TLS_AES_256_GCM_SHA384'],
    ] as const)('%s', (_name, os, list) => {
      expect(lint(TLS013, [functions(list)], os)).toEqual([]);
    });
  });

  describe('invalid', () => {
    it.each([
      ['TLS_RSA_WITH_NULL_SHA256', 'NULL'],
      ['TLS_RSA_EXPORT1024_WITH_RC4_56_SHA', 'EXPORT'],
      ['SSL_RSA_WITH_DES_CBC_SHA', 'DES'],
      ['TLS_RSA_WITH_RC4_128_SHA', 'RC4'],
      ['TLS_RSA_WITH_3DES_EDE_CBC_SHA', '3DES'],
      ['SSL_CK_RC2_128_CBC_WITH_MD5', 'MD5'],
    ])('%s is weak (%s)', (suite, reason) => {
      const findings = lint(TLS013, [functions(`TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,${suite}`)], 'win2016');
      expect(findings.map(at)).toEqual([[4, 1, 'warning']]);
      expect(findings[0]!.message).toContain(reason);
    });

    it('one finding per weak suite, a note per suite the OS does not have', () => {
      const findings = lint(TLS013, [functions('TLS_AES_256_GCM_SHA384,TLS_RSA_WITH_3DES_EDE_CBC_SHA,TLS_RSA_WITH_RC4_128_MD5')], 'win2019');
      expect(findings.map((finding) => finding.level).sort()).toEqual(['note', 'warning', 'warning']);
    });

    it('Server 2003 does not read the value: one note', () => {
      const findings = lint(TLS013, [functions('TLS_RSA_WITH_RC4_128_SHA')], 'win2003-sp2');
      expect(findings.map(at)).toEqual([[4, 1, 'note']]);
      expect(findings[0]!.message).toContain('fixed suite order');
    });
  });
});
