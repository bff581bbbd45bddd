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
import type { OsProfile } from './os-profiles.js';
import { controlSetName, RegistryTree } from './registry.js';
import { buildSchannelModel, type SchannelModel } from './schannel.js';

/** Why the target OS is what it is (shown in verbose output and rule messages). */
export type OsReason = 'option' | 'iis6-metabase' | 'enable-kernel-ssl' | 'unknown';

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
  const { os, osReason } = targetOs(forcedOs, metabase !== undefined, httpSys);
  return {
    name: inputs.name,
    metabaseDocuments: inputs.metabaseDocuments,
    regDocuments: inputs.regDocuments,
    configDocuments: inputs.configDocuments ?? [],
    skippedFiles: inputs.skippedFiles ?? [],
    iis: inputs.configDocuments && inputs.configDocuments.length > 0 ? new IisConfigModel({ documents: inputs.configDocuments }) : undefined,
    metabase,
    registry,
    httpSys,
    schannel: buildSchannelModel(registry, os),
    os,
    osReason,
    notes: modelNotes(registry),
  };
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
 * `auto`: an IIS 6 metabase, or EnableKernelSSL (which only Server 2003 SP1+ reads), means
 * Server 2003 SP1 — the earliest version with kernel-mode SSL, so its defaults are the ones
 * that matter. Otherwise unknown: only explicit settings count.
 */
function targetOs(
  forcedOs: OsProfile | undefined,
  hasMetabase: boolean,
  httpSys: HttpSysModel,
): { os: OsProfile | undefined; osReason: OsReason } {
  if (forcedOs) return { os: forcedOs, osReason: 'option' };
  if (hasMetabase) return { os: 'win2003-sp1', osReason: 'iis6-metabase' };
  if (httpSys.enableKernelSsl) return { os: 'win2003-sp1', osReason: 'enable-kernel-ssl' };
  return { os: undefined, osReason: 'unknown' };
}
