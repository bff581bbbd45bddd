/**
 * What SChannel does when a key or its `Enabled` value is absent, per Windows Server version.
 *
 * One table, one row per (category, name[, side]), one column per OS profile. A state is
 * 'absent' when that Windows version does not have the protocol/algorithm at all, so it never
 * reads the key (writing it does nothing). 'unknown' means no source we could check states the
 * default: rules must not claim anything from it (and the catalogue accepts the key as read).
 *
 * Sources, cited per row:
 *  - DOMAIN: the project's domain reference, DOMAIN.md §5.
 *  - PROTOCOLS: Microsoft Learn, "Protocols in TLS/SSL (Schannel SSP)",
 *    learn.microsoft.com/windows/win32/secauthn/protocols-in-tls-ssl--schannel-ssp-
 *    (TLS, DTLS and pre-TLS tables from Vista/2008 to Server 2025; "Not supported" = absent).
 *  - KB245030: "Restrict the use of certain cryptographic algorithms and protocols in
 *    Schannel.dll" (applies to Windows Server 2003): the valid Ciphers/Hashes/KeyExchangeAlgorithms
 *    keys there, "If you do not configure the Enabled value, the default is enabled" for each
 *    cipher, NULL "By default, it is turned off", and "before Windows Vista, the key should be
 *    Triple DES 168/168".
 *  - KB187498: "By default, PCT is not enabled on Windows Server 2003" (server side only);
 *    "In Windows Server 2008, PCT 1.0 is not a configurable option".
 */
import type { SchannelSubject } from './schannel-catalog.js';

export const OS_PROFILES = [
  'win2003-sp1',
  'win2003-sp2',
  'win2008',
  'win2008r2',
  'win2012',
  'win2012r2',
  'win2016',
  'win2019',
  'win2022',
  'win2025',
] as const;
export type OsProfile = (typeof OS_PROFILES)[number];

export type DefaultState = 'enabled' | 'disabled' | 'absent' | 'unknown';

/** One state per OS, in OS_PROFILES order. */
type StatesByOs = readonly [
  DefaultState, DefaultState, DefaultState, DefaultState, DefaultState,
  DefaultState, DefaultState, DefaultState, DefaultState, DefaultState,
];

export interface DefaultStateRow {
  category: SchannelSubject['category'];
  name: string;
  /** Only for protocols. */
  side?: 'Server' | 'Client';
  states: StatesByOs;
  /** Where the states come from; 'unknown' cells are those no source covers. */
  source: string;
}

const ON = 'enabled';
const OFF = 'disabled';
const NO = 'absent';
const UNK = 'unknown';

const SRC_PCT_SERVER = 'KB187498 (2003 server off; 2008 not configurable); PROTOCOLS (2008+ not supported)';
const SRC_PCT_CLIENT =
  'KB187498 states the 2003 default for the server only, so the 2003 client is unknown; PROTOCOLS (2008+ not supported)';
const SRC_PRE_TLS =
  'DOMAIN §5 (2003: on; the statement names no side, applied to both); PROTOCOLS pre-TLS table (2008+; SSL 2.0 removed from 2016)';
const SRC_TLS = 'DOMAIN §5 (2003: TLS 1.0 on, no TLS 1.1/1.2/1.3); PROTOCOLS TLS table (2008 SP2 to 2025)';
const SRC_TLS_NEW =
  'DOMAIN §5 (2003: no TLS 1.1/1.2); PROTOCOLS TLS table (2012 to 2025: enabled); 2008 SP2 (with KB4019276) and 2008 R2: ' +
  'disabled by default (KB245030: set DisabledByDefault=0 and Enabled=1 to use them), Enabled default unstated';
const SRC_DTLS =
  'PROTOCOLS DTLS table (not supported on 2008 SP2, so not on 2003 either; DTLS 1.0 from 2008 R2, DTLS 1.2 from 2016)';
