import { describe, expect, it } from 'vitest';
import { DEFAULT_LINT_OPTIONS, type Finding } from '../../src/engine/lint.js';
import { lintFileGroups } from '../../src/engine/run.js';
import type { SuppressionOptions } from '../../src/engine/suppressions.js';
import { CFG006 } from '../../src/rules/CFG006.js';

const V5 = 'Windows Registry Editor Version 5.00';
const RC2 = '[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Ciphers\\RC2 40/128]';
const ON = '"Enabled"=dword:ffffffff';
const OFF = '"Enabled"=dword:00000000';

/** A 5.00 export: header, blank line, then `lines` from line 3. */
function reg(lines: string[]) {
  return { path: 'schannel.reg', bytes: new TextEncoder().encode([V5, '', ...lines, ''].join('\r\n')) };
}

function metabase(lines: string[]) {
  const text = ['<?xml version ="1.0"?>', '<configuration>', '<MBProperty>', ...lines, '</MBProperty>', '</configuration>', ''].join('\r\n');
  return { path: 'MetaBase.xml', bytes: new TextEncoder().encode(text) };
}

function cfg006(file: { path: string; bytes: Uint8Array }, options: SuppressionOptions = {}): [number, number, number, number, string][] {
  const run = lintFileGroups([{ name: 'web01', files: [file] }], { ...DEFAULT_LINT_OPTIONS, ...options });
  return run.findings
    .filter((finding: Finding) => finding.ruleId === 'CFG006')
    .map((finding) => [finding.region.startLine, finding.region.startColumn, finding.region.endLine, finding.region.endColumn, finding.message]);
}

const UNUSED = { reportUnusedDirectives: true };

describe('CFG006 unused-suppression', () => {
  it('is produced by the engine: its check reports nothing', () => {
    expect(CFG006.check({} as never, { kernelSsl: 'auto', os: undefined })).toEqual([]);
    expect(CFG006.meta.defaultLevel).toBe('warning');
  });

  describe('valid', () => {
    it.each([
      ['a used disable-next-line', reg([RC2, '; iislint-disable-next-line KSSL004 -- POS terminals', ON]), { ...UNUSED, requireReason: true }],
      ['a used block of every rule', reg(['; iislint-disable: lab', RC2, ON, '; iislint-enable']), UNUSED],
      ['an unused directive without --report-unused-directives', reg([RC2, '; iislint-disable-next-line KSSL004', OFF]), {}],
      ['a reasonless directive without --require-reason', reg([RC2, '; iislint-disable-next-line KSSL004', ON]), UNUSED],
      ['an ordinary comment', reg(['; iislint is run in CI', RC2, OFF]), UNUSED],
      [
        'a used XML directive with `:`',
        metabase([
          '<!-- iislint-disable-next-line KSSL001: intranet (OPS-99) -->',
          '<IIsWebVirtualDir Location ="/LM/W3SVC/1/ROOT"',
          '\tAccessSSLFlags="AccessSSL | AccessSSLNegotiateCert | AccessSSLRequireCert"',
          '>',
          '</IIsWebVirtualDir>',
        ]),
        { ...UNUSED, requireReason: true },
      ],
    ] as const)('%s', (_label, file, options) => {
      expect(cfg006(file, options)).toEqual([]);
    });
  });

  describe('invalid', () => {
    it.each([
      [
        'an unused disable-next-line',
        reg([RC2, '; iislint-disable-next-line KSSL004 -- was RC2', OFF]),
        UNUSED,
        [[4, 1, 4, 47, '`iislint-disable-next-line KSSL004` suppresses nothing: no KSSL004 finding starts on the next line. Remove it.']],
      ],
      [
        'one unused id of two',
        reg([RC2, '; iislint-disable-next-line KSSL004 KSSL005 -- why', ON]),
        UNUSED,
        [[4, 1, 4, 51, '`iislint-disable-next-line KSSL004 KSSL005` suppresses nothing for KSSL005: no KSSL005 finding starts on the next line. Remove KSSL005 from it.']],
      ],
      [
        'an unused block and an enable that ends nothing',
        reg(['; iislint-disable KSSL004 -- why', RC2, OFF, '; iislint-enable KSSL004', '; iislint-enable KSSL004']),
        UNUSED,
        [
          [3, 1, 3, 33, '`iislint-disable KSSL004` suppresses nothing: no KSSL004 finding comes before its `iislint-enable` or the end of the file. Remove it.'],
          [7, 1, 7, 25, '`iislint-enable KSSL004` ends no open `iislint-disable` block of KSSL004. Remove it.'],
        ],
      ],
      [
        'a misspelt directive (always)',
        reg([RC2, '; iislint-disable-nextline KSSL004', ON]),
        {},
        [[4, 3, 4, 27, '`iislint-disable-nextline` is not an iislint directive (`iislint-disable-next-line`, `iislint-disable` or `iislint-enable`): it suppresses nothing.']],
      ],
      [
        'an unknown rule id (always)',
        reg([RC2, '; iislint-disable-next-line KSSL040', ON]),
        {},
        [[4, 29, 4, 36, '`KSSL040` in `iislint-disable-next-line KSSL040` is not a rule id (run `iislint rules` for the list): the directive suppresses nothing for it.']],
      ],
      [
        'no reason under --require-reason',
        reg([RC2, '; iislint-disable-next-line KSSL004', ON]),
        { requireReason: true },
        [[4, 1, 4, 36, '`iislint-disable-next-line KSSL004` gives no reason, and --require-reason is set: it suppresses nothing. Say why the finding is accepted after `--`.']],
      ],
      [
        '`--` in an XML comment, and an XML directive above the wrong element',
        metabase([
          '<!-- iislint-disable-next-line KSSL001 -- intranet -->',
          '<IIsWebServer Location ="/LM/W3SVC/1" ServerComment="Intranet">',
          '</IIsWebServer>',
        ]),
        UNUSED,
        [
          [4, 1, 4, 55, '`iislint-disable-next-line KSSL001` suppresses nothing: no KSSL001 finding starts in the start tag of the element that follows. Remove it.'],
          [4, 40, 4, 42, '`--` inside the XML comment of `iislint-disable-next-line KSSL001` makes MetaBase.xml not well-formed (XML 1.0 forbids `--` in a comment, and strict parsers reject the file): write the reason after `:` instead.'],
        ],
      ],
    ] as const)('%s', (_label, file, options, expected) => {
      expect(cfg006(file, options)).toEqual(expected);
    });
  });
});
