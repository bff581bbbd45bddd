import { describe, expect, it } from 'vitest';
import { TLS009 } from '../../src/rules/TLS009.js';
import { applyFixes, at, CIPHERS, cipher, E0, E1, EF, lint, reg } from '../support/tls.js';

const ALL = ['RC4 128/128', 'RC4 64/128', 'RC4 56/128', 'RC4 40/128'];

describe('TLS009 rc4-cipher-on', () => {
  describe('valid', () => {
    it('every RC4 key written off on 2003', () => {
      expect(lint(TLS009, [reg('s.reg', ALL.map((name) => cipher(name, E0)))], 'win2003-sp2')).toEqual([]);
    });
    it('absent on 2012 R2 (default unknown)', () => {
      expect(lint(TLS009, [reg('s.reg', [[CIPHERS]])], 'win2012r2')).toEqual([]);
    });
  });

  describe('invalid', () => {
    it.each(ALL)('%s written on', (name) => {
      expect(lint(TLS009, [reg('s.reg', [cipher(name, EF)])], 'win2012r2').map(at)).toEqual([[4, 1, 'error']]);
    });

    it('2003 default: one finding listing the keys left on', () => {
      const findings = lint(TLS009, [reg('s.reg', [cipher('RC4 128/128', E0), cipher('RC4 40/128', E1)])], 'win2003-sp1');
      expect(findings.map(at)).toEqual([
        [3, 1, 'error'],
        [7, 1, 'error'],
      ]);
      expect(findings[0]!.message).toContain('RC4 64/128');
      expect(findings[0]!.message).not.toContain('RC4 128/128');
    });
  });

  it('an offline-hive export: the appended keys keep its ControlSet00N spelling', () => {
    const offline = `${CIPHERS.replace('CurrentControlSet', 'ControlSet001')}`;
    const file = reg('system.reg', [[offline]]);
    const findings = lint(TLS009, [file], 'win2003-sp2');
    expect(findings).toHaveLength(1);
    const fixed = applyFixes(file, findings.map((finding) => ({ ...finding, fix: finding.fix && { ...finding.fix } })));
    expect(fixed).toContain(`[${offline}\\RC4 128/128]`);
    expect(fixed).not.toContain('CurrentControlSet');
  });
});
