import { describe, expect, it } from 'vitest';
import { WEB020 } from '../../src/rules/WEB020.js';
import { APPHOST_PATH, appHost, at, file, lintWith, server, webConfig } from '../support/iis.js';
import { lintServer, DEFAULT_LINT_OPTIONS } from '../../src/engine/lint.js';

const WEB = 'server/inetpub/wwwroot/web.config';
const APP = 'server/inetpub/wwwroot/app/web.config';
const lone = (body: string) => lintWith(WEB020, [file('site/web.config', webConfig(body))]);
const cis = (files: Parameters<typeof server>[0]) => lintServer(server(files), DEFAULT_LINT_OPTIONS, [{ ...WEB020, check: (model, options) => WEB020.check(model, { ...options, explicitValues: true }) }]);
void [APPHOST_PATH, appHost, at, WEB, APP, lone, cis];

describe('WEB020 app-pool-runs-as-system', () => {
  const pools = (xml: string) => appHost().replace('<add name="DefaultAppPool" />', xml);
  it('valid: ApplicationPoolIdentity, SpecificUser, defaults; NetworkService outside cis', () => {
    expect(lintWith(WEB020, [file(APPHOST_PATH, pools('<add name="A"><processModel identityType="ApplicationPoolIdentity" /></add><add name="B" /><add name="C"><processModel identityType="NetworkService" /></add>'))])).toEqual([]);
  });
  it('invalid: LocalSystem on a pool, at the attribute', () => {
    const findings = lintWith(WEB020, [file(APPHOST_PATH, pools('<add name="A"><processModel identityType="LocalSystem" /></add>'))]);
    expect(findings.map((finding) => [finding.level, finding.message.split(' (')[0]])).toEqual([['error', 'Application pool "A" runs as LocalSystem']]);
  });
  it('invalid: LocalSystem in applicationPoolDefaults: once, naming the pools that inherit it', () => {
    const findings = lintWith(WEB020, [file(APPHOST_PATH, pools('<applicationPoolDefaults><processModel identityType="LocalSystem" /></applicationPoolDefaults><add name="A" /><add name="B"><processModel identityType="ApplicationPoolIdentity" /></add><add name="C" />'))]);
    expect(findings.map((finding) => finding.message.split(' run')[0])).toEqual(['Application pools "A" and "C"']);
  });
  it('cis: NetworkService and LocalService are notes', () => {
    const findings = cis([file(APPHOST_PATH, pools('<add name="A"><processModel identityType="NetworkService" /></add><add name="B"><processModel identityType="LocalService" /></add>'))]);
    expect(findings.map((finding) => finding.level)).toEqual(['note', 'note']);
  });
});
