import { describe, expect, it } from 'vitest';
import { WEB007 } from '../../src/rules/WEB007.js';
import { APPHOST_PATH, appHost, at, file, lintWith, server, webConfig } from '../support/iis.js';
import { lintServer, DEFAULT_LINT_OPTIONS } from '../../src/engine/lint.js';

const WEB = 'server/inetpub/wwwroot/web.config';
const APP = 'server/inetpub/wwwroot/app/web.config';
const lone = (body: string) => lintWith(WEB007, [file('site/web.config', webConfig(body))]);
const cis = (files: Parameters<typeof server>[0]) => lintServer(server(files), DEFAULT_LINT_OPTIONS, [{ ...WEB007, check: (model, options) => WEB007.check(model, { ...options, explicitValues: true }) }]);
void [APPHOST_PATH, appHost, at, WEB, APP, lone, cis];

describe('WEB007 credentials-in-config', () => {
  const SECRET = 'Tr0ub4dor-3-horsey';
  it('valid: integrated security, an empty password, a credentials element without users', () => {
    expect(lone('<connectionStrings><add name="a" connectionString="Server=db;Integrated Security=true" /><add name="b" connectionString="Server=db;Password=;" /></connectionStrings>')).toEqual([]);
    expect(lone('<system.web><authentication mode="Forms"><forms><credentials passwordFormat="SHA1" /></forms></authentication></system.web>')).toEqual([]);
  });
  it('valid: an encrypted connectionStrings section is not read', () => {
    expect(lone('<connectionStrings configProtectionProvider="RsaProtectedConfigurationProvider"><EncryptedData /></connectionStrings>')).toEqual([]);
  });
  it('invalid: one error per credentials element, whatever the number of users, saying Clear', () => {
    const findings = lone(`<system.web><authentication mode="Forms"><forms><credentials passwordFormat="Clear"><user name="admin" password="${SECRET}" /><user name="bob" password="pw" /></credentials></forms></authentication></system.web>`);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toBe('Forms credentials hold 2 users in the configuration file, passwords in clear text (passwordFormat="Clear") (password 1 (18 characters, value not shown), password 2 (2 characters, value not shown)).');
  });
  it('invalid: hashed users are still an error, naming the hash', () => {
    expect(lone('<system.web><authentication mode="Forms"><forms><credentials><user name="a" password="AB12" /></credentials></forms></authentication></system.web>')[0]!.message).toContain('as unsalted SHA1 hashes');
  });
  it.each(['Password', 'pwd', 'PASSWORD '])('invalid: a connection string with %s=, at the attribute name, never the value', (key) => {
    const findings = lone(`<connectionStrings>\n<add name="Shop" connectionString="Server=db;User ID=web;${key}=${SECRET};" />\n</connectionStrings>`);
    expect(findings.map(at)).toEqual([[4, 18, 4, 34]]);
    expect(findings[0]!.message).toBe(`Connection string "Shop" holds a password in clear text (${key.trim()} (18 characters, value not shown)), in a connectionStrings section that is not encrypted.`);
    expect(JSON.stringify(findings.map(({ file: _file, ...rest }) => rest))).not.toContain(SECRET);
  });
  it('invalid: a quoted password value', () => {
    expect(lone(`<connectionStrings><add name="q" connectionString="Server=db;Password='a;b';" /></connectionStrings>`)[0]!.message).toContain('(Password (3 characters');
  });
});
