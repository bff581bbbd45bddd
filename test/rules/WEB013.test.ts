import { describe, expect, it } from 'vitest';
import { WEB013 } from '../../src/rules/WEB013.js';
import { APPHOST_PATH, appHost, at, file, lintWith, server, webConfig } from '../support/iis.js';
import { lintServer, DEFAULT_LINT_OPTIONS } from '../../src/engine/lint.js';

const WEB = 'server/inetpub/wwwroot/web.config';
const APP = 'server/inetpub/wwwroot/app/web.config';
const lone = (body: string) => lintWith(WEB013, [file('site/web.config', webConfig(body))]);
const cis = (files: Parameters<typeof server>[0]) => lintServer(server(files), DEFAULT_LINT_OPTIONS, [{ ...WEB013, check: (model, options) => WEB013.check(model, { ...options, explicitValues: true }) }]);
void [APPHOST_PATH, appHost, at, WEB, APP, lone, cis];

describe('WEB013 cookies-not-httponly', () => {
  it('valid: both true; defaults left alone outside cis', () => {
    expect(lone('<system.web><httpCookies httpOnlyCookies="true" requireSSL="true" /></system.web>')).toEqual([]);
    expect(lone('<system.web><compilation /></system.web>')).toEqual([]);
  });
  it('invalid: httpOnlyCookies false is a warning with a fix; requireSSL false a note without one', () => {
    const findings = lone('<system.web><httpCookies httpOnlyCookies="false" requireSSL="false" /></system.web>');
    expect(findings.map((finding) => [finding.level, finding.fix !== undefined])).toEqual([['warning', true], ['note', false]]);
  });
  it('cis: the defaults left alone, once per site at the site element', () => {
    const findings = cis([file(APPHOST_PATH, appHost()), file(WEB, webConfig('<system.web><compilation /></system.web>'))]);
    expect(findings.map((finding) => [finding.file.path, finding.region.startLine, finding.level])).toEqual([[APPHOST_PATH, 28, 'warning'], [APPHOST_PATH, 28, 'note']]);
    expect(findings[0]!.message).toContain('left at its default "False"');
  });
  it('cis: a lone web.config, at its root element', () => {
    const findings = cis([file('site/web.config', webConfig('<system.web />'))]);
    expect(findings.map(at)[0]).toEqual([2, 2, 2, 15]);
  });
});
