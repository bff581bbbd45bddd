/**
 * One server: its parsed files and the typed models built from them. Rules query this and
 * nothing else.
 */
import type { ConfigDocument } from '../parse/config-syntax.js';
import type { MetabaseDocument } from '../parse/metabase-syntax.js';
import type { RegDocument } from '../parse/reg-syntax.js';
import type { SourceFile } from '../parse/text.js';
import { buildHttpSysModel, type HttpSysModel } from './httpsys.js';
import { IisConfigModel } from './iis-config.js';
import { MetabaseModel } from './metabase.js';
import { isServer2003, type OsProfile } from './os-profiles.js';
import { controlSetName, RegistryTree } from './registry.js';
import { buildSchannelModel, type SchannelModel } from './schannel.js';
import { windowsVersionFromRegistry } from './windows-version.js';

/** Why the target OS is what it is (shown in verbose output and rule messages). */
export type OsReason = 'option' | 'current-version' | 'iis6-metabase' | 'enable-kernel-ssl' | 'iis7-config' | 'unknown';

export interface SkippedFile {
  file: SourceFile;
  reason: string;
  /** Recognised (IIS 7+ configuration) but not yet supported. */
  unsupported: boolean;
}

export interface ServerModel {
  name: string;
  metabaseDocuments: MetabaseDocument[];
  regDocuments: RegDocument[];
  /** IIS 7+ configuration files: applicationHost.config, web.config, machine.config, fragments. */
  configDocuments: ConfigDocument[];
  skippedFiles: SkippedFile[];
  /** The IIS 7+ configuration model; undefined when the server has no IIS 7+ configuration file. */
  iis: IisConfigModel | undefined;
  /** Undefined when the server has no IIS 6 metabase. */
  metabase: MetabaseModel | undefined;
  registry: RegistryTree;
  httpSys: HttpSysModel;
  schannel: SchannelModel;
  os: OsProfile | undefined;
  osReason: OsReason;
  /** Which value decided the target OS, in words (`CurrentBuildNumber "17763" in cv.reg line 5`), and any caveat. */
  osDetail: string;
  /**
   * False when the target OS is Server 2008 or later (or only known to be, from IIS 7+
   * configuration): kernel-mode SSL's limits are Server 2003's, so its rules do not apply.
   */
  kernelSslOs: boolean;
  /** How the model read the files where it chose something a user may want to know (--verbose). */
  notes: string[];
}

export interface ServerInputs {
  name: string;
  metabaseDocuments: MetabaseDocument[];
  regDocuments: RegDocument[];
  configDocuments?: ConfigDocument[];
  skippedFiles?: SkippedFile[];
}

export function buildServerModel(inputs: ServerInputs, forcedOs: OsProfile | undefined): ServerModel {
  const registry = RegistryTree.fromDocuments(inputs.regDocuments);
  const httpSys = buildHttpSysModel(registry);
  const metabase = inputs.metabaseDocuments.length > 0 ? MetabaseModel.fromDocuments(inputs.metabaseDocuments) : undefined;
  const skippedFiles = inputs.skippedFiles ?? [];
  const { os, osReason, osDetail } = targetOs(forcedOs, registry, metabase !== undefined, httpSys, skippedFiles.some((skipped) => skipped.unsupported));
  const schannel = buildSchannelModel(registry, os);
  return {
    name: inputs.name,
    metabaseDocuments: inputs.metabaseDocuments,
    regDocuments: inputs.regDocuments,
    configDocuments: inputs.configDocuments ?? [],
    skippedFiles,
    iis: inputs.configDocuments && inputs.configDocuments.length > 0 ? new IisConfigModel({ documents: inputs.configDocuments }) : undefined,
    metabase,
    registry,
    httpSys,
    schannel,
    os,
    osReason,
    osDetail,
    kernelSslOs: osReason === 'iis7-config' ? false : os === undefined || isServer2003(os),
    notes: [...modelNotes(registry), ...schannelNotes(schannel)],
  };
}

/** Why a server gets no TLS findings from OS defaults (the TLS rules point defaults into the SChannel export). */
function schannelNotes(schannel: SchannelModel): string[] {
  if (schannel.exported) return [];
  return ['no SChannel export: the TLS rules report no setting left at its OS default (KSSL007 covers Server 2003)'];
}

function modelNotes(registry: RegistryTree): string[] {
  const { reason, current } = registry.controlSets;
  if (reason === 'single' && current !== undefined) {
    return [`${controlSetName(current)} read as CurrentControlSet: the only control set in the exports, and HKLM\\SYSTEM\\Select is not exported`];
  }
  if (reason === 'select' && current !== undefined) {
    return [`${controlSetName(current)} read as CurrentControlSet (HKLM\\SYSTEM\\Select "Current"=${current})`];
  }
  return [];
}

/**
 * Precedence (issue 11): `--os` / config > a `Windows NT\CurrentVersion` export > an IIS 6 metabase
 * or an `EnableKernelSSL` value (only Server 2003 SP1+ reads it: its defaults are the ones that
 * matter) > IIS 7+ configuration ("Server 2008 or later": no single profile, so defaults that
 * differ between those versions stay unknown) > unknown (only explicit settings count).
 */
function targetOs(
  forcedOs: OsProfile | undefined,
  registry: RegistryTree,
  hasMetabase: boolean,
  httpSys: HttpSysModel,
  hasIis7Config: boolean,
): { os: OsProfile | undefined; osReason: OsReason; osDetail: string } {
  if (forcedOs) return { os: forcedOs, osReason: 'option', osDetail: `--os or config "os": ${forcedOs}` };
  const version = windowsVersionFromRegistry(registry);
  if (version) {
    return { os: version.os, osReason: 'current-version', osDetail: version.description + (version.note ? ` (${version.note})` : '') };
  }
  if (hasMetabase) return { os: 'win2003-sp1', osReason: 'iis6-metabase', osDetail: 'an IIS 6 metabase: Windows Server 2003 SP1 assumed' };
  if (httpSys.enableKernelSsl) {
    return { os: 'win2003-sp1', osReason: 'enable-kernel-ssl', osDetail: 'EnableKernelSSL is set: Windows Server 2003 SP1 assumed' };
  }
  if (hasIis7Config) {
    return { os: undefined, osReason: 'iis7-config', osDetail: 'IIS 7+ configuration: Windows Server 2008 or later, version unknown' };
  }
  return { os: undefined, osReason: 'unknown', osDetail: 'no --os, CurrentVersion export, IIS 6 metabase or EnableKernelSSL' };
}
