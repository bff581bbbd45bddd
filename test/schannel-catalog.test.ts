import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_STATE_TABLE,
  defaultState,
  defaultStateSource,
  OS_PROFILES,
  type OsProfile,
  defaultDisabledByDefault,
} from '../src/model/os-profiles.js';
import {
  canonicalSchannelName,
  classifySchannelKey,
  interpretEnabled,
  isProtocolReadOn,
  cipherAlgorithm,
  isRc2Cipher,
  isReadOn,
  RC2_CIPHERS,
  SCHANNEL_ROOT,
  SCHANNEL_SUBJECTS,
  schannelRelativeSegments,
  type SchannelKeyClass,
} from '../src/model/schannel-catalog.js';
import { decodeBytes } from '../src/parse/text.js';
import { corpusDir } from './support/corpus.js';


/** Classify a path written with `\` separators (test convenience only). */
function classify(path: string, os?: OsProfile): SchannelKeyClass {
  return classifySchannelKey(path === '' ? [] : path.split('\\'), os);
}

const unknown = (reason: string, suggestion?: string): SchannelKeyClass =>
  suggestion === undefined
    ? ({ kind: 'unknown', reason } as SchannelKeyClass)
    : ({ kind: 'unknown', reason, suggestion } as SchannelKeyClass);

describe('classifySchannelKey: keys SChannel reads', () => {
  it('answers a path again from the per-process table: the same frozen answer, per spelling and per OS', () => {
    // Paths of their own (no other test classifies them first): the first answer is computed.
    const first = classify('Protocols\\PCT 1.0\\Server', 'win2003-sp2');
    expect(classify('Protocols\\PCT 1.0\\Server', 'win2003-sp2')).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    // A prefix of a known path, another OS and another spelling are answered for themselves.
    expect(classify('Protocols\\PCT 1.0', 'win2003-sp2')).toEqual({ kind: 'protocol', name: 'PCT 1.0' });
    expect(classify('Protocols\\PCT 1.0\\Server', 'win2019')).toEqual({ kind: 'unknown', reason: 'wrong-os' });
    expect(classify('protocols\\pct 1.0\\server', 'win2003-sp2')).not.toBe(first);
  });

  it('classifies the root, the containers and CipherSuites content', () => {
    expect(classify('')).toEqual({ kind: 'root' });
    expect(classify('Ciphers')).toEqual({ kind: 'container', name: 'Ciphers' });
    expect(classify('CipherSuites')).toEqual({ kind: 'container', name: 'CipherSuites' });
    expect(classify('Hashes')).toEqual({ kind: 'container', name: 'Hashes' });
    expect(classify('KeyExchangeAlgorithms')).toEqual({ kind: 'container', name: 'KeyExchangeAlgorithms' });
    expect(classify('Protocols')).toEqual({ kind: 'container', name: 'Protocols' });
    expect(classify('CipherSuites\\Anything\\Deeper')).toEqual({ kind: 'ignoredByDesign' });
    expect(classify('Messaging')).toEqual({ kind: 'ignoredByDesign' });
  });

  it('classifies protocol keys, sides and algorithm keys with canonical names', () => {
    expect(classify('Protocols\\TLS 1.0')).toEqual({ kind: 'protocol', name: 'TLS 1.0' });
    expect(classify('Protocols\\TLS 1.0\\Server')).toEqual({
      kind: 'subject',
      subject: { category: 'protocol', name: 'TLS 1.0', side: 'Server' },
    });
    expect(classify('Protocols\\Multi-Protocol Unified Hello\\Client')).toEqual({
      kind: 'subject',
      subject: { category: 'protocol', name: 'Multi-Protocol Unified Hello', side: 'Client' },
    });
    expect(classify('Ciphers\\RC4 128/128')).toEqual({ kind: 'subject', subject: { category: 'cipher', name: 'RC4 128/128' } });
    expect(classify('Hashes\\SHA256')).toEqual({ kind: 'subject', subject: { category: 'hash', name: 'SHA256' } });
    expect(classify('KeyExchangeAlgorithms\\Diffie-Hellman')).toEqual({
      kind: 'subject',
      subject: { category: 'keyExchange', name: 'Diffie-Hellman' },
    });
  });

  it('compares names case-insensitively, as the registry does', () => {
    expect(classify('protocols\\tls 1.2\\SERVER')).toEqual({
      kind: 'subject',
      subject: { category: 'protocol', name: 'TLS 1.2', side: 'Server' },
    });
    expect(classify('CIPHERS\\triple des 168', 'win2008')).toEqual({
      kind: 'subject',
      subject: { category: 'cipher', name: 'Triple DES 168' },
    });
    expect(classify('ciphers')).toEqual({ kind: 'container', name: 'Ciphers' });
    // Only ASCII folds: U+212A KELVIN SIGN is not `K` to the registry.
    expect(classify('\u212AeyExchangeAlgorithms')).toEqual(unknown('misspelt', 'KeyExchangeAlgorithms'));
  });

  it('accepts RC2 56/56 (KB245030: the key SChannel on 2003 reads for 56-bit DES)', () => {
    expect(classify('Ciphers\\RC2 56/56', 'win2003-sp1')).toEqual({ kind: 'subject', subject: { category: 'cipher', name: 'RC2 56/56' } });
  });
});

