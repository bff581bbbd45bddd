import { describe, expect, it } from 'vitest';
import { WEB005 } from '../../src/rules/WEB005.js';
import { APPHOST_PATH, appHost, at, file, lintWith, server, webConfig } from '../support/iis.js';
import { lintServer, DEFAULT_LINT_OPTIONS } from '../../src/engine/lint.js';

const WEB = 'server/inetpub/wwwroot/web.config';
const APP = 'server/inetpub/wwwroot/app/web.config';
const lone = (body: string) => lintWith(WEB005, [file('site/web.config', webConfig(body))]);
const cis = (files: Parameters<typeof server>[0]) => lintServer(server(files), DEFAULT_LINT_OPTIONS, [{ ...WEB005, check: (model, options) => WEB005.check(model, { ...options, explicitValues: true }) }]);
void [APPHOST_PATH, appHost, at, WEB, APP, lone, cis];

describe('WEB005 forms-auth-cookieless', () => {
  it('valid: UseCookies', () => {
    expect(lone('<system.web><authentication mode="Forms"><forms cookieless="UseCookies" /></authentication></system.web>')).toEqual([]);
  });
  it.each(['UseUri', 'AutoDetect', 'UseDeviceProfile'])('invalid: %s', (value) => {
    expect(lone(`<system.web><authentication mode="Forms"><forms cookieless="${value}" /></authentication></system.web>`)).toHaveLength(1);
  });
  it('invalid: the default UseDeviceProfile, at mode="Forms"', () => {
    expect(lone('<system.web><authentication mode="Forms" /></system.web>')[0]!.message).toContain('left at its default "UseDeviceProfile"');
  });
});
