import { describe, expect, it } from 'vitest';
import { TLS016 } from '../../src/rules/TLS016.js';
import { at, lint, reg } from '../support/tls.js';

const NET = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\.NETFramework';
const WOW = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Wow6432Node\\Microsoft\\.NETFramework';
const STRONG = '"SchUseStrongCrypto"=dword:00000001';
const SYSTEM = '"SystemDefaultTlsVersions"=dword:00000001';

describe('TLS016 dotnet-strong-crypto-off', () => {
  describe('valid', () => {
    it('no .NETFramework key in any export: the rule does not run', () => {
      expect(lint(TLS016, [reg('s.reg', [['HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft']])], 'win2019')).toEqual([]);
    });
    it('both views, both values', () => {
      const file = reg('s.reg', [[`${NET}\\v4.0.30319`, STRONG, SYSTEM], [`${WOW}\\v4.0.30319`, STRONG, SYSTEM]]);
      expect(lint(TLS016, [file], 'win2019')).toEqual([]);
    });
  });

  describe('invalid', () => {
    it('one view only: one finding at the other view’s .NETFramework key line', () => {
      const findings = lint(TLS016, [reg('s.reg', [[NET], [`${NET}\\v4.0.30319`, STRONG, SYSTEM]])], 'win2019');
      expect(findings.map(at)).toEqual([[3, 1, 'warning']]);
      expect(findings[0]!.message).toContain('Wow6432Node');
    });

    it('a wrong value: at its line; a missing value: at the framework key line; v2.0.50727 when present', () => {
      const file = reg('s.reg', [
        [NET],
        [`${NET}\\v2.0.50727`, STRONG],
        [`${NET}\\v4.0.30319`, '"SchUseStrongCrypto"=dword:00000000', SYSTEM],
        [`${WOW}\\v4.0.30319`, STRONG, SYSTEM],
      ]);
      expect(lint(TLS016, [file], 'win2019').map(at)).toEqual([
        [5, 1, 'warning'],
        [9, 1, 'warning'],
      ]);
    });

    it('a view without v4.0.30319: at its .NETFramework key', () => {
      const findings = lint(TLS016, [reg('s.reg', [[WOW], [`${NET}\\v4.0.30319`, STRONG, SYSTEM]])], 'win2019');
      expect(findings.map(at)).toEqual([[3, 1, 'warning']]);
      expect(findings[0]!.message).toContain(`${WOW}\\v4.0.30319`);
    });
  });
});