const SRC_MPUH =
  'No Microsoft source states a registry default for Multi-Protocol Unified Hello (PROTOCOLS only says every version accepts a unified ClientHello)';
const SRC_CIPHER_2003 = 'KB245030 (2003: default enabled when Enabled is not configured); 2008+: no source states a default';
const SRC_NULL = 'KB245030 (2003: "By default, it is turned off"); 2008+: no source states a default';
const SRC_3DES_OLD = 'KB245030: the pre-Vista key name, on by default on 2003; Vista and later read "Triple DES 168"';
const SRC_3DES_NEW = 'KB245030: the Vista-and-later key name (2003 reads "Triple DES 168/168"); 2008+: no source states a default';
const SRC_AES = 'DOMAIN §5 (no AES on 2003; AES keys are Vista and later); 2008+: no source states a default';
const SRC_RC2_56_56 =
  'KB245030 lists it under "DES 56" ("This registry key refers to 56-bit DES as specified in FIPS 46-2"): a misnamed DES key, default enabled on 2003 when Enabled is not configured; 2008+: no source states a default';
const SRC_HASH_2003 = 'DOMAIN §5 and KB245030 (2003: on); 2008+: no source states a default';
const SRC_SHA2 =
  'KB245030 lists only MD5 and SHA under Hashes for 2003 (which has no TLS 1.2); 2008+: no source states whether or how it is read';
const SRC_PKCS = 'DOMAIN §5 and KB245030 (2003: on); 2008+: no source states a default';
const SRC_DH =
  'KB245030 lists only PKCS for 2003 but 2003 has DHE_DSS suites, so whether 2003 reads this key is unconfirmed; no source states a default';
const SRC_ECDH =
  'KB245030 lists only PKCS under KeyExchangeAlgorithms for 2003 (no ECC cipher suites before Vista); 2008+: no source states a default';

const protocol = (name: string, side: 'Server' | 'Client', states: StatesByOs, source: string): DefaultStateRow => ({
  category: 'protocol',
  name,
  side,
  states,
  source,
});
const algorithm = (
  category: 'cipher' | 'hash' | 'keyExchange',
  name: string,
  states: StatesByOs,
  source: string,
): DefaultStateRow => ({ category, name, states, source });

