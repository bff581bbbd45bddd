import { describe, expect, it } from 'vitest';
import { WEB033 } from '../../src/rules/WEB033.js';
import { APPHOST_PATH, appHost, at, file, lintWith, server, webConfig } from '../support/iis.js';
import { lintServer, DEFAULT_LINT_OPTIONS } from '../../src/engine/lint.js';

const WEB = 'server/inetpub/wwwroot/web.config';
const APP = 'server/inetpub/wwwroot/app/web.config';
const lone = (body: string) => lintWith(WEB033, [file('site/web.config', webConfig(body))]);
const cis = (files: Parameters<typeof server>[0]) => lintServer(server(files), DEFAULT_LINT_OPTIONS, [{ ...WEB033, check: (model, options) => WEB033.check(model, { ...options, explicitValues: true }) }]);
void [APPHOST_PATH, appHost, at, WEB, APP, lone, cis];

describe('WEB033 anonymous-identity-not-pool', () => {
  const sections = '<section name="anonymousAuthentication" overrideModeDefault="Deny" />';
  const ah = (attributes: string) => appHost({ body: `<system.webServer><security><authentication><anonymousAuthentication ${attributes} /></authentication></security></system.webServer>` }).replace('<section name="windowsAuthentication" overrideModeDefault="Deny" />', `<section name="windowsAuthentication" overrideModeDefault="Deny" />${sections}`);
  it('valid: an empty userName', () => expect(cis([file(APPHOST_PATH, ah('enabled="true" userName=""'))])).toEqual([]));
  it('invalid: IUSR set, once at the attribute', () => {
    expect(lintWith(WEB033, [file(APPHOST_PATH, ah('enabled="true" userName="IUSR"'))])).toHaveLength(1);
  });
});
