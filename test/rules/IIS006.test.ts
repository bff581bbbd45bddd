import { describe, expect, it } from 'vitest';
import { IIS001 } from '../../src/rules/IIS001.js';
import { IIS006 } from '../../src/rules/IIS006.js';
import { APPHOST_PATH, appHost, file, lintWith, server, webConfig } from '../support/iis.js';
import { DEFAULT_LINT_OPTIONS, lintServer } from '../../src/engine/lint.js';

const ROOT = 'server/inetpub/wwwroot/web.config';
const FAST_CGI = '<system.webServer><fastCgi><application fullPath="C:\\php\\php-cgi.exe" /></fastCgi></system.webServer>';
const AUTHENTICATION = '<system.web><authentication mode="Forms" /></system.web>';

describe('IIS006 section-not-allowed-here', () => {
  describe('valid', () => {
    it('fastCgi in applicationHost.config for the whole server', () => {
      expect(lintWith(IIS006, [file(APPHOST_PATH, appHost({ body: FAST_CGI }))])).toEqual([]);
    });

    it('MachineToApplication at an application root (the site root and /app)', () => {
      const files = [file(APPHOST_PATH, appHost()), file(ROOT, webConfig(AUTHENTICATION)), file('server/inetpub/wwwroot/app/web.config', webConfig(AUTHENTICATION))];
      expect(lintWith(IIS006, files)).toEqual([]);
    });

    it('an Everywhere section in a sub-folder', () => {
      expect(lintWith(IIS006, [file(APPHOST_PATH, appHost()), file('server/inetpub/wwwroot/docs/web.config', webConfig('<system.web><authorization /></system.web>'))])).toEqual([]);
    });
  });

  describe('invalid', () => {
    it('fastCgi (AppHostOnly) in a web.config; IIS001 stays silent on it', () => {
      const model = server([file(APPHOST_PATH, appHost()), file(ROOT, webConfig(FAST_CGI))]);
      const findings = lintServer(model, DEFAULT_LINT_OPTIONS, [IIS001, IIS006]);
      expect(findings.map((finding) => finding.ruleId)).toEqual(['IIS006']);
      expect(findings[0]!.message).toContain('allowDefinition="AppHostOnly"');
    });

    it('fastCgi (AppHostOnly) for a site in applicationHost.config', () => {
      const findings = lintWith(IIS006, [file(APPHOST_PATH, appHost({ body: `<location path="Default Web Site">${FAST_CGI}</location>` }))]);
      expect(findings).toHaveLength(1);
    });

    it('MachineToApplication in a folder that is not an application', () => {
      const findings = lintWith(IIS006, [file(APPHOST_PATH, appHost()), file('server/inetpub/wwwroot/docs/web.config', webConfig(AUTHENTICATION))]);
      expect(findings.map((finding) => finding.message)).toEqual([
        'system.web/authentication cannot be set here: allowDefinition="MachineToApplication": it may be set for an application, but "Default Web Site/docs" is not an application root. IIS answers HTTP 500.19 for the path.',
      ]);
      expect(findings[0]!.level).toBe('error');
    });

    it('MachineOnly (processModel) in a web.config', () => {
      expect(lintWith(IIS006, [file('site/web.config', webConfig('<system.web><processModel /></system.web>'))])).toHaveLength(1);
    });
  });
});
