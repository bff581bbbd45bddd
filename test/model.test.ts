/**
 * The server model: detection by content, registry tree (order, deletions, root aliases),
 * metabase inheritance, SChannel state with provenance, http.sys, target OS, and every corpus
 * file loading into a model.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadServer, parseServerFiles, type FileInput } from '../src/engine/load.js';
import { certMapperHoldsMappings, MetabaseModel } from '../src/model/metabase.js';
import { parseMetabase } from '../src/parse/metabase.js';
import {
  abbreviatedRootOf,
  compareFileNames,
  compareNatural,
  comparePlainFileNames,
  isAtOrBelow,
  registryPathSegments,
  sameRegistryName,
} from '../src/model/registry.js';
import { detectKind } from '../src/parse/detect.js';
import { decodeBytes, sourceFromText } from '../src/parse/text.js';
import { corpusDir } from './support/corpus.js';

const SCHANNEL = 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL';
const HTTP = 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters';
const V5 = 'Windows Registry Editor Version 5.00';

const text = (name: string, lines: string[], newline = '\r\n'): FileInput => ({ path: name, bytes: Buffer.from(lines.join(newline)) });
const utf16 = (name: string, lines: string[]): FileInput => ({
  path: name,
  bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(lines.join('\r\n'), 'utf16le')]),
});

function metabase(...keys: string[][]): FileInput {
  return text('MetaBase.xml', ['<?xml version ="1.0"?>', '<configuration>', '<MBProperty>', ...keys.flat(), '</MBProperty>', '</configuration>', '']);
}

function key(className: string, location: string, ...attributes: string[]): string[] {
  return [`<${className}\tLocation ="${location}"`, ...attributes.map((attribute) => `\t\t${attribute}`), '\t>', `</${className}>`];
}

describe('detection by content', () => {
  it.each([
    ['an IIS 6 metabase without xmlns', '<?xml version ="1.0"?>\r\n<configuration>\r\n<MBProperty>\r\n</MBProperty>\r\n</configuration>', 'metabase'],
    ['an IIS 6 metabase with xmlns and a comment first', '<!-- x -->\n<configuration xmlns="urn:microsoft-catalog:XML_Metabase_V64_0">\n<MBProperty/>', 'metabase'],
    ['a regedit 5 export', `${V5}\r\n\r\n[${SCHANNEL}]`, 'reg'],
    ['a REGEDIT4 export', `REGEDIT4\n[${SCHANNEL}]`, 'reg'],
    ['a registry export with a wrong header (a finding, not a skip)', `regedit4\n[${SCHANNEL}]`, 'reg'],
    ['a registry export whose header is missing', `\n[${SCHANNEL}]\n"x"=dword:1`, 'reg'],
    ['applicationHost.config (by content, whatever its name)', '<?xml version="1.0"?>\n<configuration>\n<configSections/>\n<system.applicationHost/>', 'iis-config'],
    ['an IIS 7 <location> fragment', '<location path="Default Web Site">\n<system.webServer/></location>', 'iis-config'],
    ['a regedit 5 export after blank lines, with CR line breaks', `\r  \r\n\t\r${V5}\r[${SCHANNEL}]`, 'reg'],
    ['a registry export without header after `;` comments, with CR line breaks', `; note\r\r[${SCHANNEL}]\r"x"=dword:1`, 'reg'],
    ['an IIS 6 metabase after Unicode white space', '\u00a0\u3000\n\u2028<configuration>\n<MBProperty/>', 'metabase'],
  ])('%s', (_name, content, kind) => {
    expect(detectKind(sourceFromText('any.name', content)).kind).toBe(kind);
  });

  it.each([
    ['a web.config\'s content in a file not named web.config', '<configuration>\n  <system.webServer>\n</system.webServer></configuration>', false],
    ['other XML', '<?xml version="1.0"?><project/>', false],
    ['plain text', 'hello', false],
    ['an empty file', '', false],
  ])('skips %s with a reason', (_name, content, unsupported) => {
    const detected = detectKind(sourceFromText('MetaBase.xml', content));
    expect(detected.kind).toBe('skipped');
    if (detected.kind === 'skipped') {
      expect(detected.reason.length).toBeGreaterThan(0);
      expect(detected.unsupported ?? false).toBe(unsupported);
    }
  });
});

describe('registry model', () => {
  it.each([
    ['HKEY_LOCAL_MACHINE\\SYSTEM\\Schannel', ['HKEY_LOCAL_MACHINE', 'SYSTEM', 'Schannel']],
    ['hkey_local_machine\\a', ['HKEY_LOCAL_MACHINE', 'a']],
    ['HKLM\\a', ['HKEY_LOCAL_MACHINE', 'a']],
    ['hklm\\a', ['HKEY_LOCAL_MACHINE', 'a']],
    ['\\\\HKEY_USERS\\\\a\\\\b\\', ['HKEY_USERS', 'a', 'b']],
    ['Other\\x', ['OTHER', 'x']],
    ['', []],
    ['\\', []],
    ['HKEY_CURRENT_USER', ['HKEY_CURRENT_USER']],
  ])('registryPathSegments(%j)', (path, segments) => {
    expect(registryPathSegments(path)).toEqual(segments);
    // The same again (names folded once per process), and a fresh array each time.
    const again = registryPathSegments(path);
    expect(again).toEqual(segments);
    expect(again).not.toBe(registryPathSegments(path));
  });

  it('compares names as their full lower-case folding does (ASCII compared in place, other names folded)', () => {
    // Kelvin sign and dotted capital I fold to ASCII (the latter to two code units); sharp s and sigma do not.
    const name = fc.string({ unit: fc.constantFrom('a', 'A', 'k', 'K', 'i', 'I', 's', 'S', ' ', '1', '/', '\u212A', '\u0130', 'i\u0307', '\u00DF', '\u03A3', '\u03C3'), maxLength: 6 });
    fc.assert(
      fc.property(name, name, (a, b) => {
        expect(sameRegistryName(a, b)).toBe(a.toLowerCase() === b.toLowerCase());
      }),
      { numRuns: 2000 },
    );
    expect(sameRegistryName('SCHANNEL', 'Schannel')).toBe(true);
    expect(sameRegistryName('K', '\u212A')).toBe(true);
    expect(sameRegistryName('SELECT', 'CurrentControlSet')).toBe(false);
  });

  it('applies files in file-name order, later values winning, and remembers where each value was set', () => {
    const server = loadServer(
      's',
      [
        text('02-later.reg', [V5, `[${SCHANNEL}\\Ciphers\\RC4 40/128]`, '"Enabled"=dword:00000001', '']),
        text('01-first.reg', [V5, `[${SCHANNEL}\\Ciphers\\RC4 40/128]`, '"Enabled"=dword:00000000', '']),
      ],
      undefined,
    );
    const value = server.registry.get(`${SCHANNEL}\\Ciphers\\RC4 40/128`)?.value('enabled');
    expect(value?.file.path).toBe('02-later.reg');
    expect(value?.data).toMatchObject({ type: 'REG_DWORD', dword: 1 });
    expect(value?.file.lines.position(value.valueLine.span.start)).toEqual({ line: 3, column: 1 });
    // Looked up, HKLM and HKEY_LOCAL_MACHINE are one root; names compare case-insensitively.
    expect(server.registry.get('hklm\\system\\currentcontrolset\\control\\securityproviders\\schannel\\ciphers\\rc4 40/128')).toBeDefined();
  });

  it('honours key and value deletions across files, and records every deletion line', () => {
    const server = loadServer(
      's',
      [
        utf16('a.reg', [V5, '', `[${SCHANNEL}\\Ciphers\\RC2 40/128]`, '"Enabled"=dword:00000000', '', `[${SCHANNEL}\\Ciphers\\NULL]`, '"Enabled"=dword:00000000', '']),
        text('b.reg', [V5, `[-${SCHANNEL}\\Ciphers\\RC2 40/128]`, `[${SCHANNEL}\\Ciphers\\NULL]`, '"Enabled"=-', `[-${SCHANNEL}\\Ciphers\\Never Written]`, '']),
      ],
      undefined,
    );
    expect(server.registry.get(`${SCHANNEL}\\Ciphers\\RC2 40/128`)).toBeUndefined();
    expect(server.registry.get(`${SCHANNEL}\\Ciphers\\NULL`)?.value('Enabled')).toBeUndefined();
    expect(server.registry.deletions.map((deletion) => [deletion.file.path, deletion.valueName ?? null, deletion.existed])).toEqual([
      ['b.reg', null, true],
      ['b.reg', 'Enabled', true],
      ['b.reg', null, false],
    ]);
  });

  it('finds the same keys from the key line before as from the top, whatever the order, case and deletions', () => {
    // ensureKey and keyLineKeys start below the path the last key line shared: check both against plain lookups.
    const names = fc.constantFrom('A', 'a', 'B', 'K', '\u212A', 'SCHANNEL', 'Schannel');
    const line = fc.record({ deleted: fc.boolean(), path: fc.array(names, { minLength: 1, maxLength: 4 }) });
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), (lines) => {
        const server = loadServer(
          's',
          [text('a.reg', [V5, ...lines.map(({ deleted, path }) => `[${deleted ? '-' : ''}HKEY_LOCAL_MACHINE\\${path.join('\\')}]`), ''])],
          undefined,
        );
        const registry = server.registry;
        expect(registry.keyLineKeys()).toEqual(registry.keyLines.map(({ segments }) => registry.find(segments)));
        for (const { segments } of registry.keyLines) {
          const key = registry.find(segments);
          if (key) expect(key.segments.map((name) => name.toLowerCase())).toEqual(segments.map((name) => name.toLowerCase()));
        }
        // A key line that no later line deletes (its key or an ancestor) left its origin on the key.
        for (const { keyLine, segments } of registry.keyLines) {
          const deletedLater = registry.deletions.some(
            (deletion) => deletion.keyLine.span.start > keyLine.span.start && isAtOrBelow(segments, deletion.segments),
          );
          if (!deletedLater) expect(registry.find(segments)?.origins.some((origin) => origin.keyLine === keyLine)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('ignores a file without a valid header (regedit imports nothing from it)', () => {
    const server = loadServer('s', [text('x.reg', ['regedit4', `[${SCHANNEL}\\Ciphers\\NULL]`, '"Enabled"=dword:00000001'])], undefined);
    expect(server.registry.appliedFiles).toEqual([]);
    expect(server.schannel.exported).toBe(false);
  });

  it('applies files in natural order: digit runs as numbers, then case-insensitive text', () => {
    const write = (name: string, dword: string) => text(name, [V5, `[${SCHANNEL}\\Ciphers\\NULL]`, `"Enabled"=dword:${dword}`, '']);
    const server = loadServer('s', [write('10-vendor.reg', '00000001'), write('9-harden.reg', '00000000'), write('A-extra.reg', '00000002')], undefined);
    expect(server.registry.appliedFiles.map((file) => file.path)).toEqual(['9-harden.reg', '10-vendor.reg', 'A-extra.reg']);
    expect(server.registry.get(`${SCHANNEL}\\Ciphers\\NULL`)?.value('Enabled')?.file.path).toBe('A-extra.reg');
    expect(compareFileNames('dir/9-a.reg', 'dir/10-a.reg')).toBeLessThan(0);
    expect(comparePlainFileNames('dir/9-a.reg', 'dir/10-a.reg')).toBeGreaterThan(0);
    expect(compareFileNames('b.reg', 'A.reg')).toBeGreaterThan(0);
    expect(compareFileNames('file007.reg', 'file7.reg')).not.toBe(0);
    expect(compareNatural('file007.reg', 'file7.reg')).toBe(0);
    expect(compareNatural('x2y', 'x10y')).toBeLessThan(0);
  });

  it('drops a key written with an abbreviated root, with its values, as regedit does', () => {
    const server = loadServer(
      's',
      [text('s.reg', [V5, `[HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Ciphers\\RC2 40/128]`, '"Enabled"=dword:00000000', `[-HKLM\\SYSTEM\\x]`, ''])],
      undefined,
    );
    expect(server.registry.get(`${SCHANNEL}\\Ciphers\\RC2 40/128`)).toBeUndefined();
    expect(server.registry.abbreviatedRootKeys.map((key) => [key.keyLine.line, key.fullRoot])).toEqual([
      [2, 'HKEY_LOCAL_MACHINE'],
      [4, 'HKEY_LOCAL_MACHINE'],
    ]);
    expect(server.registry.deletions).toEqual([]);
    expect(server.schannel.exported).toBe(false);
    expect(abbreviatedRootOf('hkcu\\Software')).toBe('HKEY_CURRENT_USER');
    expect(abbreviatedRootOf('HKEY_LOCAL_MACHINE\\SYSTEM')).toBeUndefined();
  });

  describe('control sets', () => {
    const CS = (n: string) => `HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet${n}\\Control\\SecurityProviders\\SCHANNEL\\Ciphers\\RC2 40/128`;
    const SELECT = ['[HKEY_LOCAL_MACHINE\\SYSTEM\\Select]', '"Current"=dword:00000002', '"Default"=dword:00000002'];
    const rc2 = (n: string, dword: string) => [`[${CS(n)}]`, `"Enabled"=dword:${dword}`];
    const enabled = (files: FileInput[]) => loadServer('s', files, undefined).registry.get(`${SCHANNEL}\\Ciphers\\RC2 40/128`)?.value('Enabled');

    it('maps the control set HKLM\\SYSTEM\\Select "Current" names, even when Select comes after it', () => {
      const server = loadServer('s', [text('system.reg', [V5, ...rc2('001', '00000001'), ...rc2('002', '00000000'), ...SELECT, ''])], undefined);
      expect(server.registry.controlSets).toMatchObject({ reason: 'select', current: 2, written: [1, 2] });
      expect(server.registry.get(`${SCHANNEL}\\Ciphers\\RC2 40/128`)?.value('Enabled')?.data).toMatchObject({ dword: 0 });
      expect(server.schannel.setting({ category: 'cipher', name: 'RC2 40/128' })?.state).toBe('disabled');
      expect(server.notes).toEqual(['ControlSet002 read as CurrentControlSet (HKLM\\SYSTEM\\Select "Current"=2)']);
    });

    it('maps the only control set when Select is absent, and says so', () => {
      const server = loadServer('s', [text('system.reg', [V5, ...rc2('001', '00000000'), ''])], undefined);
      expect(server.registry.controlSets).toMatchObject({ reason: 'single', current: 1 });
      expect(enabled([text('system.reg', [V5, ...rc2('001', '00000000'), ''])])?.data).toMatchObject({ dword: 0 });
      expect(server.notes[0]).toContain('ControlSet001 read as CurrentControlSet: the only control set');
    });

    it('maps none when several are written and Select is absent', () => {
      const server = loadServer('s', [text('system.reg', [V5, ...rc2('001', '00000000'), ...rc2('002', '00000000'), ''])], undefined);
      expect(server.registry.controlSets).toMatchObject({ reason: 'ambiguous', current: undefined, written: [1, 2] });
      expect(server.registry.controlSets.firstKey?.keyLine.line).toBe(2);
      expect(server.schannel.exported).toBe(false);
      expect(server.notes.filter((note) => note.includes('ControlSet'))).toEqual([]);
      expect(server.notes).toContain('no SChannel export: the TLS rules report no setting left at its OS default (KSSL007 covers Server 2003)');
    });

    it('leaves CurrentControlSet exports alone', () => {
      const server = loadServer('s', [text('s.reg', [V5, `[${SCHANNEL}\\Ciphers\\RC2 40/128]`, '"Enabled"=dword:00000000', ''])], undefined);
      expect(server.registry.controlSets.reason).toBe('none');
    });
  });

  it('finds the nearest key line a file wrote above a missing key', () => {
    const server = loadServer('s', [text('s.reg', [V5, `[${SCHANNEL}]`, `[${SCHANNEL}\\Ciphers]`, ''])], undefined);
    const ancestor = server.registry.nearestWrittenAncestor([...`${SCHANNEL}\\Ciphers\\RC2 40/128`.split('\\')]);
    expect(ancestor?.path).toBe(`${SCHANNEL}\\Ciphers`);
    expect(ancestor?.firstOrigin?.keyLine.line).toBe(3);
  });
});

describe('metabase model', () => {
  const files = [
    metabase(
      key('IIsWebService', '/LM/W3SVC', 'AccessSSLFlags="AccessSSL | AccessSSLNegotiateCert | AccessSSLRequireCert"'),
      key('IIsWebServer', '/LM/W3SVC/1', 'SecureBindings=":443:"', 'ServerComment="Intranet"'),
      key('IIsWebVirtualDir', '/LM/W3SVC/1/ROOT'),
      key('IIsWebServer', '/LM/W3SVC/2', 'ServerBindings=":80:"', 'AccessSSLFlags="8"'),
      key('IIsWebVirtualDir', '/LM/W3SVC/2/Root', 'accessSSLFlags="AccessSSLRequireCert"'),
      key('IIsCertMapper', '/LM/W3SVC/1/IIsCertMapper'),
      key('IIsWebDirectory', '/LM/W3SVC/1/ROOT/docs'),
    ),
  ];
  const model = loadServer('s', files, undefined).metabase!;

  it('gives the effective value with the key, file and range where it was set', () => {
    const effective = model.effective('/LM/W3SVC/1/ROOT/docs', 'AccessSSLFlags');
    expect(effective?.node.location).toBe('/LM/W3SVC');
    expect(effective?.file.path).toBe('MetaBase.xml');
    expect(effective?.file.lines.position(effective.property.span.start)).toEqual({ line: 5, column: 3 });
    // A path with no key of its own inherits from its nearest ancestor.
    expect(model.effective('/LM/W3SVC/1/ROOT/not/written', 'AccessSSLFlags')?.node.location).toBe('/LM/W3SVC');
  });

  it('lets a deeper setting replace the value (no OR of bits), and paths compare case-insensitively', () => {
    expect(model.effective('/LM/W3SVC/2/ROOT', 'AccessSSLFlags')?.property.value).toBe('8');
    expect(model.node('/lm/w3svc/2/root')?.location).toBe('/LM/W3SVC/2/Root');
  });

  it('gives effectiveValue as the value of effective, for a key that sets it, inherits it or inherits nothing', () => {
    for (const [location, name] of [
      ['/LM/W3SVC/1/ROOT/docs', 'AccessSSLFlags'],
      ['/LM/W3SVC/2/Root', 'AccessSSLFlags'],
      ['/LM/W3SVC/1', 'SecureBindings'],
      ['/LM/W3SVC/1/ROOT', 'SecureBindings'],
      ['/LM/W3SVC/1/ROOT', 'ServerComment'],
      ['/LM/W3SVC/2', 'NoSuchProperty'],
    ] as const) {
      const node = model.node(location)!;
      expect(model.effectiveValue(node, name), `${location} ${name}`).toBe(model.effective(node, name)?.property.value);
    }
  });

  it('finds a name after asking for one no attribute has (the store keeps its last answer, a miss too)', () => {
    const input = metabase(key('IIsWebServer', '/LM/W3SVC/1', 'ServerComment="a"'));
    const document = parseMetabase(sourceFromText('MetaBase.xml', input.bytes.toString()), { crossCheck: false });
    expect(document.keys[0]!.lastIndexOf('ServerComment')).toBe(0);
    expect(document.keys[0]!.lastIndexOf('SecureBindings')).toBe(-1);
    expect(document.keys[0]!.lastIndexOf('SecureBindings')).toBe(-1);
    expect(document.keys[0]!.lastIndexOf('ServerComment')).toBe(0);
  });

  it('reads property names case-sensitively, as IIS does', () => {
    expect(model.node('/LM/W3SVC/2/Root')?.own('AccessSSLFlags')).toBeUndefined();
    expect(model.node('/LM/W3SVC/2/Root')?.own('accessSSLFlags')).toBeDefined();
  });

  it('lists the inheritors of a setting, stopping at overrides', () => {
    const setting = model.node('/LM/W3SVC')!.own('AccessSSLFlags')!;
    expect(model.inheritorsOf(setting).map((node) => node.location)).toEqual([
      '/LM/W3SVC/1',
      '/LM/W3SVC/1/ROOT',
      '/LM/W3SVC/1/ROOT/docs',
      '/LM/W3SVC/1/IIsCertMapper',
    ]);
  });

  it('enumerates sites, HTTPS sites and kinds of keys', () => {
    expect(model.sites.map((site) => site.location)).toEqual(['/LM/W3SVC/1', '/LM/W3SVC/2']);
    expect(model.sslSites.map((site) => site.location)).toEqual(['/LM/W3SVC/1']);
    expect(model.nodesOfKind('virtualDirectory').map((node) => node.location)).toEqual(['/LM/W3SVC/1/ROOT', '/LM/W3SVC/2/Root']);
    expect(model.nodesOfKind('directory').map((node) => node.location)).toEqual(['/LM/W3SVC/1/ROOT/docs']);
  });

  it('tells an empty IIsCertMapper from one holding mappings', () => {
    expect(certMapperHoldsMappings(model.node('/LM/W3SVC/1/IIsCertMapper')!)).toBe(false);
    const withMapping = loadServer(
      's',
      [metabase(key('IIsCertMapper', '/LM/W3SVC/1/IIsCertMapper'), key('IIsConfigObject', '/LM/W3SVC/1/IIsCertMapper/Cert11/Mappings/1'))],
      undefined,
    ).metabase!;
    expect(certMapperHoldsMappings(withMapping.node('/LM/W3SVC/1/IIsCertMapper')!)).toBe(true);
  });
});

describe('SChannel model', () => {
  const metabaseFile = metabase(key('IIsWebServer', '/LM/W3SVC/1', 'SecureBindings=":443:"'));

  it('gives explicit, default and unknown states with their provenance', () => {
    const server = loadServer(
      's',
      [metabaseFile, utf16('schannel.reg', [V5, '', `[${SCHANNEL}\\Ciphers\\RC2 40/128]`, '"Enabled"=dword:ffffffff', '', `[${SCHANNEL}\\Ciphers\\RC2 56/128]`, '"Enabled"="0"', ''])],
      undefined,
    );
    expect(server.os).toBe('win2003-sp1');
    expect(server.osReason).toBe('iis6-metabase');
    const state = (name: string) => {
      const setting = server.schannel.setting({ category: 'cipher', name });
      return [setting?.state, setting?.provenance.kind];
    };
    expect(state('RC2 40/128')).toEqual(['enabled', 'explicit']);
    expect(state('RC2 56/128')).toEqual(['unknown', 'invalid-type']);
    expect(state('RC2 128/128')).toEqual(['enabled', 'default']);
    expect(state('NULL')).toEqual(['disabled', 'default']);
    expect(state('AES 128/128')).toEqual(['absent', 'default']);
    const pct = server.schannel.setting({ category: 'protocol', name: 'PCT 1.0', side: 'Server' });
    expect([pct?.state, pct?.provenance.kind]).toEqual(['disabled', 'default']);
  });

  it('leaves the state unknown without a target OS, and follows a forced OS', () => {
    const files = [text('tls.reg', [V5, `[${SCHANNEL}\\Protocols\\TLS 1.2\\Server]`, '"Enabled"=dword:00000001'])];
    const unknown = loadServer('s', files, undefined);
    expect(unknown.os).toBeUndefined();
    expect(unknown.schannel.setting({ category: 'protocol', name: 'SSL 3.0', side: 'Server' })?.state).toBe('unknown');
    const forced = loadServer('s', files, 'win2016');
    expect(forced.osReason).toBe('option');
    expect(forced.schannel.setting({ category: 'protocol', name: 'SSL 3.0', side: 'Server' })?.state).toBe('disabled');
  });

  it('says which deletion put a setting back at its default', () => {
    const server = loadServer(
      's',
      [
        metabaseFile,
        text('1.reg', [V5, `[${SCHANNEL}\\Ciphers\\RC2 40/128]`, '"Enabled"=dword:00000000']),
        text('2.reg', [V5, `[-${SCHANNEL}\\Ciphers]`]),
      ],
      undefined,
    );
    const setting = server.schannel.setting({ category: 'cipher', name: 'RC2 40/128' });
    expect(setting?.state).toBe('enabled');
    expect(setting?.removedBy?.file.path).toBe('2.reg');
    expect(server.schannel.files.map((file) => file.path)).toEqual(['1.reg', '2.reg']);
  });

  it('records keys SChannel never reads, with the name probably meant', () => {
    const server = loadServer(
      's',
      [metabaseFile, text('s.reg', [V5, `[${SCHANNEL}\\Ciphers\\Triple DES 168]`, `[${SCHANNEL}\\Ciphers\\RC4 128\u2215128]`, `[${SCHANNEL}\\Protocols\\TLS 1.0\\Server\\Enabled]`])],
      undefined,
    );
    expect(server.schannel.unknownKeys.map((unknown) => [unknown.relativeSegments.join('\\'), unknown.classification.reason])).toEqual([
      ['Ciphers\\RC4 128\u2215128', 'lookalike-slash'],
      ['Ciphers\\Triple DES 168', 'wrong-os'],
      ['Protocols\\TLS 1.0\\Server\\Enabled', 'value-as-key'],
    ]);
  });
});

describe('http.sys model', () => {
  it.each([
    ['dword:00000001', 'kernel', 'REG_DWORD'],
    ['dword:00000000', 'user', 'REG_DWORD'],
    ['dword:00000002', 'invalid', 'REG_DWORD'],
    ['"1"', 'invalid', 'REG_SZ'],
  ])('EnableKernelSSL=%s is %s', (data, mode, type) => {
    const server = loadServer('s', [text('http.reg', [V5, `[${HTTP}]`, `"EnableKernelSSL"=${data}`])], undefined);
    expect(server.httpSys.enableKernelSsl?.mode).toBe(mode);
    expect(server.httpSys.enableKernelSsl?.value.data.type).toBe(type);
    expect(server.os).toBe('win2003-sp1');
    expect(server.osReason).toBe('enable-kernel-ssl');
  });

  it('reads SslBindingInfo DefaultFlags per endpoint', () => {
    const server = loadServer(
      's',
      [utf16('http.reg', [V5, '', `[${HTTP}\\SslBindingInfo\\0.0.0.0:443]`, '"DefaultFlags"=dword:00000003', '', `[${HTTP}\\SslBindingInfo\\10.0.0.1:8443]`, ''])],
      undefined,
    );
    expect(server.httpSys.sslBindings.map((binding) => [binding.endpoint, binding.defaultFlags?.data])).toEqual([
      ['0.0.0.0:443', expect.objectContaining({ dword: 3 })],
      ['10.0.0.1:8443', undefined],
    ]);
  });
});

describe.skipIf(!existsSync(corpusDir))('every corpus file loads into a model (../shared/corpus)', () => {
  const files = existsSync(corpusDir)
    ? readdirSync(corpusDir).flatMap((folder) =>
        existsSync(path.join(corpusDir, folder)) && !folder.endsWith('.md') ? readdirSync(path.join(corpusDir, folder)).map((name) => `${folder}/${name}`) : [],
      )
    : [];

  it.each(files)('%s', (name) => {
    const bytes = readFileSync(path.join(corpusDir, name));
    const loaded = parseServerFiles([{ path: name, bytes }]);
    // The one .aspx in webconfig/ is a web.config template under another name: skipped.
    const kind = name.startsWith('metabase/') ? 'metabase' : name.startsWith('reg/') ? 'reg' : /\.config$/i.test(name) ? 'config' : 'skipped';
    const counts = { metabase: loaded.metabaseDocuments.length, reg: loaded.regDocuments.length, config: loaded.configDocuments.length, skipped: loaded.skippedFiles.length };
    expect(counts[kind]).toBe(1);
    expect(() => loadServer('corpus', [{ path: name, bytes }], undefined)).not.toThrow();
    expect(decodeBytes(name, bytes).text.length).toBeGreaterThan(0);
  });
});

describe('detection does not take a document that quotes a key line for a registry export', () => {
  it.each([
    ['a README with a .reg snippet', `# Hardening\n\nRun this:\n\n\`\`\`reg\n[${SCHANNEL}\\Ciphers\\RC4 40/128]\n"Enabled"=dword:0\n\`\`\`\n`],
    ['a PowerShell script', `$key = 'x'\n[${SCHANNEL}]\n`],
  ])('%s', (_name, content) => {
    expect(detectKind(sourceFromText('README.md', content)).kind).toBe('skipped');
  });

  it('still takes a headerless export whose first line (after comments) is a key', () => {
    expect(detectKind(sourceFromText('x.reg', `; exported by hand\n\n[${SCHANNEL}]\n`)).kind).toBe('reg');
  });

  it('reads past any fixed prefix: 300 comment lines before the key, 70 KB of comment before the metabase root', () => {
    expect(detectKind(sourceFromText('x.reg', `${'; comment\n'.repeat(300)}[${SCHANNEL}]\n`)).kind).toBe('reg');
    const metabase = `<?xml version="1.0"?>\n<!--${'x'.repeat(70_000)}-->\n<configuration><MBProperty></MBProperty></configuration>\n`;
    expect(detectKind(sourceFromText('MetaBase.xml', metabase)).kind).toBe('metabase');
    expect(detectKind(sourceFromText('x.xml', `<!--${'x'.repeat(70_000)}-->\n<site/>`))).toEqual({
      kind: 'skipped',
      reason: 'XML whose root element is <site>, not an IIS 6 metabase or an IIS 7+ configuration',
    });
  });
});

describe('keyed nodes in tree order, however the keys come (issue 16: lists built during the scan)', () => {
  const metabase = (locations: readonly string[]): MetabaseModel => {
    const keys = locations.map((location) => `<IIsWebVirtualDir Location="${location}" Path="p"/>`).join('\n');
    const text = `<configuration><MBProperty>\n${keys}\n</MBProperty></configuration>`;
    return MetabaseModel.fromDocuments([parseMetabase(sourceFromText('MetaBase.xml', text))]);
  };
  const order = (model: MetabaseModel): string[] => [...model.keyedNodes()].map((node) => node.location);

  it('keys in tree order: document order', () => {
    const locations = ['/LM', '/LM/W3SVC', '/LM/W3SVC/1', '/LM/W3SVC/1/ROOT', '/LM/W3SVC/1/ROOT/a', '/LM/W3SVC/2', '/LM/W3SVC/2/ROOT'];
    expect(order(metabase(locations))).toEqual(locations);
    expect(metabase(locations).nodesOfKind('virtualDirectory').map((node) => node.location)).toEqual(locations);
  });

  it('a parent after its child, a repeated Location and a parent off the last path: depth-first order', () => {
    expect(order(metabase(['/LM/W3SVC/1/ROOT', '/LM/W3SVC/2', '/LM/W3SVC/1', '/LM/W3SVC']))).toEqual([
      '/LM/W3SVC',
      '/LM/W3SVC/1',
      '/LM/W3SVC/1/ROOT',
      '/LM/W3SVC/2',
    ]);
    expect(order(metabase(['/LM/W3SVC/1', '/LM/W3SVC/2', '/LM/W3SVC/1/ROOT', '/lm/w3svc/2']))).toEqual([
      '/LM/W3SVC/1',
      '/LM/W3SVC/1/ROOT',
      '/LM/W3SVC/2',
    ]);
    const model = metabase(['/LM/W3SVC/1', '/LM/W3SVC/1/ROOT', '/LM/W3SVC/2', '/LM/W3SVC/1/ROOT/b', '/LM/W3SVC/2/ROOT']);
    expect(order(model)).toEqual(['/LM/W3SVC/1', '/LM/W3SVC/1/ROOT', '/LM/W3SVC/1/ROOT/b', '/LM/W3SVC/2', '/LM/W3SVC/2/ROOT']);
    expect(model.nodesOfKind('virtualDirectory').map((node) => node.location)).toEqual(order(model));
    expect(model.settingsOf('Path').map((setting) => setting.node.location)).toEqual(order(model));
  });

  it('paths are one node ignoring case; node() finds them in any case', () => {
    const model = metabase(['/LM/W3SVC/1/Root', '/LM/W3SVC/1/ROOT/x']);
    expect(order(model)).toEqual(['/LM/W3SVC/1/Root', '/LM/W3SVC/1/ROOT/x']);
    expect(model.node('/lm/w3svc/1/root')?.children.map((child) => child.location)).toEqual(['/LM/W3SVC/1/ROOT/x']);
    expect(model.node('/LM/W3SVC/1/ROOT/X/')?.location).toBe('/LM/W3SVC/1/ROOT/x');
    expect(model.node('/LM/W3SVC/9')).toBeUndefined();
  });

  it('many more nodes than keys (ancestors made for one deep key): every path is found', () => {
    const parts = Array.from({ length: 3000 }, (_, index) => `D${index}`);
    const model = metabase([`/${parts.join('/')}`, '/LM/W3SVC']);
    for (let depth = 1; depth <= parts.length; depth += 299) {
      const path = `/${parts.slice(0, depth).join('/')}`;
      expect(model.node(path.toLowerCase())?.location).toBe(path);
    }
    expect(order(model)).toEqual([`/${parts.join('/')}`, '/LM/W3SVC']);
  });
});
