import { describe, expect, it } from 'vitest';
import { WEB011 } from '../../src/rules/WEB011.js';
import { APPHOST_PATH, appHost, at, file, lintWith, server, webConfig } from '../support/iis.js';
import { lintServer, DEFAULT_LINT_OPTIONS } from '../../src/engine/lint.js';

const WEB = 'server/inetpub/wwwroot/web.config';
const APP = 'server/inetpub/wwwroot/app/web.config';
const lone = (body: string) => lintWith(WEB011, [file('site/web.config', webConfig(body))]);
const cis = (files: Parameters<typeof server>[0]) => lintServer(server(files), DEFAULT_LINT_OPTIONS, [{ ...WEB011, check: (model, options) => WEB011.check(model, { ...options, explicitValues: true }) }]);
void [APPHOST_PATH, appHost, at, WEB, APP, lone, cis];

describe('WEB011 aspnet-trace-enabled', () => {
  it('valid: disabled, or not set', () => {
    expect(lone('<system.web><trace enabled="false" localOnly="false" /></system.web>')).toEqual([]);
    expect(lone('<system.web><trace pageOutput="true" /></system.web>')).toEqual([]);
  });
  it('invalid: enabled with localOnly true (the default) is a warning', () => {
    const findings = lone('<system.web><trace enabled="true" /></system.web>');
    expect(findings.map((finding) => finding.level)).toEqual(['warning']);
  });
  it('invalid: localOnly false, even set in another file, makes it an error', () => {
    const findings = lintWith(WEB011, [file(APPHOST_PATH, appHost()), file(WEB, webConfig('<system.web><trace enabled="true" /></system.web>')), file(APP, webConfig('<system.web><trace localOnly="false" /></system.web>'))]);
    expect(findings.map((finding) => [finding.level, finding.message.split('. Applies to ')[1]]).sort()).toEqual([
      ['error', '"Default Web Site/app".'],
      ['warning', '"Default Web Site" and "Default Web Site/images".'],
    ]);
  });
});
