import { describe, expect, it } from 'vitest';
import { WEB004 } from '../../src/rules/WEB004.js';
import { APPHOST_PATH, appHost, at, file, lintWith, server, webConfig } from '../support/iis.js';
import { lintServer, DEFAULT_LINT_OPTIONS } from '../../src/engine/lint.js';

const WEB = 'server/inetpub/wwwroot/web.config';
const APP = 'server/inetpub/wwwroot/app/web.config';
const lone = (body: string) => lintWith(WEB004, [file('site/web.config', webConfig(body))]);
const cis = (files: Parameters<typeof server>[0]) => lintServer(server(files), DEFAULT_LINT_OPTIONS, [{ ...WEB004, check: (model, options) => WEB004.check(model, { ...options, explicitValues: true }) }]);
void [APPHOST_PATH, appHost, at, WEB, APP, lone, cis];

describe('WEB004 forms-auth-without-require-ssl', () => {
  it('valid: requireSSL true; forms settings without Forms mode', () => {
    expect(lone('<system.web><authentication mode="Forms"><forms requireSSL="true" /></authentication></system.web>')).toEqual([]);
    expect(lone('<system.web><authentication><forms requireSSL="false" /></authentication></system.web>')).toEqual([]);
  });
  it('invalid: set to false: at the attribute', () => {
    const findings = lone('<system.web>\n<authentication mode="Forms">\n<forms requireSSL="false" />\n</authentication>\n</system.web>');
    expect(findings.map(at)).toEqual([[5, 8, 5, 26]]);
  });
  it('invalid: left at its default: at mode="Forms", under every preset', () => {
    const findings = lone('<system.web>\n<authentication mode="Forms" />\n</system.web>');
    expect(findings.map(at)).toEqual([[4, 17, 4, 29]]);
    expect(findings[0]!.message).toContain('left at its default "False"');
  });
  it('invalid: Forms in the site web.config, requireSSL set in the application: two findings', () => {
    const findings = lintWith(WEB004, [file(APPHOST_PATH, appHost()), file(WEB, webConfig('<system.web><authentication mode="Forms" /></system.web>')), file(APP, webConfig('<system.web><authentication><forms requireSSL="false" /></authentication></system.web>'))]);
    expect(findings.map((finding) => [finding.file.path, finding.message.split('Applies to ')[1]])).toEqual([
      [APP, '"Default Web Site/app".'],
      [WEB, '"Default Web Site" and "Default Web Site/images".'],
    ]);
  });
});
