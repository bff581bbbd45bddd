/**
 * The WEB rules on the real-world corpus (../shared/corpus): each file gives the findings its
 * SOURCES.md notes expect (rule and line), and none where the notes call a setting good.
 * Skips visibly when ../shared is absent.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LINT_OPTIONS, lintServer } from '../src/engine/lint.js';
import { loadServer } from '../src/engine/load.js';
import { RULES } from '../src/rules/index.js';
import { corpusDir, hasCorpus } from './support/corpus.js';

const WEB = RULES.filter((rule) => rule.meta.id.startsWith('WEB'));

function findings(name: string): string[] {
  const server = loadServer('corpus', [{ path: path.basename(name), bytes: readFileSync(path.join(corpusDir, name)) }], undefined);
  return lintServer(server, DEFAULT_LINT_OPTIONS, WEB).map((finding) => `${finding.ruleId}:${finding.region.startLine}:${finding.level}`);
}

describe.skipIf(!hasCorpus)('WEB rules on the corpus (../shared/corpus)', () => {
  it.each([
    // file, findings the notes expect (rule:line:level), rules the notes call good (must not appear)
    ['webconfig/jerryhoff-webgoat-dup-httpcookies-clearcreds.Web.config', ['WEB013:45:note', 'WEB008:46:warning', 'WEB009:54:warning', 'WEB004:57:warning', 'WEB007:58:error'], ['WEB011', 'WEB006']],
    ['webconfig/h5bp-webforms-mimemap-added-twice.web.config', ['WEB008:14:warning'], ['WEB001', 'WEB009', 'WEB025']],
    ['webconfig/kranza-hardened-invalid-hsts.web.config', [], ['WEB001', 'WEB004', 'WEB008', 'WEB009', 'WEB010', 'WEB012', 'WEB013', 'WEB017', 'WEB027', 'WEB028']],
    ['webconfig/blogengine-static-machinekey-accesspolicy.Web.Config', ['WEB008:63:warning', 'WEB015:90:warning', 'WEB014:92:error', 'WEB014:92:warning', 'WEB004:95:warning', 'WEB018:186:error'], ['WEB016', 'WEB009']],
    ['webconfig/elmah-demo-trace-trustfull.Web.config', ['WEB011:39:warning', 'WEB024:41:note'], ['WEB008']],
    ['webconfig/ruant-locked-auth-sections-in-location.Web.config', ['WEB008:8:warning', 'WEB004:15:warning', 'WEB005:16:warning'], []],
    ['webconfig/markkharitonov-wcf-directorybrowse.Web.config', ['WEB008:9:warning', 'WEB001:78:warning'], []],
    ['webconfig/ithit-webdav-hiddensegments-cleared.web.config', ['WEB009:85:warning', 'WEB008:92:warning', 'WEB017:160:warning', 'WEB027:173:note'], ['WEB002']],
    ['webconfig/nuget-gallery-hardened-hsts.Web.config', ['WEB008:294:warning', 'WEB027:393:note'], ['WEB013', 'WEB014', 'WEB009', 'WEB010', 'WEB025']],
    ['webconfig/n2cms-dinamico-clear-credentials.web.config', ['WEB008:68:warning', 'WEB009:77:warning', 'WEB007:80:error', 'WEB015:146:warning'], []],
    ['webconfig/kudu-elmah-remote-access.Web.config', ['WEB009:25:warning', 'WEB008:26:warning'], []],
    ['webconfig/kudu-scm-hiddensegments-removed-dup-assembly.Web.config', ['WEB009:23:warning', 'WEB015:24:warning', 'WEB017:73:warning', 'WEB027:74:note'], []],
    ['apphost/coso-supernova-iis10-ftp-https.applicationHost_SSL.config', ['WEB023:177:warning', 'WEB001:224:warning', 'WEB017:337:warning', 'WEB021:181:warning'], ['WEB020', 'WEB019', 'WEB025']],
    ['apphost/apachecoz-iis85plus-multisite.applicationHost.config', ['WEB025:464:note', 'WEB021:322:warning'], ['WEB001', 'WEB020']],
    ['apphost/nordstrom-iis75-interview.applicationHost.config', ['WEB001:217:warning', 'WEB025:299:note'], ['WEB020', 'WEB021']],
    ['apphost/adrianocosta-iisexpress-php-fastcgi.applicationhost.config', ['WEB019:352:warning', 'WEB025:294:note'], ['WEB001']],
    ['apphost/kranza-iis10-hardened-logs-authz-header.applicationHost.config', [], ['WEB001', 'WEB017', 'WEB028', 'WEB029', 'WEB019', 'WEB025']],
    ['apphost/mlbakerak-iis-container-iris-cspgateway.applicationHost.config', [], ['WEB001', 'WEB020', 'WEB018']],
  ] as const)('%s', (name, expected, absent) => {
    const found = findings(name);
    expect(found).toEqual(expect.arrayContaining([...expected]));
    for (const rule of absent) expect(found.filter((finding) => finding.startsWith(`${rule}:`)), rule).toEqual([]);
  });

  it('the Exchange servers run their pools as LocalSystem (WEB020 errors), which SOURCES.md lists as not found', () => {
    expect(findings('apphost/exchange2013-cas-apphost.config').filter((finding) => finding.startsWith('WEB020:'))).toHaveLength(11);
  });

  it('never prints the published BlogEngine machine key', () => {
    const server = loadServer('corpus', [{ path: 'Web.Config', bytes: readFileSync(path.join(corpusDir, 'webconfig/blogengine-static-machinekey-accesspolicy.Web.Config')) }], undefined);
    const text = JSON.stringify(lintServer(server, DEFAULT_LINT_OPTIONS, WEB).map((finding) => finding.message));
    const key = /validationKey="([0-9A-F]{16})/.exec(readFileSync(path.join(corpusDir, 'webconfig/blogengine-static-machinekey-accesspolicy.Web.Config'), 'utf8'))![1]!;
    expect(text).not.toContain(key);
  });
});
