import { describe, expect, it } from 'vitest';
import { IIS004 } from '../../src/rules/IIS004.js';
import { APPHOST_PATH, appHost, at, file, lintWith, webConfig } from '../support/iis.js';

const ROOT = 'server/inetpub/wwwroot/web.config';
const REWRITE = '<system.webServer><rewrite><rules /></rewrite></system.webServer>';
const REWRITE_DECLARED = '<sectionGroup name="rewrite"><section name="rules" overrideModeDefault="Allow" /></sectionGroup>';

describe('IIS004 section-undeclared', () => {
  describe('valid', () => {
    it('rewrite on a server whose applicationHost.config declares it (URL Rewrite installed)', () => {
      expect(lintWith(IIS004, [file(APPHOST_PATH, appHost({ sections: REWRITE_DECLARED })), file(ROOT, webConfig(REWRITE))])).toEqual([]);
    });

    it.each([
      ['a section the web.config declares itself', '<configSections><section name="log4net" type="x" /></configSections><log4net />'],
      ['.NET sections machine.config declares', '<appSettings /><connectionStrings /><system.serviceModel><bindings /></system.serviceModel><runtime />'],
      ['configProtectedData and location are built in', '<location path="a"><system.web><trace enabled="false" /></system.web></location>'],
    ])('%s', (_name, body) => {
      expect(lintWith(IIS004, [file('site/web.config', webConfig(body))])).toEqual([]);
    });

    it('a section declared in a parent web.config is declared for the child', () => {
      const parent = webConfig('<configSections><section name="elmah" type="x" /></configSections>');
      const child = webConfig('<elmah />');
      expect(lintWith(IIS004, [file(APPHOST_PATH, appHost()), file(ROOT, parent), file('server/inetpub/wwwroot/app/web.config', child)])).toEqual([]);
    });
  });

  describe('invalid', () => {
    it('rewrite without URL Rewrite, with applicationHost.config: error naming the module', () => {
      const findings = lintWith(IIS004, [file(APPHOST_PATH, appHost()), file(ROOT, webConfig(REWRITE))]);
      expect(findings.map(at)).toEqual([[3, 20, 3, 27]]);
      expect(findings[0]!.level).toBe('error');
      expect(findings[0]!.message).toContain('URL Rewrite declares it when installed');
      expect(findings[0]!.message).toContain('0x8007000d');
    });

    it('without applicationHost.config: a note naming the module to install', () => {
      const findings = lintWith(IIS004, [file('site/web.config', webConfig('<system.webServer><aspNetCore processPath="dotnet" /></system.webServer>'))]);
      expect(findings.map((finding) => finding.level)).toEqual(['note']);
      expect(findings[0]!.message).toContain('the server needs the ASP.NET Core Module');
    });

    it('a section declared only in a sibling web.config does not count', () => {
      const sibling = webConfig('<configSections><section name="elmah" type="x" /></configSections>');
      const findings = lintWith(IIS004, [file(APPHOST_PATH, appHost()), file('server/inetpub/wwwroot/app/web.config', sibling), file('C:/elsewhere/web.config', webConfig('<elmah />'))]);
      expect(findings.map((finding) => finding.message.slice(0, 5))).toEqual(['elmah']);
    });
  });
});
