import { describe, expect, it } from 'vitest';
import { WEB012 } from '../../src/rules/WEB012.js';
import { APPHOST_PATH, appHost, at, file, lintWith, server, webConfig } from '../support/iis.js';
import { lintServer, DEFAULT_LINT_OPTIONS } from '../../src/engine/lint.js';

const WEB = 'server/inetpub/wwwroot/web.config';
const APP = 'server/inetpub/wwwroot/app/web.config';
const lone = (body: string) => lintWith(WEB012, [file('site/web.config', webConfig(body))]);
const cis = (files: Parameters<typeof server>[0]) => lintServer(server(files), DEFAULT_LINT_OPTIONS, [{ ...WEB012, check: (model, options) => WEB012.check(model, { ...options, explicitValues: true }) }]);
void [APPHOST_PATH, appHost, at, WEB, APP, lone, cis];

describe('WEB012 session-cookieless', () => {
  it.each(['UseCookies', 'false', 'usecookies'])('valid: %s', (value) => {
    expect(lone(`<system.web><sessionState cookieless="${value}" /></system.web>`)).toEqual([]);
  });
  it('valid: not set', () => expect(lone('<system.web><sessionState mode="InProc" /></system.web>')).toEqual([]));
  it.each(['UseUri', 'true', 'AutoDetect', 'UseDeviceProfile'])('invalid: %s', (value) => {
    expect(lone(`<system.web><sessionState cookieless="${value}" /></system.web>`)).toHaveLength(1);
  });
});
