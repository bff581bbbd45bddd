import { describe, expect, it } from 'vitest';
import { WEB001 } from '../../src/rules/WEB001.js';
import { APPHOST_PATH, appHost, at, file, lintWith, webConfig } from '../support/iis.js';

const WEB = 'server/inetpub/wwwroot/web.config';
const APP = 'server/inetpub/wwwroot/app/web.config';
const browse = (value: string) => `<system.webServer><directoryBrowse enabled="${value}" /></system.webServer>`;

describe('WEB001 directory-browsing-enabled', () => {
  describe('valid', () => {
    it.each([
      ['enabled="false"', [file('site/web.config', webConfig(browse('false')))]],
      ['not set (the default is false)', [file('site/web.config', webConfig('<system.webServer><directoryBrowse showFlags="Date" /></system.webServer>'))]],
      ['true on the server, false in the only site', [file(APPHOST_PATH, appHost({ body: browse('true') })), file(WEB, webConfig(browse('false')))]],
    ])('%s', (_name, files) => {
      expect(lintWith(WEB001, files)).toEqual([]);
    });
  });

  describe('invalid', () => {
    it('a lone web.config: at the attribute', () => {
      const findings = lintWith(WEB001, [file('site/web.config', webConfig(`<system.webServer>\n<directoryBrowse enabled="true" />\n</system.webServer>`))]);
      expect(findings.map(at)).toEqual([[4, 18, 4, 32]]);
      expect(findings[0]!.message).toBe('Directory browsing is enabled (enabled="true"): folders without a default document list their files. Applies to "Default Web Site".');
    });

    it('set once in applicationHost.config: one finding naming every path where it is effective', () => {
      const findings = lintWith(WEB001, [file(APPHOST_PATH, appHost({ body: browse('TRUE') })), file(APP, webConfig(browse('false')))]);
      expect(findings).toHaveLength(1);
      expect(findings[0]!.file.path).toBe(APPHOST_PATH);
      expect(findings[0]!.message).toContain('Applies to "Default Web Site" and "Default Web Site/images".');
    });

    it('a location for one application', () => {
      const findings = lintWith(WEB001, [file(APPHOST_PATH, appHost({ body: `<location path="Default Web Site/app">${browse('true')}</location>` }))]);
      expect(findings.map((finding) => finding.message)).toEqual([expect.stringContaining('Applies to "Default Web Site/app".')]);
    });
  });
});