describe('classifySchannelKey: misspelt', () => {
  it('suggests the known name for blanks, case and small edits, keeping the rest as written', () => {
    expect(classify('Protocols\\TLS1.2\\Server')).toEqual(unknown('misspelt', 'Protocols\\TLS 1.2\\Server'));
    expect(classify('Protocols\\TLS 1.2 \\Server')).toEqual(unknown('misspelt', 'Protocols\\TLS 1.2\\Server'));
    expect(classify('protocols\\tlsv1.2\\SERVER')).toEqual(unknown('misspelt', 'protocols\\TLS 1.2\\SERVER'));
    expect(classify('Cipher\\RC4 128/128')).toEqual(unknown('misspelt', 'Ciphers\\RC4 128/128'));
    expect(classify('Protocol')).toEqual(unknown('misspelt', 'Protocols'));
    expect(classify('Hashes\\SHA-256')).toEqual(unknown('misspelt', 'Hashes\\SHA256'));
    expect(classify('Hashes\\SHA1')).toEqual(unknown('misspelt', 'Hashes\\SHA'));
    expect(classify('KeyExchangeAlgorithms\\Diffie Hellman')).toEqual(unknown('misspelt', 'KeyExchangeAlgorithms\\Diffie-Hellman'));
    expect(classify('Ciphers\\DES 56')).toEqual(unknown('misspelt', 'Ciphers\\DES 56/56'));
    expect(classify('Ciphers\\RC4\u200B 40/128')).toEqual(unknown('misspelt', 'Ciphers\\RC4 40/128'));
  });

  it('repairs a cipher name split by a backslash', () => {
    expect(classify('Ciphers\\RC4 128\\128')).toEqual(unknown('misspelt', 'Ciphers\\RC4 128/128'));
    expect(classify('Ciphers\\Triple DES 168\\168', 'win2003-sp1')).toEqual(unknown('misspelt', 'Ciphers\\Triple DES 168/168'));
    expect(classify('Ciphers\\Triple DES 168', 'win2008').kind).toBe('subject');
  });

  it('suggests Server or Client for a misspelt side', () => {
    expect(classify('Protocols\\TLS 1.2\\Servr')).toEqual(unknown('misspelt', 'Protocols\\TLS 1.2\\Server'));
    expect(classify('Protocols\\SSL 3.0\\client ')).toEqual(unknown('misspelt', 'Protocols\\SSL 3.0\\Client'));
  });

  it('corrects every segment of the intended path', () => {
    expect(classify('Protocol\\TLS1.2\\Servr')).toEqual(unknown('misspelt', 'Protocols\\TLS 1.2\\Server'));
  });

  it('gives no suggestion when two known names are equally close', () => {
    expect(classify('Protocols\\XTLS 1.0\\Server')).toEqual(unknown('misspelt'));
    expect(classify('Ciphers\\RC2 56')).toEqual(unknown('misspelt'));
  });

  it('does not turn one algorithm into another whose number differs', () => {
    expect(classify('Hashes\\MD4')).toEqual(unknown('unknown-name'));
    expect(classify('Protocols\\TLS 1.4')).toEqual(unknown('unknown-name'));
    expect(classify('Ciphers\\RC4 48/128')).toEqual(unknown('unknown-name'));
  });
});

