import { describe, expect, it } from 'vitest';
import { IIS007 } from '../../src/rules/IIS007.js';
import { APPHOST_PATH, appHost, at, file, lintWith, server, webConfig } from '../support/iis.js';

const BODY = webConfig('<system.webServer><directoryBrowse enabled="false" /></system.webServer>');

describe('IIS007 web-config-unmapped', () => {
  describe('valid', () => {
    it.each([
      ['the site root (%SystemDrive% expanded, drive dropped)', 'server/inetpub/wwwroot/web.config'],
      ['a sub-folder of a physical path (MVC Views)', 'server/inetpub/wwwroot/Views/web.config'],
      ['case and slashes do not matter', 'server/InetPub/WWWRoot/web.config'],
      ['another virtual directory\'s physical path', 'server/images/web.config'],
    ])('%s', (_name, path) => {
      expect(lintWith(IIS007, [file(APPHOST_PATH, appHost()), file(path, BODY)])).toEqual([]);
    });

    it('no applicationHost.config: nothing to map against', () => {
      expect(lintWith(IIS007, [file('site/web.config', BODY)])).toEqual([]);
    });
  });

  describe('invalid', () => {
    it('a folder no physicalPath names: a note at the root element', () => {
      const findings = lintWith(IIS007, [file(APPHOST_PATH, appHost()), file('server/wwwroot/web.config', BODY)]);
      expect(findings.map(at)).toEqual([[2, 2, 2, 15]]);
      expect(findings[0]!.level).toBe('note');
    });

    it('whole segments only: inetpub/wwwroot2 is not inetpub/wwwroot', () => {
      expect(lintWith(IIS007, [file(APPHOST_PATH, appHost()), file('server/inetpub/wwwroot2/web.config', BODY)])).toHaveLength(1);
    });
  });

  describe('mapping', () => {
    it('maps to the deepest virtual directory, and sub-folders to sub-paths', () => {
      const model = server([
        file(APPHOST_PATH, appHost()),
        file('server/inetpub/wwwroot/app/web.config', BODY),
        file('server/inetpub/wwwroot/Views/Home/web.config', BODY),
      ]).iis!;
      expect(model.webConfigs.map((mapping) => mapping.configPaths)).toEqual([
        ['MACHINE/WEBROOT/APPHOST/Default Web Site/app'],
        ['MACHINE/WEBROOT/APPHOST/Default Web Site/Views/Home'],
      ]);
    });

    it('several virtual directories sharing the folder: each of them', () => {
      const sites = `<site name="A" id="1"><application path="/"><virtualDirectory path="/" physicalPath="D:\\shared" /></application></site>
        <site name="B" id="2"><application path="/"><virtualDirectory path="/" physicalPath="D:\\Shared\\" /></application></site>`;
      const model = server([file(APPHOST_PATH, appHost({ sites })), file('server/shared/web.config', BODY)]).iis!;
      expect(model.webConfigs[0]!.configPaths).toEqual(['MACHINE/WEBROOT/APPHOST/A', 'MACHINE/WEBROOT/APPHOST/B']);
    });
  });
});
