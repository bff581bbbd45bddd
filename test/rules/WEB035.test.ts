import { describe, expect, it } from 'vitest';
import { WEB035 } from '../../src/rules/WEB035.js';
import { APPHOST_PATH, appHost, at, file, lintWith, server, webConfig } from '../support/iis.js';
import { lintServer, DEFAULT_LINT_OPTIONS } from '../../src/engine/lint.js';

const WEB = 'server/inetpub/wwwroot/web.config';
const APP = 'server/inetpub/wwwroot/app/web.config';
const lone = (body: string) => lintWith(WEB035, [file('site/web.config', webConfig(body))]);
const cis = (files: Parameters<typeof server>[0]) => lintServer(server(files), DEFAULT_LINT_OPTIONS, [{ ...WEB035, check: (model, options) => WEB035.check(model, { ...options, explicitValues: true }) }]);
void [APPHOST_PATH, appHost, at, WEB, APP, lone, cis];

describe('WEB035 content-on-system-drive', () => {
  it('valid: another drive', () => {
    expect(lintWith(WEB035, [file(APPHOST_PATH, appHost({ sites: '<site name="A" id="1"><application path="/"><virtualDirectory path="/" physicalPath="D:\\a" /></application></site>' }))])).toEqual([]);
  });
  it('invalid: %SystemDrive% and C:, each at its attribute', () => {
    expect(lintWith(WEB035, [file(APPHOST_PATH, appHost())]).map((finding) => finding.message.split(' serves')[0])).toEqual([
      'Virtual directory "Default Web Site"',
      'Virtual directory "Default Web Site/images"',
      'Virtual directory "Default Web Site/app"',
    ]);
  });
});
