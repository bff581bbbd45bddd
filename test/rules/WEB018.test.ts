import { describe, expect, it } from 'vitest';
import { WEB018 } from '../../src/rules/WEB018.js';
import { APPHOST_PATH, appHost, at, file, lintWith, server, webConfig } from '../support/iis.js';
import { lintServer, DEFAULT_LINT_OPTIONS } from '../../src/engine/lint.js';

const WEB = 'server/inetpub/wwwroot/web.config';
const APP = 'server/inetpub/wwwroot/app/web.config';
const lone = (body: string) => lintWith(WEB018, [file('site/web.config', webConfig(body))]);
const cis = (files: Parameters<typeof server>[0]) => lintServer(server(files), DEFAULT_LINT_OPTIONS, [{ ...WEB018, check: (model, options) => WEB018.check(model, { ...options, explicitValues: true }) }]);
void [APPHOST_PATH, appHost, at, WEB, APP, lone, cis];

describe('WEB018 handler-write-and-execute', () => {
  it.each(['Read, Script', 'Read, Write', '513', 'Read,Execute'])('valid: %s', (value) => {
    expect(lone(`<system.webServer><handlers accessPolicy="${value}" /></system.webServer>`)).toEqual([]);
  });
  it.each(['Read, Write, Script, Execute', 'Read,Script,Write', '514', '6'])('invalid: %s', (value) => {
    expect(lone(`<system.webServer><handlers accessPolicy="${value}" /></system.webServer>`)).toHaveLength(1);
  });
});
