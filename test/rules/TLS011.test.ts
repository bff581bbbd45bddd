import { describe, expect, it } from 'vitest';
import { TLS011 } from '../../src/rules/TLS011.js';
import { at, cipher, E0, EF, lint, reg } from '../support/tls.js';

describe('TLS011 rc2-cipher-on', () => {
  describe('valid', () => {
    it('2003 with kernel-mode SSL rules on: KSSL004 reports the key, not TLS011', () => {
      expect(lint(TLS011, [reg('s.reg', [cipher('RC2 40/128', EF)])], 'win2003-sp2')).toEqual([]);
    });
    it('2019: written off', () => {
      expect(lint(TLS011, [reg('s.reg', [cipher('RC2 128/128', E0)])], 'win2019')).toEqual([]);
    });
    it('RC2 56/56 is DES (TLS008)', () => {
      expect(lint(TLS011, [reg('s.reg', [cipher('RC2 56/56', EF)])], 'win2019')).toEqual([]);
    });
  });

  describe('invalid', () => {
    it.each(['RC2 40/128', 'RC2 56/128', 'RC2 128/128'])('2019: %s on (KSSL004 does not run on 2008+)', (name) => {
      expect(lint(TLS011, [reg('s.reg', [cipher(name, EF)])], 'win2019').map(at)).toEqual([[4, 1, 'error']]);
    });
    it('2003 with --kernel-ssl off', () => {
      expect(lint(TLS011, [reg('s.reg', [cipher('RC2 40/128', EF)])], 'win2003-sp2', { kernelSsl: 'off' })).toHaveLength(2);
    });
    it('2003 with KSSL004 turned off', () => {
      const findings = lint(TLS011, [reg('s.reg', [cipher('RC2 40/128', EF)])], 'win2003-sp2', { ruleSettings: new Map([['KSSL004', 'off']]) });
      expect(findings.map(at)).toContainEqual([4, 1, 'error']);
    });
  });
});
