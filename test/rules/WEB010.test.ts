import { describe, expect, it } from 'vitest';
import { WEB010 } from '../../src/rules/WEB010.js';
import { APPHOST_PATH, appHost, at, file, lintWith, server, webConfig } from '../support/iis.js';
import { lintServer, DEFAULT_LINT_OPTIONS } from '../../src/engine/lint.js';

const WEB = 'server/inetpub/wwwroot/web.config';
const APP = 'server/inetpub/wwwroot/app/web.config';
const lone = (body: string) => lintWith(WEB010, [file('site/web.config', webConfig(body))]);
const cis = (files: Parameters<typeof server>[0]) => lintServer(server(files), DEFAULT_LINT_OPTIONS, [{ ...WEB010, check: (model, options) => WEB010.check(model, { ...options, explicitValues: true }) }]);
void [APPHOST_PATH, appHost, at, WEB, APP, lone, cis];

describe('WEB010 detailed-errors-remote', () => {
  it('valid: DetailedLocalOnly, Custom, not set', () => {
    expect(lone('<system.webServer><httpErrors errorMode="DetailedLocalOnly" /></system.webServer>')).toEqual([]);
    expect(lone('<system.webServer><httpErrors errorMode="Custom" /></system.webServer>')).toEqual([]);
    expect(lone('<system.webServer><httpErrors /></system.webServer>')).toEqual([]);
  });
  it('invalid: Detailed (or its number 2)', () => {
    expect(lone('<system.webServer><httpErrors errorMode="Detailed" /></system.webServer>')).toHaveLength(1);
    expect(lone('<system.webServer><httpErrors errorMode="2" /></system.webServer>')).toHaveLength(1);
  });
});
