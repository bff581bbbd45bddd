import { describe, expect, it } from 'vitest';
import { WEB022 } from '../../src/rules/WEB022.js';
import { APPHOST_PATH, appHost, at, file, lintWith, server, webConfig } from '../support/iis.js';
import { lintServer, DEFAULT_LINT_OPTIONS } from '../../src/engine/lint.js';

const WEB = 'server/inetpub/wwwroot/web.config';
const APP = 'server/inetpub/wwwroot/app/web.config';
const lone = (body: string) => lintWith(WEB022, [file('site/web.config', webConfig(body))]);
const cis = (files: Parameters<typeof server>[0]) => lintServer(server(files), DEFAULT_LINT_OPTIONS, [{ ...WEB022, check: (model, options) => WEB022.check(model, { ...options, explicitValues: true }) }]);
void [APPHOST_PATH, appHost, at, WEB, APP, lone, cis];

describe('WEB022 ssl-flags-inconsistent', () => {
  const access = (value: string) => `<system.webServer><security><access sslFlags="${value}" /></security></system.webServer>`;
  it.each(['None', 'Ssl', 'Ssl, Ssl128', 'Ssl, SslNegotiateCert, SslRequireCert', '104'])('valid: %s', (value) => {
    expect(lone(access(value))).toEqual([]);
  });
  it('invalid: SslRequireCert alone', () => {
    expect(lone(access('Ssl, SslRequireCert'))[0]!.message).toContain('SslRequireCert without SslNegotiateCert requires no certificate');
  });
  it('invalid: Ssl128 without Ssl, also as a number (256)', () => {
    expect(lone(access('Ssl128'))[0]!.message).toContain('Ssl128 without Ssl');
    expect(lone(access('256'))).toHaveLength(1);
  });
});
