import { describe, expect, it } from 'vitest';
import {
  decodeBool,
  decodeDword,
  decodeFlags,
  decodeMultiSz,
  decodeMultiSzEntries,
  flagTable,
  isCheckableFlagProperty,
  METABASE_PROPERTIES,
  propertyById,
  propertyByName,
  propertyByNameIgnoringCase,
  propertyInherits,
} from '../src/model/metabase-schema.js';

describe('property table', () => {
  it('holds every property of DOMAIN.md §2 with its ID and type', () => {
    const rows = METABASE_PROPERTIES.map((p) => [p.name, p.id, p.type]);
    expect(rows).toEqual([
      ['AccessSSLFlags', 6030, 'flags'],
      ['SSLAlwaysNegoClientCert', 5521, 'bool'],
      ['SslUseDsMapper', 5519, 'bool'],
      ['CertCheckMode', 2160, 'dword'],
      ['RevocationFreshnessTime', 2161, 'dword'],
      ['RevocationURLRetrievalTimeout', 2162, 'dword'],
      ['SSLCertHash', 5506, 'binary'],
      ['SSLStoreName', 5511, 'string'],
      ['SslCtlIdentifier', 5512, 'string'],
      ['SslCtlStoreName', 5517, 'string'],
      ['SecureBindings', 2021, 'multisz'],
      ['ServerBindings', 1023, 'multisz'],
      ['AccessFlags', 6016, 'flags'],
      ['AuthFlags', 6000, 'flags'],
      ['DirBrowseFlags', 6005, 'flags'],
      ['ServerComment', 1015, 'string'],
      ['Path', 3001, 'string'],
      ['AppRoot', 2103, 'string'],
    ]);
  });

  it('marks INHERIT only where confirmed', () => {
    const inheriting = METABASE_PROPERTIES.filter((p) => p.inherit).map((p) => p.name);
    expect(inheriting).toEqual([
      'AccessSSLFlags',
      'SSLAlwaysNegoClientCert',
      'SslUseDsMapper',
      'CertCheckMode',
      'RevocationFreshnessTime',
      'RevocationURLRetrievalTimeout',
      'SSLCertHash',
      'SSLStoreName',
      'AccessFlags',
      'AuthFlags',
      'DirBrowseFlags',
      'AppRoot',
    ]);
  });

  it('looks names up case-sensitively, as IIS does; a separate lookup ignores case', () => {
    expect(propertyByName('AccessSSLFlags')?.id).toBe(6030);
    expect(propertyByName('AccessSslFlags')).toBeUndefined();
    expect(propertyByNameIgnoringCase('accesssslflags')?.name).toBe('AccessSSLFlags');
    expect(propertyByName('toString')).toBeUndefined();
  });

  it('looks IDs up', () => {
    expect(propertyById(6030)?.name).toBe('AccessSSLFlags');
    expect(propertyById(5519)?.name).toBe('SslUseDsMapper');
    expect(propertyById(5019)).toBeUndefined();
  });

  it('knows AppRoot as 2103 and never takes 2111 (PeriodicRestartTime) for it', () => {
    expect(propertyById(2103)?.name).toBe('AppRoot');
    expect(propertyById(2111)).toBeUndefined();
    expect(propertyInherits({ name: 'AppRoot', origin: 'attribute' })).toBe(true);
    expect(propertyInherits({ name: 'PeriodicRestartTime', id: 2111, origin: 'custom' })).toBe(false);
  });
});

describe('propertyInherits', () => {
  it('follows the schema for attributes and Customs without Attributes', () => {
    expect(propertyInherits({ name: 'AccessSSLFlags', origin: 'attribute' })).toBe(true);
    expect(propertyInherits({ name: 'ServerComment', origin: 'attribute' })).toBe(false);
    expect(propertyInherits({ name: 'Unknown', origin: 'attribute' })).toBe(false);
    expect(propertyInherits({ name: 'Custom(6030)', id: 6030, origin: 'custom' })).toBe(true);
  });

  it("lets a Custom's own Attributes decide", () => {
    expect(propertyInherits({ name: 'MD_X', id: 1030, origin: 'custom', customAttributes: 'INHERIT' })).toBe(true);
    expect(propertyInherits({ name: 'MD_X', id: 1030, origin: 'custom', customAttributes: 'SECURE | INHERIT' })).toBe(true);
    expect(propertyInherits({ name: 'AccessSSLFlags', id: 6030, origin: 'custom', customAttributes: 'NO_ATTRIBUTES' })).toBe(false);
  });
});

