/**
 * CFG001 parse-error: text that IIS or regedit cannot read at all. Every `malformed`
 * ParseDiagnostic of the server's MetaBase.xml and .reg files becomes a finding at the
 * diagnostic's span, plus one finding per file whose bytes do not decode.
 */
import type { ParseDiagnostic } from '../parse/diagnostic.js';
import type { SourceFile, Span } from '../parse/text.js';
import { parseSubject } from './support.js';
import type { FindingDraft, Rule } from './types.js';

function metabaseMessage(diagnostic: ParseDiagnostic): string {
  const detail = diagnostic.message.replace(/\.$/, '');
  return (
    `MetaBase.xml is not well-formed XML: ${detail}. ` +
    'IIS cannot read a malformed metabase: at startup IIS does not run, and an edit saved while IIS runs is ' +
    'discarded (IIS copies the file to History\\MetaBaseError_*.xml and writes its in-memory metabase over it).'
  );
}

function configMessage(diagnostic: ParseDiagnostic, file: SourceFile): string {
  const detail = diagnostic.message.replace(/\.$/, '');
  return (
    `${file.path.replace(/^.*[\\/]/, '')} is not well-formed XML: ${detail}. ` +
    'IIS answers every request it governs with HTTP 500.19 (0x8007000d, "Configuration file is not well-formed XML").'
  );
}

/** IIS reads its .config files with an XML parser that stops at the first byte its encoding does not allow. */
function configDecodeFinding(file: SourceFile): FindingDraft | undefined {
  if (!file.hadDecodeErrors && !(file.encoding === 'windows-1252' && declaredXmlEncoding(file.text) === undefined)) return undefined;
  const span = file.droppedOddByte
    ? endOfFile(file)
    : characterAt(file, file.hadDecodeErrors ? firstUndecodable(file.text) : firstNonAscii(file.text));
  return {
    message:
      `${file.path.replace(/^.*[\\/]/, '')} holds bytes that are not valid ${file.hadDecodeErrors ? file.encoding.toUpperCase() : 'UTF-8 (and it declares no other encoding)'}. ` +
      'IIS answers every request it governs with HTTP 500.19 (0x8007000d); save the file as UTF-8.',
    file,
    span,
    subject: parseSubject(file, 'decode-error', span),
  };
}

function regMessage(diagnostic: ParseDiagnostic): string {
  return diagnostic.message;
}

/** Offset of the first character that did not decode (U+FFFD or a lone surrogate), else the end. */
function firstUndecodable(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd) return i;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else return i;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      return i;
    }
  }
  return text.length;
}

function firstNonAscii(text: string): number {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x80) return i;
  return text.length;
}

/** Where the dropped odd byte was: the end of the text, as an empty span. */
function endOfFile(file: SourceFile): Span {
  return { start: file.text.length, end: file.text.length };
}

/** One character's span (empty at the end of the text). */
function characterAt(file: SourceFile, offset: number): Span {
  return { start: offset, end: Math.min(offset + 1, file.text.length) };
}

/** The encoding declared by `<?xml ... encoding="..."?>`, when the file starts with one. */
function declaredXmlEncoding(text: string): string | undefined {
  if (!text.startsWith('<?xml')) return undefined;
  const end = text.indexOf('?>');
  if (end < 0) return undefined;
  const match = /\sencoding\s*=\s*["']([^"']*)["']/.exec(text.slice(0, end));
  return match?.[1];
}

function metabaseDecodeFinding(file: SourceFile): FindingDraft | undefined {
  if (file.hadDecodeErrors) {
    const span = file.droppedOddByte ? endOfFile(file) : characterAt(file, firstUndecodable(file.text));
    const what =
      file.droppedOddByte
        ? `ends with an odd number of bytes after its ${file.encoding.toUpperCase()} byte-order mark`
        : `holds bytes that are not valid ${file.encoding.toUpperCase()}`;
    return {
      message:
        `MetaBase.xml ${what}. ` +
        'IIS reads the metabase with an XML parser that stops at the first invalid character: it cannot read this file and does not run with it.',
      file,
      span,
      subject: parseSubject(file, 'decode-error', span),
    };
  }
  // No BOM and not valid UTF-8: the sniffer fell back to windows-1252, but an XML file without an
  // encoding declaration is UTF-8 by definition, so IIS's parser fails on the first such byte.
  if (file.encoding === 'windows-1252' && declaredXmlEncoding(file.text) === undefined) {
    const span = characterAt(file, firstNonAscii(file.text));
    return {
      message:
        'MetaBase.xml is not valid UTF-8 and declares no other encoding. ' +
        'An XML file without an encoding declaration is UTF-8, so IIS cannot read it and does not run with it; save the file as UTF-8 (IIS writes it with a byte-order mark).',
      file,
      span,
      subject: parseSubject(file, 'decode-error', span),
    };
  }
  return undefined;
}

