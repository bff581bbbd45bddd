import { describe, expect, it } from 'vitest';
import { WEB036 } from '../../src/rules/WEB036.js';
import { APPHOST_PATH, appHost, at, file, lintWith, server, webConfig } from '../support/iis.js';
import { lintServer, DEFAULT_LINT_OPTIONS } from '../../src/engine/lint.js';

const WEB = 'server/inetpub/wwwroot/web.config';
const APP = 'server/inetpub/wwwroot/app/web.config';
const lone = (body: string) => lintWith(WEB036, [file('site/web.config', webConfig(body))]);
const cis = (files: Parameters<typeof server>[0]) => lintServer(server(files), DEFAULT_LINT_OPTIONS, [{ ...WEB036, check: (model, options) => WEB036.check(model, { ...options, explicitValues: true }) }]);
void [APPHOST_PATH, appHost, at, WEB, APP, lone, cis];

describe('WEB036 default-log-location', () => {
  it('valid: another drive in siteDefaults', () => {
    expect(lintWith(WEB036, [file(APPHOST_PATH, appHost({ sites: '<siteDefaults><logFile directory="D:\\logs" /></siteDefaults><site name="A" id="1" />' }))])).toEqual([]);
  });
  it('invalid: the default, at the site; a C: directory, at its attribute', () => {
    const findings = lintWith(WEB036, [file(APPHOST_PATH, appHost({ sites: '<site name="A" id="1" /><site name="B" id="2"><logFile directory="C:\\logs" /></site>' }))]);
    expect(findings.map((finding) => finding.message)).toEqual(['Site "A" logs to the system drive (directory="%SystemDrive%\\inetpub\\logs\\LogFiles").', 'Site "B" logs to the system drive (directory="C:\\logs").']);
  });
});
