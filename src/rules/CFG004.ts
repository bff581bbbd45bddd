/**
 * CFG004 schannel-value-type: an SChannel `Enabled`/`DisabledByDefault` or an http.sys
 * `DefaultFlags` that is not a REG_DWORD. Looks at the values in force after every file of the
 * server is applied (a REG_SZ that a later file overwrites with a DWORD is not a finding).
 */
import type { RegistryKey, RegistryValue } from '../model/registry.js';
import { DISABLED_BY_DEFAULT_VALUE, ENABLED_VALUE, type SchannelSubject } from '../model/schannel-catalog.js';
import type { RegData } from '../parse/reg-syntax.js';
import { registryValueSubject } from './support.js';
import type { FindingDraft, Rule } from './types.js';

function shorten(text: string, limit = 60): string {
  return text.length > limit ? `${text.slice(0, limit - 3)}...` : text;
}

/** True when the data is a REG_DWORD regedit would store as 4 bytes. */
export function isProperDword(data: RegData): boolean {
  return data.type === 'REG_DWORD' && 'dword' in data;
}

/** What was written, in words: `REG_SZ ("0")`, `REG_BINARY (hex:00,00,00,00)`, `hex(4) with 3 bytes`. */
export function describeWrittenType(value: RegistryValue): string {
  const data = value.data;
  const raw = shorten(value.valueLine.rawData);
  switch (data.type) {
    case 'REG_SZ':
    case 'REG_EXPAND_SZ':
      return `${data.type} ("${shorten(data.text, 40)}")`;
    case 'REG_DWORD':
      return `hex(4) with ${data.bytes?.length ?? 0} ${data.bytes?.length === 1 ? 'byte' : 'bytes'} (${raw}; a REG_DWORD holds exactly 4)`;
    case 'REG_QWORD':
      return 'bytes' in data && !('qword' in data)
        ? `hex(b) with ${data.bytes.length} bytes (${raw}; a REG_QWORD holds exactly 8)`
        : `REG_QWORD (${raw})`;
    default:
      return `${data.type} (${raw})`;
  }
}

/** The DWORD the author evidently meant, when the written data says it unambiguously. */
export function intendedDword(data: RegData): number | undefined {
  if ((data.type === 'REG_SZ' || data.type === 'REG_EXPAND_SZ') && 'text' in data) {
    const text = data.text.trim();
    if (/^[0-9]{1,10}$/.test(text)) {
      const number = Number(text);
      return number <= 0xffffffff ? number : undefined;
    }
    if (/^0x[0-9a-f]{1,8}$/i.test(text)) return Number.parseInt(text.slice(2), 16);
    return undefined;
  }
  // KB 187498's REG_BINARY 00,00,00,00: four bytes read as the little-endian DWORD regedit would store.
  if (data.type === 'REG_BINARY' && 'bytes' in data && data.bytes.length === 4) {
    return new DataView(data.bytes.buffer, data.bytes.byteOffset, 4).getUint32(0, true);
  }
  return undefined;
}

function dwordText(dword: number): string {
  return `dword:${dword.toString(16).padStart(8, '0')}`;
}

function subjectLabel(subject: SchannelSubject): string {
  return subject.category === 'protocol' ? `${subject.name} ${subject.side}` : subject.name;
}

function advice(value: RegistryValue): string {
  const intended = intendedDword(value.data);
  const name = value.name === '' ? '@' : `"${value.name}"`;
  return intended === undefined
    ? `Write it as \`${name}=dword:00000000\` or \`${name}=dword:00000001\`.`
    : `Write \`${name}=${dwordText(intended)}\` instead.`;
}

function typeFinding(value: RegistryValue, key: RegistryKey, subject: SchannelSubject): FindingDraft {
  return {
    message:
      `SChannel's \`${value.name}\` for ${subjectLabel(subject)} is written as ${describeWrittenType(value)}, not a REG_DWORD: ` +
      `what SChannel does with it is undefined (KB 187498 once showed REG_BINARY), so whether ${subjectLabel(subject)} is on cannot be told. ` +
      advice(value),
    file: value.file,
    span: value.valueLine.span,
    subject: registryValueSubject(value, key),
  };
}

