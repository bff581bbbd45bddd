/**
 * Small pieces several rules share: the kernel-mode SSL context that decides how serious a
 * KSSL finding is, and the logical subjects that fingerprints hash.
 */
import type { RegistryKey, RegistryValue } from '../model/registry.js';
import type { ServerModel } from '../model/server.js';
import type { SourceFile, Span } from '../parse/text.js';
import type { Level, RuleOptions } from './types.js';

export interface KernelSslContext {
  level: Level;
  /** Completes "… this {breaks now | blocks … | would break …}" in messages. */
  consequence: string;
}

/**
 * `auto`: EnableKernelSSL=1 → it breaks now (error); =0 → it blocks switching kernel-mode SSL
 * on (warning); absent (or not a valid DWORD 0/1) → it would break once switched on (error).
 */
export function kernelSslContext(server: ServerModel, options: RuleOptions): KernelSslContext {
  if (options.kernelSsl === 'on') {
    return { level: 'error', consequence: 'breaks under kernel-mode SSL (--kernel-ssl on)' };
  }
  const mode = server.httpSys.enableKernelSsl?.mode;
  if (mode === 'kernel') return { level: 'error', consequence: 'breaks now: EnableKernelSSL=1 on this server' };
  if (mode === 'user') {
    return { level: 'warning', consequence: 'blocks enabling kernel-mode SSL (EnableKernelSSL=0 on this server)' };
  }
  return { level: 'error', consequence: 'would break when kernel-mode SSL is enabled (EnableKernelSSL=1)' };
}

export function metabaseSubject(location: string, property: string): string {
  return `metabase:${location}#${property}`;
}

export function registrySubject(key: RegistryKey | string, valueName?: string): string {
  const path = typeof key === 'string' ? key : key.path;
  return valueName === undefined ? `registry:${path}` : `registry:${path}#${valueName}`;
}

export function registryValueSubject(value: RegistryValue, key: RegistryKey): string {
  return registrySubject(key, value.name === '' ? '@' : value.name);
}

/** `a`, `a and b`, `a, b and c`; at most `limit` names, then "and N more". */
export function listNames(names: readonly string[], limit = 5): string {
  const shown = names.slice(0, limit);
  const rest = names.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${rest} more`;
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

const SUBJECT_LINE_LIMIT = 200;

/** `parse:<file>#<code>#<text of the offending line>`: stable when lines move, never a line number. */
export function parseSubject(file: SourceFile, code: string, span: Span): string {
  return `parse:${file.path}#${code}#${lineTextAt(file, span.start)}`;
}

/** The trimmed text of the line holding `offset`, shortened for subjects. */
export function lineTextAt(file: SourceFile, offset: number): string {
  const line = file.lines.position(offset).line;
  const { start, end } = file.lines.lineSpan(line);
  const text = file.text.slice(start, end).trim();
  return text.length > SUBJECT_LINE_LIMIT ? text.slice(0, SUBJECT_LINE_LIMIT) : text;
}
