/** Small builders for the TLS rule tests: .reg files from key blocks, and a lint of one rule. */
import { DEFAULT_LINT_OPTIONS, lintServer, type Finding, type LintOptions } from '../../src/engine/lint.js';
import { loadServer, type FileInput } from '../../src/engine/load.js';
import type { OsProfile } from '../../src/model/os-profiles.js';
import { RULES } from '../../src/rules/index.js';
import type { Rule } from '../../src/rules/types.js';
import { applyTextEdits } from '../../src/fix/edits.js';
import { decodeBytes } from '../../src/parse/text.js';

export const SCHANNEL = 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL';
export const PROTOCOLS = `${SCHANNEL}\\Protocols`;
export const CIPHERS = `${SCHANNEL}\\Ciphers`;
export const E1 = '"Enabled"=dword:00000001';
export const EF = '"Enabled"=dword:ffffffff';
export const E0 = '"Enabled"=dword:00000000';
export const D1 = '"DisabledByDefault"=dword:00000001';
export const D0 = '"DisabledByDefault"=dword:00000000';

export type Block = [key: string, ...values: string[]];

/** A .reg export: header, blank line, then each block (key line, values, blank line); UTF-16LE + BOM when asked. */
export function reg(path: string, blocks: Block[], utf16 = false): FileInput {
  const lines = ['Windows Registry Editor Version 5.00', ''];
  for (const [key, ...values] of blocks) lines.push(`[${key}]`, ...values, '');
  const text = `${lines.join('\r\n')}\r\n`;
  const bytes = utf16 ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]) : Buffer.from(text, 'latin1');
  return { path, bytes: new Uint8Array(bytes) };
}

export const protocol = (name: string, side: 'Server' | 'Client', ...values: string[]): Block => [`${PROTOCOLS}\\${name}\\${side}`, ...values];
export const cipher = (name: string, ...values: string[]): Block => [`${CIPHERS}\\${name}`, ...values];

/** Lint with one rule (plus the whole rule set's activity, so rules that defer to others see them). */
export function lint(rule: Rule, files: FileInput[], os: OsProfile | undefined, options: Partial<LintOptions> = {}): Finding[] {
  return lintServer(loadServer('server', files, os), { ...DEFAULT_LINT_OPTIONS, os, ...options }, RULES).filter(
    (finding) => finding.ruleId === rule.meta.id,
  );
}

export function at(finding: Finding): [line: number, column: number, level: string] {
  return [finding.region.startLine, finding.region.startColumn, finding.level];
}

/** The decoded text of `file` with every fix edit of `findings` that targets it applied. */
export function applyFixes(file: FileInput, findings: readonly Finding[]): string {
  const text = decodeBytes(file.path, file.bytes).text;
  const edits = findings.flatMap((finding) => finding.fix?.edits ?? []).filter((edit) => edit.path === file.path);
  return applyTextEdits(text, edits);
}
