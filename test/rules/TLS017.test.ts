import { describe, expect, it } from 'vitest';
import { TLS017 } from '../../src/rules/TLS017.js';
import { at, lint, reg } from '../support/tls.js';

const HTTP = 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters';
const binding = (container: string, endpoint: string, data: string) => reg('h.reg', [[`${HTTP}\\${container}\\${endpoint}`, `"DefaultFlags"=${data}`]]);

describe('TLS017 http-sys-binding-disables-tls12', () => {
  describe('valid', () => {
    it.each([
      ['no flags', 'win2022', 'dword:00000000'],
      ['DISABLE_TLS13 before 2022', 'win2019', 'dword:00000040'],
      ['DISABLE_TLS13 on an unknown OS', undefined, 'dword:00000040'],
      ['DISABLE_LEGACY_TLS (0x400) is not TLS 1.2', 'win2022', 'dword:00000400'],
      ['not a DWORD', 'win2022', '"4096"'],
    ] as const)('%s', (_name, os, data) => {
      expect(lint(TLS017, [binding('SslBindingInfo', '0.0.0.0:443', data)], os)).toEqual([]);
    });
  });

  describe('invalid', () => {
    it.each(['SslBindingInfo', 'SslSniBindingInfo', 'SslCcsBindingInfo'])('DISABLE_TLS12 under %s: error on any OS', (container) => {
      expect(lint(TLS017, [binding(container, 'www.example.com:443', 'dword:00001000')], undefined).map(at)).toEqual([[4, 1, 'error']]);
    });
    it('both bits on 2022: one finding per bit', () => {
      expect(lint(TLS017, [binding('SslBindingInfo', '0.0.0.0:443', 'dword:00001042')], 'win2022').map(at)).toEqual([
        [4, 1, 'error'],
        [4, 1, 'warning'],
      ]);
    });
  });
});
