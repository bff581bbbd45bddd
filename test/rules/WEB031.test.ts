import { describe, expect, it } from 'vitest';
import { WEB031 } from '../../src/rules/WEB031.js';
import { APPHOST_PATH, appHost, at, file, lintWith, server, webConfig } from '../support/iis.js';
import { lintServer, DEFAULT_LINT_OPTIONS } from '../../src/engine/lint.js';

const WEB = 'server/inetpub/wwwroot/web.config';
const APP = 'server/inetpub/wwwroot/app/web.config';
const lone = (body: string) => lintWith(WEB031, [file('site/web.config', webConfig(body))]);
const cis = (files: Parameters<typeof server>[0]) => lintServer(server(files), DEFAULT_LINT_OPTIONS, [{ ...WEB031, check: (model, options) => WEB031.check(model, { ...options, explicitValues: true }) }]);
void [APPHOST_PATH, appHost, at, WEB, APP, lone, cis];

describe('WEB031 dynamic-ip-restrictions-off', () => {
  const sections = '<section name="dynamicIpSecurity" overrideModeDefault="Deny" />';
  const ah = (inner: string) => appHost({ body: `<system.webServer><security><dynamicIpSecurity>${inner}</dynamicIpSecurity></security></system.webServer>` }).replace('<section name="requestFiltering" overrideModeDefault="Allow" />', `<section name="requestFiltering" overrideModeDefault="Allow" />${sections}`);
  it('valid: either limit enabled', () => {
    expect(cis([file(APPHOST_PATH, ah('<denyByRequestRate enabled="true" />'))])).toEqual([]);
    expect(cis([file(APPHOST_PATH, ah('<denyByConcurrentRequests enabled="true" />'))])).toEqual([]);
  });
  it('invalid: both off; the defaults under cis at the site', () => {
    expect(lintWith(WEB031, [file(APPHOST_PATH, ah('<denyByConcurrentRequests enabled="false" />'))])).toHaveLength(1);
    expect(cis([file(APPHOST_PATH, ah(''))]).map((finding) => finding.region.startLine)).toEqual([28]);
  });
});
