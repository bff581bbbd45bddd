import { describe, expect, it } from 'vitest';
import { IIS002 } from '../../src/rules/IIS002.js';
import { APPHOST_PATH, appHost, at, file, lintWith, webConfig } from '../support/iis.js';

const ROOT = 'server/inetpub/wwwroot/web.config';
const staticContent = (entries: string) => webConfig(`<system.webServer>\n<staticContent>\n${entries}\n</staticContent>\n</system.webServer>`);

describe('IIS002 collection-duplicate-key', () => {
  describe('valid', () => {
    it.each([
      ['a remove before the add', '<remove fileExtension=".json" />\n<mimeMap fileExtension=".json" mimeType="application/json" />'],
      ['a clear before the add', '<clear />\n<mimeMap fileExtension=".json" mimeType="application/json" />'],
      ['distinct keys', '<mimeMap fileExtension=".a" mimeType="x/a" />\n<mimeMap fileExtension=".b" mimeType="x/b" />'],
    ])('%s', (_name, entries) => {
      const apphost = appHost({ body: '<system.webServer><staticContent><mimeMap fileExtension=".json" mimeType="application/json" /></staticContent></system.webServer>' });
      expect(lintWith(IIS002, [file(APPHOST_PATH, apphost), file(ROOT, staticContent(entries))])).toEqual([]);
    });

    it('allowDuplicates collections (system.web/authorization) never count', () => {
      const web = webConfig('<system.web><authorization><allow users="a" /><allow users="a" /></authorization></system.web>');
      expect(lintWith(IIS002, [file('site/web.config', web)])).toEqual([]);
    });

    it('an entry of a sibling application does not count', () => {
      const apphost = appHost({ body: '<location path="Other Site"><system.webServer><staticContent><mimeMap fileExtension=".myext" mimeType="x/x" /></staticContent></system.webServer></location>' });
      expect(lintWith(IIS002, [file(APPHOST_PATH, apphost), file(ROOT, staticContent('<mimeMap fileExtension=".myext" mimeType="x/x" />'))])).toEqual([]);
    });
  });

  describe('invalid', () => {
    it('a key the server already maps: the IIS message, at the key attribute', () => {
      const apphost = appHost({ body: '<system.webServer><staticContent><mimeMap fileExtension=".json" mimeType="application/json" /></staticContent></system.webServer>' });
      const findings = lintWith(IIS002, [file(APPHOST_PATH, apphost), file(ROOT, staticContent('<mimeMap fileExtension=".JSON" mimeType="application/json" />'))]);
      expect(findings.map(at)).toEqual([[5, 10, 5, 31]]);
      expect(findings[0]!.message).toMatch(/^Cannot add duplicate collection entry of type 'mimeMap' with unique key attribute 'fileExtension' set to '\.JSON': the entry is already at server\/inetsrv\/config\/applicationHost\.config line \d+\. IIS answers HTTP 500\.19 \(0x800700b7\)/);
      expect(findings[0]!.level).toBe('error');
      expect(findings[0]!.fix).toBeUndefined();
    });

    it('a duplicate in the same file, byte-identical: fixable by removing its line', () => {
      const entry = '<mimeMap fileExtension=".myext" mimeType="x/x" />';
      const findings = lintWith(IIS002, [file(ROOT, staticContent(`${entry}\n  ${entry}`))]);
      expect(findings).toHaveLength(1);
      expect(findings[0]!.fix?.edits).toEqual([expect.objectContaining({ text: '', region: expect.objectContaining({ startLine: 6, startColumn: 1, endLine: 7, endColumn: 1 }) })]);
    });

    it('a duplicate that differs is not fixed', () => {
      const findings = lintWith(IIS002, [file(ROOT, staticContent('<mimeMap fileExtension=".myext" mimeType="x/x" />\n<mimeMap fileExtension=".myext" mimeType="x/y" />'))]);
      expect(findings).toHaveLength(1);
      expect(findings[0]!.fix).toBeUndefined();
    });

    it('inherited from a parent location in applicationHost.config at the same path', () => {
      const apphost = appHost({ body: '<location path="Default Web Site/app"><system.webServer><staticContent><mimeMap fileExtension=".myext" mimeType="x/x" /></staticContent></system.webServer></location>' });
      const findings = lintWith(IIS002, [file(APPHOST_PATH, apphost), file('server/inetpub/wwwroot/app/web.config', staticContent('<mimeMap fileExtension=".myext" mimeType="x/x" />'))]);
      expect(findings).toHaveLength(1);
    });

    it('combined keys (site bindings)', () => {
      const sites = '<site name="S" id="1"><bindings><binding protocol="http" bindingInformation="*:80:" /><binding protocol="http" bindingInformation="*:80:" /></bindings></site>';
      const findings = lintWith(IIS002, [file(APPHOST_PATH, appHost({ sites }))]);
      expect(findings).toHaveLength(1);
      expect(findings[0]!.message).toContain("type 'binding' with combined key attributes 'protocol' set to 'http' and 'bindingInformation' set to '*:80:'");
    });

    it('without applicationHost.config: against the default install, as a warning', () => {
      const findings = lintWith(IIS002, [file('site/web.config', staticContent('<mimeMap fileExtension=".svg" mimeType="image/svg+xml" />'))]);
      expect(findings).toHaveLength(1);
      expect(findings[0]!.level).toBe('warning');
      expect(findings[0]!.message).toContain('already in the IIS 10 default install');
    });
  });
});
