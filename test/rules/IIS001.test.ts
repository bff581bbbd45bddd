import { describe, expect, it } from 'vitest';
import { IIS001 } from '../../src/rules/IIS001.js';
import { APPHOST_PATH, appHost, at, file, lintWith, webConfig } from '../support/iis.js';

const ROOT = 'server/inetpub/wwwroot/web.config';
const WINDOWS_AUTH = '<system.webServer><security><authentication><windowsAuthentication enabled="true" /></authentication></security></system.webServer>';

describe('IIS001 section-locked', () => {
  describe('valid', () => {
    it.each([
      ['an Allow section in a web.config', appHost(), webConfig('<system.webServer><directoryBrowse enabled="false" /></system.webServer>')],
      ['a Deny section reopened for the site by a location in applicationHost.config', appHost({ body: `<location path="Default Web Site" overrideMode="Allow">${WINDOWS_AUTH}</location>` }), webConfig(WINDOWS_AUTH)],
      ['the old allowOverride="true" form', appHost({ body: `<location path="Default Web Site" allowOverride="true">${WINDOWS_AUTH}</location>` }), webConfig(WINDOWS_AUTH)],
      ['applicationHost.config setting its own locked section for a site', appHost({ body: `<location path="Default Web Site">${WINDOWS_AUTH}</location>` }), webConfig('')],
      ['an attribute not in lockAttributes', appHost({ body: '<location path="Default Web Site"><system.webServer><directoryBrowse lockAttributes="enabled" /></system.webServer></location>' }), webConfig('<system.webServer><directoryBrowse showFlags="Date" /></system.webServer>')],
    ])('%s', (_name, apphost, web) => {
      expect(lintWith(IIS001, [file(APPHOST_PATH, apphost), file(ROOT, web)])).toEqual([]);
    });
  });

  describe('invalid', () => {
    it('a Deny section set in a web.config: error 0x80070021 at the section element', () => {
      const findings = lintWith(IIS001, [file(APPHOST_PATH, appHost()), file(ROOT, webConfig(WINDOWS_AUTH))]);
      expect(findings.map(at)).toEqual([[3, 46, 3, 67]]);
      expect(findings[0]!.level).toBe('error');
      expect(findings[0]!.message).toContain('0x80070021');
      expect(findings[0]!.message).toContain(`overrideModeDefault="Deny" on its declaration, ${APPHOST_PATH} line 18`);
      expect(findings[0]!.subject).toBe('iis:MACHINE/WEBROOT/APPHOST/Default Web Site#system.webServer/security/authentication/windowsAuthentication');
    });

    it('locked for the site by overrideMode="Deny" though the declaration allows it', () => {
      const apphost = appHost({ body: '<location path="Default Web Site" overrideMode="Deny"><system.webServer><directoryBrowse enabled="false" /></system.webServer></location>' });
      const findings = lintWith(IIS001, [file(APPHOST_PATH, apphost), file(ROOT, webConfig('<system.webServer><directoryBrowse enabled="true" /></system.webServer>'))]);
      expect(findings).toHaveLength(1);
      expect(findings[0]!.message).toContain('overrideMode="Deny" on <location path="Default Web Site">');
    });

    it('an unlock for another site does not count', () => {
      const apphost = appHost({ body: `<location path="Other Site" overrideMode="Allow">${WINDOWS_AUTH}</location>` });
      expect(lintWith(IIS001, [file(APPHOST_PATH, apphost), file(ROOT, webConfig(WINDOWS_AUTH))])).toHaveLength(1);
    });

    it('a web.config cannot unlock for itself with its own location', () => {
      const web = webConfig(`<location path="" overrideMode="Allow">${WINDOWS_AUTH}</location>`);
      expect(lintWith(IIS001, [file(APPHOST_PATH, appHost()), file(ROOT, web)])).toHaveLength(1);
    });

    it('a parent web.config locks for the application below it', () => {
      const parent = webConfig('<location path="app" overrideMode="Deny"><system.webServer><directoryBrowse enabled="false" /></system.webServer></location>');
      const child = webConfig('<system.webServer><directoryBrowse enabled="true" /></system.webServer>');
      const findings = lintWith(IIS001, [file(APPHOST_PATH, appHost()), file(ROOT, parent), file('server/inetpub/wwwroot/app/web.config', child)]);
      expect(findings.map((finding) => finding.file.path)).toEqual(['server/inetpub/wwwroot/app/web.config']);
    });

    it('lockAttributes: at the attribute', () => {
      const apphost = appHost({ body: '<location path="Default Web Site"><system.webServer><directoryBrowse enabled="false" lockAttributes="enabled" /></system.webServer></location>' });
      const findings = lintWith(IIS001, [file(APPHOST_PATH, apphost), file(ROOT, webConfig('<system.webServer><directoryBrowse enabled="true" /></system.webServer>'))]);
      expect(findings.map(at)).toEqual([[3, 36, 3, 50]]);
      expect(findings[0]!.message).toContain("attribute 'enabled' of <directoryBrowse> is locked at a parent level (lockAttributes");
    });

    it('lockItem: removing a locked entry or clearing its collection', () => {
      const apphost = appHost({ body: '<system.webServer><staticContent><mimeMap fileExtension=".css" mimeType="text/css" lockItem="true" /></staticContent></system.webServer>' });
      const web = webConfig('<system.webServer><staticContent><remove fileExtension=".css" /><clear /></staticContent></system.webServer>');
      const findings = lintWith(IIS001, [file(APPHOST_PATH, apphost), file(ROOT, web)]);
      expect(findings.map((finding) => finding.message.match(/<(remove|clear)>/)?.[1])).toEqual(['remove', 'clear']);
    });

    it('without applicationHost.config: judged against the IIS 10 default install, as a warning', () => {
      const findings = lintWith(IIS001, [file('site/web.config', webConfig(WINDOWS_AUTH))]);
      expect(findings).toHaveLength(1);
      expect(findings[0]!.level).toBe('warning');
      expect(findings[0]!.message).toContain('the IIS 10 default install');
      expect(findings[0]!.message).toContain('no applicationHost.config was given');
    });

    it('handlers are reopened by the default install\'s location path="": not locked', () => {
      expect(lintWith(IIS001, [file('site/web.config', webConfig('<system.webServer><handlers><remove name="x" /></handlers></system.webServer>'))])).toEqual([]);
    });
  });
});