describe('flag tables', () => {
  it('has exactly the DOMAIN.md names and bits, mask = OR of the bits', () => {
    expect(flagTable('AccessSSLFlags').flags.map((f) => [f.name, f.bit])).toEqual([
      ['AccessSSL', 8],
      ['AccessSSLNegotiateCert', 32],
      ['AccessSSLRequireCert', 64],
      ['AccessSSLMapCert', 128],
      ['AccessSSL128', 256],
    ]);
    expect(flagTable('AccessSSLFlags').mask).toBe(0x1e8);
    expect(flagTable('AccessFlags').mask).toBe(0xf617);
    expect(flagTable('AuthFlags').mask).toBe(0x57);
    expect(flagTable('DirBrowseFlags').mask).toBe(0xc000003e);
    expect(flagTable('DirBrowseFlags').flags.find((f) => f.name === 'EnableDirBrowsing')?.bit).toBe(0x80000000);
  });

  it('checks only the four properties with complete tables', () => {
    expect(['AccessSSLFlags', 'AccessFlags', 'AuthFlags', 'DirBrowseFlags'].every(isCheckableFlagProperty)).toBe(true);
    expect(isCheckableFlagProperty('LogExtFileFlags')).toBe(false);
    expect(isCheckableFlagProperty('toString')).toBe(false);
  });
});

describe('decodeFlags', () => {
  it('decodes symbolic names joined by |', () => {
    expect(decodeFlags('AccessSSLFlags', 'AccessSSL | AccessSSLRequireCert')).toEqual({
      bits: 72,
      form: 'symbolic',
      tokens: [
        { text: 'AccessSSL', offset: 0, known: true, bit: 8, exactCase: true },
        { text: 'AccessSSLRequireCert', offset: 12, known: true, bit: 64, exactCase: true },
      ],
      unknownTokens: [],
      unknownBits: 0,
    });
  });

  it('accepts any white space, a trailing space, commas and line breaks between names', () => {
    expect(decodeFlags('AccessFlags', 'AccessRead | AccessScript ')).toMatchObject({ bits: 0x201, unknownTokens: [] });
    const spread = decodeFlags('AuthFlags', 'AuthBasic|AuthNTLM,\r\n\t AuthMD5');
    expect(spread.bits).toBe(0x16);
    expect(spread.tokens.map((t) => [t.text, t.offset])).toEqual([
      ['AuthBasic', 0],
      ['AuthNTLM', 10],
      ['AuthMD5', 23],
    ]);
  });

  it('gives a misspelt name no bit and its offset within the value', () => {
    const misspelt = decodeFlags('AccessSSLFlags', 'AccessSSL | AccessSSLRequireCer | AccessSSLNegotiateCert');
    expect(misspelt.bits).toBe(8 | 32);
    expect(misspelt.unknownTokens).toEqual([{ text: 'AccessSSLRequireCer', offset: 12, known: false }]);
    expect(misspelt.tokens).toHaveLength(3);
    // A name of another flag property is unknown here too.
    expect(decodeFlags('AuthFlags', 'AccessRead').unknownTokens.map((t) => t.text)).toEqual(['AccessRead']);
  });

  it('counts a name written in another case, marking it', () => {
    const lower = decodeFlags('AccessSSLFlags', 'accessssl');
    expect(lower.bits).toBe(8);
    expect(lower.tokens).toEqual([{ text: 'accessssl', offset: 0, known: true, bit: 8, exactCase: false }]);
  });

  it('reads FLAG_nn as bit nn, outside the mask as unknown bits', () => {
    expect(decodeFlags('AccessSSLFlags', 'FLAG_03')).toMatchObject({ bits: 8, unknownBits: 0, unknownTokens: [] });
    expect(decodeFlags('AccessSSLFlags', 'FLAG_31')).toMatchObject({ bits: 0x80000000, unknownBits: 0x80000000 });
    expect(decodeFlags('AccessSSLFlags', 'FLAG_32').unknownTokens).toHaveLength(1);
  });

  it('reads a decimal number, with bits outside the mask', () => {
    expect(decodeFlags('AccessSSLFlags', '104')).toEqual({ bits: 104, form: 'numeric', tokens: [], unknownTokens: [], unknownBits: 0 });
    expect(decodeFlags('AccessSSLFlags', '9')).toMatchObject({ bits: 9, unknownBits: 1 });
    expect(decodeFlags('AccessFlags', '-1')).toMatchObject({ bits: 0xffffffff, unknownBits: (~0xf617 >>> 0) });
    expect(decodeFlags('AccessFlags', '99999999999')).toMatchObject({ bits: 0xffffffff });
  });

  it('reads 0x10 as 0 (IIS parses decimal only) and reports the dropped text', () => {
    expect(decodeFlags('AccessSSLFlags', '0x10')).toMatchObject({ form: 'numeric', bits: 0, ignoredText: { text: 'x10', offset: 1 } });
    expect(decodeFlags('AccessSSLFlags', '104 ')).not.toHaveProperty('ignoredText');
  });

  it('reads a value starting with white space as a number, as IIS does', () => {
    expect(decodeFlags('AccessSSLFlags', ' AccessSSL')).toMatchObject({ form: 'numeric', bits: 0, ignoredText: { text: 'AccessSSL', offset: 1 } });
  });

  it('reads an empty value as 0', () => {
    expect(decodeFlags('AccessSSLFlags', '')).toEqual({ bits: 0, form: 'empty', tokens: [], unknownTokens: [], unknownBits: 0 });
  });
});

