/**
 * `iislint remediate`: one .reg file that disables every RC2 cipher and PCT 1.0 (server side)
 * that is effectively enabled on any linted server, for teams whose exports are snapshots of
 * live servers rather than files they deploy. Built from the servers' SChannel models (explicit
 * values and OS defaults), not from findings, so rule levels and `--kernel-ssl` do not change it.
 * Written as regedit writes: `Windows Registry Editor Version 5.00`, UTF-16LE with BOM, CRLF.
 */
import type { ServerModel } from '../model/server.js';
import type { SchannelSetting } from '../model/schannel.js';
import { RC2_CIPHERS, type SchannelSubject } from '../model/schannel-catalog.js';
import { DISABLED_DWORD, osLabel, valueAsWritten } from '../rules/shared/schannel-findings.js';

export const REGEDIT5_HEADER = 'Windows Registry Editor Version 5.00';

/** The subjects remediation disables: what kernel-mode SSL cannot do and nobody needs. */
export const REMEDIATED_SUBJECTS: readonly SchannelSubject[] = [
  ...RC2_CIPHERS.map((cipher): SchannelSubject => ({ category: 'cipher', name: cipher.name })),
  { category: 'protocol', name: 'PCT 1.0', side: 'Server' },
];

/** One key the file writes, and on which servers it was enabled and why. */
export interface RemediationKey {
  /** `RC2 40/128`, `PCT 1.0\Server`. */
  label: string;
  /** The full key path, `HKEY_LOCAL_MACHINE\...\Ciphers\RC2 40/128`. */
  path: string;
  enabledOn: { server: string; because: string }[];
}

export interface Remediation {
  servers: string[];
  keys: RemediationKey[];
  /** The file's text (CRLF line breaks). */
  text: string;
  /** The file's bytes: BOM FF FE, then the text in UTF-16LE. */
  bytes: Uint8Array;
}

function label(subject: SchannelSubject): string {
  return subject.category === 'protocol' ? `${subject.name}\\${subject.side}` : subject.name;
}

/** `"Enabled"=dword:00000001 in web01/schannel.reg line 12` or `the Windows Server 2003 SP1 default`. */
function because(setting: SchannelSetting): string | undefined {
  const provenance = setting.provenance;
  if (provenance.kind === 'explicit') {
    const value = provenance.value;
    return `${valueAsWritten(value)} in ${value.file.path} line ${value.valueLine.startLine}`;
  }
  if (provenance.kind === 'default') return `the ${osLabel(provenance.os)} default`;
  return undefined;
}

/** Keys to write, sorted by path, each once with every server it is enabled on. */
export function remediationKeys(servers: readonly ServerModel[]): RemediationKey[] {
  const keys = new Map<string, RemediationKey>();
  for (const server of servers) {
    for (const subject of REMEDIATED_SUBJECTS) {
      const setting = server.schannel.setting(subject);
      if (!setting || setting.state !== 'enabled') continue;
      const reason = because(setting);
      if (reason === undefined) continue;
      const keyPath = setting.segments.join('\\');
      const identity = keyPath.toUpperCase();
      let key = keys.get(identity);
      if (!key) {
        key = { label: label(subject), path: keyPath, enabledOn: [] };
        keys.set(identity, key);
      }
      key.enabledOn.push({ server: server.name, because: reason });
    }
  }
  return [...keys.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, key]) => key);
}

/** A comment line holds no line break: control characters in names become `?`. */
function commentSafe(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, '?');
}

export function buildRemediation(servers: readonly ServerModel[], tool: { name: string; version: string }): Remediation {
  const keys = remediationKeys(servers);
  // A folder holding only files iislint skipped (a README) is not a server worth naming.
  const names = servers.filter((server) => server.metabaseDocuments.length + server.regDocuments.length > 0).map((server) => server.name);
  const lines: string[] = [
    REGEDIT5_HEADER,
    '',
    `; Written by ${tool.name} ${tool.version} (\`${tool.name} remediate\`). It sets "Enabled"=${DISABLED_DWORD} for`,
    '; every RC2 cipher and for PCT 1.0 (server side) that is enabled on at least one linted server:',
    '; kernel-mode SSL cannot use them, and they are weak (RC2: export-grade ciphers; PCT 1.0: MS04-011).',
    '; Import it on each server (`reg import <file>`) and restart the server: KB245030 asks for a restart after SCHANNEL changes.',
    `; Linted servers: ${names.length > 0 ? commentSafe(names.join(', ')) : 'none'}`,
    ';',
  ];
  if (keys.length === 0) {
    lines.push('; Nothing to disable: no linted server has an RC2 cipher or PCT 1.0 enabled.');
  } else {
    for (const key of keys) {
      const where = key.enabledOn.map(({ server, because: reason }) => `${server} (${reason})`).join('; ');
      lines.push(commentSafe(`; ${key.label}: enabled on ${where}`));
    }
  }
  lines.push('');
  for (const key of keys) lines.push(`[${key.path}]`, `"Enabled"=${DISABLED_DWORD}`, '');
  // regedit ends every key block, the last one included, with an empty line.
  const text = `${lines.join('\r\n')}\r\n`;
  const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  return { servers: names, keys, text, bytes };
}