/** The default-state table. Columns follow OS_PROFILES. */
export const DEFAULT_STATE_TABLE: readonly DefaultStateRow[] = [
  //                                                  03sp1 03sp2 2008 08r2  2012 12r2  2016 2019 2022 2025
  protocol('PCT 1.0', 'Server',                      [OFF,  OFF,  NO,  NO,  NO,  NO,  NO,  NO,  NO,  NO], SRC_PCT_SERVER),
  protocol('PCT 1.0', 'Client',                      [UNK,  UNK,  NO,  NO,  NO,  NO,  NO,  NO,  NO,  NO], SRC_PCT_CLIENT),
  protocol('SSL 2.0', 'Server',                      [ON,   ON,   ON,  ON,  OFF, OFF, NO,  NO,  NO,  NO], SRC_PRE_TLS),
  protocol('SSL 2.0', 'Client',                      [ON,   ON,   OFF, OFF, OFF, OFF, NO,  NO,  NO,  NO], SRC_PRE_TLS),
  protocol('SSL 3.0', 'Server',                      [ON,   ON,   ON,  ON,  ON,  ON,  OFF, OFF, OFF, OFF], SRC_PRE_TLS),
  protocol('SSL 3.0', 'Client',                      [ON,   ON,   ON,  ON,  ON,  ON,  OFF, OFF, OFF, OFF], SRC_PRE_TLS),
  protocol('TLS 1.0', 'Server',                      [ON,   ON,   ON,  ON,  ON,  ON,  ON,  ON,  ON,  ON], SRC_TLS),
  protocol('TLS 1.0', 'Client',                      [ON,   ON,   ON,  ON,  ON,  ON,  ON,  ON,  ON,  ON], SRC_TLS),
  // 2008 SP2 / 2008 R2 ship TLS 1.1/1.2 "disabled by default" (DisabledByDefault, below); whether their `Enabled`
  // defaults to on is stated by no source (KB245030 says to write both), so that cell is unknown.
  protocol('TLS 1.1', 'Server',                      [NO,   NO,   UNK, UNK, ON,  ON,  ON,  ON,  ON,  ON], SRC_TLS_NEW),
  protocol('TLS 1.1', 'Client',                      [NO,   NO,   UNK, UNK, ON,  ON,  ON,  ON,  ON,  ON], SRC_TLS_NEW),
  protocol('TLS 1.2', 'Server',                      [NO,   NO,   UNK, UNK, ON,  ON,  ON,  ON,  ON,  ON], SRC_TLS_NEW),
  protocol('TLS 1.2', 'Client',                      [NO,   NO,   UNK, UNK, ON,  ON,  ON,  ON,  ON,  ON], SRC_TLS_NEW),
  // 2016/2019: PROTOCOLS says "Not supported", but some builds read the keys and Microsoft calls enabling them
  // "not a safe system configuration": treated as read (CFG005 stays quiet), default unknown; TLS006 reports enabling them.
  protocol('TLS 1.3', 'Server',                      [NO,   NO,   NO,  NO,  NO,  NO,  UNK, UNK, ON,  ON], SRC_TLS),
  protocol('TLS 1.3', 'Client',                      [NO,   NO,   NO,  NO,  NO,  NO,  UNK, UNK, ON,  ON], SRC_TLS),
  protocol('DTLS 1.0', 'Server',                     [NO,   NO,   NO,  ON,  ON,  ON,  ON,  ON,  ON,  ON], SRC_DTLS),
  protocol('DTLS 1.0', 'Client',                     [NO,   NO,   NO,  ON,  ON,  ON,  ON,  ON,  ON,  ON], SRC_DTLS),
  protocol('DTLS 1.2', 'Server',                     [NO,   NO,   NO,  NO,  NO,  NO,  ON,  ON,  ON,  ON], SRC_DTLS),
  protocol('DTLS 1.2', 'Client',                     [NO,   NO,   NO,  NO,  NO,  NO,  ON,  ON,  ON,  ON], SRC_DTLS),
  protocol('Multi-Protocol Unified Hello', 'Server', [UNK,  UNK,  UNK, UNK, UNK, UNK, UNK, UNK, UNK, UNK], SRC_MPUH),
  protocol('Multi-Protocol Unified Hello', 'Client', [UNK,  UNK,  UNK, UNK, UNK, UNK, UNK, UNK, UNK, UNK], SRC_MPUH),

  algorithm('cipher', 'RC4 128/128',                 [ON,   ON,   UNK, UNK, UNK, UNK, UNK, UNK, UNK, UNK], SRC_CIPHER_2003),
  algorithm('cipher', 'RC4 64/128',                  [ON,   ON,   UNK, UNK, UNK, UNK, UNK, UNK, UNK, UNK], SRC_CIPHER_2003),
  algorithm('cipher', 'RC4 56/128',                  [ON,   ON,   UNK, UNK, UNK, UNK, UNK, UNK, UNK, UNK], SRC_CIPHER_2003),
  algorithm('cipher', 'RC4 40/128',                  [ON,   ON,   UNK, UNK, UNK, UNK, UNK, UNK, UNK, UNK], SRC_CIPHER_2003),
  algorithm('cipher', 'RC2 128/128',                 [ON,   ON,   UNK, UNK, UNK, UNK, UNK, UNK, UNK, UNK], SRC_CIPHER_2003),
  algorithm('cipher', 'RC2 56/128',                  [ON,   ON,   UNK, UNK, UNK, UNK, UNK, UNK, UNK, UNK], SRC_CIPHER_2003),
  algorithm('cipher', 'RC2 40/128',                  [ON,   ON,   UNK, UNK, UNK, UNK, UNK, UNK, UNK, UNK], SRC_CIPHER_2003),
  algorithm('cipher', 'RC2 56/56',                   [ON,   ON,   UNK, UNK, UNK, UNK, UNK, UNK, UNK, UNK], SRC_RC2_56_56),
  algorithm('cipher', 'DES 56/56',                   [ON,   ON,   UNK, UNK, UNK, UNK, UNK, UNK, UNK, UNK], SRC_CIPHER_2003),
  algorithm('cipher', 'NULL',                        [OFF,  OFF,  UNK, UNK, UNK, UNK, UNK, UNK, UNK, UNK], SRC_NULL),
  algorithm('cipher', 'Triple DES 168/168',          [ON,   ON,   NO,  NO,  NO,  NO,  NO,  NO,  NO,  NO], SRC_3DES_OLD),
  algorithm('cipher', 'Triple DES 168',              [NO,   NO,   UNK, UNK, UNK, UNK, UNK, UNK, UNK, UNK], SRC_3DES_NEW),
  algorithm('cipher', 'AES 128/128',                 [NO,   NO,   UNK, UNK, UNK, UNK, UNK, UNK, UNK, UNK], SRC_AES),
  algorithm('cipher', 'AES 256/256',                 [NO,   NO,   UNK, UNK, UNK, UNK, UNK, UNK, UNK, UNK], SRC_AES),

  algorithm('hash', 'MD5',                           [ON,   ON,   UNK, UNK, UNK, UNK, UNK, UNK, UNK, UNK], SRC_HASH_2003),
  algorithm('hash', 'SHA',                           [ON,   ON,   UNK, UNK, UNK, UNK, UNK, UNK, UNK, UNK], SRC_HASH_2003),
  algorithm('hash', 'SHA256',                        [NO,   NO,   UNK, UNK, UNK, UNK, UNK, UNK, UNK, UNK], SRC_SHA2),
  algorithm('hash', 'SHA384',                        [NO,   NO,   UNK, UNK, UNK, UNK, UNK, UNK, UNK, UNK], SRC_SHA2),
  algorithm('hash', 'SHA512',                        [NO,   NO,   UNK, UNK, UNK, UNK, UNK, UNK, UNK, UNK], SRC_SHA2),

  algorithm('keyExchange', 'PKCS',                   [ON,   ON,   UNK, UNK, UNK, UNK, UNK, UNK, UNK, UNK], SRC_PKCS),
  algorithm('keyExchange', 'Diffie-Hellman',         [UNK,  UNK,  UNK, UNK, UNK, UNK, UNK, UNK, UNK, UNK], SRC_DH),
  algorithm('keyExchange', 'ECDH',                   [NO,   NO,   UNK, UNK, UNK, UNK, UNK, UNK, UNK, UNK], SRC_ECDH),
];

