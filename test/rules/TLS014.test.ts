import { describe, expect, it } from 'vitest';
import { TLS014 } from '../../src/rules/TLS014.js';
import { at, lint, reg } from '../support/tls.js';

const POLICY = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Cryptography\\Configuration\\SSL\\00010002';
const value = (data: string) => reg('s.reg', [[POLICY, `"Functions"=${data}`]]);
const A = 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384';
const B = 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256';
/** REG_MULTI_SZ bytes of `strings` (UTF-16LE, each NUL-terminated, a final NUL). */
const multi = (strings: string[]) =>
  `hex(7):${[...Buffer.from(`${strings.join('\0')}\0\0`, 'utf16le')].map((byte) => byte.toString(16).padStart(2, '0')).join(',')}`;

describe('TLS014 cipher-suite-policy-invalid', () => {
  describe('valid', () => {
    it.each([
      ['a strict list', `"${A},${B}"`],
      ['one trailing comma', `"${A},${B},"`],
      ['exactly 1,023 characters', `"${'X'.repeat(1023)}"`],
      ['REG_MULTI_SZ, one suite per string', multi([A, B])],
    ])('%s', (_name, data) => {
      expect(lint(TLS014, [value(data)], 'win2019')).toEqual([]);
    });
  });

  describe('invalid', () => {
    it.each([
      ['a space after a comma', `"${A}, ${B}"`, 'spaces'],
      ['an empty item', `"${A},,${B}"`, 'empty item'],
      ['a leading comma', `",${A}"`, 'empty item'],
      ['two trailing commas', `"${A},,"`, 'empty item'],
      ['1,024 characters', `"${'X'.repeat(1024)}"`, '1024 characters'],
      ['a DWORD', 'dword:00000001', 'REG_DWORD'],
      ['a line break in a REG_SZ', `hex(1):${[...Buffer.from(`${A}\r\n${B}\0`, 'utf16le')].map((b) => b.toString(16).padStart(2, '0')).join(',')}`, 'line breaks'],
    ])('%s', (_name, data, problem) => {
      const findings = lint(TLS014, [value(data)], 'win2019');
      expect(findings.map(at)).toEqual([[4, 1, 'warning']]);
      expect(findings[0]!.message).toContain(problem);
    });
  });
});