describe('decodeBool', () => {
  it('reads TRUE/FALSE in any case and the other words IIS accepts', () => {
    expect(['TRUE', 'true', 'True', 'yes', 'on', '1', 'T', 'tru'].map(decodeBool)).toEqual(Array(8).fill(true));
    expect(['FALSE', 'false', 'no', 'off', '0', 'f', 'o'].map(decodeBool)).toEqual(Array(7).fill(false));
  });

  it('reads numbers like IIS: non-zero is TRUE, a leading space makes it a number', () => {
    expect(decodeBool('2')).toBe(true);
    expect(decodeBool('-1')).toBe(true);
    expect(decodeBool(' TRUE')).toBe(false);
  });

  it('rejects the rest', () => {
    expect(decodeBool('')).toBeUndefined();
    expect(decodeBool('TRUEX')).toBeUndefined();
    expect(decodeBool('maybe')).toBeUndefined();
  });
});

describe('decodeDword', () => {
  it('reads decimal numbers as wcstoul does', () => {
    expect(decodeDword('20971520')).toBe(20971520);
    expect(decodeDword('4294967295')).toBe(4294967295);
    expect(decodeDword('4294967296')).toBe(4294967295);
    expect(decodeDword('-1')).toBe(4294967295);
    expect(decodeDword('12abc')).toBe(12);
    expect(decodeDword('0x10')).toBe(0);
    expect(decodeDword(' 7')).toBe(7);
  });

  it('has no number for an empty or symbolic value', () => {
    expect(decodeDword('')).toBeUndefined();
    expect(decodeDword('AccessRead')).toBeUndefined();
  });
});

describe('decodeMultiSz', () => {
  it('splits on line breaks, trims each entry and drops blank lines', () => {
    expect(decodeMultiSz(':443:\r\n\t\t\t10.0.0.1:443:www.example.com \r\n\r\n\t\t\t')).toEqual([':443:', '10.0.0.1:443:www.example.com']);
    expect(decodeMultiSz('a\nb\rc')).toEqual(['a', 'b', 'c']);
    expect(decodeMultiSz('')).toEqual([]);
  });

  it('gives each entry its offset within the value', () => {
    expect(decodeMultiSzEntries(':80:\r\n\t\t\t:81:host')).toEqual([
      { text: ':80:', offset: 0 },
      { text: ':81:host', offset: 9 },
    ]);
  });
});
