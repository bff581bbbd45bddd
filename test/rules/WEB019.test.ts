import { describe, expect, it } from 'vitest';
import { WEB019 } from '../../src/rules/WEB019.js';
import { APPHOST_PATH, appHost, at, file, lintWith, server, webConfig } from '../support/iis.js';
import { lintServer, DEFAULT_LINT_OPTIONS } from '../../src/engine/lint.js';

const WEB = 'server/inetpub/wwwroot/web.config';
const APP = 'server/inetpub/wwwroot/app/web.config';
const lone = (body: string) => lintWith(WEB019, [file('site/web.config', webConfig(body))]);
const cis = (files: Parameters<typeof server>[0]) => lintServer(server(files), DEFAULT_LINT_OPTIONS, [{ ...WEB019, check: (model, options) => WEB019.check(model, { ...options, explicitValues: true }) }]);
void [APPHOST_PATH, appHost, at, WEB, APP, lone, cis];

describe('WEB019 unlisted-isapi-cgi-allowed', () => {
  const sections = '<sectionGroup name="security2"></sectionGroup>';
  void sections;
  const ah = (attributes: string) => appHost({ sections: '', body: `<system.webServer><security><isapiCgiRestriction ${attributes} /></security></system.webServer>` }).replace('<section name="requestFiltering" overrideModeDefault="Allow" />', '<section name="requestFiltering" overrideModeDefault="Allow" /><section name="isapiCgiRestriction" allowDefinition="AppHostOnly" overrideModeDefault="Deny" />');
  it('valid: false', () => {
    expect(lintWith(WEB019, [file(APPHOST_PATH, ah('notListedIsapisAllowed="false" notListedCgisAllowed="false"'))])).toEqual([]);
  });
  it('invalid: each attribute, once, naming the site paths', () => {
    const findings = lintWith(WEB019, [file(APPHOST_PATH, ah('notListedIsapisAllowed="true" notListedCgisAllowed="true"'))]);
    expect(findings.map((finding) => finding.message.split(' (')[0])).toEqual(['ISAPI extensions not on the restriction list may run', 'CGI programs not on the restriction list may run']);
    expect(findings[0]!.message).toContain('"Default Web Site"');
  });
});
