import { describe, expect, it } from 'vitest';
import { WEB030 } from '../../src/rules/WEB030.js';
import { APPHOST_PATH, appHost, at, file, lintWith, server, webConfig } from '../support/iis.js';
import { lintServer, DEFAULT_LINT_OPTIONS } from '../../src/engine/lint.js';

const WEB = 'server/inetpub/wwwroot/web.config';
const APP = 'server/inetpub/wwwroot/app/web.config';
const lone = (body: string) => lintWith(WEB030, [file('site/web.config', webConfig(body))]);
const cis = (files: Parameters<typeof server>[0]) => lintServer(server(files), DEFAULT_LINT_OPTIONS, [{ ...WEB030, check: (model, options) => WEB030.check(model, { ...options, explicitValues: true }) }]);
void [APPHOST_PATH, appHost, at, WEB, APP, lone, cis];

describe('WEB030 unlisted-extensions-allowed', () => {
  const fe = (attributes: string) => `<system.webServer><security><requestFiltering><fileExtensions ${attributes} /></requestFiltering></security></system.webServer>`;
  it('valid: false', () => expect(cis([file('site/web.config', webConfig(fe('allowUnlisted="false"')))])).toEqual([]));
  it('invalid: true; the default under cis', () => {
    expect(lone(fe('allowUnlisted="true"'))).toHaveLength(1);
    expect(cis([file('site/web.config', webConfig('<system.webServer />'))])).toHaveLength(1);
  });
});
