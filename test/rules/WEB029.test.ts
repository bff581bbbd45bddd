import { describe, expect, it } from 'vitest';
import { WEB029 } from '../../src/rules/WEB029.js';
import { APPHOST_PATH, appHost, at, file, lintWith, server, webConfig } from '../support/iis.js';
import { lintServer, DEFAULT_LINT_OPTIONS } from '../../src/engine/lint.js';

const WEB = 'server/inetpub/wwwroot/web.config';
const APP = 'server/inetpub/wwwroot/app/web.config';
const lone = (body: string) => lintWith(WEB029, [file('site/web.config', webConfig(body))]);
const cis = (files: Parameters<typeof server>[0]) => lintServer(server(files), DEFAULT_LINT_OPTIONS, [{ ...WEB029, check: (model, options) => WEB029.check(model, { ...options, explicitValues: true }) }]);
void [APPHOST_PATH, appHost, at, WEB, APP, lone, cis];

describe('WEB029 trace-verb-not-denied', () => {
  const verbs = (inner: string, attributes = '') => `<system.webServer><security><requestFiltering><verbs ${attributes}>${inner}</verbs></requestFiltering></security></system.webServer>`;
  it('valid: TRACE denied; only listed verbs allowed', () => {
    expect(lone(verbs('<add verb="TRACE" allowed="false" />'))).toEqual([]);
    expect(lone(verbs('<add verb="GET" allowed="true" />', 'allowUnlisted="false"'))).toEqual([]);
  });
  it('invalid: nothing, or TRACE allowed: once per site, at the root', () => {
    expect(lone(verbs('')).map(at)).toEqual([[2, 2, 2, 15]]);
    expect(lone(verbs('<add verb="TRACE" allowed="true" />', 'allowUnlisted="false"'))).toHaveLength(1);
  });
});