const OS_COLUMN = new Map<OsProfile, number>(OS_PROFILES.map((os, index) => [os, index]));

// Registry names compare case-insensitively; SChannel's names are ASCII, so fold ASCII only.
function foldCase(text: string): string {
  return text.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));
}

function rowKey(category: string, name: string, side: string | undefined): string {
  return `${category}|${foldCase(name)}|${side === undefined ? '' : foldCase(side)}`;
}

const ROWS = new Map<string, DefaultStateRow>(
  DEFAULT_STATE_TABLE.map((row) => [rowKey(row.category, row.name, row.side), row]),
);

/**
 * Rows by the subject as written (before case folding): a fleet asks for the same few dozen
 * subjects on every server, and folding them again each time was a visible share of its run.
 * Bounded: a hostile export could write a million distinct names.
 */
const ROW_BY_WRITTEN_SUBJECT = new Map<string, DefaultStateRow | undefined>();
const ROW_CACHE_LIMIT = 4096;
const ROW_BY_SUBJECT = new WeakMap<SchannelSubject, DefaultStateRow | undefined>();

/** Remember the rows of subjects that live as long as the process (the catalogue's SCHANNEL_SUBJECTS). */
export function rememberDefaultStateRows(subjects: readonly SchannelSubject[]): void {
  for (const subject of subjects) ROW_BY_SUBJECT.set(subject, defaultStateRow(subject));
}

