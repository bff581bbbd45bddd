import { existsSync, readFileSync } from 'node:fs';
import { lintFiles, type LintedFiles } from '../support/lint.js';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LINT_OPTIONS, lintServer, type Finding } from '../../src/engine/lint.js';
import { loadServer, type FileInput } from '../../src/engine/load.js';
import { decodeFlags } from '../../src/model/metabase-schema.js';
import { CFG002, closestFlagNames } from '../../src/rules/CFG002.js';
import { KSSL001 } from '../../src/rules/KSSL001.js';
import { corpusDir } from '../support/corpus.js';


/** A MetaBase.xml: prolog on lines 1-3, then `lines` from line 4. */
function metabase(...lines: string[]): FileInput {
  const text = ['<?xml version ="1.0"?>', '<configuration xmlns="urn:microsoft-catalog:XML_Metabase_V64_0">', '<MBProperty>', ...lines, '</MBProperty>', '</configuration>', ''].join('\r\n');
  return { path: 'MetaBase.xml', bytes: new TextEncoder().encode(text) };
}

/** An IIsWebVirtualDir on line 4 with one attribute on line 5 (its value starts at column 18 + name length). */
function vdir(attribute: string): FileInput {
  return metabase('<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT"', `\t\t${attribute}`, '\t>', '</IIsWebVirtualDir>');
}

/** A vdir whose only property is a `<Custom>` element (Value on line 8). */
function customVdir(id: string, value: string, name = 'AccessSSLFlags'): FileInput {
  return metabase(
    '<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT"',
    '\t>',
    '\t<Custom',
    `\t\tName="${name}"`,
    `\t\tID="${id}"`,
    `\t\tValue="${value}"`,
    '\t\tType="DWORD"',
    '\t\tUserType="IIS_MD_UT_FILE"',
    '\t\tAttributes="INHERIT"',
    '\t/>',
    '</IIsWebVirtualDir>',
  );
}

/** The last lint's files, for reading spans. */
let linted: LintedFiles;

function lint(files: FileInput[]): Finding[] {
  linted = lintFiles(files, [CFG002]);
  return linted.findings;
}

function at(finding: Finding): [number, number, number, number] {
  return [finding.region.startLine, finding.region.startColumn, finding.region.endLine, finding.region.endColumn];
}

function flagged(finding: Finding): string {
  return linted.textOf(finding.file.path).slice(finding.span.start, finding.span.end);
}

