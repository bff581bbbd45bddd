import { describe, expect, it } from 'vitest';
import { WEB015 } from '../../src/rules/WEB015.js';
import { APPHOST_PATH, appHost, at, file, lintWith, server, webConfig } from '../support/iis.js';
import { lintServer, DEFAULT_LINT_OPTIONS } from '../../src/engine/lint.js';

const WEB = 'server/inetpub/wwwroot/web.config';
const APP = 'server/inetpub/wwwroot/app/web.config';
const lone = (body: string) => lintWith(WEB015, [file('site/web.config', webConfig(body))]);
const cis = (files: Parameters<typeof server>[0]) => lintServer(server(files), DEFAULT_LINT_OPTIONS, [{ ...WEB015, check: (model, options) => WEB015.check(model, { ...options, explicitValues: true }) }]);
void [APPHOST_PATH, appHost, at, WEB, APP, lone, cis];

describe('WEB015 request-validation-off', () => {
  it('valid: defaults, 4.0 and 4.5', () => {
    expect(lone('<system.web><pages validateRequest="true" /><httpRuntime requestValidationMode="4.0" /></system.web>')).toEqual([]);
    expect(lone('<system.web><httpRuntime requestValidationMode="4.5" /></system.web>')).toEqual([]);
  });
  it('invalid: each setting is one finding', () => {
    const findings = lone('<system.web><pages validateRequest="false" /><httpRuntime requestValidationMode="2.0" /></system.web>');
    expect(findings.map((finding) => finding.message.split(' (')[0])).toEqual(['Request validation is off', 'Request validation runs in the ASP.NET 2.0 mode']);
  });
  it('invalid: requestValidationMode in a location of a web.config names that path', () => {
    const findings = lone('<location path="N2"><system.web><httpRuntime requestValidationMode="2.0" /></system.web></location>');
    expect(findings[0]!.message).toContain('Applies to "Default Web Site/N2".');
  });
});
