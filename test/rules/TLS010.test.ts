import { describe, expect, it } from 'vitest';
import { TLS010 } from '../../src/rules/TLS010.js';
import { at, CIPHERS, cipher, E0, E1, lint, reg } from '../support/tls.js';

describe('TLS010 triple-des-cipher-on', () => {
  describe('valid', () => {
    it.each([
      ['2003: the pre-Vista name written off', 'win2003-sp2', [cipher('Triple DES 168/168', E0)]],
      ['2019: the Vista name written off', 'win2019', [cipher('Triple DES 168', E0)]],
      ['2019: the pre-Vista name is not read there (CFG005)', 'win2019', [cipher('Triple DES 168/168', E1)]],
      ['2003: the Vista name is not read there', 'win2003-sp2', [cipher('Triple DES 168/168', E0), cipher('Triple DES 168', E1)]],
    ] as const)('%s', (_name, os, blocks) => {
      expect(lint(TLS010, [reg('s.reg', [...blocks])], os)).toEqual([]);
    });
  });

  describe('invalid', () => {
    it('2019: Triple DES 168 on', () => {
      expect(lint(TLS010, [reg('s.reg', [cipher('Triple DES 168', E1)])], 'win2019').map(at)).toEqual([[4, 1, 'warning']]);
    });
    it('2003: on by default under its pre-Vista name', () => {
      const findings = lint(TLS010, [reg('s.reg', [[CIPHERS]])], 'win2003-sp2');
      expect(findings.map(at)).toEqual([[3, 1, 'warning']]);
      expect(findings[0]!.message).toContain('Triple DES 168/168');
    });
    it('unknown OS: either name written on', () => {
      const findings = lint(TLS010, [reg('s.reg', [cipher('Triple DES 168', E1), cipher('Triple DES 168/168', E1)])], undefined);
      expect(findings).toHaveLength(2);
    });
  });
});