describe('classifySchannelKey: lookalike slash', () => {
  it('flags U+2215, U+2044 and U+FF0F instead of /', () => {
    expect(classify('Ciphers\\RC4 128\u2215128')).toEqual(unknown('lookalike-slash', 'Ciphers\\RC4 128/128'));
    expect(classify('Ciphers\\RC2 40\u2044128')).toEqual(unknown('lookalike-slash', 'Ciphers\\RC2 40/128'));
    expect(classify('Ciphers\\DES 56\uFF0F56')).toEqual(unknown('lookalike-slash', 'Ciphers\\DES 56/56'));
  });

  it('suggests the name this OS reads', () => {
    expect(classify('Ciphers\\Triple DES 168\u2215168', 'win2012')).toEqual(unknown('lookalike-slash', 'Ciphers\\Triple DES 168'));
    expect(classify('Ciphers\\AES 128\u2215128', 'win2003-sp2')).toEqual(unknown('lookalike-slash'));
  });
});

describe('classifySchannelKey: wrong OS', () => {
  it('Triple DES 168 on Server 2003 → Triple DES 168/168, and the reverse on 2008+', () => {
    expect(classify('Ciphers\\Triple DES 168', 'win2003-sp1')).toEqual(unknown('wrong-os', 'Ciphers\\Triple DES 168/168'));
    expect(classify('Ciphers\\Triple DES 168', 'win2003-sp2')).toEqual(unknown('wrong-os', 'Ciphers\\Triple DES 168/168'));
    expect(classify('Ciphers\\Triple DES 168/168', 'win2008')).toEqual(unknown('wrong-os', 'Ciphers\\Triple DES 168'));
    expect(classify('Ciphers\\Triple DES 168/168', 'win2025')).toEqual(unknown('wrong-os', 'Ciphers\\Triple DES 168'));
    expect(classify('Ciphers\\Triple DES 168/168', 'win2003-sp1')).toEqual({
      kind: 'subject',
      subject: { category: 'cipher', name: 'Triple DES 168/168' },
    });
  });

  it('AES, SHA-2, ECDH and TLS 1.1+ on 2003 do nothing and have no substitute', () => {
    expect(classify('Ciphers\\AES 256/256', 'win2003-sp1')).toEqual(unknown('wrong-os'));
    expect(classify('Hashes\\SHA384', 'win2003-sp1')).toEqual(unknown('wrong-os'));
    expect(classify('KeyExchangeAlgorithms\\ECDH', 'win2003-sp2')).toEqual(unknown('wrong-os'));
    expect(classify('Protocols\\TLS 1.2', 'win2003-sp1')).toEqual(unknown('wrong-os'));
    expect(classify('Protocols\\TLS 1.1\\Server', 'win2003-sp1')).toEqual(unknown('wrong-os'));
  });

  it('PCT on 2008+, SSL 2.0 on 2016+, TLS 1.3 before 2022, DTLS by version', () => {
    expect(classify('Protocols\\PCT 1.0\\Server', 'win2008')).toEqual(unknown('wrong-os'));
    expect(classify('Protocols\\PCT 1.0\\Server', 'win2003-sp2')).toEqual({
      kind: 'subject',
      subject: { category: 'protocol', name: 'PCT 1.0', side: 'Server' },
    });
    expect(classify('Protocols\\SSL 2.0\\Server', 'win2016')).toEqual(unknown('wrong-os'));
    expect(classify('Protocols\\SSL 2.0\\Server', 'win2012r2').kind).toBe('subject');
    expect(classify('Protocols\\TLS 1.3\\Server', 'win2012r2')).toEqual(unknown('wrong-os'));
    // Some 2016/2019 builds read the TLS 1.3 keys: accepted there (TLS006 reports enabling them).
    expect(classify('Protocols\\TLS 1.3\\Server', 'win2019').kind).toBe('subject');
    expect(classify('Protocols\\TLS 1.3\\Server', 'win2022').kind).toBe('subject');
    expect(classify('Protocols\\DTLS 1.0\\Server', 'win2008')).toEqual(unknown('wrong-os'));
    expect(classify('Protocols\\DTLS 1.0\\Server', 'win2008r2').kind).toBe('subject');
    expect(classify('Protocols\\DTLS 1.2\\Client', 'win2012r2')).toEqual(unknown('wrong-os'));
  });

  it('accepts a name valid on any version when the OS is unknown', () => {
    for (const path of [
      'Ciphers\\Triple DES 168',
      'Ciphers\\Triple DES 168/168',
      'Ciphers\\AES 128/128',
      'Protocols\\PCT 1.0\\Server',
      'Protocols\\TLS 1.3\\Client',
    ]) {
      expect(classify(path).kind).toBe('subject');
    }
  });
});

