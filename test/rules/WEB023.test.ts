import { describe, expect, it } from 'vitest';
import { WEB023 } from '../../src/rules/WEB023.js';
import { APPHOST_PATH, appHost, at, file, lintWith, server, webConfig } from '../support/iis.js';
import { lintServer, DEFAULT_LINT_OPTIONS } from '../../src/engine/lint.js';

const WEB = 'server/inetpub/wwwroot/web.config';
const APP = 'server/inetpub/wwwroot/app/web.config';
const lone = (body: string) => lintWith(WEB023, [file('site/web.config', webConfig(body))]);
const cis = (files: Parameters<typeof server>[0]) => lintServer(server(files), DEFAULT_LINT_OPTIONS, [{ ...WEB023, check: (model, options) => WEB023.check(model, { ...options, explicitValues: true }) }]);
void [APPHOST_PATH, appHost, at, WEB, APP, lone, cis];

describe('WEB023 ftp-without-tls', () => {
  const ftp = (ssl: string, defaults = '') => appHost({ sites: `${defaults}<site name="F" id="1"><application path="/"><virtualDirectory path="/" physicalPath="D:\\f" /></application><bindings><binding protocol="ftp" bindingInformation="*:21:" /></bindings><ftpServer><security>${ssl}</security></ftpServer></site><site name="W" id="2"><bindings><binding protocol="http" bindingInformation="*:80:" /></bindings></site>` });
  it('valid: SslRequire on both channels, or the defaults', () => {
    expect(lintWith(WEB023, [file(APPHOST_PATH, ftp('<ssl controlChannelPolicy="SslRequire" dataChannelPolicy="SslRequire" />'))])).toEqual([]);
    expect(lintWith(WEB023, [file(APPHOST_PATH, ftp(''))])).toEqual([]);
  });
  it('invalid: SslAllow on both: one finding for the element', () => {
    const findings = lintWith(WEB023, [file(APPHOST_PATH, ftp('<ssl controlChannelPolicy="SslAllow" dataChannelPolicy="SslAllow" />'))]);
    expect(findings.map((finding) => finding.message)).toEqual(['FTP does not require TLS (controlChannelPolicy="SslAllow", dataChannelPolicy="SslAllow"): user names, passwords and files may cross the network in clear text. Applies to FTP site "F".']);
  });
  it('invalid: siteDefaults: names only the FTP sites', () => {
    const findings = lintWith(WEB023, [file(APPHOST_PATH, ftp('', '<siteDefaults><ftpServer><security><ssl dataChannelPolicy="SslAllow" /></security></ftpServer></siteDefaults>'))]);
    expect(findings.map((finding) => finding.message.split('Applies to ')[1])).toEqual(['FTP site "F".']);
  });
});
