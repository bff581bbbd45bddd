/**
 * The http.sys settings that decide kernel-mode SSL and client-certificate handling:
 * `HTTP\Parameters\EnableKernelSSL` and `HTTP\Parameters\SslBindingInfo\<ip:port>\DefaultFlags`.
 */
import { RegistryKey, registryPathSegments, type RegistryTree, type RegistryValue } from './registry.js';

export const HTTP_PARAMETERS_PATH = 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters';
export const HTTP_PARAMETERS_SEGMENTS = registryPathSegments(HTTP_PARAMETERS_PATH);

/** DefaultFlags bits (http.h HTTP_SERVICE_CONFIG_SSL_FLAG_*). */
export const SSL_BINDING_FLAGS = {
  USE_DS_MAPPER: 0x1,
  NEGOTIATE_CLIENT_CERT: 0x2,
  NO_RAW_FILTER: 0x4,
  REJECT: 0x8,
  DISABLE_TLS13: 0x40,
  DISABLE_TLS12: 0x1000,
} as const;

/** The keys holding per-binding SSL settings: by IP:port, by host name (SNI), by port (central certificate store). */
export const SSL_BINDING_CONTAINERS = ['SslBindingInfo', 'SslSniBindingInfo', 'SslCcsBindingInfo'] as const;

/** What `EnableKernelSSL` says, as written. `mode` is only known when it is a REG_DWORD 0 or 1. */
export interface KernelSslSetting {
  value: RegistryValue;
  mode: 'kernel' | 'user' | 'invalid';
}

export interface SslBinding {
  /** Which of SSL_BINDING_CONTAINERS holds it. */
  container?: (typeof SSL_BINDING_CONTAINERS)[number];
  /** `ip:port` as the key name writes it (`0.0.0.0:443`). */
  endpoint: string;
  key: RegistryKey;
  defaultFlags: RegistryValue | undefined;
}

export interface HttpSysModel {
  /** The Parameters key, when some file of this server wrote it. */
  parameters: RegistryKey | undefined;
  enableKernelSsl: KernelSslSetting | undefined;
  sslBindings: SslBinding[];
  /** Every binding under SslBindingInfo, SslSniBindingInfo and SslCcsBindingInfo, in that order. */
  allSslBindings: SslBinding[];
}

export function buildHttpSysModel(registry: RegistryTree): HttpSysModel {
  const parameters = registry.find(HTTP_PARAMETERS_SEGMENTS);
  const enableKernelSslValue = parameters?.value('EnableKernelSSL');
  const bindingsKey = parameters?.child('SslBindingInfo');
  const sslBindings: SslBinding[] = [];
  if (bindingsKey) {
    for (const key of [...bindingsKey.children.values()].sort((a, b) => (a.name < b.name ? -1 : 1))) {
      sslBindings.push({ endpoint: key.name, key, defaultFlags: key.value('DefaultFlags') });
    }
  }
  const allSslBindings: SslBinding[] = [];
  if (parameters) {
    for (const container of SSL_BINDING_CONTAINERS) {
      const holder = parameters.child(container);
      if (!holder) continue;
      for (const key of [...holder.children.values()].sort((a, b) => (a.name < b.name ? -1 : 1))) {
        allSslBindings.push({ container, endpoint: key.name, key, defaultFlags: key.value('DefaultFlags') });
      }
    }
  }
  return {
    parameters,
    allSslBindings,
    enableKernelSsl: enableKernelSslValue && { value: enableKernelSslValue, mode: kernelSslMode(enableKernelSslValue) },
    sslBindings,
  };
}

function kernelSslMode(value: RegistryValue): KernelSslSetting['mode'] {
  if (value.data.type !== 'REG_DWORD' || !('dword' in value.data)) return 'invalid';
  if (value.data.dword === 1) return 'kernel';
  if (value.data.dword === 0) return 'user';
  return 'invalid';
}

/** The DWORD of a DefaultFlags value, or undefined when it is not a REG_DWORD (then http.sys's reading is undefined). */
export function defaultFlagsBits(binding: SslBinding): number | undefined {
  const data = binding.defaultFlags?.data;
  return data?.type === 'REG_DWORD' && 'dword' in data ? data.dword : undefined;
}