describe('classifySchannelKey: value written as a key', () => {
  it('suggests the key that should hold the value', () => {
    expect(classify('Protocols\\TLS 1.0\\Server\\Enabled')).toEqual(unknown('value-as-key', 'Protocols\\TLS 1.0\\Server'));
    expect(classify('Protocols\\SSL 3.0\\Client\\DisabledByDefault')).toEqual(unknown('value-as-key', 'Protocols\\SSL 3.0\\Client'));
    expect(classify('Ciphers\\RC4 40/128\\enabled')).toEqual(unknown('value-as-key', 'Ciphers\\RC4 40/128'));
    expect(classify('Ciphers\\NULL\\Enable')).toEqual(unknown('value-as-key', 'Ciphers\\NULL'));
  });

  it('gives no suggestion when the holder cannot be told', () => {
    expect(classify('Protocols\\TLS 1.0\\Enabled')).toEqual(unknown('value-as-key'));
    expect(classify('Ciphers\\Enabled')).toEqual(unknown('value-as-key'));
  });

  it('reports the outermost mistake and the whole intended key', () => {
    expect(classify('Protocols\\TLS1.0\\Server\\Enabled')).toEqual(unknown('misspelt', 'Protocols\\TLS 1.0\\Server'));
  });
});

describe('classifySchannelKey: wrong parent', () => {
  it('moves a known name to its container', () => {
    expect(classify('KeyExchangeAlgorithms\\Triple DES 168')).toEqual(unknown('wrong-parent', 'Ciphers\\Triple DES 168'));
    expect(classify('KeyExchangeAlgorithms\\Triple DES 168', 'win2003-sp1')).toEqual(
      unknown('wrong-parent', 'Ciphers\\Triple DES 168/168'),
    );
    expect(classify('Ciphers\\TLS 1.2')).toEqual(unknown('wrong-parent', 'Protocols\\TLS 1.2'));
    expect(classify('Ciphers\\TLS 1.2\\Server')).toEqual(unknown('wrong-parent', 'Protocols\\TLS 1.2\\Server'));
    expect(classify('Protocols\\MD5')).toEqual(unknown('wrong-parent', 'Hashes\\MD5'));
    expect(classify('Ciphers\\TLS1.2')).toEqual(unknown('wrong-parent', 'Protocols\\TLS 1.2'));
  });

  it('inserts the missing container for a name written straight under SCHANNEL', () => {
    expect(classify('TLS 1.2\\Server')).toEqual(unknown('wrong-parent', 'Protocols\\TLS 1.2\\Server'));
    expect(classify('RC4 128/128')).toEqual(unknown('wrong-parent', 'Ciphers\\RC4 128/128'));
  });
});