export const CFG004: Rule = {
  meta: {
    id: 'CFG004',
    name: 'schannel-value-type',
    shortDescription: 'An SChannel Enabled/DisabledByDefault or http.sys DefaultFlags that is not a REG_DWORD.',
    fullDescription:
      'Reports SChannel `Enabled` and `DisabledByDefault` values (protocol sides, ciphers, hashes, key exchange) and ' +
      'http.sys SslBindingInfo `DefaultFlags` values written as anything but a 4-byte REG_DWORD: REG_SZ, REG_BINARY, ' +
      'hex(4) with the wrong byte count. What SChannel or http.sys does with them is undefined.',
    helpMarkdown: `
## What it finds
In the registry as this server's .reg files leave it (later files win):
- \`Enabled\` or \`DisabledByDefault\` under an SChannel protocol side (\`Protocols\\TLS 1.0\\Server\`), cipher
  (\`Ciphers\\RC2 40/128\`), hash or key-exchange key that is not a REG_DWORD: a string (\`"Enabled"="0"\`),
  REG_BINARY (\`hex:00,00,00,00\`), a \`hex(4):\` whose byte count is not 4, a QWORD, a multi-string ...
- \`DefaultFlags\` of an http.sys SSL binding (\`HTTP\\Parameters\\SslBindingInfo\\<ip:port>\`) that is not a REG_DWORD.

The finding is at the value's line and names the type written; when the data says which number was meant
(\`"0"\`, \`"1"\`, four binary bytes) the message gives the \`dword:\` line to write.

## Why it matters
SChannel documents these values as DWORDs (Microsoft "TLS/SSL registry settings", KB 245030). In short (a paraphrase,
not Microsoft's words): \`Enabled\`=0 disables, a non-zero DWORD enables. A value of another type is undefined behaviour: old KB 187498 even showed REG_BINARY
\`00000000\` for disabling PCT 1.0. A hardening script that writes \`"Enabled"="0"\` may leave PCT 1.0
(MS04-011), SSL 2.0 (DROWN, CVE-2016-0800) or RC2 (CVE-2015-0204 class) exactly as they were, and the linter cannot
tell you whether they are on: every rule that depends on the value treats it as unknown.

## Bad
\`\`\`reg
Windows Registry Editor Version 5.00

[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\PCT 1.0\\Server]
"Enabled"=hex:00,00,00,00

[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Ciphers\\RC2 40/128]
"Enabled"="0"
\`\`\`

## Good
\`\`\`reg
Windows Registry Editor Version 5.00

[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\PCT 1.0\\Server]
"Enabled"=dword:00000000

[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Ciphers\\RC2 40/128]
"Enabled"=dword:00000000
\`\`\`

## How to fix
Write the value as \`dword:\` with 8 hex digits: \`"Enabled"=dword:00000000\` disables, \`dword:00000001\` enables;
\`"DisabledByDefault"=dword:00000001\`. For http.sys, recreate the binding with \`netsh http add sslcert\`
(\`clientcertnegotiation=\`, \`dsmapperusage=\`), which writes \`DefaultFlags\` as a DWORD.

## Notes
- Only the values in force are checked: a wrongly typed value that a later file deletes or rewrites as a DWORD is
  not reported. The value's own line (in whichever file set it) is where the finding points.
- Only keys SChannel reads are checked; a misspelt or wrong-OS key is CFG005's finding (its values do nothing anyway).
- \`EnableKernelSSL\`'s type is KSSL006's finding, not this rule's.
- No automatic fix: the message names the DWORD line to write when the written data makes the number certain.
`,
    defaultLevel: 'warning',
    tags: ['correctness', 'security', 'external/cwe/cwe-16'],
    securitySeverity: '5.5',
    precision: 'very-high',
    kernelSslMigration: true,
  },
  check(server) {
    const findings: FindingDraft[] = [];
    for (const setting of server.schannel.settings) {
      const key = setting.key;
      if (!key) continue;
      // Two calls, not a loop over a fresh array of the two names: this runs for every
      // SChannel key of every server, mostly in unoptimised code.
      const enabled = key.value(ENABLED_VALUE);
      if (enabled && !isProperDword(enabled.data)) findings.push(typeFinding(enabled, key, setting.subject));
      const disabledByDefault = key.value(DISABLED_BY_DEFAULT_VALUE);
      if (disabledByDefault && !isProperDword(disabledByDefault.data)) findings.push(typeFinding(disabledByDefault, key, setting.subject));
    }
    for (const binding of server.httpSys.sslBindings) {
      const value = binding.defaultFlags;
      if (!value || isProperDword(value.data)) continue;
      findings.push({
        message:
          `http.sys \`DefaultFlags\` of the SSL binding ${binding.endpoint} is written as ${describeWrittenType(value)}, not a REG_DWORD: ` +
          'what http.sys does with it is undefined, so whether it negotiates or maps client certificates cannot be told. ' +
          advice(value),
        file: value.file,
        span: value.valueLine.span,
        subject: registryValueSubject(value, binding.key),
      });
    }
    return findings;
  },
};