/** The table row for a subject (name and side compared case-insensitively), if there is one. */
export function defaultStateRow(subject: SchannelSubject): DefaultStateRow | undefined {
  // The catalogue's own subject objects (every server asks for each of them): by identity.
  if (ROW_BY_SUBJECT.has(subject)) return ROW_BY_SUBJECT.get(subject);
  const side = subject.category === 'protocol' ? subject.side : undefined;
  const written = `${subject.category}|${subject.name}|${side ?? ''}`;
  if (ROW_BY_WRITTEN_SUBJECT.has(written)) return ROW_BY_WRITTEN_SUBJECT.get(written);
  const row = ROWS.get(rowKey(subject.category, subject.name, side));
  if (ROW_BY_WRITTEN_SUBJECT.size < ROW_CACHE_LIMIT) ROW_BY_WRITTEN_SUBJECT.set(written, row);
  return row;
}

/** The state SChannel on `os` uses when the subject's key or its `Enabled` value is absent. */
export function defaultState(os: OsProfile, subject: SchannelSubject): DefaultState {
  const row = defaultStateRow(subject);
  const column = OS_COLUMN.get(os);
  if (row === undefined || column === undefined) return 'unknown';
  return row.states[column] ?? 'unknown';
}

/** Where a subject's default comes from (for rule help text and --explain output). */
export function defaultStateSource(subject: SchannelSubject): string | undefined {
  return defaultStateRow(subject)?.source;
}

// ---------------------------------------------------------------------------------------------
// DisabledByDefault

/**
 * What `DisabledByDefault` is on `os` when a protocol side does not write it:
 * - 'not-read': Windows Server 2003 (no source says SChannel reads the value there: only `Enabled` counts);
 * - 'absent': the OS does not have the protocol;
 * - 'yes': disabled by default (TLS 1.1/1.2 on 2008 SP2 and 2008 R2, KB245030 and PROTOCOLS);
 * - 'no': PROTOCOLS lists the side as enabled by default, which it cannot be while disabled by default;
 * - 'unknown': the side is "disabled" by default, but no source says whether through `Enabled` or this value.
 */
export type DisabledByDefaultDefault = 'yes' | 'no' | 'not-read' | 'absent' | 'unknown';

export const DISABLED_BY_DEFAULT_SOURCE =
  'Microsoft Learn "Protocols in TLS/SSL (Schannel SSP)" (per-OS defaults); KB245030 (2008 SP2 / 2008 R2: TLS 1.1/1.2 ' +
  'ship disabled by default); no source says Windows Server 2003 reads DisabledByDefault';

const SHIPS_DISABLED_BY_DEFAULT = new Set(['tls 1.1', 'tls 1.2']);

export function isServer2003(os: OsProfile): boolean {
  return os === 'win2003-sp1' || os === 'win2003-sp2';
}

export function defaultDisabledByDefault(os: OsProfile, subject: SchannelSubject): DisabledByDefaultDefault {
  if (subject.category !== 'protocol') return 'absent';
  if (isServer2003(os)) return 'not-read';
  const enabled = defaultState(os, subject);
  if (enabled === 'absent') return 'absent';
  if ((os === 'win2008' || os === 'win2008r2') && SHIPS_DISABLED_BY_DEFAULT.has(foldCase(subject.name))) return 'yes';
  if (enabled === 'enabled') return 'no';
  return 'unknown';
}

/** OS profiles in release order; `compareOs(a, b)` < 0 when a is older. */
export function compareOs(a: OsProfile, b: OsProfile): number {
  return OS_PROFILES.indexOf(a) - OS_PROFILES.indexOf(b);
}

/** Whether `os` is `than` or newer. */
export function isAtLeast(os: OsProfile, than: OsProfile): boolean {
  return compareOs(os, than) >= 0;
}
