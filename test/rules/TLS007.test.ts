import { describe, expect, it } from 'vitest';
import { TLS007 } from '../../src/rules/TLS007.js';
import { applyFixes, at, CIPHERS, cipher, E0, E1, EF, lint, reg } from '../support/tls.js';

describe('TLS007 null-cipher-on', () => {
  describe('valid', () => {
    it.each([
      ['2003: off by default', 'win2003-sp2', [[CIPHERS] as [string]]],
      ['written off', 'win2019', [cipher('NULL', E0)]],
      ['2019, absent (default unknown)', 'win2019', [[CIPHERS] as [string]]],
    ] as const)('%s', (_name, os, blocks) => {
      expect(lint(TLS007, [reg('s.reg', [...blocks])], os)).toEqual([]);
    });
  });

  describe('invalid', () => {
    it.each([
      ['1', E1],
      ['0xffffffff', EF],
    ])('Enabled=%s in a UTF-16 export, fixed to 0', (_name, value) => {
      const file = reg('s.reg', [cipher('NULL', value)], true);
      const findings = lint(TLS007, [file], undefined);
      expect(findings.map(at)).toEqual([[4, 1, 'error']]);
      expect(applyFixes(file, findings)).toContain(E0);
    });

    it('cis: absent is a finding even though the default is off', () => {
      const findings = lint(TLS007, [reg('s.reg', [[CIPHERS]])], 'win2003-sp2', { explicitValues: true });
      expect(findings.map(at)).toEqual([[3, 1, 'error']]);
    });
  });
});
