import { describe, expect, it } from 'vitest';
import { TLS003 } from '../../src/rules/TLS003.js';
import { at, D0, D1, E0, E1, EF, lint, PROTOCOLS, protocol, reg } from '../support/tls.js';

const CURRENT_VERSION = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion';

describe('TLS003 tls10-offered', () => {
  describe('valid', () => {
    it.each([
      ['2019: off', 'win2019', [protocol('TLS 1.0', 'Server', E0, D1)]],
      ['2022: DisabledByDefault=1', 'win2022', [protocol('TLS 1.0', 'Server', D1)]],
      ['unknown OS, nothing written', undefined, [protocol('TLS 1.2', 'Server', E1)]],
    ] as const)('%s', (_name, os, blocks) => {
      expect(lint(TLS003, [reg('s.reg', [...blocks])], os)).toEqual([]);
    });
  });

  describe('invalid', () => {
    it.each([
      ['2008 R2', 'win2008r2'],
      ['2016', 'win2016'],
      ['2025 (TLS 1.0 still on by default)', 'win2025'],
    ] as const)('%s default: a warning, no fix, the .reg lines in the message', (_name, os) => {
      const findings = lint(TLS003, [reg('s.reg', [[PROTOCOLS], protocol('SSL 3.0', 'Server', E0)])], os);
      expect(findings.map(at)).toEqual([[3, 1, 'warning']]);
      expect(findings[0]!.fix).toBeUndefined();
      expect(findings[0]!.message).toContain(`${E0}\n${D1}`);
    });

    it('Server 2003 from a CurrentVersion export: a note that names the OS as the fix', () => {
      const cv = reg('cv.reg', [[CURRENT_VERSION, '"CurrentBuildNumber"="3790"', '"CSDVersion"="Service Pack 2"']]);
      const findings = lint(TLS003, [cv, reg('s.reg', [protocol('TLS 1.0', 'Server', EF)])], undefined);
      expect(findings.map(at)).toEqual([[4, 1, 'note']]);
      expect(findings[0]!.message).toMatch(/fix is a newer Windows Server/);
    });

    it('explicit Enabled=1, DisabledByDefault=0 on 2016: at the Enabled line', () => {
      expect(lint(TLS003, [reg('s.reg', [protocol('TLS 1.0', 'Server', E1, D0)])], 'win2016').map(at)).toEqual([[4, 1, 'warning']]);
    });
  });
});
