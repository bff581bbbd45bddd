import { describe, expect, it } from 'vitest';
import { WEB014 } from '../../src/rules/WEB014.js';
import { APPHOST_PATH, appHost, at, file, lintWith, server, webConfig } from '../support/iis.js';
import { lintServer, DEFAULT_LINT_OPTIONS } from '../../src/engine/lint.js';

const WEB = 'server/inetpub/wwwroot/web.config';
const APP = 'server/inetpub/wwwroot/app/web.config';
const lone = (body: string) => lintWith(WEB014, [file('site/web.config', webConfig(body))]);
const cis = (files: Parameters<typeof server>[0]) => lintServer(server(files), DEFAULT_LINT_OPTIONS, [{ ...WEB014, check: (model, options) => WEB014.check(model, { ...options, explicitValues: true }) }]);
void [APPHOST_PATH, appHost, at, WEB, APP, lone, cis];

describe('WEB014 machine-key-exposed-or-weak', () => {
  const KEY = 'A1B2C3D4E5F60718293A4B5C6D7E8F90A1B2C3D4E5F60718293A4B5C6D7E8F90';
  it('valid: AutoGenerate and strong algorithms', () => {
    expect(lone('<system.web><machineKey validationKey="AutoGenerate,IsolateApps" decryptionKey="AutoGenerate,IsolateApps" validation="HMACSHA256" decryption="AES" /></system.web>')).toEqual([]);
    expect(lone('<system.web><machineKey /></system.web>')).toEqual([]);
  });
  it('valid: an encrypted machineKey is not read', () => {
    expect(lone('<system.web><machineKey configProtectionProvider="P"><EncryptedData /></machineKey></system.web>')).toEqual([]);
  });
  it('invalid: explicit keys and weak algorithms: at most one error and one warning per element, keys never printed', () => {
    const findings = lone(`<system.web>\n<machineKey validationKey="${KEY}" decryptionKey="0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF" validation="SHA1" decryption="3DES" />\n</system.web>`);
    expect(findings.map((finding) => [finding.level, ...at(finding)])).toEqual([['error', 4, 13, 4, 26], ['warning', 4, 159, 4, 176]]);
    expect(findings[0]!.message).toContain('(validationKey (64 characters, value not shown), decryptionKey (48 characters, value not shown))');
    expect(findings[1]!.message).toContain('validation="SHA1", decryption="3DES"');
    expect(JSON.stringify(findings.map(({ file: _file, ...rest }) => rest))).not.toContain(KEY);
  });
  it.each(['MD5', '3DES', 'sha1'])('invalid: validation %s alone is a warning', (value) => {
    expect(lone(`<system.web><machineKey validation="${value}" /></system.web>`).map((finding) => finding.level)).toEqual(['warning']);
  });
  it('cis: the SHA1 default in a .NET 2.0 pool, at the site; not in a 4.0 pool', () => {
    const pools = (version: string) => appHost().replace('<add name="DefaultAppPool" />', `<add name="DefaultAppPool" managedRuntimeVersion="${version}" />`).replace('<application path="/">', '<application path="/" applicationPool="DefaultAppPool">');
    expect(cis([file(APPHOST_PATH, pools('v2.0'))]).map((finding) => finding.region.startLine)).toEqual([28]);
    expect(cis([file(APPHOST_PATH, pools('v4.0'))])).toEqual([]);
  });
});
