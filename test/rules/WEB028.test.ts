import { describe, expect, it } from 'vitest';
import { WEB028 } from '../../src/rules/WEB028.js';
import { APPHOST_PATH, appHost, at, file, lintWith, server, webConfig } from '../support/iis.js';
import { lintServer, DEFAULT_LINT_OPTIONS } from '../../src/engine/lint.js';

const WEB = 'server/inetpub/wwwroot/web.config';
const APP = 'server/inetpub/wwwroot/app/web.config';
const lone = (body: string) => lintWith(WEB028, [file('site/web.config', webConfig(body))]);
const cis = (files: Parameters<typeof server>[0]) => lintServer(server(files), DEFAULT_LINT_OPTIONS, [{ ...WEB028, check: (model, options) => WEB028.check(model, { ...options, explicitValues: true }) }]);
void [APPHOST_PATH, appHost, at, WEB, APP, lone, cis];

describe('WEB028 high-bit-characters-allowed', () => {
  const rf = (attributes: string) => `<system.webServer><security><requestFiltering ${attributes} /></security></system.webServer>`;
  it('valid: false', () => expect(cis([file('site/web.config', webConfig(rf('allowHighBitCharacters="false"')))])).toEqual([]));
  it('invalid: true; the default under cis', () => {
    expect(lone(rf('allowHighBitCharacters="true"'))).toHaveLength(1);
    expect(cis([file('site/web.config', webConfig(rf('')))])).toHaveLength(1);
  });
});
