import { describe, expect, it } from 'vitest';
import { WEB021 } from '../../src/rules/WEB021.js';
import { APPHOST_PATH, appHost, at, file, lintWith, server, webConfig } from '../support/iis.js';
import { lintServer, DEFAULT_LINT_OPTIONS } from '../../src/engine/lint.js';

const WEB = 'server/inetpub/wwwroot/web.config';
const APP = 'server/inetpub/wwwroot/app/web.config';
const lone = (body: string) => lintWith(WEB021, [file('site/web.config', webConfig(body))]);
const cis = (files: Parameters<typeof server>[0]) => lintServer(server(files), DEFAULT_LINT_OPTIONS, [{ ...WEB021, check: (model, options) => WEB021.check(model, { ...options, explicitValues: true }) }]);
void [APPHOST_PATH, appHost, at, WEB, APP, lone, cis];

describe('WEB021 https-site-without-hsts', () => {
  const site = (extra: string) => `<site name="S" id="1"><application path="/"><virtualDirectory path="/" physicalPath="C:\\s" /></application><bindings><binding protocol="https" bindingInformation="*:443:s.example.com" /></bindings>${extra}</site>`;
  const sections = '<section name="httpProtocol" overrideModeDefault="Allow" />';
  const lint = (extra: string, body = '') => lintWith(WEB021, [file(APPHOST_PATH, appHost({ sites: site(extra), body, sections }))]);
  const header = (value: string) => `<system.webServer><httpProtocol><customHeaders><add name="Strict-Transport-Security" value="${value}" /></customHeaders></httpProtocol></system.webServer>`;
  it('valid: hsts for a year; a header of a year; an http-only site', () => {
    expect(lint('<hsts enabled="true" max-age="31536000" />')).toEqual([]);
    expect(lint('', header('max-age=63072000; includeSubDomains'))).toEqual([]);
    expect(lintWith(WEB021, [file(APPHOST_PATH, appHost({ sites: '<site name="H" id="1"><bindings><binding protocol="http" bindingInformation="*:80:" /></bindings></site>' }))])).toEqual([]);
  });
  it('invalid: nothing: at the site element', () => {
    const findings = lint('');
    expect(findings.map((finding) => finding.message)).toEqual(['Site "S" has an https binding without HSTS of at least a year (neither hsts is enabled nor a Strict-Transport-Security header sent): browsers can be kept on plain HTTP.']);
  });
  it('invalid: a short max-age: at the attribute', () => {
    expect(lint('<hsts enabled="true" max-age="300" />')[0]!.message).toContain('hsts max-age="300" is below 31536000');
  });
  it('invalid: a header without max-age (the corpus kranza case)', () => {
    expect(lint('', header('8'))[0]!.message).toContain('no max-age (browsers ignore it)');
  });
});
