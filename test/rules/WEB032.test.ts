import { describe, expect, it } from 'vitest';
import { WEB032 } from '../../src/rules/WEB032.js';
import { APPHOST_PATH, appHost, at, file, lintWith, server, webConfig } from '../support/iis.js';
import { lintServer, DEFAULT_LINT_OPTIONS } from '../../src/engine/lint.js';

const WEB = 'server/inetpub/wwwroot/web.config';
const APP = 'server/inetpub/wwwroot/app/web.config';
const lone = (body: string) => lintWith(WEB032, [file('site/web.config', webConfig(body))]);
const cis = (files: Parameters<typeof server>[0]) => lintServer(server(files), DEFAULT_LINT_OPTIONS, [{ ...WEB032, check: (model, options) => WEB032.check(model, { ...options, explicitValues: true }) }]);
void [APPHOST_PATH, appHost, at, WEB, APP, lone, cis];

describe('WEB032 shared-app-pool', () => {
  const sites = (a: string, b: string) => `<site name="A" id="1"><application path="/" ${a} /></site><site name="B" id="2"><application path="/" ${b} /></site>`;
  it('valid: a pool each', () => {
    expect(lintWith(WEB032, [file(APPHOST_PATH, appHost({ sites: sites('applicationPool="A"', 'applicationPool="B"') }))])).toEqual([]);
  });
  it('invalid: one pool, explicitly or through applicationDefaults', () => {
    const findings = lintWith(WEB032, [file(APPHOST_PATH, appHost({ sites: `<applicationDefaults applicationPool="DefaultAppPool" />${sites('applicationPool="DefaultAppPool"', '')}` }))]);
    expect(findings.map((finding) => finding.message)).toEqual(['Sites "A" and "B" share application pool "DefaultAppPool": each site\'s code runs with the others\' identity and files.']);
  });
});
