import { describe, expect, it } from 'vitest';
import { TLS004 } from '../../src/rules/TLS004.js';
import { at, D0, D1, E0, E1, lint, PROTOCOLS, protocol, reg } from '../support/tls.js';

describe('TLS004 tls11-offered', () => {
  describe('valid', () => {
    it.each([
      ['2008 R2: disabled by default', 'win2008r2', [protocol('TLS 1.2', 'Server', E1, D0)]],
      ['2008 R2: Enabled=1 alone stays disabled by default', 'win2008r2', [protocol('TLS 1.1', 'Server', E1)]],
      ['2003: no TLS 1.1', 'win2003-sp2', [protocol('SSL 2.0', 'Server', E0)]],
      ['2019: off', 'win2019', [protocol('TLS 1.1', 'Server', E0, D1)]],
    ] as const)('%s', (_name, os, blocks) => {
      expect(lint(TLS004, [reg('s.reg', [...blocks])], os)).toEqual([]);
    });
  });

  describe('invalid', () => {
    it('2016: explicit, at the Enabled line, no fix', () => {
      const findings = lint(TLS004, [reg('s.reg', [protocol('TLS 1.1', 'Server', E1, D0)])], 'win2016');
      expect(findings.map(at)).toEqual([[4, 1, 'warning']]);
      expect(findings[0]!.fix).toBeUndefined();
    });

    it('2008 R2: turned on as KB245030 says (DisabledByDefault=0, Enabled=1)', () => {
      expect(lint(TLS004, [reg('s.reg', [protocol('TLS 1.1', 'Server', D0, E1)])], 'win2008r2').map(at)).toEqual([[5, 1, 'warning']]);
    });

    it('2012 R2 default', () => {
      expect(lint(TLS004, [reg('s.reg', [[PROTOCOLS]])], 'win2012r2').map(at)).toEqual([[3, 1, 'warning']]);
    });
  });
});
