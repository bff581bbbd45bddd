import { describe, expect, it } from 'vitest';
import { TLS008 } from '../../src/rules/TLS008.js';
import { at, CIPHERS, cipher, E0, E1, lint, reg } from '../support/tls.js';

describe('TLS008 des-cipher-on', () => {
  describe('valid', () => {
    it.each([
      ['2016: written off', 'win2016', [cipher('DES 56/56', E0)]],
      ['2019: absent (default unknown)', 'win2019', [[CIPHERS] as [string]]],
      ['2003: both off', 'win2003-sp2', [cipher('DES 56/56', E0), cipher('RC2 56/56', E0)]],
    ] as const)('%s', (_name, os, blocks) => {
      expect(lint(TLS008, [reg('s.reg', [...blocks])], os)).toEqual([]);
    });
  });

  describe('invalid', () => {
    it('2003 default: DES 56/56 only (no default is assumed for RC2 56/56)', () => {
      const findings = lint(TLS008, [reg('s.reg', [[CIPHERS]])], 'win2003-sp2', { ruleSettings: new Map() });
      expect(findings.map(at)).toEqual([[3, 1, 'error']]);
      expect(findings[0]!.message).toContain('DES 56/56');
      expect(findings[0]!.message).not.toContain('RC2 56/56');
    });

    it.each(['DES 56/56', 'RC2 56/56'])('%s written on, 2019', (name) => {
      expect(lint(TLS008, [reg('s.reg', [cipher(name, E1)])], 'win2019').map(at)).toEqual([[4, 1, 'error']]);
    });
  });
});
