import { describe, expect, it } from 'vitest';
import { IIS003 } from '../../src/rules/IIS003.js';
import { APPHOST_PATH, appHost, at, file, lintWith, webConfig } from '../support/iis.js';

const lint = (body: string) => lintWith(IIS003, [file('site/web.config', webConfig(body))]);

describe('IIS003 unknown-attribute-or-element', () => {
  describe('valid', () => {
    it.each([
      ['schema attributes', '<system.webServer><directoryBrowse enabled="false" showFlags="Date" /></system.webServer>'],
      ['lock attributes and namespaced attributes', '<system.webServer><directoryBrowse enabled="false" lockAttributes="enabled" xdt:Transform="SetAttributes" /></system.webServer>'],
      ['a collection directive with its key', '<system.webServer><staticContent><remove fileExtension=".x" /><clear /></staticContent></system.webServer>'],
      ['IIS 10 1709 removeServerHeader (added to the table, cited)', '<system.webServer><security><requestFiltering removeServerHeader="true" /></security></system.webServer>'],
      ['system.web is left to ASP.NET (targetFramework is newer than the schema file)', '<system.web><httpRuntime targetFramework="4.8" /></system.web>'],
      ['an encrypted section is opaque', '<system.webServer><httpErrors configProtectionProvider="RsaProtectedConfigurationProvider"><EncryptedData /></httpErrors></system.webServer>'],
    ])('%s', (_name, body) => {
      expect(lint(body)).toEqual([]);
    });

    it('site/hsts in applicationHost.config (IIS 10 1709)', () => {
      const sites = '<site name="S" id="1"><hsts enabled="true" max-age="31536000" includeSubDomains="true" /></site>';
      expect(lintWith(IIS003, [file(APPHOST_PATH, appHost({ sites }))])).toEqual([]);
    });
  });

  describe('invalid', () => {
    it('a misspelt attribute: at its name, with a suggestion', () => {
      const findings = lint('<system.webServer><directoryBrowse Enabled="false" /></system.webServer>');
      expect(findings.map(at)).toEqual([[3, 36, 3, 43]]);
      expect(findings[0]!.message).toBe(
        "Unrecognized attribute 'Enabled' on <directoryBrowse> in system.webServer/directoryBrowse: IIS answers HTTP 500.19 (0x8007000d). Attribute names are case-sensitive. Did you mean 'enabled'?",
      );
      expect(findings[0]!.subject).toBe('iis:MACHINE/WEBROOT/APPHOST/Default Web Site#system.webServer/directoryBrowse@Enabled');
    });

    it('an unknown child element', () => {
      const findings = lint('<system.webServer><security><requestFiltering><requestLimit maxUrl="1" /></requestFiltering></security></system.webServer>');
      expect(findings.map((finding) => finding.message)).toEqual([
        "Unrecognized element 'requestLimit' in system.webServer/security/requestFiltering: IIS answers HTTP 500.19 (0x8007000d). Did you mean 'requestLimits'?",
      ]);
    });

    it('an attribute a remove directive does not have', () => {
      expect(lint('<system.webServer><staticContent><remove fileExtension=".x" mimeType="x/x" /></staticContent></system.webServer>')).toHaveLength(1);
    });

    it('in applicationHost.config it is a warning (a module may extend the schema there)', () => {
      const findings = lintWith(IIS003, [file(APPHOST_PATH, appHost({ body: '<system.webServer><directoryBrowse enabld="true" /></system.webServer>' }))]);
      expect(findings.map((finding) => finding.level)).toEqual(['warning']);
    });
  });
});
