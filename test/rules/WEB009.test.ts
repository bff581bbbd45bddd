import { describe, expect, it } from 'vitest';
import { WEB009 } from '../../src/rules/WEB009.js';
import { APPHOST_PATH, appHost, at, file, lintWith, server, webConfig } from '../support/iis.js';
import { lintServer, DEFAULT_LINT_OPTIONS } from '../../src/engine/lint.js';

const WEB = 'server/inetpub/wwwroot/web.config';
const APP = 'server/inetpub/wwwroot/app/web.config';
const lone = (body: string) => lintWith(WEB009, [file('site/web.config', webConfig(body))]);
const cis = (files: Parameters<typeof server>[0]) => lintServer(server(files), DEFAULT_LINT_OPTIONS, [{ ...WEB009, check: (model, options) => WEB009.check(model, { ...options, explicitValues: true }) }]);
void [APPHOST_PATH, appHost, at, WEB, APP, lone, cis];

describe('WEB009 custom-errors-off', () => {
  it('valid: RemoteOnly, On, or not set', () => {
    for (const mode of ['RemoteOnly', 'On']) expect(lone(`<system.web><customErrors mode="${mode}" /></system.web>`)).toEqual([]);
    expect(lone('<system.web><customErrors defaultRedirect="e.html" /></system.web>')).toEqual([]);
  });
  it('invalid: Off in any case, at the attribute', () => {
    const findings = lone('<system.web>\n<customErrors mode="off" />\n</system.web>');
    expect(findings.map(at)).toEqual([[4, 15, 4, 25]]);
  });
  it('invalid: Off in the site web.config, On in the application: names the site only', () => {
    const findings = lintWith(WEB009, [file(APPHOST_PATH, appHost()), file(WEB, webConfig('<system.web><customErrors mode="Off" /></system.web>')), file(APP, webConfig('<system.web><customErrors mode="On" /></system.web>'))]);
    expect(findings.map((finding) => finding.message)).toEqual([expect.stringContaining('Applies to "Default Web Site" and "Default Web Site/images".')]);
  });
});
