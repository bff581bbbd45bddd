import { existsSync, readFileSync } from 'node:fs';
import { applyTextEdits } from '../../src/fix/edits.js';
import { lintFiles, type LintedFiles } from '../support/lint.js';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/engine/lint.js';
import type { FileInput } from '../../src/engine/load.js';
import { CFG003 } from '../../src/rules/CFG003.js';
import { corpusDir } from '../support/corpus.js';
import { countingLines, countingReads, expectLinear } from '../support/work.js';
import { DEFAULT_LINT_OPTIONS, lintServer } from '../../src/engine/lint.js';
import { loadServer } from '../../src/engine/load.js';


const V5 = 'Windows Registry Editor Version 5.00';
const SCHANNEL = 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL';
const RC4 = `[${SCHANNEL}\\Ciphers\\RC4 128/128]`; // 100 characters: a tail after one blank starts at column 102
const RC2 = `[${SCHANNEL}\\Ciphers\\RC2 40/128]`; // 99 characters

function reg(lines: string[], newline = '\r\n', filePath = 'schannel.reg'): FileInput {
  return { path: filePath, bytes: new TextEncoder().encode(lines.join(newline)) };
}

function utf16(lines: string[], filePath = 'schannel.reg'): FileInput {
  return { path: filePath, bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(lines.join('\r\n'), 'utf16le')]) };
}

/** The last lint's files, for reading spans and applying fixes. */
let linted: LintedFiles;

function lint(files: FileInput[]): Finding[] {
  linted = lintFiles(files, [CFG003]);
  return linted.findings;
}

function at(finding: Finding): [number, number, number, number] {
  return [finding.region.startLine, finding.region.startColumn, finding.region.endLine, finding.region.endColumn];
}

function flagged(finding: Finding): string {
  return linted.textOf(finding.file.path).slice(finding.span.start, finding.span.end);
}

/** Apply a finding's fix to its file's text (edits in reverse order). */
function applyFix(finding: Finding): string {
  let text = linted.textOf(finding.file.path);
  return applyTextEdits(text, finding.fix?.edits ?? []);
}

