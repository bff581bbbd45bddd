/**
 * The TLS cipher suite order (DOMAIN.md §7): the Group Policy value
 * `HKLM\SOFTWARE\Policies\Microsoft\Cryptography\Configuration\SSL\00010002` `Functions`, and the
 * local default order under `HKLM\SYSTEM\CurrentControlSet\Control\Cryptography\Configuration\Local\SSL\00010002`
 * that Microsoft says not to edit. Server 2003 has a fixed order and reads neither.
 */
import { registryPathSegments, type RegistryKey, type RegistryTree, type RegistryValue } from './registry.js';

export const SUITE_POLICY_PATH = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Cryptography\\Configuration\\SSL\\00010002';
export const LOCAL_SUITE_ORDER_PATH =
  'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Cryptography\\Configuration\\Local\\SSL\\00010002';
// Split once per process: every server asks for both keys.
const SUITE_POLICY_SEGMENTS: readonly string[] = Object.freeze(registryPathSegments(SUITE_POLICY_PATH));
const LOCAL_SUITE_ORDER_SEGMENTS: readonly string[] = Object.freeze(registryPathSegments(LOCAL_SUITE_ORDER_PATH));
/** Microsoft (Manage TLS): the list "is limited to 1,023 characters". */
export const SUITE_POLICY_MAX_LENGTH = 1023;

export interface SuitePolicy {
  key: RegistryKey;
  functions: RegistryValue | undefined;
  /** Suite names as SChannel would split them (REG_SZ on commas, REG_MULTI_SZ one per string); undefined for another type. */
  suites: string[] | undefined;
}

export function suitePolicy(registry: RegistryTree): SuitePolicy | undefined {
  const key = registry.find(SUITE_POLICY_SEGMENTS);
  if (!key) return undefined;
  const functions = key.value('Functions');
  return { key, functions, suites: functions ? splitSuites(functions) : undefined };
}

export function localSuiteOrderKey(registry: RegistryTree): RegistryKey | undefined {
  return registry.find(LOCAL_SUITE_ORDER_SEGMENTS);
}

function splitSuites(value: RegistryValue): string[] | undefined {
  const data = value.data;
  if ((data.type === 'REG_SZ' || data.type === 'REG_EXPAND_SZ') && 'text' in data) return data.text.split(',');
  if (data.type === 'REG_MULTI_SZ' && 'strings' in data) return data.strings;
  return undefined;
}

/** Why a suite name is weak (DOMAIN.md §7), or undefined. */
export function weakSuiteReason(suite: string): string | undefined {
  const name = suite.trim().toUpperCase();
  if (name.includes('_NULL_') || name.endsWith('_NULL')) return 'NULL (no encryption)';
  if (name.includes('_EXPORT')) return 'EXPORT grade';
  if (name.includes('_3DES_')) return '3DES (Sweet32)';
  if (/_DES(40)?_/.test(name)) return 'DES';
  if (name.includes('_RC2_')) return 'RC2';
  if (name.includes('_RC4_')) return 'RC4';
  if (name.endsWith('_MD5')) return 'MD5';
  return undefined;
}

/**
 * The TLS 1.3 suites (IANA names) exist in SChannel only with TLS 1.3, from Windows Server 2022
 * (Microsoft Learn, "Protocols in TLS/SSL (Schannel SSP)"). Other per-OS suite lists are not
 * modelled: only these are known to be missing from an older OS.
 */
export const TLS13_SUITES = ['TLS_AES_256_GCM_SHA384', 'TLS_AES_128_GCM_SHA256', 'TLS_CHACHA20_POLY1305_SHA256'] as const;
