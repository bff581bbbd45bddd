/**
 * Files -> parse -> model: decode each file of a server, recognise it by content, parse it,
 * and build the server's model.
 */
import { detectKind } from '../parse/detect.js';
import { parseConfig } from '../parse/config.js';
import type { ConfigDocument } from '../parse/config-syntax.js';
import { parseMetabase } from '../parse/metabase.js';
import type { MetabaseDocument } from '../parse/metabase-syntax.js';
import { parseReg } from '../parse/reg.js';
import type { RegDocument } from '../parse/reg-syntax.js';
import { decodeBytes, type SourceFile } from '../parse/text.js';
import type { OsProfile } from '../model/os-profiles.js';
import { buildServerModel, type ServerModel, type SkippedFile } from '../model/server.js';

export interface FileInput {
  path: string;
  bytes: Uint8Array;
  /**
   * Set by the reader that owns `bytes` (see read-file.ts): called once they are decoded, it
   * frees their memory at once. Bytes given by a caller of the API are never released.
   */
  release?: () => void;
}

export interface LoadedServerFiles {
  metabaseDocuments: MetabaseDocument[];
  regDocuments: RegDocument[];
  configDocuments: ConfigDocument[];
  skippedFiles: SkippedFile[];
}

/** How files are parsed: `xmlCrossCheck` as in LintOptions. */
export interface ParseOptions {
  xmlCrossCheck?: boolean;
}

export function parseServerFiles(files: readonly FileInput[], options: ParseOptions = {}): LoadedServerFiles {
  const loaded: LoadedServerFiles = { metabaseDocuments: [], regDocuments: [], configDocuments: [], skippedFiles: [] };
  for (let index = 0; index < files.length; index++) {
    const file = files[index]!;
    const source = decodeBytes(file.path, file.bytes);
    file.release?.();
    addSource(loaded, source, options);
  }
  return loaded;
}

function addSource(loaded: LoadedServerFiles, source: SourceFile, options: ParseOptions): void {
  const detected = detectKind(source);
  switch (detected.kind) {
    case 'metabase':
      loaded.metabaseDocuments.push(parseMetabase(source, { crossCheck: options.xmlCrossCheck ?? false }));
      break;
    case 'reg':
      loaded.regDocuments.push(parseReg(source));
      break;
    case 'iis-config':
      loaded.configDocuments.push(parseConfig(source, detected.configKind));
      break;
    case 'skipped':
      loaded.skippedFiles.push({ file: source, reason: detected.reason, unsupported: detected.unsupported ?? false });
      break;
  }
}

export function loadServer(name: string, files: readonly FileInput[], forcedOs: OsProfile | undefined, options: ParseOptions = {}): ServerModel {
  return buildServerModel({ name, ...parseServerFiles(files, options) }, forcedOs);
}