describe('CFG002 unknown-flag', () => {
  describe('valid', () => {
    it.each([
      ['AccessSSLFlags, all five names', 'AccessSSLFlags="AccessSSL | AccessSSLNegotiateCert | AccessSSLRequireCert | AccessSSLMapCert | AccessSSL128"'],
      ['AccessFlags, all ten names', 'AccessFlags="AccessRead | AccessWrite | AccessExecute | AccessSource | AccessScript | AccessNoRemoteWrite | AccessNoRemoteRead | AccessNoRemoteExecute | AccessNoRemoteScript | AccessNoPhysicalDir"'],
      ['AuthFlags, all five names', 'AuthFlags="AuthAnonymous | AuthBasic | AuthNTLM | AuthMD5 | AuthPassport"'],
      ['DirBrowseFlags, all seven names', 'DirBrowseFlags="DirBrowseShowDate | DirBrowseShowTime | DirBrowseShowSize | DirBrowseShowExtension | DirBrowseShowLongDate | EnableDefaultDoc | EnableDirBrowsing"'],
      ['a trailing blank inside the value', 'AccessFlags="AccessRead | AccessScript "'],
      ['names joined by commas and tabs', 'AuthFlags="AuthBasic,AuthNTLM\tAuthMD5"'],
      ['a number inside the mask', 'AccessSSLFlags="104"'],
      ['DirBrowseFlags 0xC000003E as a decimal number', 'DirBrowseFlags="3221225534"'],
      ['zero', 'AccessSSLFlags="0"'],
      ['an empty value', 'AccessSSLFlags=""'],
      ['FLAG_00 for AccessRead', 'AccessFlags="FLAG_00 | AccessScript"'],
      ['a known name in another case (case is not this rule\'s concern)', 'AuthFlags="authntlm"'],
      ['an unknown token in a flag property iislint has no table for', 'LogExtFileFlags="LogExtFileDate | LogExtFileBogus"'],
      ['a wrong-case attribute name (not a property IIS reads)', 'accessSSLFlags="Bogus"'],
    ])('%s', (_name, attribute) => {
      expect(lint([vdir(attribute)])).toEqual([]);
    });

    it('ignores a Custom whose ID is not a flag property, whatever its Name', () => {
      expect(lint([customVdir('9999', 'Bogus | AccessSSLRequireCer')])).toEqual([]);
    });
  });

  describe('invalid: unknown tokens, at the token', () => {
    it.each([
      // [name, attribute, [line, startColumn, endColumn], flagged text, message part]
      ['a misspelt AccessSSLRequireCert', 'AccessSSLFlags="AccessSSL | AccessSSLRequireCer"', [5, 31, 50], 'AccessSSLRequireCer', 'Did you mean AccessSSLRequireCert?'],
      ['a transposition', 'AuthFlags="AuthNTML"', [5, 14, 22], 'AuthNTML', 'Did you mean AuthNTLM?'],
      ['a name from another property', 'AccessFlags="AccessRead | AccessSSL"', [5, 29, 38], 'AccessSSL', 'AccessSSL is an AccessSSLFlags flag: set it there.'],
      ['a name too far from any flag', 'AuthFlags="AuthKerberos"', [5, 14, 26], 'AuthKerberos', 'is not an AuthFlags flag IIS knows'],
      ['a generic FLAG_nn outside the mask', 'AuthFlags="AuthNTLM | FLAG_03"', [5, 25, 32], 'FLAG_03', '`FLAG_03` sets bit 0x8, which is not an AuthFlags flag'],
      ['a lower-case flag_00 (not IIS\'s generic name)', 'AccessFlags="flag_00"', [5, 16, 23], 'flag_00', 'is not an AccessFlags flag IIS knows'],
    ] as const)('%s', (_name, attribute, [line, start, end], text, message) => {
      const findings = lint([vdir(attribute)]);
      expect(findings).toHaveLength(1);
      expect(findings[0]!.ruleId).toBe('CFG002');
      expect(findings[0]!.level).toBe('error');
      expect(at(findings[0]!)).toEqual([line, start, line, end]);
      expect(flagged(findings[0]!)).toBe(text);
      expect(findings[0]!.message).toContain(message);
    });

    it('names the property, the value and the location', () => {
      const [finding] = lint([vdir('AccessSSLFlags="AccessSSL | AccessSSLRequireCer"')]);
      expect(finding!.message).toBe(
        '`AccessSSLRequireCer` is not an AccessSSLFlags flag IIS knows (in AccessSSLFlags="AccessSSL | AccessSSLRequireCer" at /LM/W3SVC/1/ROOT). ' +
          'IIS cannot read the value, so none of its flags take effect (a misspelt name never counts as the flag it resembles). Did you mean AccessSSLRequireCert?',
      );
      expect(finding!.subject).toBe('metabase:/LM/W3SVC/1/ROOT#AccessSSLFlags:AccessSSLRequireCer');
    });

    it('a misspelt AccessSSLRequireCer never counts as AccessSSLRequireCert: KSSL001 stays quiet', () => {
      expect(decodeFlags('AccessSSLFlags', 'AccessSSL | AccessSSLRequireCer').bits).toBe(0x8);
      const server = loadServer('server', [vdir('AccessSSLFlags="AccessSSL | AccessSSLRequireCer"')], undefined);
      const findings = lintServer(server, { ...DEFAULT_LINT_OPTIONS, kernelSsl: 'on' }, [CFG002, KSSL001]);
      expect(findings.map((finding) => finding.ruleId)).toEqual(['CFG002']);
    });

    it('reports each unknown token of one value', () => {
      const findings = lint([vdir('AuthFlags="AuthAnonymus | AuthNTLM | AuthBasik"')]);
      expect(findings.map((finding) => [flagged(finding), at(finding)])).toEqual([
        ['AuthAnonymus', [5, 14, 5, 26]],
        ['AuthBasik', [5, 40, 5, 49]],
      ]);
    });

    it('joins a name a blank split in two into one finding', () => {
      const findings = lint([vdir('AccessFlags="AccessRead | Access Script"')]);
      expect(findings).toHaveLength(1);
      expect(at(findings[0]!)).toEqual([5, 29, 5, 42]);
      expect(flagged(findings[0]!)).toBe('Access Script');
      expect(findings[0]!.message).toContain('IIS splits flag names at blanks and does not know `Access` and `Script`');
      expect(findings[0]!.message).toContain('Did you mean AccessScript?');
    });

    it('joins a known name and an unknown rest split by a blank', () => {
      const findings = lint([vdir('AccessSSLFlags="AccessSSL RequireCert"')]);
      expect(findings).toHaveLength(1);
      expect(flagged(findings[0]!)).toBe('AccessSSL RequireCert');
      expect(findings[0]!.message).toContain('does not know `RequireCert`');
      expect(findings[0]!.message).toContain('Did you mean AccessSSLRequireCert?');
    });

    it('joins up to four blank-separated tokens', () => {
      const findings = lint([vdir('AccessSSLFlags="AccessSSL Require Cert | AccessSSL128"')]);
      expect(findings.map((finding) => [flagged(finding), at(finding)])).toEqual([['AccessSSL Require Cert', [5, 19, 5, 41]]]);
      expect(findings[0]!.message).toContain('does not know `Require` and `Cert`');
      expect(findings[0]!.message).toContain('Did you mean AccessSSLRequireCert?');
    });

    it('points at the token inside a Custom element with a known ID', () => {
      const findings = lint([customVdir('6030', 'AccessSSL | AccessSSLNegotiatCert', 'MD_ACCESS_SSL_FLAGS')]);
      expect(findings).toHaveLength(1);
      expect(at(findings[0]!)).toEqual([9, 22, 9, 43]);
      expect(flagged(findings[0]!)).toBe('AccessSSLNegotiatCert');
      expect(findings[0]!.message).toContain('AccessSSLFlags (<Custom ID="6030">)="AccessSSL | AccessSSLNegotiatCert"');
      expect(findings[0]!.message).toContain('Did you mean AccessSSLNegotiateCert?');
    });

    it('maps positions through XML entities in the value', () => {
      const findings = lint([vdir('AccessFlags="AccessRead&#x20;|&#x20;AccessScrip&amp;"')]);
      expect(findings).toHaveLength(1);
      expect(flagged(findings[0]!)).toBe('AccessScrip&amp;');
      expect(at(findings[0]!)).toEqual([5, 39, 5, 55]);
    });

    it('checks every metabase file of the server', () => {
      const history = { ...vdir('AuthFlags="AuthNTLMv2"'), path: 'MetaBase_0000000070_0000000000.xml' };
      const findings = lint([vdir('AuthFlags="AuthNTLM"'), history]);
      expect(findings.map((finding) => finding.file.path)).toEqual(['MetaBase_0000000070_0000000000.xml']);
    });
  });

  describe('invalid: numbers', () => {
    it('names the bits outside the mask in hex, at the value', () => {
      const findings = lint([vdir('AccessSSLFlags="620"')]);
      expect(findings).toHaveLength(1);
      expect(at(findings[0]!)).toEqual([5, 19, 5, 22]);
      expect(findings[0]!.message).toMatch(/^AccessSSLFlags is 620 \(0x26C\), which sets bits 0x4 and 0x200 that no AccessSSLFlags flag has \(at \/LM\/W3SVC\/1\/ROOT\)\./);
      expect(findings[0]!.subject).toBe('metabase:/LM/W3SVC/1/ROOT#AccessSSLFlags:bits-0x204');
    });

    it('reads -1 as 0xFFFFFFFF', () => {
      const findings = lint([vdir('AuthFlags="-1"')]);
      expect(findings).toHaveLength(1);
      expect(findings[0]!.message).toContain('AuthFlags is 4294967295 (0xFFFFFFFF)');
    });

    it('reports the text IIS drops after a number', () => {
      const findings = lint([vdir('AccessSSLFlags="8 | 64"')]);
      expect(findings).toHaveLength(1);
      expect(flagged(findings[0]!)).toBe('| 64');
      expect(findings[0]!.message).toMatch(/^IIS reads a value that starts with a digit as a decimal number: it reads 8 and ignores `\| 64`/);
    });

    it('reports a leading blank that makes IIS read the names as the number 0', () => {
      const findings = lint([vdir('AccessSSLFlags=" AccessSSL | AccessSSL128"')]);
      expect(findings).toHaveLength(1);
      expect(at(findings[0]!)).toEqual([5, 20, 5, 44]);
      expect(findings[0]!.message).toContain('it reads 0 and ignores `AccessSSL | AccessSSL128`');
    });

    it('reports a numeric Custom value with bits outside the mask', () => {
      const findings = lint([customVdir('6005', '1', 'DirBrowseFlags')]);
      expect(findings).toHaveLength(1);
      expect(at(findings[0]!)).toEqual([9, 10, 9, 11]);
      expect(findings[0]!.message).toContain('DirBrowseFlags is 1 (0x1), which sets bit 0x1 that no DirBrowseFlags flag has');
    });
  });

  it('suggests only names within two edits', () => {
    expect(closestFlagNames('AccessSSLFlags', 'AccessSSLRequireCer')).toEqual(['AccessSSLRequireCert']);
    expect(closestFlagNames('AuthFlags', 'AuthNTML')).toEqual(['AuthNTLM']);
    expect(closestFlagNames('AuthFlags', 'Kerberos')).toEqual([]);
  });

  describe.skipIf(!existsSync(corpusDir))('corpus', () => {
    it.each(['modsic-metabase.xml', 'modsic-metabase-incomplete-custom.xml'])('%s has no unknown flag', (name) => {
      const bytes = readFileSync(path.join(corpusDir, 'metabase', name));
      expect(lint([{ path: name, bytes }])).toEqual([]);
    });
  });
});
