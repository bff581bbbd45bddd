/**
 * Which Windows a server runs, from an export of `HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion`
 * (DOMAIN.md §7): the build number decides (ProductName is unreliable on newer builds: some 2025
 * builds still say "Windows 10"); `CSDVersion` tells Server 2003 SP1 from SP2; ProductName is
 * used only when no build number is written.
 */
import type { OsProfile } from './os-profiles.js';
import { registryPathSegments, type RegistryTree, type RegistryValue } from './registry.js';

export const CURRENT_VERSION_PATH = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion';
const CURRENT_VERSION_SEGMENTS = registryPathSegments(CURRENT_VERSION_PATH);

/** Build numbers of Windows Server releases (DOMAIN.md §7), oldest first. */
const BUILDS: readonly { build: number; os: OsProfile }[] = [
  { build: 3790, os: 'win2003-sp1' },
  { build: 6001, os: 'win2008' },
  { build: 7600, os: 'win2008r2' },
  { build: 9200, os: 'win2012' },
  { build: 9600, os: 'win2012r2' },
  { build: 14393, os: 'win2016' },
  { build: 17763, os: 'win2019' },
  { build: 20348, os: 'win2022' },
  { build: 26100, os: 'win2025' },
];

const EXACT_BUILDS = new Set([3790, 6001, 6002, 6003, 7600, 7601, 9200, 9600, 14393, 17763, 20348, 26100]);

/** Product names as CurrentVersion writes them, newest first so "2008 R2" wins over "2008". */
const PRODUCT_NAMES: readonly { pattern: RegExp; os: OsProfile }[] = [
  { pattern: /Server 2025/i, os: 'win2025' },
  { pattern: /Server 2022/i, os: 'win2022' },
  { pattern: /Server 2019/i, os: 'win2019' },
  { pattern: /Server 2016/i, os: 'win2016' },
  { pattern: /Server 2012 R2/i, os: 'win2012r2' },
  { pattern: /Server 2012/i, os: 'win2012' },
  { pattern: /Server 2008 R2/i, os: 'win2008r2' },
  { pattern: /Server.* 2008/i, os: 'win2008' },
  { pattern: /Server 2003/i, os: 'win2003-sp1' },
];

export interface WindowsVersionEvidence {
  os: OsProfile;
  /** The value that decided, e.g. `CurrentBuildNumber "17763"`. */
  decidedBy: RegistryValue;
  /** `CurrentBuildNumber "17763" in cv.reg line 5`: for --verbose, messages and SARIF. */
  description: string;
  /** Set when the mapping is approximate (a build the table does not know, 2008 RTM/SP1, 2003 RTM). */
  note?: string;
}

export function windowsVersionFromRegistry(registry: RegistryTree): WindowsVersionEvidence | undefined {
  const key = registry.find(CURRENT_VERSION_SEGMENTS);
  if (!key) return undefined;
  const build = [key.value('CurrentBuildNumber'), key.value('CurrentBuild')].find((value) => value && buildOf(value) !== undefined);
  const csd = stringOf(key.value('CSDVersion'));
  if (build) {
    const number = buildOf(build)!;
    const older = [...BUILDS].reverse().find((entry) => entry.build <= number);
    const described = describe(build);
    if (!older) return undefined;
    let os = older.os;
    let note: string | undefined;
    if (!EXACT_BUILDS.has(number)) {
      note = `build ${number} is not a Windows Server build iislint knows: the nearest older profile (${os}) is used`;
    } else if (number === 3790) {
      os = /Service Pack 2/i.test(csd ?? '') ? 'win2003-sp2' : 'win2003-sp1';
      if (!/Service Pack [12]/i.test(csd ?? '')) note = 'CSDVersion names no Service Pack 1 or 2: Server 2003 before SP1 has no kernel-mode SSL; SP1 defaults are used';
    } else if (number === 6001) {
      note = 'build 6001 is Server 2008 SP1, which has no TLS 1.1/1.2: the SP2 profile (with KB4019276) is used';
    }
    return { os, decidedBy: build, description: described, ...(note ? { note } : {}) };
  }
  const product = key.value('ProductName');
  const name = stringOf(product);
  if (product && name !== undefined) {
    const match = PRODUCT_NAMES.find((entry) => entry.pattern.test(name));
    if (!match) return undefined;
    const os = match.os === 'win2003-sp1' && /Service Pack 2/i.test(csd ?? '') ? 'win2003-sp2' : match.os;
    return { os, decidedBy: product, description: describe(product), note: 'no CurrentBuildNumber: taken from ProductName, which newer builds do not keep current' };
  }
  return undefined;
}

function stringOf(value: RegistryValue | undefined): string | undefined {
  const data = value?.data;
  return data && (data.type === 'REG_SZ' || data.type === 'REG_EXPAND_SZ') && 'text' in data ? data.text : undefined;
}

function buildOf(value: RegistryValue): number | undefined {
  const text = stringOf(value)?.trim();
  return text !== undefined && /^\d{3,6}$/.test(text) ? Number(text) : undefined;
}

function describe(value: RegistryValue): string {
  const line = value.file.lines.position(value.valueLine.span.start).line;
  return `${value.name} "${stringOf(value) ?? ''}" in ${value.file.path} line ${line}`;
}
