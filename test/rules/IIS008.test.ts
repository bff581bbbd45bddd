import { describe, expect, it } from 'vitest';
import { IIS008 } from '../../src/rules/IIS008.js';
import { APPHOST_PATH, appHost, at, file, lintWith, webConfig } from '../support/iis.js';

const lint = (body: string) => lintWith(IIS008, [file('site/web.config', webConfig(body))]);

describe('IIS008 section-duplicated', () => {
  describe('valid', () => {
    it.each([
      ['the same section in the root and in a location', '<system.web><trace enabled="false" /></system.web><location path="a"><system.web><trace enabled="false" /></system.web></location>'],
      ['a group element twice (system.webServer)', '<system.webServer><directoryBrowse /></system.webServer><system.webServer><httpErrors /></system.webServer>'],
      ['a group re-declared to add a section to it', '<configSections><sectionGroup name="system.web"><section name="mine" type="x" /></sectionGroup></configSections>'],
    ])('%s', (_name, body) => {
      expect(lint(body)).toEqual([]);
    });
  });

  describe('invalid', () => {
    it('two httpCookies in system.web: at the second', () => {
      const findings = lint('<system.web>\n<httpCookies httpOnlyCookies="true" />\n<httpCookies requireSSL="true" />\n</system.web>');
      expect(findings.map(at)).toEqual([[5, 2, 5, 13]]);
      expect(findings[0]!.message).toContain("Config section 'system.web/httpCookies' already defined (line 4). Sections must only appear once per config file");
    });

    it('the same section in two system.webServer group elements', () => {
      expect(lint('<system.webServer><directoryBrowse /></system.webServer><system.webServer><directoryBrowse /></system.webServer>')).toHaveLength(1);
    });

    it('system.web.extensions re-declared under .NET 4: at each section declaration, 0x800700b7', () => {
      const findings = lint('<configSections><sectionGroup name="system.web.extensions"><sectionGroup name="scripting"><section name="scriptResourceHandler" type="x" /></sectionGroup></sectionGroup></configSections>');
      expect(findings).toHaveLength(1);
      expect(findings[0]!.message).toBe(
        "There is a duplicate 'system.web.extensions/scripting/scriptResourceHandler' section defined: the .NET Framework 4 machine.config already declares it. IIS answers HTTP 500.19 (0x800700b7).",
      );
    });

    it('a section applicationHost.config declares, declared again in a web.config', () => {
      const findings = lintWith(IIS008, [file(APPHOST_PATH, appHost()), file('server/inetpub/wwwroot/web.config', webConfig('<configSections><sectionGroup name="system.webServer"><section name="directoryBrowse" /></sectionGroup></configSections>'))]);
      expect(findings.map((finding) => finding.message)).toEqual([expect.stringContaining(`${APPHOST_PATH} line 9 already declares it`)]);
    });
  });
});
