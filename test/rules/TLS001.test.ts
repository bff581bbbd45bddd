import { describe, expect, it } from 'vitest';
import { TLS001 } from '../../src/rules/TLS001.js';
import { applyFixes, at, D0, D1, E0, E1, EF, lint, PROTOCOLS, protocol, reg } from '../support/tls.js';

describe('TLS001 ssl2-offered', () => {
  describe('valid', () => {
    it.each([
      ['2012 R2: off by default', 'win2012r2', [protocol('TLS 1.2', 'Server', E1, D0)]],
      ['2008 R2: Enabled=0', 'win2008r2', [protocol('SSL 2.0', 'Server', E0)]],
      ['2008 R2: Enabled=1 but DisabledByDefault=1', 'win2008r2', [protocol('SSL 2.0', 'Server', E1, D1)]],
      ['2016: SSL 2.0 does not exist', 'win2016', [protocol('TLS 1.2', 'Server', E1)]],
      ['unknown OS, nothing written', undefined, [protocol('TLS 1.2', 'Server', E1)]],
      ['the Client side only counts with the cis preset', 'win2008r2', [protocol('SSL 2.0', 'Server', E0), protocol('SSL 2.0', 'Client', E1)]],
    ] as const)('%s', (_name, os, blocks) => {
      expect(lint(TLS001, [reg('s.reg', [...blocks])], os)).toEqual([]);
    });

    it('no SChannel export: no default finding', () => {
      expect(lint(TLS001, [], 'win2003-sp2')).toEqual([]);
    });
  });

  describe('invalid', () => {
    it('explicit Enabled on 2008 R2: at the Enabled line, fixed to Enabled=0 and DisabledByDefault=1', () => {
      const file = reg('s.reg', [[PROTOCOLS], protocol('SSL 2.0', 'Server', EF)]);
      const findings = lint(TLS001, [file], 'win2008r2');
      expect(findings.map(at)).toEqual([[6, 1, 'error']]);
      expect(findings[0]!.message).toContain('`"Enabled"=dword:ffffffff`');
      expect(applyFixes(file, findings)).toContain(`${E0}\r\n${D1}\r\n`);
    });

    it('explicit on an unknown OS (DisabledByDefault not written)', () => {
      expect(lint(TLS001, [reg('s.reg', [protocol('SSL 2.0', 'Server', E1)])], undefined).map(at)).toEqual([[4, 1, 'error']]);
    });

    it('Server 2003 ignores DisabledByDefault=1', () => {
      expect(lint(TLS001, [reg('s.reg', [protocol('SSL 2.0', 'Server', E1, D1)])], 'win2003-sp1')).toHaveLength(1);
    });

    it('2003 default: one finding at the nearest existing ancestor in the last file writing under it', () => {
      const first = reg('01.reg', [[PROTOCOLS], protocol('PCT 1.0', 'Server', E0)]);
      const second = reg('02.reg', [protocol('TLS 1.0', 'Server', E1)]);
      const findings = lint(TLS001, [first, second], 'win2003-sp2');
      expect(findings).toHaveLength(1);
      expect(findings[0]!.file.path).toBe('02.reg');
      expect(at(findings[0]!)).toEqual([3, 1, 'error']);
      expect(findings[0]!.message).toContain('`SCHANNEL\\Protocols\\SSL 2.0\\Server`');
    });

    it.each([
      ['no line break', ''],
      ['one CRLF', '\r\n'],
      ['a blank line', '\r\n\r\n'],
      ['one LF', '\n'],
    ])('the appended keys follow a file ending in %s after exactly one blank line', (_name, ending) => {
      const text = `Windows Registry Editor Version 5.00\r\n\r\n[${PROTOCOLS}\\TLS 1.0\\Server]\r\n${E1}${ending}`;
      const file = { path: 's.reg', bytes: new Uint8Array(Buffer.from(text, 'latin1')) };
      const findings = lint(TLS001, [file], 'win2003-sp2');
      const fixed = applyFixes(file, findings);
      expect(fixed.startsWith(text)).toBe(true);
      expect(fixed.slice(text.length - ending.length)).toMatch(/^(\r\n|\n)(\r\n)?\[HKEY_LOCAL_MACHINE\\/);
      expect(fixed.replace(/\r\n|\n/g, '\n')).toContain(`${E1}\n\n[HKEY_LOCAL_MACHINE\\`);
    });

    it('the cis preset checks the Client side and wants both values written', () => {
      const findings = lint(TLS001, [reg('s.reg', [protocol('SSL 2.0', 'Server', E0, D1)])], 'win2012r2', { explicitValues: true });
      expect(findings).toHaveLength(1);
      expect(findings[0]!.message).toContain('SSL 2.0\\Client');
    });
  });
});
