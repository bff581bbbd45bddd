import { describe, expect, it } from 'vitest';
import { TLS002 } from '../../src/rules/TLS002.js';
import { applyFixes, at, D0, D1, E0, E1, lint, PROTOCOLS, protocol, reg } from '../support/tls.js';

describe('TLS002 ssl3-offered', () => {
  describe('valid', () => {
    it.each([
      ['2016: off by default', 'win2016', [protocol('TLS 1.2', 'Server', E1)]],
      ['2012 R2: Enabled=0', 'win2012r2', [protocol('SSL 3.0', 'Server', E0)]],
      ['2012 R2: DisabledByDefault=1', 'win2012r2', [protocol('SSL 3.0', 'Server', D1)]],
      ['2019: Enabled=1 with DisabledByDefault=1', 'win2019', [protocol('SSL 3.0', 'Server', E1, D1)]],
    ] as const)('%s', (_name, os, blocks) => {
      expect(lint(TLS002, [reg('s.reg', [...blocks])], os)).toEqual([]);
    });

    it('cis: both sides written off', () => {
      const blocks = [protocol('SSL 3.0', 'Client', E0, D1), protocol('SSL 3.0', 'Server', E0, D1)];
      expect(lint(TLS002, [reg('s.reg', blocks)], 'win2019', { explicitValues: true })).toEqual([]);
    });
  });

  describe('invalid', () => {
    it('2012 R2 default: one finding at the Protocols key', () => {
      const findings = lint(TLS002, [reg('s.reg', [[PROTOCOLS], protocol('TLS 1.2', 'Server', E1)])], 'win2012r2');
      expect(findings.map(at)).toEqual([[3, 1, 'error']]);
      expect(findings[0]!.fix?.deferred).toBe(true);
    });

    it('DisabledByDefault=0 decides when Enabled is absent: at that line, fixed', () => {
      const file = reg('s.reg', [protocol('SSL 3.0', 'Server', D0)]);
      const findings = lint(TLS002, [file], 'win2012r2');
      expect(findings.map(at)).toEqual([[4, 1, 'error']]);
      expect(applyFixes(file, findings)).toContain(`${D1}\r\n${E0}`);
    });

    it('2019: explicitly turned back on', () => {
      expect(lint(TLS002, [reg('s.reg', [protocol('SSL 3.0', 'Server', E1, D0)])], 'win2019').map(at)).toEqual([[4, 1, 'error']]);
    });

    it('cis: the safe 2019 default still needs the values written', () => {
      const findings = lint(TLS002, [reg('s.reg', [protocol('SSL 3.0', 'Server', E0)])], 'win2019', { explicitValues: true });
      expect(findings).toHaveLength(1);
      expect(findings[0]!.message).toMatch(/CIS benchmark audits/);
      expect(findings[0]!.message).toContain('SSL 3.0\\Client');
    });
  });
});
