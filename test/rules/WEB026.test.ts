import { describe, expect, it } from 'vitest';
import { WEB026 } from '../../src/rules/WEB026.js';
import { APPHOST_PATH, appHost, at, file, lintWith, server, webConfig } from '../support/iis.js';
import { lintServer, DEFAULT_LINT_OPTIONS } from '../../src/engine/lint.js';

const WEB = 'server/inetpub/wwwroot/web.config';
const APP = 'server/inetpub/wwwroot/app/web.config';
const lone = (body: string) => lintWith(WEB026, [file('site/web.config', webConfig(body))]);
const cis = (files: Parameters<typeof server>[0]) => lintServer(server(files), DEFAULT_LINT_OPTIONS, [{ ...WEB026, check: (model, options) => WEB026.check(model, { ...options, explicitValues: true }) }]);
void [APPHOST_PATH, appHost, at, WEB, APP, lone, cis];

describe('WEB026 server-header-not-removed', () => {
  const rf = (attributes: string) => `<system.webServer><security><requestFiltering ${attributes} /></security></system.webServer>`;
  it('valid: true', () => expect(cis([file('site/web.config', webConfig(rf('removeServerHeader="true"')))])).toEqual([]));
  it('invalid: false; the default under cis', () => {
    expect(lone(rf('removeServerHeader="false"'))).toHaveLength(1);
    expect(cis([file('site/web.config', webConfig(rf('allowDoubleEscaping="false"')))])).toHaveLength(1);
  });
});
