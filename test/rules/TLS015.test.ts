import { describe, expect, it } from 'vitest';
import { TLS015 } from '../../src/rules/TLS015.js';
import { at, lint, reg } from '../support/tls.js';

const LOCAL = 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Cryptography\\Configuration\\Local\\SSL\\00010002';
const POLICY = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Cryptography\\Configuration\\SSL\\00010002';

describe('TLS015 default-suite-order-edited', () => {
  describe('valid', () => {
    it('the Group Policy order only', () => {
      expect(lint(TLS015, [reg('s.reg', [[POLICY, '"Functions"="TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"']])], 'win2016')).toEqual([]);
    });
    it('the local key written without values', () => {
      expect(lint(TLS015, [reg('s.reg', [[LOCAL]])], 'win2016')).toEqual([]);
    });
  });

  describe('invalid', () => {
    it('one finding per value written under the local default order', () => {
      const findings = lint(TLS015, [reg('s.reg', [[LOCAL, '"Functions"=hex(7):41,00,00,00,00,00', '"Other"=dword:00000001']])], 'win2019');
      expect(findings.map(at)).toEqual([
        [4, 1, 'warning'],
        [5, 1, 'warning'],
      ]);
      expect(findings[0]!.message).toContain('is not supported and may be reset with servicing updates');
    });
  });
});
