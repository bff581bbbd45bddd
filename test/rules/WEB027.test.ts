import { describe, expect, it } from 'vitest';
import { WEB027 } from '../../src/rules/WEB027.js';
import { APPHOST_PATH, appHost, at, file, lintWith, server, webConfig } from '../support/iis.js';
import { lintServer, DEFAULT_LINT_OPTIONS } from '../../src/engine/lint.js';

const WEB = 'server/inetpub/wwwroot/web.config';
const APP = 'server/inetpub/wwwroot/app/web.config';
const lone = (body: string) => lintWith(WEB027, [file('site/web.config', webConfig(body))]);
const cis = (files: Parameters<typeof server>[0]) => lintServer(server(files), DEFAULT_LINT_OPTIONS, [{ ...WEB027, check: (model, options) => WEB027.check(model, { ...options, explicitValues: true }) }]);
void [APPHOST_PATH, appHost, at, WEB, APP, lone, cis];

describe('WEB027 request-limits-raised', () => {
  const limits = (attributes: string) => `<system.webServer><security><requestFiltering><requestLimits ${attributes} /></requestFiltering></security></system.webServer>`;
  it('valid: the defaults and lower', () => expect(lone(limits('maxAllowedContentLength="30000000" maxUrl="2048" maxQueryString="2048"'))).toEqual([]));
  it('invalid: each raised limit is one finding', () => {
    expect(lone(limits('maxAllowedContentLength="4294967295" maxUrl="8192" maxQueryString="8192"')).map((finding) => finding.message.split(' (')[0])).toEqual([
      'A request limit is raised above the IIS default of 30000000',
      'A request limit is raised above the IIS default of 4096',
      'A request limit is raised above the IIS default of 2048',
    ]);
  });
});