describe('classifySchannelKey: unknown names', () => {
  it('has no guess for names far from every known one', () => {
    expect(classify('Ciphers\\Blowfish 128/128')).toEqual(unknown('unknown-name'));
    expect(classify('Protocols\\TLS 1.2\\Both')).toEqual(unknown('unknown-name'));
    expect(classify('Protocols\\TLS 1.2\\Server\\Extra')).toEqual(unknown('unknown-name'));
    expect(classify('Ciphers\\RC4 128/128\\Enabled\\Deeper')).toEqual(unknown('unknown-name'));
    expect(classify('SomethingElse')).toEqual(unknown('unknown-name'));
    expect(classify('Ciphers\\')).toEqual(unknown('unknown-name'));
  });

  it('stays cheap on a huge segment', () => {
    expect(classify(`Ciphers\\${'x'.repeat(1_000_000)}`)).toEqual(unknown('unknown-name'));
  });
});

describe('os-profiles defaults', () => {
  const cipher = (name: string) => ({ category: 'cipher', name }) as const;
  const server = (name: string) => ({ category: 'protocol', name, side: 'Server' }) as const;
  const client = (name: string) => ({ category: 'protocol', name, side: 'Client' }) as const;

  it('Server 2003 SP1/SP2: every cipher on except NULL, all RC2 on, PCT server off, no AES, no TLS 1.1', () => {
    for (const os of ['win2003-sp1', 'win2003-sp2'] as const) {
      expect(defaultState(os, cipher('RC2 128/128'))).toBe('enabled');
      expect(defaultState(os, cipher('RC2 56/128'))).toBe('enabled');
      expect(defaultState(os, cipher('RC2 40/128'))).toBe('enabled');
      expect(defaultState(os, cipher('RC2 56/56'))).toBe('enabled');
      expect(defaultState(os, cipher('RC4 128/128'))).toBe('enabled');
      expect(defaultState(os, cipher('DES 56/56'))).toBe('enabled');
      expect(defaultState(os, cipher('Triple DES 168/168'))).toBe('enabled');
      expect(defaultState(os, cipher('NULL'))).toBe('disabled');
      expect(defaultState(os, cipher('AES 128/128'))).toBe('absent');
      expect(defaultState(os, cipher('AES 256/256'))).toBe('absent');
      expect(defaultState(os, cipher('Triple DES 168'))).toBe('absent');
      expect(defaultState(os, { category: 'hash', name: 'MD5' })).toBe('enabled');
      expect(defaultState(os, { category: 'hash', name: 'SHA' })).toBe('enabled');
      expect(defaultState(os, { category: 'keyExchange', name: 'PKCS' })).toBe('enabled');
      expect(defaultState(os, server('PCT 1.0'))).toBe('disabled');
      expect(defaultState(os, client('PCT 1.0'))).toBe('unknown');
      expect(defaultState(os, server('SSL 2.0'))).toBe('enabled');
      expect(defaultState(os, server('SSL 3.0'))).toBe('enabled');
      expect(defaultState(os, server('TLS 1.0'))).toBe('enabled');
      expect(defaultState(os, server('TLS 1.1'))).toBe('absent');
      expect(defaultState(os, client('TLS 1.2'))).toBe('absent');
      expect(defaultState(os, server('DTLS 1.0'))).toBe('absent');
    }
  });

  it('2008 SP2 and 2008 R2: SSL 2.0 server on, TLS 1.1/1.2 present but disabled by default (Enabled default unstated), PCT gone', () => {
    for (const os of ['win2008', 'win2008r2'] as const) {
      expect(defaultState(os, server('SSL 2.0'))).toBe('enabled');
      expect(defaultState(os, client('SSL 2.0'))).toBe('disabled');
      expect(defaultState(os, server('TLS 1.1'))).toBe('unknown');
      expect(defaultState(os, server('TLS 1.2'))).toBe('unknown');
      expect(defaultDisabledByDefault(os, server('TLS 1.2'))).toBe('yes');
      expect(defaultState(os, server('PCT 1.0'))).toBe('absent');
    }
  });

  it('2012: SSL 2.0 server off, TLS 1.2 on; 2016: SSL 3.0 off, SSL 2.0 gone; TLS 1.3 from 2022', () => {
    expect(defaultState('win2012', server('SSL 2.0'))).toBe('disabled');
    expect(defaultState('win2012', server('TLS 1.2'))).toBe('enabled');
    expect(defaultState('win2012', client('TLS 1.2'))).toBe('enabled');
    expect(defaultState('win2012r2', server('SSL 3.0'))).toBe('enabled');
    expect(defaultState('win2016', server('SSL 3.0'))).toBe('disabled');
    expect(defaultState('win2016', client('SSL 3.0'))).toBe('disabled');
    expect(defaultState('win2016', server('SSL 2.0'))).toBe('absent');
    expect(defaultState('win2012r2', server('TLS 1.3'))).toBe('absent');
    expect(defaultState('win2019', server('TLS 1.3'))).toBe('unknown');
    expect(defaultState('win2022', server('TLS 1.3'))).toBe('enabled');
    expect(defaultState('win2025', client('TLS 1.3'))).toBe('enabled');
  });

  it('answers unknown for facts no source confirms', () => {
    expect(defaultState('win2008', cipher('RC2 40/128'))).toBe('unknown');
    expect(defaultState('win2016', cipher('NULL'))).toBe('unknown');
    expect(defaultState('win2019', cipher('AES 256/256'))).toBe('unknown');
    expect(defaultState('win2022', server('Multi-Protocol Unified Hello'))).toBe('unknown');
    expect(defaultState('win2003-sp1', { category: 'keyExchange', name: 'Diffie-Hellman' })).toBe('unknown');
    expect(defaultState('win2012', cipher('No Such Cipher'))).toBe('unknown');
  });

  it('compares names case-insensitively and cites a source for every row', () => {
    expect(defaultState('win2003-sp1', { category: 'cipher', name: 'rc2 40/128' })).toBe('enabled');
    expect(defaultStateSource(server('PCT 1.0'))).toContain('KB187498');
    for (const row of DEFAULT_STATE_TABLE) {
      expect(row.states).toHaveLength(OS_PROFILES.length);
      expect(row.source.length).toBeGreaterThan(0);
    }
  });

  it('has exactly one row per catalogue subject', () => {
    const rowKeys = DEFAULT_STATE_TABLE.map((row) => `${row.category}|${row.name}|${row.side ?? ''}`).sort();
    const subjectKeys = SCHANNEL_SUBJECTS.map(
      (subject) => `${subject.category}|${subject.name}|${subject.category === 'protocol' ? subject.side : ''}`,
    ).sort();
    expect(rowKeys).toEqual(subjectKeys);
    expect(new Set(rowKeys).size).toBe(rowKeys.length);
  });
});

