import { describe, expect, it } from 'vitest';
import { WEB002 } from '../../src/rules/WEB002.js';
import { APPHOST_PATH, appHost, at, file, lintWith, server, webConfig } from '../support/iis.js';
import { lintServer, DEFAULT_LINT_OPTIONS } from '../../src/engine/lint.js';

const WEB = 'server/inetpub/wwwroot/web.config';
const APP = 'server/inetpub/wwwroot/app/web.config';
const lone = (body: string) => lintWith(WEB002, [file('site/web.config', webConfig(body))]);
const cis = (files: Parameters<typeof server>[0]) => lintServer(server(files), DEFAULT_LINT_OPTIONS, [{ ...WEB002, check: (model, options) => WEB002.check(model, { ...options, explicitValues: true }) }]);
void [APPHOST_PATH, appHost, at, WEB, APP, lone, cis];

describe('WEB002 webdav-authoring-enabled', () => {
  it('valid: disabled, or not set', () => {
    expect(lone('<system.webServer><webdav><authoring enabled="false" /></webdav></system.webServer>')).toEqual([]);
    expect(lone('<system.webServer><webdav><authoringRules /></webdav></system.webServer>')).toEqual([]);
  });
  it('invalid: enabled in a web.config, at the attribute', () => {
    const findings = lone('<system.webServer>\n<webdav><authoring enabled="true" /></webdav>\n</system.webServer>');
    expect(findings.map(at)).toEqual([[4, 20, 4, 34]]);
    expect(findings[0]!.message).toContain('WebDAV authoring is enabled (enabled="true")');
  });
  it('invalid: enabled for one site in applicationHost.config', () => {
    const sections = '<sectionGroup name="webdav"><section name="authoring" overrideModeDefault="Deny" /></sectionGroup>';
    const findings = lintWith(WEB002, [file(APPHOST_PATH, appHost({ sections, body: '<location path="Default Web Site"><system.webServer><webdav><authoring enabled="true" /></webdav></system.webServer></location>' }))]);
    expect(findings.map((finding) => finding.message)).toEqual([expect.stringContaining('Applies to "Default Web Site", "Default Web Site/images" and "Default Web Site/app".')]);
  });
});
