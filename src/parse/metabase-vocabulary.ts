/**
 * The metabase's vocabulary: the slice of MBSchema.xml the linter knows (property name, ID,
 * type, INHERIT). Both the parser (a `<Custom>` element's ID names its property; attribute
 * names get their ID) and the model (inheritance) read it; it sits in parse so that data flows
 * one way (parse never imports model). The flag tables and value decoders stay in
 * src/model/metabase-schema.ts.
 */

export type MetabasePropertyType = 'flags' | 'bool' | 'dword' | 'string' | 'multisz' | 'binary' | 'expandsz';

export interface MetabasePropertySchema {
  /** The name MetaBase.xml writes (an attribute name; case-sensitive). */
  readonly name: string;
  /** The metabase identifier (MD_* constant value). */
  readonly id: number;
  readonly type: MetabasePropertyType;
  /** INHERIT in MBSchema.xml: a value set on a key applies to every key below it. */
  readonly inherit: boolean;
}

// Every property named in DOMAIN.md §2. `inherit: true` only where MBSchema.xml / the Windows
// Server 2003 property reference confirms INHERIT; the others are unverified and left false.
const PROPERTIES: readonly MetabasePropertySchema[] = [
  { name: 'AccessSSLFlags', id: 6030, type: 'flags', inherit: true },
  // Read only on IIsWebService and IIsWebServer (a per-site handshake setting; see
  // SITE_LEVEL_PROPERTIES): inherited by the sites below /LM/W3SVC.
  { name: 'SSLAlwaysNegoClientCert', id: 5521, type: 'bool', inherit: true },
  // Configurable on IIsWebService only; INHERIT (IIS 6.0 SDK property page).
  { name: 'SslUseDsMapper', id: 5519, type: 'bool', inherit: true },
  // The three revocation properties are INHERIT in the Windows Server 2003 property reference.
  { name: 'CertCheckMode', id: 2160, type: 'dword', inherit: true },
  { name: 'RevocationFreshnessTime', id: 2161, type: 'dword', inherit: true },
  { name: 'RevocationURLRetrievalTimeout', id: 2162, type: 'dword', inherit: true },
  // The server certificate: INHERIT (IIS 6.0 SDK property pages).
  { name: 'SSLCertHash', id: 5506, type: 'binary', inherit: true },
  { name: 'SSLStoreName', id: 5511, type: 'string', inherit: true },
  // Certificate trust list for client certificates: inheritance not confirmed.
  { name: 'SslCtlIdentifier', id: 5512, type: 'string', inherit: false },
  { name: 'SslCtlStoreName', id: 5517, type: 'string', inherit: false },
  // Bindings: the final Windows Server 2003 reference says NO_ATTRIBUTES for ServerBindings (a
  // preliminary one said INHERIT); SecureBindings not confirmed either way.
  { name: 'SecureBindings', id: 2021, type: 'multisz', inherit: false },
  { name: 'ServerBindings', id: 1023, type: 'multisz', inherit: false },
  { name: 'AccessFlags', id: 6016, type: 'flags', inherit: true },
  { name: 'AuthFlags', id: 6000, type: 'flags', inherit: true },
  { name: 'DirBrowseFlags', id: 6005, type: 'flags', inherit: true },
  { name: 'ServerComment', id: 1015, type: 'string', inherit: false },
  { name: 'Path', id: 3001, type: 'string', inherit: false },
  // MD_APP_ROOT is 2103 and INHERIT (IIS 6.0 SDK). 2111 is PeriodicRestartTime, which this
  // table does not model: a `<Custom ID="2111">` keeps its own name.
  { name: 'AppRoot', id: 2103, type: 'string', inherit: true },
];

const BY_NAME = new Map(PROPERTIES.map((property) => [property.name, property]));
const BY_LOWER_NAME = new Map(PROPERTIES.map((property) => [property.name.toLowerCase(), property]));
const BY_ID = new Map(PROPERTIES.map((property) => [property.id, property]));

export const METABASE_PROPERTIES: readonly MetabasePropertySchema[] = PROPERTIES;

/** Lookup by the exact, case-sensitive name IIS expects. */
export function propertyByName(name: string): MetabasePropertySchema | undefined {
  return BY_NAME.get(name);
}

/** Lookup ignoring case: to recognise `accessSslFlags`, which IIS itself does NOT accept. */
export function propertyByNameIgnoringCase(name: string): MetabasePropertySchema | undefined {
  return BY_LOWER_NAME.get(name.toLowerCase());
}

export function propertyById(id: number): MetabasePropertySchema | undefined {
  return BY_ID.get(id);
}
