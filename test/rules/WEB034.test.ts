import { describe, expect, it } from 'vitest';
import { WEB034 } from '../../src/rules/WEB034.js';
import { APPHOST_PATH, appHost, at, file, lintWith, server, webConfig } from '../support/iis.js';
import { lintServer, DEFAULT_LINT_OPTIONS } from '../../src/engine/lint.js';

const WEB = 'server/inetpub/wwwroot/web.config';
const APP = 'server/inetpub/wwwroot/app/web.config';
const lone = (body: string) => lintWith(WEB034, [file('site/web.config', webConfig(body))]);
const cis = (files: Parameters<typeof server>[0]) => lintServer(server(files), DEFAULT_LINT_OPTIONS, [{ ...WEB034, check: (model, options) => WEB034.check(model, { ...options, explicitValues: true }) }]);
void [APPHOST_PATH, appHost, at, WEB, APP, lone, cis];

describe('WEB034 binding-without-host-name', () => {
  it('valid: host names; an ftp binding', () => {
    expect(lintWith(WEB034, [file(APPHOST_PATH, appHost({ sites: '<site name="A" id="1"><bindings><binding protocol="http" bindingInformation="*:80:a.example.com" /><binding protocol="ftp" bindingInformation="*:21:" /></bindings></site>' }))])).toEqual([]);
  });
  it('invalid: the default site of the test server (https *:443:)', () => {
    expect(lintWith(WEB034, [file(APPHOST_PATH, appHost())]).map((finding) => finding.message)).toEqual(['Site "Default Web Site" has an https binding without a host name (bindingInformation="*:443:"): it answers any Host header.']);
  });
});
