import { describe, expect, it } from 'vitest';
import { WEB003 } from '../../src/rules/WEB003.js';
import { APPHOST_PATH, appHost, at, file, lintWith, server, webConfig } from '../support/iis.js';
import { lintServer, DEFAULT_LINT_OPTIONS } from '../../src/engine/lint.js';

const WEB = 'server/inetpub/wwwroot/web.config';
const APP = 'server/inetpub/wwwroot/app/web.config';
const lone = (body: string) => lintWith(WEB003, [file('site/web.config', webConfig(body))]);
const cis = (files: Parameters<typeof server>[0]) => lintServer(server(files), DEFAULT_LINT_OPTIONS, [{ ...WEB003, check: (model, options) => WEB003.check(model, { ...options, explicitValues: true }) }]);
void [APPHOST_PATH, appHost, at, WEB, APP, lone, cis];

describe('WEB003 basic-auth-without-tls', () => {
  const sections = '<section name="basicAuthentication" overrideModeDefault="Deny" />';
  const ah = (body: string, sites?: string) => appHost({ body, ...(sites ? { sites } : {}) }).replace('<section name="windowsAuthentication" overrideModeDefault="Deny" />', `<section name="windowsAuthentication" overrideModeDefault="Deny" />${sections}`);
  const basic = (access: string) => `<location path="Default Web Site"><system.webServer><security>${access}<authentication><basicAuthentication enabled="true" /></authentication></security></system.webServer></location>`;
  it('valid: sslFlags Ssl with an https binding', () => {
    expect(lintWith(WEB003, [file(APPHOST_PATH, ah(basic('<access sslFlags="Ssl, Ssl128" />')))])).toEqual([]);
  });
  it('valid: basic authentication off', () => {
    expect(lintWith(WEB003, [file(APPHOST_PATH, ah('<system.webServer><security><access sslFlags="None" /></security></system.webServer>'))])).toEqual([]);
  });
  it('invalid: sslFlags lacks Ssl: at the enabled attribute, with the reason', () => {
    const findings = lintWith(WEB003, [file(APPHOST_PATH, ah(basic('<access sslFlags="SslNegotiateCert" />')))]);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toContain('without TLS (access sslFlags="SslNegotiateCert" lacks Ssl)');
  });
  it('invalid: sslFlags given as a number without the Ssl bit (32)', () => {
    expect(lintWith(WEB003, [file(APPHOST_PATH, ah(basic('<access sslFlags="32" />')))])).toHaveLength(1);
    expect(lintWith(WEB003, [file(APPHOST_PATH, ah(basic('<access sslFlags="40" />')))])).toEqual([]);
  });
  it('invalid: the site has no https binding, even with sslFlags Ssl', () => {
    const sites = '<site name="Default Web Site" id="1"><application path="/"><virtualDirectory path="/" physicalPath="C:\\w" /></application><bindings><binding protocol="http" bindingInformation="*:80:" /></bindings></site>';
    const findings = lintWith(WEB003, [file(APPHOST_PATH, ah(basic('<access sslFlags="Ssl" />'), sites))]);
    expect(findings[0]!.message).toContain('site "Default Web Site" has no https binding');
  });
});