describe('catalogue helpers', () => {
  it('interpretEnabled: 0 disables, any other DWORD enables', () => {
    expect(interpretEnabled(0)).toBe('disabled');
    expect(interpretEnabled(1)).toBe('enabled');
    expect(interpretEnabled(0xffffffff)).toBe('enabled');
  });

  it('RC2 names', () => {
    expect(RC2_CIPHERS.map((cipher) => cipher.name)).toEqual(['RC2 128/128', 'RC2 56/128', 'RC2 40/128']);
    // KB245030 lists `RC2 56/56` under "DES 56": a misnamed DES key, not an RC2 cipher.
    expect(isRc2Cipher('rc2 56/56')).toBe(false);
    expect(cipherAlgorithm('rc2 56/56')).toBe('DES');
    expect(cipherAlgorithm('RC2 40/128')).toBe('RC2');
    expect(cipherAlgorithm('Triple DES 168')).toBe('Triple DES');
    expect(cipherAlgorithm('RC5 40/128')).toBeUndefined();
    expect(isRc2Cipher('RC4 40/128')).toBe(false);
  });

  it('reads names per OS', () => {
    expect(isReadOn('win2003-sp1', { category: 'cipher', name: 'AES 128/128' })).toBe(false);
    expect(isReadOn(undefined, { category: 'cipher', name: 'AES 128/128' })).toBe(true);
    expect(isProtocolReadOn('win2008', 'PCT 1.0')).toBe(false);
    expect(isProtocolReadOn('win2003-sp1', 'PCT 1.0')).toBe(true);
    expect(canonicalSchannelName('hash', 'sha384')).toBe('SHA384');
  });

  it('splits a full key path below SCHANNEL, case-insensitively', () => {
    expect(schannelRelativeSegments(SCHANNEL_ROOT)).toEqual([]);
    expect(
      schannelRelativeSegments('HKEY_LOCAL_MACHINE\\system\\CurrentControlSet\\Control\\SecurityProviders\\schannel\\Protocols\\TLS 1.0'),
    ).toEqual(['Protocols', 'TLS 1.0']);
    expect(schannelRelativeSegments(`${SCHANNEL_ROOT}X\\Ciphers`)).toBeUndefined();
    expect(schannelRelativeSegments('HKEY_LOCAL_MACHINE\\SOFTWARE')).toBeUndefined();
  });
});

