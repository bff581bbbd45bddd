import { describe, expect, it } from 'vitest';
import { TLS012 } from '../../src/rules/TLS012.js';
import { at, E1, lint, reg, SCHANNEL } from '../support/tls.js';

const DH = `${SCHANNEL}\\KeyExchangeAlgorithms\\Diffie-Hellman`;
const bits = (dword: string) => reg('s.reg', [[DH, `"ServerMinKeyBitLength"=${dword}`]]);

describe('TLS012 dh-key-too-small', () => {
  describe('valid', () => {
    it.each([
      ['2016: absent means 2048', 'win2016', reg('s.reg', [[DH, E1]])],
      ['2012 R2: absent (only explicit values count)', 'win2012r2', reg('s.reg', [[DH, E1]])],
      ['2048', 'win2012r2', bits('dword:00000800')],
      ['4096', undefined, bits('dword:00001000')],
      ['2003 does not read it', 'win2003-sp2', bits('dword:00000200')],
      ['not a DWORD (CFG004)', 'win2019', bits('"1024"')],
    ] as const)('%s', (_name, os, file) => {
      expect(lint(TLS012, [file], os)).toEqual([]);
    });
  });

  describe('invalid', () => {
    it.each([
      ['1024 on 2012 R2', 'win2012r2', 'dword:00000400'],
      ['512 on an unknown OS', undefined, 'dword:00000200'],
      ['1024 on 2019', 'win2019', 'dword:00000400'],
    ] as const)('%s', (_name, os, dword) => {
      const findings = lint(TLS012, [bits(dword)], os);
      expect(findings.map(at)).toEqual([[4, 1, 'warning']]);
      expect(findings[0]!.message).toContain('Logjam');
    });
  });
});
