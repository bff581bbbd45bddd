import { describe, expect, it } from 'vitest';
import { WEB006 } from '../../src/rules/WEB006.js';
import { APPHOST_PATH, appHost, at, file, lintWith, server, webConfig } from '../support/iis.js';
import { lintServer, DEFAULT_LINT_OPTIONS } from '../../src/engine/lint.js';

const WEB = 'server/inetpub/wwwroot/web.config';
const APP = 'server/inetpub/wwwroot/app/web.config';
const lone = (body: string) => lintWith(WEB006, [file('site/web.config', webConfig(body))]);
const cis = (files: Parameters<typeof server>[0]) => lintServer(server(files), DEFAULT_LINT_OPTIONS, [{ ...WEB006, check: (model, options) => WEB006.check(model, { ...options, explicitValues: true }) }]);
void [APPHOST_PATH, appHost, at, WEB, APP, lone, cis];

describe('WEB006 forms-auth-weak-protection', () => {
  it('valid: All, or the default', () => {
    expect(lone('<system.web><authentication mode="Forms"><forms protection="All" /></authentication></system.web>')).toEqual([]);
    expect(lone('<system.web><authentication mode="Forms" /></system.web>')).toEqual([]);
  });
  it.each(['None', 'Encryption', 'Validation'])('invalid: %s', (value) => {
    expect(lone(`<system.web><authentication mode="Forms"><forms protection="${value}" /></authentication></system.web>`)).toHaveLength(1);
  });
});
