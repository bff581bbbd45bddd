import { describe, expect, it } from 'vitest';
import { WEB025 } from '../../src/rules/WEB025.js';
import { APPHOST_PATH, appHost, at, file, lintWith, server, webConfig } from '../support/iis.js';
import { lintServer, DEFAULT_LINT_OPTIONS } from '../../src/engine/lint.js';

const WEB = 'server/inetpub/wwwroot/web.config';
const APP = 'server/inetpub/wwwroot/app/web.config';
const lone = (body: string) => lintWith(WEB025, [file('site/web.config', webConfig(body))]);
const cis = (files: Parameters<typeof server>[0]) => lintServer(server(files), DEFAULT_LINT_OPTIONS, [{ ...WEB025, check: (model, options) => WEB025.check(model, { ...options, explicitValues: true }) }]);
void [APPHOST_PATH, appHost, at, WEB, APP, lone, cis];

describe('WEB025 x-powered-by-not-removed', () => {
  const headers = (inner: string) => `<system.webServer><httpProtocol><customHeaders>${inner}</customHeaders></httpProtocol></system.webServer>`;
  it('valid: removed, or cleared', () => {
    expect(cis([file('site/web.config', webConfig(headers('<remove name="X-Powered-By" />')))])).toEqual([]);
    expect(cis([file('site/web.config', webConfig(headers('<clear />')))])).toEqual([]);
  });
  it('invalid: added in a web.config: at the add', () => {
    expect(lone(headers('<add name="X-Powered-By" value="PHP" />'))[0]!.message).toContain('The X-Powered-By header is added');
  });
  it('invalid: a lone web.config that does not remove it, under cis', () => {
    expect(cis([file('site/web.config', webConfig(headers('<add name="X-Frame-Options" value="DENY" />')))])[0]!.message).toContain('a default IIS install adds X-Powered-By');
  });
});