describe('CFG003 registry-line-ignored', () => {
  describe('valid', () => {
    it.each([
      ['values on their own lines', [V5, '', RC4, '"Enabled"=dword:00000000', '']],
      ['a `;` comment after the key', [V5, '', `${RC4} ; RC4 off`, '"Enabled"=dword:00000000', '']],
      ['a hex value continued with `,\\`', [V5, RC4, '"Data"=hex:00,01,\\', '  02,03', '']],
      ['blank and comment lines inside a continuation', [V5, RC4, '"Data"=hex:00,01,\\', '', '; note', '  02', '']],
      ['known string escapes', [V5, RC4, '"Path"="C:\\\\temp \\"x\\""', '']],
    ])('%s', (_name, lines) => {
      expect(lint([reg(lines)])).toEqual([]);
    });
  });

  describe('a value on its key line', () => {
    it('points at the value regedit ignores and offers to move it (CRLF)', () => {
      const findings = lint([reg([V5, '', `${RC4} "Enabled"=dword:00000000`, ''])]);
      expect(findings).toHaveLength(1);
      const [finding] = findings;
      expect(finding!.level).toBe('warning');
      expect(at(finding!)).toEqual([3, 102, 3, 126]);
      expect(flagged(finding!)).toBe('"Enabled"=dword:00000000');
      expect(finding!.message).toBe(
        'regedit ignores everything after the key\'s closing `]`: `"Enabled"=dword:00000000` is never written to [...\\RC4 128/128]. ' +
          'Put the value on its own line below the key.',
      );
      expect(finding!.fix?.edits).toHaveLength(1);
      expect(applyFix(finding!)).toBe([V5, '', RC4, '"Enabled"=dword:00000000', ''].join('\r\n'));
    });

    it.each([
      ['its last segment', 'HKEY_LOCAL_MACHINE\\SOFTWARE\\\\Vendor\\', '[...\\Vendor]'],
      ['its whole path when it has one segment', '\\HKEY_LOCAL_MACHINE\\', '[\\HKEY_LOCAL_MACHINE\\]'],
    ])('names the key by %s (empty segments do not count)', (_name, keyPath, label) => {
      const [finding] = lint([reg([V5, `[${keyPath}] "Enabled"=dword:00000000`, ''])]);
      expect(finding!.message).toContain(`is never written to ${label}.`);
    });

    it('uses the line break of the file (LF) and the fixed file has no finding left', () => {
      const [finding] = lint([reg([V5, `${RC4}\t"Enabled"=dword:00000000`, `${RC2}  "Enabled"=dword:00000000`], '\n')]);
      const fixed = applyFix(finding!);
      expect(fixed).toBe([V5, RC4, '"Enabled"=dword:00000000', `${RC2}  "Enabled"=dword:00000000`].join('\n'));
    });

    it('offers a fix on the last line without a line break (CRLF, as regedit writes)', () => {
      const [finding] = lint([reg([V5, `${RC4} "Enabled"=dword:00000000`])]);
      expect(finding!.fix?.edits[0]?.text).toBe('\r\n');
    });

    it.each([
      ['text that is not a value', `${RC4} Enabled=0`, 'is not read'],
      ['a value regedit could not parse', `${RC4} "Enabled"=dword:0x0`, 'is never written'],
      ['two values', `${RC4} "Enabled"=dword:00000000 "Other"=dword:00000001`, 'is never written'],
      ['a hex value that continues', `${RC4} "Data"=hex:00,\\`, 'is never written'],
      ['a key deletion', `[-${SCHANNEL}\\Ciphers\\RC4 128/128] "Enabled"=dword:00000000`, 'is never written'],
    ])('offers no fix for %s', (_name, line, message) => {
      const findings = lint([reg([V5, line, ''])]);
      const trailing = findings.filter((finding) => finding.subject.includes('#reg-key-trailing-text#'));
      expect(trailing).toHaveLength(1);
      expect(trailing[0]!.message).toContain(message);
      expect(trailing[0]!.fix).toBeUndefined();
    });

    it('reads a UTF-16LE export', () => {
      const findings = lint([utf16([V5, '', `${RC2} "Enabled"=dword:00000000`, ''])]);
      expect(findings.map(at)).toEqual([[3, 101, 3, 125]]);
      expect(findings[0]!.fix).toBeDefined();
    });

    it('reads an 8-bit export', () => {
      const text = [V5, '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Caf\u00e9] "Name"="cr\u00e8me"', ''].join('\r\n');
      const findings = lint([{ path: 'ansi.reg', bytes: Buffer.from(text, 'latin1') }]);
      expect(findings.map(at)).toEqual([[2, 36, 2, 50]]);
      expect(flagged(findings[0]!)).toBe('"Name"="cr\u00e8me"');
    });
  });

  describe('other lines regedit ignores or drops', () => {
    it('a blank after `[`, and the value that lands in the key still open', () => {
      const findings = lint([reg([V5, RC4, '"Enabled"=dword:00000000', `[ ${SCHANNEL}\\Ciphers\\RC2 40/128]`, '"Enabled"=dword:00000000', ''])]);
      expect(findings.map((finding) => [at(finding), finding.message])).toEqual([
        [[4, 1, 4, 101], 'A blank after `[` makes regedit skip this line: the key is not opened and the values below it do not go to it.'],
        [[5, 1, 5, 25], 'The key line 4 is skipped by regedit, so the value `Enabled` goes to the key still open from line 2 ([...\\RC4 128/128]).'],
      ]);
      expect(findings.every((finding) => finding.fix === undefined)).toBe(true);
    });

    it('a blank after `[-`: the key is not deleted', () => {
      const findings = lint([reg([V5, `[- ${SCHANNEL}\\Protocols\\PCT 1.0]`, ''])]);
      expect(findings.map(at)).toEqual([[2, 1, 2, 101]]);
      expect(findings[0]!.message).toContain('the key is not deleted');
    });

    it('a value before any key', () => {
      const findings = lint([reg([V5, '"Enabled"=dword:00000000', RC4, ''])]);
      expect(findings.map(at)).toEqual([[2, 1, 2, 25]]);
      expect(findings[0]!.message).toContain('regedit has no open key for the value `Enabled` (no key line comes before it): it is not written.');
    });

    it('a value after a key deletion', () => {
      const findings = lint([reg([V5, `[-${SCHANNEL}\\Ciphers\\RC4 128/128]`, '"Enabled"=dword:00000000', ''])]);
      expect(findings.map(at)).toEqual([[3, 1, 3, 25]]);
      expect(findings[0]!.message).toContain('leaves no key open');
    });

    it('a continuation that lost its comma, with the lines meant as its continuation', () => {
      const findings = lint([reg([V5, RC4, '"Data"=hex:00,01\\', '  02,03', '"Next"=dword:00000001', ''])]);
      expect(findings.map(at)).toEqual([[3, 1, 4, 8]]);
      expect(findings[0]!.message).toContain('regedit drops the value `Data`');
    });

    it('a continuation interrupted by a key line, which is swallowed', () => {
      const findings = lint([reg([V5, RC4, '"Data"=hex:00,01,\\', RC2, '"Enabled"=dword:00000000', ''])]);
      expect(findings.map((finding) => [at(finding), finding.subject.split('#')[1]])).toEqual([
        [[3, 1, 3, 19], 'reg-continuation-interrupted'],
        [[4, 1, 4, 100], 'reg-line-swallowed'],
        [[5, 1, 5, 25], 'reg-value-after-ignored-key'],
      ]);
    });

    it('an unknown escape in a string, at its two characters', () => {
      const findings = lint([reg([V5, RC4, '"Path"="C:\\temp"', ''])]);
      expect(findings.map(at)).toEqual([[3, 11, 3, 13]]);
      expect(flagged(findings[0]!)).toBe('\\t');
    });
  });

  describe('abbreviated roots', () => {
    const SHORT = '[HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Ciphers\\RC2 40/128]';

    it('reports the key line, names the full root, and the fix spells it out', () => {
      const findings = lint([reg([V5, '', SHORT, '"Enabled"=dword:00000000', ''])]);
      expect(findings.map((finding) => [at(finding), finding.level])).toEqual([[[3, 1, 3, SHORT.length + 1], 'warning']]);
      expect(findings[0]!.message).toBe(
        'regedit accepts only full root names: `HKLM` in [...\\RC2 40/128] is an abbreviation, so the line is dropped with its values: ' +
          'nothing under it is written. Write `HKEY_LOCAL_MACHINE` instead of `HKLM`.',
      );
      expect(applyFix(findings[0]!).split('\r\n')[2]).toBe(RC2);
    });

    it.each([
      ['HKCU', '[HKCU\\Software\\x]', 'HKEY_CURRENT_USER'],
      ['a deletion', '[-hklm\\SYSTEM\\x]', 'HKEY_LOCAL_MACHINE'],
    ])('%s', (_name, line, full) => {
      const findings = lint([reg([V5, '', line, ''])]);
      expect(findings).toHaveLength(1);
      expect(findings[0]!.message).toContain(`Write \`${full}\``);
    });

    it('full root names in any case are fine', () => {
      expect(lint([reg([V5, '', RC2.toLowerCase(), '"Enabled"=dword:00000000', ''])])).toEqual([]);
    });
  });

  it('stays linear: 4,000 values on their key lines do twice the work of 2,000', () => {
    // Counted, not timed: the rule's reads of the key lines (a lookup per finding must not scan
    // them all) and the line lookups placing the findings, for n and 2n blocks.
    const work = (blocks: number) => {
      const lines = [V5];
      for (let i = 0; i < blocks; i++) lines.push(`[HKEY_LOCAL_MACHINE\\SOFTWARE\\Test\\K${i}] "V"=dword:00000001`, `[ HKEY_LOCAL_MACHINE\\SOFTWARE\\Test\\S${i}]`, '"W"=dword:00000000');
      const server = loadServer('server', [reg(lines)], undefined);
      const [document] = server.regDocuments;
      const counted = countingLines(document!.source);
      const keys = countingReads(document!.keys);
      document!.source = counted.file;
      document!.keys = keys.items;
      const findings = lintServer(server, DEFAULT_LINT_OPTIONS, [CFG003]);
      expect(findings).toHaveLength(3 * blocks);
      // Every value on its key line gets its fix: the probe parse is shared, not skipped.
      expect(findings.filter((finding) => finding.fix).length).toBe(blocks);
      return { keyReads: keys.reads.count, lineLookups: counted.lookups.count };
    };
    const small = work(2_000);
    const large = work(4_000);
    expectLinear('key lines read', small.keyReads, large.keyReads, 2);
    expectLinear('line lookups', small.lineLookups, large.lineLookups, 2);
  });

  it('keeps the subject free of line numbers', () => {
    const [first] = lint([reg([V5, `${RC4} "Enabled"=dword:00000000`])]);
    const [moved] = lint([reg([V5, '', '', `${RC4} "Enabled"=dword:00000000`])]);
    expect(first!.subject).toBe(`reg:schannel.reg#reg-key-trailing-text#${RC4} "Enabled"=dword:00000000`);
    expect(moved!.subject).toBe(first!.subject);
  });

  describe.skipIf(!existsSync(corpusDir))('corpus', () => {
    const read = (name: string): FileInput => ({ path: name, bytes: readFileSync(path.join(corpusDir, 'reg', name)) });

    it.each([
      [
        'natthasath-enable-rc4-key-and-value-same-line.reg',
        [
          [3, 102, 3, 126],
          [4, 101, 4, 125],
          [5, 101, 5, 125],
        ],
      ],
      [
        'natthasath-enable-ssl3-key-and-value-same-line.reg',
        [
          [3, 107, 3, 131],
          [4, 107, 4, 141],
          [5, 107, 5, 131],
          [6, 107, 6, 141],
        ],
      ],
      [
        'natthasath-disable-ssl3-actually-ssl2.reg',
        [
          [3, 107, 3, 131],
          [4, 107, 4, 141],
          [5, 107, 5, 131],
          [6, 107, 6, 141],
        ],
      ],
    ])('%s: every same-line value, at the exact tail', (name, regions) => {
      const findings = lint([read(name)]);
      expect(findings.map(at)).toEqual(regions);
      for (const finding of findings) {
        expect(flagged(finding)).toMatch(/^"(Enabled|DisabledByDefault)"=dword:0000000[01]$/);
        expect(finding.fix?.edits[0]?.text).toBe('\n');
      }
    });

    it.each([
      'pssl-regedit-export-utf16.reg',
      'reemdemo-tls11-12-utf16.reg',
      'iiscrypto-backup-deletes.reg',
      'racetracks-bestpractice-tls13.reg',
      'racetracks-defaults-value-deletes.reg',
      'kieran-tls12-no-final-newline.reg',
      'novaq-tls12-inline-comment.reg',
      'natthasath-delete-tls13-key.reg',
      'ennima-http-parameters-escaped-string.reg',
    ])('%s has no ignored line', (name) => {
      expect(lint([read(name)])).toEqual([]);
    });
  });
});
