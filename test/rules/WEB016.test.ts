import { describe, expect, it } from 'vitest';
import { WEB016 } from '../../src/rules/WEB016.js';
import { APPHOST_PATH, appHost, at, file, lintWith, server, webConfig } from '../support/iis.js';
import { lintServer, DEFAULT_LINT_OPTIONS } from '../../src/engine/lint.js';

const WEB = 'server/inetpub/wwwroot/web.config';
const APP = 'server/inetpub/wwwroot/app/web.config';
const lone = (body: string) => lintWith(WEB016, [file('site/web.config', webConfig(body))]);
const cis = (files: Parameters<typeof server>[0]) => lintServer(server(files), DEFAULT_LINT_OPTIONS, [{ ...WEB016, check: (model, options) => WEB016.check(model, { ...options, explicitValues: true }) }]);
void [APPHOST_PATH, appHost, at, WEB, APP, lone, cis];

describe('WEB016 viewstate-protection-off', () => {
  it('valid: true or not set', () => {
    expect(lone('<system.web><pages enableViewStateMac="true" enableEventValidation="true" /></system.web>')).toEqual([]);
    expect(lone('<system.web><pages /></system.web>')).toEqual([]);
  });
  it('invalid: MAC off is an error, event validation off a warning', () => {
    const findings = lone('<system.web><pages enableViewStateMac="false" enableEventValidation="False" /></system.web>');
    expect(findings.map((finding) => finding.level)).toEqual(['error', 'warning']);
  });
});