/** The distinct `[key]` paths below SCHANNEL in a .reg file, split on `\` (deletions skipped). */
function schannelKeysIn(file: string): string[][] {
  const source = decodeBytes(file, readFileSync(file));
  const paths = new Set<string>();
  for (const line of source.text.split(/\r\n|\r|\n/)) {
    const trimmed = line.trimStart();
    if (!trimmed.startsWith('[') || trimmed.startsWith('[-')) continue;
    const close = trimmed.lastIndexOf(']');
    if (close < 0) continue;
    const segments = schannelRelativeSegments(trimmed.slice(1, close));
    if (segments !== undefined) paths.add(segments.join('\\'));
  }
  return [...paths].map((path) => (path === '' ? [] : path.split('\\')));
}

function unknownsIn(file: string, os: OsProfile | undefined): Record<string, SchannelKeyClass> {
  const found: Record<string, SchannelKeyClass> = {};
  for (const segments of schannelKeysIn(file)) {
    const classification = classifySchannelKey(segments, os);
    if (classification.kind === 'unknown') found[segments.join('\\')] = classification;
  }
  return found;
}

describe.skipIf(!existsSync(corpusDir))('corpus: every SCHANNEL key classified', () => {
  const racetracks = `${corpusDir}reg/racetracks-bestpractice-tls13.reg`;
  const pssl = `${corpusDir}reg/pssl-regedit-export-utf16.reg`;

  it('finds the keys it should', () => {
    expect(schannelKeysIn(racetracks)).toHaveLength(36);
    expect(schannelKeysIn(pssl).map((segments) => segments.join('\\'))).toEqual([
      '',
      'Ciphers',
      'CipherSuites',
      'Hashes',
      'KeyExchangeAlgorithms',
      'Protocols',
      'Protocols\\SSL 2.0',
      'Protocols\\SSL 2.0\\Client',
    ]);
  });

  it('racetracks best practice: nothing unknown when the OS is unknown', () => {
    expect(unknownsIn(racetracks, undefined)).toEqual({});
  });

  it('racetracks best practice on Server 2003: the Vista+ names do nothing', () => {
    expect(unknownsIn(racetracks, 'win2003-sp1')).toEqual({
      'Ciphers\\Triple DES 168': unknown('wrong-os', 'Ciphers\\Triple DES 168/168'),
      'Ciphers\\AES 128/128': unknown('wrong-os'),
      'Ciphers\\AES 256/256': unknown('wrong-os'),
      'Hashes\\SHA256': unknown('wrong-os'),
      'Hashes\\SHA384': unknown('wrong-os'),
      'Hashes\\SHA512': unknown('wrong-os'),
      'KeyExchangeAlgorithms\\ECDH': unknown('wrong-os'),
      'Protocols\\TLS 1.1\\Client': unknown('wrong-os'),
      'Protocols\\TLS 1.1\\Server': unknown('wrong-os'),
      'Protocols\\TLS 1.2\\Client': unknown('wrong-os'),
      'Protocols\\TLS 1.2\\Server': unknown('wrong-os'),
      'Protocols\\TLS 1.3\\Client': unknown('wrong-os'),
      'Protocols\\TLS 1.3\\Server': unknown('wrong-os'),
    });
  });

  it('regedit export of a stock tree: nothing unknown, whatever the OS', () => {
    expect(unknownsIn(pssl, undefined)).toEqual({});
    expect(unknownsIn(pssl, 'win2003-sp1')).toEqual({});
  });
});
