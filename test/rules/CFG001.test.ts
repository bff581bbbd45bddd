import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LINT_OPTIONS, lintServer, type Finding } from '../../src/engine/lint.js';
import { loadServer, type FileInput } from '../../src/engine/load.js';
import { CFG001 } from '../../src/rules/CFG001.js';
import { corpusDir } from '../support/corpus.js';


const V5 = 'Windows Registry Editor Version 5.00';
const RC2 = '[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Ciphers\\RC2 40/128]';

function utf8(filePath: string, text: string): FileInput {
  return { path: filePath, bytes: new TextEncoder().encode(text) };
}

function utf16(filePath: string, text: string, extraBytes: number[] = []): FileInput {
  return { path: filePath, bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le'), Buffer.from(extraBytes)]) };
}

function latin1(filePath: string, text: string): FileInput {
  return { path: filePath, bytes: Buffer.from(text, 'latin1') };
}

/** A .reg file: lines joined with CRLF as regedit writes them. */
function reg(...lines: string[]): FileInput {
  return utf8('schannel.reg', lines.join('\r\n'));
}

/** A MetaBase.xml whose `<MBProperty>` holds `keys` from line 4. */
function metabase(...keys: string[]): string {
  return ['<?xml version ="1.0"?>', '<configuration xmlns="urn:microsoft-catalog:XML_Metabase_V64_0">', '<MBProperty>', ...keys, '</MBProperty>', '</configuration>', ''].join('\r\n');
}

const SITE = ['<IIsWebServer\tLocation ="/LM/W3SVC/1"', '\t\tServerComment="Default Web Site"', '\t>', '</IIsWebServer>'];

function lint(files: FileInput[]): Finding[] {
  return lintServer(loadServer('server', files, undefined), DEFAULT_LINT_OPTIONS, [CFG001]);
}

function at(finding: Finding): [number, number, number, number] {
  return [finding.region.startLine, finding.region.startColumn, finding.region.endLine, finding.region.endColumn];
}

function summary(findings: Finding[]): [string, string, [number, number, number, number]][] {
  return findings.map((finding) => [finding.ruleId, finding.level, at(finding)]);
}

describe('CFG001 parse-error', () => {
  describe('valid', () => {
    it.each([
      ['a 5.00 export', reg(V5, '', RC2, '"Enabled"=dword:00000000', '')],
      ['a REGEDIT4 export', reg('REGEDIT4', '', RC2, '"Enabled"=dword:00000000', '')],
      ['leading blanks before the header', reg('  ' + V5, RC2, '"Enabled"=dword:00000000')],
      ['a comment after a key and after a value', reg(V5, `${RC2} ; RC2`, '"Enabled"=dword:00000000 ; off')],
      ['a well-formed metabase', utf8('MetaBase.xml', metabase(...SITE))],
      ['a UTF-16LE export with BOM', utf16('schannel.reg', [V5, '', RC2, '"Enabled"=dword:00000000', ''].join('\r\n'))],
      ['an 8-bit export with accented text', latin1('http.reg', [V5, '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Test]', '"Name"="caf\u00e9"', ''].join('\r\n'))],
      [
        'a malformed IIS 7 applicationHost.config (skipped, not linted)',
        utf8('applicationHost.config', '<?xml version="1.0"?>\r\n<configuration>\r\n<system.webServer>\r\n</configuration>\r\n'),
      ],
    ])('%s', (_name, file) => {
      expect(lint([file])).toEqual([]);
    });
  });

  describe('invalid .reg header', () => {
    it.each([
      ['lower-case regedit4', 'regedit4', [1, 1, 1, 9], '`regedit4` is not a header'],
      ['REGEDIT 4 with a blank', 'REGEDIT 4', [1, 1, 1, 10], 'imports nothing'],
      ['trailing blanks after the 5.00 header', `${V5}  `, [1, 1, 1, 37], 'blanks follow the header'],
      ['a blank first line', '', [1, 1, 1, 1], 'the first line is blank'],
    ] as const)('%s', (_name, header, region, message) => {
      const findings = lint([reg(header, V5, RC2, '"Enabled"=dword:00000000')].slice(0, 1));
      const headerFindings = findings.filter((finding) => finding.subject.includes('#reg-header-missing#'));
      expect(headerFindings).toHaveLength(1);
      expect(at(headerFindings[0]!)).toEqual(region);
      expect(headerFindings[0]!.level).toBe('error');
      expect(headerFindings[0]!.message).toContain(message);
    });
  });

  describe('invalid .reg lines (one finding per line, at the line)', () => {
    // Each line sits on line 3, under the key on line 2.
    it.each([
      ['reg-dword-invalid: 0x prefix', '"Enabled"=dword:0x0', [3, 1, 3, 20], '`dword:` takes 1 to 8 hex digits'],
      ['reg-dword-invalid: nine digits', '"Enabled"=dword:000000000', [3, 1, 3, 26], '`dword:` takes 1 to 8 hex digits'],
      ['reg-data-type-unknown: DWORD in capitals', '"Enabled"=DWORD:00000000', [3, 1, 3, 25], 'Unknown data `DWORD:00000000`'],
      ['reg-value-syntax: not a value', 'Enabled=0', [3, 1, 3, 10], 'regedit cannot read this line'],
      ['reg-value-syntax: no `=`', '"Enabled" dword:0', [3, 1, 3, 18], 'Expected `=`'],
      ['reg-value-syntax: no data', '"Enabled"=', [3, 1, 3, 11], 'No data after `=`'],
      ['reg-value-syntax: text after =-', '"Enabled"=- 0', [3, 1, 3, 14], 'Text after `=-`'],
      ['reg-key-unclosed', '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Test', [3, 1, 3, 34], 'no closing `]`'],
      ['reg-string-unterminated: name', '"Enabled=dword:0', [3, 1, 3, 17], 'The value name has no closing'],
      ['reg-string-unterminated: data', '"Name"="abc', [3, 1, 3, 12], 'The string has no closing'],
      ['reg-string-trailing-text', '"Name"="a" "b"', [3, 1, 3, 15], 'Text after the closing'],
      ['reg-string-escape-invalid', '"Name"="a\\0b"', [3, 1, 3, 14], '`\\0` inside a string'],
      ['reg-hex-invalid: a byte over ff', '"Data"=hex:01,100', [3, 1, 3, 18], 'Hex data must be bytes'],
      ['reg-hex-type-invalid', '"Data"=hex(0x4):01,00,00,00', [3, 1, 3, 28], '`hex(N):` needs N as hex digits'],
    ] as const)('%s', (_name, line, region, message) => {
      const findings = lint([reg(V5, RC2, line, '"Other"=dword:00000001')]);
      expect(summary(findings)).toEqual([['CFG001', 'error', region]]);
      expect(findings[0]!.message).toContain(message);
    });

    it('reports every unreadable line, each at its own line', () => {
      const findings = lint([reg(V5, RC2, '"A"=dword:0x1', '"B"=dword:00000001', '"C"=DWORD:1', 'junk')]);
      expect(summary(findings)).toEqual([
        ['CFG001', 'error', [3, 1, 3, 14]],
        ['CFG001', 'error', [5, 1, 5, 12]],
        ['CFG001', 'error', [6, 1, 6, 5]],
      ]);
    });

    it('counts columns in UTF-16 code units in a UTF-16LE export', () => {
      const findings = lint([utf16('schannel.reg', [V5, '', RC2, '\t"Enabled"=dword:0x0', ''].join('\r\n'))]);
      expect(summary(findings)).toEqual([['CFG001', 'error', [4, 2, 4, 21]]]);
    });

    it('reads an 8-bit export and points past its accented characters', () => {
      const findings = lint([latin1('http.reg', [V5, '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Caf\u00e9]', '"Caf\u00e9"=dword:0x1', ''].join('\r\n'))]);
      expect(summary(findings)).toEqual([['CFG001', 'error', [3, 1, 3, 17]]]);
    });

    it('keeps the subject free of line numbers: moving the line keeps it', () => {
      const first = lint([reg(V5, RC2, '"A"=dword:0x1')]);
      const moved = lint([reg(V5, '', '', RC2, '"A"=dword:0x1')]);
      expect(first[0]!.subject).toBe('parse:schannel.reg#reg-dword-invalid#"A"=dword:0x1');
      expect(moved[0]!.subject).toBe(first[0]!.subject);
      expect(moved[0]!.fingerprint).toBe(first[0]!.fingerprint);
    });
  });

  describe('invalid MetaBase.xml (the first XML error only)', () => {
    it('points at the end of a truncated file', () => {
      const text = metabase(...SITE).slice(0, -'</configuration>\r\n'.length);
      const findings = lint([utf8('MetaBase.xml', text)]);
      expect(summary(findings)).toEqual([['CFG001', 'error', [9, 1, 9, 1]]]);
      expect(findings[0]!.message).toMatch(/^MetaBase\.xml is not well-formed XML: unexpected end of file: <configuration> \(line 2\) is not closed\. IIS cannot read/);
    });

    it('points at the name of a mismatched close tag', () => {
      const findings = lint([utf8('MetaBase.xml', metabase('<IIsWebServer\tLocation ="/LM/W3SVC/1"', '\t>', '</IIsWebVirtualDir>'))]);
      expect(summary(findings)).toEqual([['CFG001', 'error', [6, 3, 6, 19]]]);
      expect(findings[0]!.message).toContain('</IIsWebVirtualDir> does not match <IIsWebServer> (line 4)');
      expect(findings[0]!.subject).toBe('parse:MetaBase.xml#xml-malformed#</IIsWebVirtualDir>');
    });

    it('points at an unquoted attribute value', () => {
      const findings = lint([utf8('MetaBase.xml', metabase('<IIsWebServer\tLocation ="/LM/W3SVC/1"', '\t\tAccessSSLFlags=AccessSSL', '\t>', '</IIsWebServer>'))]);
      expect(summary(findings)).toEqual([['CFG001', 'error', [5, 18, 5, 19]]]);
      expect(findings[0]!.message).toContain('the value of AccessSSLFlags must be in quotes');
    });
  });

  describe('bytes that do not decode', () => {
    it('warns about a UTF-16 .reg with an odd byte count, at the end', () => {
      const findings = lint([utf16('schannel.reg', [V5, RC2, '"Enabled"=dword:00000000', ''].join('\r\n'), [0x0d])]);
      expect(summary(findings)).toEqual([['CFG001', 'warning', [4, 1, 4, 1]]]);
      expect(findings[0]!.message).toMatch(/^This UTF-16 file ends with an odd number of bytes/);
    });

    it('does not also report the last line when the odd byte follows it without a line break', () => {
      const findings = lint([utf16('schannel.reg', [V5, RC2, '"Enabled"=dword:00000000'].join('\r\n'), [0x0a])]);
      expect(summary(findings)).toEqual([['CFG001', 'warning', [3, 25, 3, 25]]]);
    });

    it('reports invalid UTF-8 in a MetaBase.xml with a BOM as an error at the first bad byte', () => {
      const text = Buffer.from(metabase('<IIsWebServer\tLocation ="/LM/W3SVC/1"', '\t\tServerComment="Caf\u00e9"', '\t>', '</IIsWebServer>'), 'utf8');
      const bad = Buffer.from(text.toString('latin1').replace('Caf\u00c3\u00a9', 'Caf\u00e9'), 'latin1');
      const findings = lint([{ path: 'MetaBase.xml', bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bad]) }]);
      expect(summary(findings)).toEqual([['CFG001', 'error', [5, 21, 5, 22]]]);
      expect(findings[0]!.message).toMatch(/^MetaBase\.xml holds bytes that are not valid UTF-8\./);
    });

    it('reports a MetaBase.xml in an 8-bit code page without an encoding declaration', () => {
      const findings = lint([latin1('MetaBase.xml', metabase('<IIsWebServer\tLocation ="/LM/W3SVC/1"', '\t\tServerComment="Caf\u00e9"', '\t>', '</IIsWebServer>'))]);
      expect(summary(findings)).toEqual([['CFG001', 'error', [5, 21, 5, 22]]]);
      expect(findings[0]!.message).toMatch(/^MetaBase\.xml is not valid UTF-8 and declares no other encoding\./);
    });

    it('accepts an 8-bit MetaBase.xml that declares its encoding', () => {
      const text = metabase(...SITE).replace('<?xml version ="1.0"?>', '<?xml version ="1.0" encoding="windows-1252"?>').replace('Default', 'D\u00e9fault');
      expect(lint([latin1('MetaBase.xml', text)])).toEqual([]);
    });
  });

  describe.skipIf(!existsSync(corpusDir))('corpus', () => {
    // describe.skipIf still runs this body to collect tests: list files only when the corpus is there.
    const files = existsSync(corpusDir)
      ? ['metabase', 'reg'].flatMap((folder) => readdirSync(path.join(corpusDir, folder)).map((name) => path.join(folder, name)))
      : [];
    it.each(files)('%s has no parse error', (name) => {
      expect(lint([{ path: name, bytes: readFileSync(path.join(corpusDir, name)) }])).toEqual([]);
    });
  });
});
