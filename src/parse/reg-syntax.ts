import type { ParseDiagnostic } from './diagnostic.js';
import type { SourceFile, Span } from './text.js';

/** `Windows Registry Editor Version 5.00` (strings are UTF-16LE in hex(N)) or `REGEDIT4` (ANSI). */
export type RegDialect = 'regedit5' | 'regedit4';

export type RegTypeName =
  | 'REG_NONE'
  | 'REG_SZ'
  | 'REG_EXPAND_SZ'
  | 'REG_BINARY'
  | 'REG_DWORD'
  | 'REG_DWORD_BIG_ENDIAN'
  | 'REG_LINK'
  | 'REG_MULTI_SZ'
  | 'REG_RESOURCE_LIST'
  | 'REG_FULL_RESOURCE_DESCRIPTOR'
  | 'REG_RESOURCE_REQUIREMENTS_LIST'
  | 'REG_QWORD'
  | 'REG_UNKNOWN';

/** The data of a value as regedit would store it. `typeCode` is the numeric registry type. */
export type RegData =
  | { type: 'REG_SZ' | 'REG_EXPAND_SZ'; typeCode: number; text: string; bytes?: Uint8Array }
  | { type: 'REG_MULTI_SZ'; typeCode: number; strings: string[]; bytes: Uint8Array }
  | { type: 'REG_DWORD'; typeCode: number; dword: number; bytes?: Uint8Array }
  | { type: 'REG_QWORD'; typeCode: number; qword: bigint; bytes: Uint8Array }
  /** Everything else, and a hex(4)/hex(b) whose byte count does not fit the type. */
  | { type: Exclude<RegTypeName, 'REG_SZ' | 'REG_EXPAND_SZ' | 'REG_MULTI_SZ' | 'REG_DWORD' | 'REG_QWORD'> | 'REG_DWORD' | 'REG_QWORD'; typeCode: number; bytes: Uint8Array; malformedForType?: boolean };

/** How the data was written: `"..."`, `dword:`, `hex:`, `hex(N):`. */
export type RegDataSyntax = 'string' | 'dword' | 'hex' | 'hex-typed';

export interface RegValueLine {
  kind: 'value';
  /** Value name, unescaped; '' for the default value `@`. */
  name: string;
  /** The name as written, including quotes (or `@`). */
  nameSpan: Span;
  /** From the first character of the name to the end of the data (last continuation line included). */
  span: Span;
  /** 1-based lines the value occupies (continuations included). */
  startLine: number;
  endLine: number;
  /** `"name"=-`: delete the value. */
  deletion: boolean;
  /** Present unless `deletion`. */
  data?: RegData;
  syntax?: RegDataSyntax;
  /** The data text after `=` as written (continuations joined, comments removed), for messages and fixes. */
  rawData: string;
  /** Span of the data text on the first line (after `=`), for precise fixes. */
  dataSpan: Span;
}

export interface RegKeyLine {
  kind: 'key';
  /** The key path as written between `[` (or `[-`) and the LAST `]` on the line. */
  path: string;
  /** `[-path]`: deletes the key and its whole subtree. */
  deletion: boolean;
  /** The whole `[...]` token. */
  span: Span;
  /** Just the path text. */
  pathSpan: Span;
  line: number;
  /** Text after the last `]`, which regedit ignores (e.g. a value written on the key's line). */
  ignoredTail?: { text: string; span: Span };
  /** Values that follow this key line, in order. */
  values: RegValueLine[];
}

export interface RegDocument {
  source: SourceFile;
  /** Undefined when the first line is not an exact header: regedit then imports nothing. */
  dialect: RegDialect | undefined;
  /** The header line's span (or the first line's, when the header is wrong). */
  headerSpan: Span;
  /** Key blocks in file order. Keys that regedit ignores (`[ key]`) are NOT here: see diagnostics. */
  keys: RegKeyLine[];
  /** Malformed lines (CFG001) and lines regedit ignores or drops (CFG003), in file order. */
  diagnostics: ParseDiagnostic[];
}
