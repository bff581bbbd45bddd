/**
 * The one rule for where a finding about a missing value points (src/rules/shared/
 * missing-value-anchor.ts), on the bundled examples and on the cases it decides.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadServer, type FileInput } from '../src/engine/load.js';
import { registryPathSegments } from '../src/model/registry.js';
import { SCHANNEL_ROOT_SEGMENTS } from '../src/model/schannel.js';
import { missingValueAnchor } from '../src/rules/shared/missing-value-anchor.js';
import { repoRoot } from './support/fixtures.js';

const V5 = 'Windows Registry Editor Version 5.00';
const S = 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL';
const RC2 = ['RC2 128/128', 'RC2 56/128', 'RC2 40/128'].map((name) => registryPathSegments(`${S}\\Ciphers\\${name}`));

const reg = (name: string, ...lines: string[]): FileInput => ({ path: name, bytes: Buffer.from([V5, '', ...lines, ''].join('\r\n')) });

function anchorOf(files: FileInput[], keys = RC2): [string, number] | undefined {
  const server = loadServer('s', files, undefined);
  const anchor = missingValueAnchor(server.registry, keys, SCHANNEL_ROOT_SEGMENTS);
  return anchor && [anchor.file.path, anchor.keyLine.line];
}

describe('missingValueAnchor', () => {
  it('the bundled web01 example: RC2 left on points at [...\\Ciphers] of schannel.reg, not at a protocol key', () => {
    const folder = path.join(repoRoot, 'examples', 'web01-intranet');
    const files = readdirSync(folder).map((name) => ({ path: name, bytes: readFileSync(path.join(folder, name)) }));
    expect(anchorOf(files)).toEqual(['schannel.reg', 6]);
  });

  it('a protocols file applied first and a ciphers file after: the ciphers file, not [...\\PCT 1.0\\Server]', () => {
    const files = [
      reg('01-protocols.reg', `[${S}\\Protocols\\PCT 1.0\\Server]`, '"Enabled"=dword:00000000'),
      reg('02-ciphers.reg', `[${S}\\Ciphers\\RC4 40/128]`, '"Enabled"=dword:00000000'),
    ];
    expect(anchorOf(files)).toEqual(['02-ciphers.reg', 3]);
  });

  it('the last file in apply order that writes under the ancestor, at the ancestor\'s own line', () => {
    const files = [
      reg('1.reg', `[${S}\\Ciphers]`, `[${S}\\Ciphers\\NULL]`, '"Enabled"=dword:00000000'),
      reg('10.reg', `[${S}\\Protocols\\SSL 2.0\\Server]`, `[${S}\\Ciphers\\DES 56/56]`, `[${S}\\Ciphers]`),
      reg('9.reg', `[${S}\\Ciphers\\RC4 40/128]`),
    ];
    expect(anchorOf(files)).toEqual(['10.reg', 5]);
  });

  it('a value missing from a key that exists: that key', () => {
    const files = [reg('s.reg', `[${S}\\Ciphers]`, `[${S}\\Ciphers\\RC2 40/128]`, '"Other"=dword:00000000')];
    expect(anchorOf(files, [RC2[2]!])).toEqual(['s.reg', 4]);
  });

  it('only protocol keys written: the first SCHANNEL key of the last file writing under SCHANNEL', () => {
    const files = [
      reg('a.reg', `[${S}\\Protocols\\SSL 2.0\\Server]`, '"Enabled"=dword:00000000'),
      reg('b.reg', `[${S}\\Protocols\\SSL 3.0\\Server]`, `[${S}\\Protocols\\PCT 1.0\\Server]`),
    ];
    expect(anchorOf(files)).toEqual(['b.reg', 3]);
  });

  it('keys removed by a [-key] line: that line, even when other keys are written', () => {
    const files = [
      reg('a.reg', `[${S}\\Ciphers\\RC2 40/128]`, '"Enabled"=dword:00000000', `[${S}\\Ciphers\\RC4 40/128]`),
      reg('b.reg', `[${S}\\Protocols\\PCT 1.0\\Server]`, `[-${S}\\Ciphers\\RC2 40/128]`),
    ];
    expect(anchorOf(files, [RC2[2]!])).toEqual(['b.reg', 4]);
  });

  it('a key line whose key a later [-key] removed does not count: the last file whose keys remain', () => {
    const files = [
      reg('a.reg', `[${S}\\Ciphers\\RC4 40/128]`, '"Enabled"=dword:00000000'),
      reg('b.reg', `[${S}\\Ciphers\\NULL]`, '"Enabled"=dword:00000000'),
      reg('c.reg', `[-${S}\\Ciphers\\NULL]`),
    ];
    expect(anchorOf(files)).toEqual(['a.reg', 3]);
  });

  it('nothing written under the scope: undefined', () => {
    expect(anchorOf([reg('h.reg', '[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters]')])).toBeUndefined();
  });
});
