import { describe, expect, it } from 'vitest';
import { WEB024 } from '../../src/rules/WEB024.js';
import { APPHOST_PATH, appHost, at, file, lintWith, server, webConfig } from '../support/iis.js';
import { lintServer, DEFAULT_LINT_OPTIONS } from '../../src/engine/lint.js';

const WEB = 'server/inetpub/wwwroot/web.config';
const APP = 'server/inetpub/wwwroot/app/web.config';
const lone = (body: string) => lintWith(WEB024, [file('site/web.config', webConfig(body))]);
const cis = (files: Parameters<typeof server>[0]) => lintServer(server(files), DEFAULT_LINT_OPTIONS, [{ ...WEB024, check: (model, options) => WEB024.check(model, { ...options, explicitValues: true }) }]);
void [APPHOST_PATH, appHost, at, WEB, APP, lone, cis];

describe('WEB024 trust-level-full', () => {
  it('valid: Medium; Full outside explicit-value mode when not set', () => {
    expect(lone('<system.web><trust level="Medium" /></system.web>')).toEqual([]);
    expect(lone('<system.web />')).toEqual([]);
  });
  it('invalid: Full set; the default under cis', () => {
    expect(lone('<system.web><trust level="Full" /></system.web>')).toHaveLength(1);
    expect(cis([file('site/web.config', webConfig('<system.web />'))])[0]!.message).toContain('left at its default "Full"');
  });
});
