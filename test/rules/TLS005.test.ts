import { describe, expect, it } from 'vitest';
import { TLS005 } from '../../src/rules/TLS005.js';
import { at, D0, D1, E0, E1, lint, PROTOCOLS, protocol, reg } from '../support/tls.js';

describe('TLS005 tls12-not-offered', () => {
  describe('valid', () => {
    it.each([
      ['2008 R2: Enabled=1 and DisabledByDefault=0', 'win2008r2', [protocol('TLS 1.2', 'Server', E1, D0)]],
      ['2012: on by default', 'win2012', [[PROTOCOLS] as [string]]],
      ['2003: no TLS 1.2', 'win2003-sp2', [[PROTOCOLS] as [string]]],
      ['unknown OS, nothing written', undefined, [[PROTOCOLS] as [string]]],
      ['2019: the Client side off only matters with cis', 'win2019', [protocol('TLS 1.2', 'Client', E0)]],
    ] as const)('%s', (_name, os, blocks) => {
      expect(lint(TLS005, [reg('s.reg', [...blocks])], os)).toEqual([]);
    });
  });

  describe('invalid', () => {
    it('2008 R2 default left alone: one finding, no fix', () => {
      const findings = lint(TLS005, [reg('s.reg', [[PROTOCOLS], protocol('SSL 2.0', 'Server', E0)])], 'win2008r2');
      expect(findings.map(at)).toEqual([[3, 1, 'error']]);
      expect(findings[0]!.fix).toBeUndefined();
    });

    it('2008 SP2: Enabled=1 alone leaves it disabled by default; the message names KB4019276', () => {
      const findings = lint(TLS005, [reg('s.reg', [protocol('TLS 1.2', 'Server', E1)])], 'win2008');
      expect(findings).toHaveLength(1);
      expect(findings[0]!.message).toContain('KB4019276');
    });

    it.each([
      ['Enabled=0', [E0], 4],
      ['DisabledByDefault=1', [D1], 4],
      ['Enabled=1 then DisabledByDefault=1', [E1, D1], 5],
    ])('2019 %s: at the deciding line', (_name, values, line) => {
      expect(lint(TLS005, [reg('s.reg', [protocol('TLS 1.2', 'Server', ...values)])], 'win2019').map(at)).toEqual([[line, 1, 'error']]);
    });

    it('cis: both sides need the values written', () => {
      const findings = lint(TLS005, [reg('s.reg', [protocol('TLS 1.2', 'Server', E1, D0)])], 'win2019', { explicitValues: true });
      expect(findings).toHaveLength(1);
      expect(findings[0]!.message).toContain('TLS 1.2\\Client');
    });
  });
});
