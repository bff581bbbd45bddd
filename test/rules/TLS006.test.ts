import { describe, expect, it } from 'vitest';
import { TLS006 } from '../../src/rules/TLS006.js';
import { at, D0, E0, E1, lint, protocol, reg } from '../support/tls.js';

describe('TLS006 tls13-on-unsupported-os', () => {
  describe('valid', () => {
    it.each([
      ['2022', 'win2022', [protocol('TLS 1.3', 'Server', E1, D0)]],
      ['2025', 'win2025', [protocol('TLS 1.3', 'Client', E1)]],
      ['2019: written off', 'win2019', [protocol('TLS 1.3', 'Server', E0)]],
      ['unknown OS', undefined, [protocol('TLS 1.3', 'Server', E1)]],
    ] as const)('%s', (_name, os, blocks) => {
      expect(lint(TLS006, [reg('s.reg', [...blocks])], os)).toEqual([]);
    });
  });

  describe('invalid', () => {
    it.each(['win2016', 'win2019'] as const)('%s: each side written enabled', (os) => {
      const findings = lint(TLS006, [reg('s.reg', [protocol('TLS 1.3', 'Client', E1), protocol('TLS 1.3', 'Server', E1)])], os);
      expect(findings.map(at)).toEqual([
        [4, 1, 'warning'],
        [7, 1, 'warning'],
      ]);
      expect(findings[0]!.message).toContain('not a safe system configuration');
    });
  });
});