function regDecodeFinding(file: SourceFile): FindingDraft | undefined {
  if (!file.hadDecodeErrors) return undefined;
  const span = file.droppedOddByte ? endOfFile(file) : characterAt(file, firstUndecodable(file.text));
  const message = file.droppedOddByte
    ? `This UTF-16 file ends with an odd number of bytes, so its last byte is half a character. ` +
      'regedit drops it, and so does iislint. Re-export the file or remove the stray byte.'
    : `This file holds bytes that are not valid ${file.encoding.toUpperCase()}. ` +
      'iislint reads them as U+FFFD (\uFFFD), so a key, value name or string holding them may not be what regedit writes; re-save the file in one encoding.';
  return { message, file, span, subject: parseSubject(file, 'decode-error', span), level: 'warning' };
}

export const CFG001: Rule = {
  meta: {
    id: 'CFG001',
    name: 'parse-error',
    shortDescription: 'MetaBase.xml, an IIS 7+ .config file or a .reg file that IIS or regedit cannot read.',
    fullDescription:
      'Reports malformed XML in MetaBase.xml (the first error, at its position), a .reg file without a valid header, ' +
      'every .reg line regedit cannot parse, and files whose bytes do not decode. Nothing in such text takes effect.',
    helpMarkdown: `
## What it finds
- **An IIS 7+ configuration file (applicationHost.config, web.config, machine.config) that is not well-formed XML**:
  IIS answers HTTP 500.19 with 0x8007000d for every request the file governs.
- **MetaBase.xml that is not well-formed XML**: a truncated file, a mismatched or unclosed tag, an unquoted
  attribute, a bare \`&\`, a DOCTYPE, a character XML 1.0 forbids anywhere (a control character other than tab,
  CR and LF, U+FFFE, U+FFFF, half a surrogate pair), \`]]>\` in text, \`--\` inside a comment (in a suppression
  directive's comment CFG006 reports it instead). Only the first error is reported (an XML parser stops there), at
  its exact position; an error at the end of the file (a truncated file) points at the end.
- **A .reg file without a valid header.** The first line must be exactly \`Windows Registry Editor Version 5.00\` or
  \`REGEDIT4\` (leading blanks allowed, case-sensitive). \`regedit4\`, \`REGEDIT 4\`, a blank first line or trailing
  blanks make regedit import nothing.
- **Every .reg line regedit cannot parse**, e.g. \`dword:\` with \`0x\` or more than 8 digits, \`hex:\` bytes that are
  not two-digit hex, an unknown data type (\`DWORD:1\`, \`qword:\`), a string without its closing quote, text after a
  string, a key line without \`]\`, a line that is none of \`[key]\`, \`"name"=value\`, \`@=value\` or a comment.
- **Bytes that do not decode** (see Notes).

## Why it matters
A malformed MetaBase.xml stops IIS 6.0: "If the metabase contains incorrectly formatted XML, IIS cannot read the
metabase and will not run" (IIS 6.0 Operations Guide, *Best Practices for Maintaining Metabase Integrity*); with
edit-while-running the edit is rejected, saved as \`History\\MetaBaseError_*.xml\`, and the in-memory metabase
overwrites the file. A .reg file without its header imports nothing, and a line regedit cannot parse is skipped:
the setting you audit (an SChannel \`Enabled\`, \`EnableKernelSSL\`) was never written, so every other finding about
that file describes a registry the server does not have.

## Bad
\`\`\`reg
regedit4

[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Ciphers\\RC2 40/128]
"Enabled"=dword:0x0
\`\`\`
\`\`\`xml
<configuration>
<MBProperty>
<IIsWebServer	Location ="/LM/W3SVC/1"
	>
</IIsWebVirtualDir>
\`\`\`

## Good
\`\`\`reg
Windows Registry Editor Version 5.00

[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Ciphers\\RC2 40/128]
"Enabled"=dword:00000000
\`\`\`

## How to fix
- .reg: make the first line exactly \`Windows Registry Editor Version 5.00\`; write DWORDs as \`dword:\` and 8 hex
  digits, bytes as \`hex:01,02\`, strings in double quotes with \`\\\\\` and \`\\"\` escaped. Re-exporting the key
  with \`reg export\` or regedit gives a file regedit reads back.
- MetaBase.xml: restore the last good file from \`%windir%\\system32\\inetsrv\\History\`, or open the file in a
  browser or XML editor to see the error, fix it, and check again before IIS reads it.

## Notes
- Files that are skipped (unknown files, web.config transforms, other .config files) are never CFG001 findings: they are
  listed as skipped in \`--verbose\`.
- Lines that regedit reads but then ignores or drops (text after a key's \`]\`, \`[ key]\`, a continuation that lost
  its comma, a value before any key) are CFG003, not CFG001.
- A .reg file without a valid header still has its other lines checked: once the header is fixed they matter.
- **Decoding.** A MetaBase.xml with bytes that are not valid in its encoding (invalid UTF-8, a UTF-16 file with an odd
  byte count), or with non-UTF-8 bytes and no \`encoding\` declaration, is an **error** at the first such character:
  IIS's XML parser rejects the file. In a .reg file the same is a **warning**: regedit still imports the file (it
  drops a stray last byte of a UTF-16 file; other invalid bytes become replacement characters or are kept as they
  are), so only names and strings holding those bytes are at risk. iislint drops a UTF-16 file's odd last byte
  as regedit does, and reports it at the end of the file.
- Subjects (for fingerprints) are the file, the diagnostic code and the offending line's text, never its number.
- The forbidden characters, \`]]>\` in text and \`--\` in a comment are well-formedness rules of XML 1.0 (Fifth
  Edition, https://www.w3.org/TR/xml/: §2.2 *Characters*, §2.4 *Character Data and Markup*, §2.5 *Comments*), which a
  conforming parser must treat as fatal errors (§1.2, "fatal error"); iislint does not claim more about IIS's own
  reader than the Operations Guide's sentence quoted above.
`,
    defaultLevel: 'error',
    tags: ['correctness', 'external/cwe/cwe-16'],
    securitySeverity: '7.5',
    precision: 'very-high',
    kernelSslMigration: true,
  },
  check(server) {
    const findings: FindingDraft[] = [];
    for (const document of server.metabaseDocuments) {
      const file = document.source;
      const decode = metabaseDecodeFinding(file);
      if (decode) findings.push(decode);
      for (const diagnostic of document.diagnostics) {
        if (diagnostic.kind !== 'malformed') continue;
        findings.push({
          message: metabaseMessage(diagnostic),
          file,
          span: diagnostic.span,
          subject: parseSubject(file, diagnostic.code, diagnostic.span),
        });
      }
    }
    for (const document of server.configDocuments) {
      const file = document.source;
      const decode = configDecodeFinding(file);
      if (decode) findings.push(decode);
      for (const diagnostic of document.diagnostics) {
        if (diagnostic.kind !== 'malformed') continue;
        findings.push({ message: configMessage(diagnostic, file), file, span: diagnostic.span, subject: parseSubject(file, diagnostic.code, diagnostic.span) });
      }
    }
    for (const document of server.regDocuments) {
      const file = document.source;
      const decode = regDecodeFinding(file);
      if (decode) findings.push(decode);
      for (const diagnostic of document.diagnostics) {
        if (diagnostic.kind !== 'malformed') continue;
        findings.push({
          message: regMessage(diagnostic),
          file,
          span: diagnostic.span,
          subject: parseSubject(file, diagnostic.code, diagnostic.span),
        });
      }
    }
    return findings;
  },
};
