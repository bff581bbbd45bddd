import { describe, expect, it } from 'vitest';
import { WEB008 } from '../../src/rules/WEB008.js';
import { APPHOST_PATH, appHost, at, file, lintWith, server, webConfig } from '../support/iis.js';
import { lintServer, DEFAULT_LINT_OPTIONS } from '../../src/engine/lint.js';

const WEB = 'server/inetpub/wwwroot/web.config';
const APP = 'server/inetpub/wwwroot/app/web.config';
const lone = (body: string) => lintWith(WEB008, [file('site/web.config', webConfig(body))]);
const cis = (files: Parameters<typeof server>[0]) => lintServer(server(files), DEFAULT_LINT_OPTIONS, [{ ...WEB008, check: (model, options) => WEB008.check(model, { ...options, explicitValues: true }) }]);
void [APPHOST_PATH, appHost, at, WEB, APP, lone, cis];

describe('WEB008 debug-compilation', () => {
  it('valid: false, or not set', () => {
    expect(lone('<system.web><compilation debug="false" /></system.web>')).toEqual([]);
    expect(lone('<system.web><compilation targetFramework="4.8" /></system.web>')).toEqual([]);
  });
  it('invalid: at the attribute, with a byte-exact fix of the value only', () => {
    const findings = lone('<system.web>\n<compilation debug="True" targetFramework="4.8" />\n</system.web>');
    expect(findings.map(at)).toEqual([[4, 14, 4, 26]]);
    expect(findings[0]!.fix?.edits.map((edit) => [edit.region.startLine, edit.region.startColumn, edit.region.endColumn, edit.text])).toEqual([[4, 21, 25, 'false']]);
  });
  it('invalid: set in a location of applicationHost.config, overridden in one application', () => {
    const findings = lintWith(WEB008, [file(APPHOST_PATH, appHost({ body: '<location path="Default Web Site"><system.web><compilation debug="true" /></system.web></location>' })), file(APP, webConfig('<system.web><compilation debug="false" /></system.web>'))]);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toContain('Applies to "Default Web Site" and "Default Web Site/images".');
  });
});
