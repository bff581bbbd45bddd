import { describe, expect, it } from 'vitest';
import { WEB017 } from '../../src/rules/WEB017.js';
import { APPHOST_PATH, appHost, at, file, lintWith, server, webConfig } from '../support/iis.js';
import { lintServer, DEFAULT_LINT_OPTIONS } from '../../src/engine/lint.js';

const WEB = 'server/inetpub/wwwroot/web.config';
const APP = 'server/inetpub/wwwroot/app/web.config';
const lone = (body: string) => lintWith(WEB017, [file('site/web.config', webConfig(body))]);
const cis = (files: Parameters<typeof server>[0]) => lintServer(server(files), DEFAULT_LINT_OPTIONS, [{ ...WEB017, check: (model, options) => WEB017.check(model, { ...options, explicitValues: true }) }]);
void [APPHOST_PATH, appHost, at, WEB, APP, lone, cis];

describe('WEB017 double-escaping-allowed', () => {
  it('valid: false or not set', () => {
    expect(lone('<system.webServer><security><requestFiltering allowDoubleEscaping="false" /></security></system.webServer>')).toEqual([]);
    expect(lone('<system.webServer><security><requestFiltering /></security></system.webServer>')).toEqual([]);
  });
  it('invalid: a fix replacing only the value', () => {
    const findings = lone('<system.webServer><security><requestFiltering allowDoubleEscaping="true" /></security></system.webServer>');
    expect(findings).toHaveLength(1);
    expect(findings[0]!.fix?.edits.map((edit) => edit.text)).toEqual(['false']);
  });
});
