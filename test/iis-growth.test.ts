/**
 * The IIS 7+ model and rules do work in proportion to the server, not to its square: a server
 * of 4n sites must cost about four times one of n. Measured without a clock: every read of an
 * element's children or attributes, and of the model's lists (occurrences, sites, pools, files,
 * declarations), goes through a counting proxy. A scan of every site per site (what made a
 * 10,000-site applicationHost.config take 12 s) multiplies the count by 16, not 4.
 */
import { describe, expect, it } from 'vitest';
import type { ConfigDocument, ConfigElement } from '../src/parse/config-syntax.js';
import { parseConfig } from '../src/parse/config.js';
import { sourceFromText } from '../src/parse/text.js';
import { buildServerModel } from '../src/model/server.js';
import { RULES } from '../src/rules/index.js';
import { expectLinear } from './support/work.js';

const APPHOST = 'server/inetsrv/config/applicationHost.config';

/** Sites with pools (shared and own), applications, http/https/ftp bindings, <location>s, <siteDefaults> after the sites, web.config files. */
function serverFiles(sites: number): { path: string; text: string }[] {
  const lines = [
    '<configuration>',
    '<configSections>',
    '<sectionGroup name="system.applicationHost"><section name="applicationPools" allowDefinition="AppHostOnly" overrideModeDefault="Deny" /><section name="sites" allowDefinition="AppHostOnly" overrideModeDefault="Deny" /></sectionGroup>',
    '<sectionGroup name="system.webServer"><section name="directoryBrowse" overrideModeDefault="Allow" /><section name="httpProtocol" overrideModeDefault="Allow" /><sectionGroup name="security"><section name="access" overrideModeDefault="Deny" /></sectionGroup></sectionGroup>',
    '</configSections>',
    '<system.applicationHost>',
    '<applicationPools>',
    '<add name="DefaultAppPool"><processModel identityType="LocalSystem" /></add>',
  ];
  for (let site = 1; site <= sites; site++) lines.push(`<add name="pool${site}" managedRuntimeVersion="${site % 3 ? 'v4.0' : 'v2.0'}" />`);
  lines.push('<applicationPoolDefaults managedRuntimeVersion="v4.0" />', '</applicationPools>', '<sites>');
  for (let site = 1; site <= sites; site++) {
    lines.push(
      `<site name="site${site}" id="${site}">`,
      `<application path="/"${site % 2 ? ` applicationPool="pool${site}"` : ''}><virtualDirectory path="/" physicalPath="D:\\sites\\site${site}" /></application>`,
      `<application path="/app" applicationPool="pool${site}"><virtualDirectory path="/" physicalPath="D:\\sites\\site${site}\\app" /></application>`,
      `<bindings><binding protocol="https" bindingInformation="*:443:site${site}.example.com" sslFlags="1" />${site % 5 ? '' : '<binding protocol="ftp" bindingInformation="*:21:" />'}</bindings>`,
      site % 5 ? '' : '<ftpServer><security><ssl controlChannelPolicy="SslAllow" /></security></ftpServer>',
      '</site>',
    );
  }
  lines.push(
    '<siteDefaults><logFile directory="%SystemDrive%\\inetpub\\logs\\LogFiles" /></siteDefaults>',
    '<applicationDefaults applicationPool="DefaultAppPool" />',
    '</sites>',
    '</system.applicationHost>',
    '<system.webServer><httpProtocol><customHeaders><add name="X-Powered-By" value="ASP.NET" /></customHeaders></httpProtocol></system.webServer>',
    '<system.web><authentication mode="Forms"><forms requireSSL="false" /></authentication><compilation debug="true" /></system.web>',
  );
  for (let site = 1; site <= sites; site++) {
    lines.push(
      `<location path="site${site}"${site % 4 ? '' : ' inheritInChildApplications="false"'}>`,
      `<system.webServer><directoryBrowse enabled="${site % 3 === 0}" /><security><access sslFlags="Ssl" /></security></system.webServer>`,
      site % 5 ? '' : '<system.web><machineKey validation="SHA1" /></system.web>',
      '</location>',
    );
  }
  lines.push('</configuration>');
  const files = [{ path: APPHOST, text: lines.join('\n') }];
  for (let site = 2; site <= sites; site += 2) {
    files.push({ path: `server/sites/site${site}/web.config`, text: '<configuration><system.webServer><directoryBrowse enabled="true" /></system.webServer></configuration>' });
  }
  return files;
}

/** Replaces `list` by a proxy that counts each element read into one shared counter (test/support/work.ts's countingReads gives one counter per array). */
function counted<T>(list: T[], counter: { reads: number }): T[] {
  return new Proxy(list, {
    get(target, key, receiver) {
      if (typeof key === 'string' && key.length > 0 && key.charCodeAt(0) >= 0x30 && key.charCodeAt(0) <= 0x39) counter.reads++;
      return Reflect.get(target, key, receiver);
    },
  });
}

function countElements(element: ConfigElement, counter: { reads: number }): void {
  for (const child of element.children) countElements(child, counter);
  element.children = counted(element.children, counter);
  element.attributes = counted(element.attributes, counter);
}

/** Reads made by the model's construction and every rule (default and explicit-value mode) for a server of `sites` sites. */
function readsFor(sites: number): { reads: number; findings: number } {
  const counter = { reads: 0 };
  const documents: ConfigDocument[] = serverFiles(sites).map(({ path, text }) => parseConfig(sourceFromText(path, text), path === APPHOST ? 'apphost' : 'webconfig'));
  for (const document of documents) {
    expect(document.diagnostics).toEqual([]);
    countElements(document.root!, counter);
  }
  const server = buildServerModel({ name: 'server', metabaseDocuments: [], regDocuments: [], configDocuments: documents }, undefined);
  const model = server.iis!;
  expect(model.sites).toHaveLength(sites);
  for (const name of ['occurrences', 'sites', 'applicationPools', 'files', 'declarations', 'webConfigs'] as const) {
    Object.defineProperty(model, name, { value: counted(model[name] as unknown[], counter) });
  }
  let findings = 0;
  for (const explicitValues of [false, true]) {
    for (const rule of RULES) findings += rule.check(server, { kernelSsl: 'auto', os: undefined, explicitValues }).length;
  }
  return { reads: counter.reads, findings };
}

describe('IIS 7+ work grows linearly with the number of sites', () => {
  it('four times the sites cost at most about four times the reads', () => {
    const small = readsFor(60);
    const large = readsFor(240);
    // The input exercises the rules: findings grow with the sites, so the rules did their work.
    expect(small.findings).toBeGreaterThan(60);
    expect(large.findings).toBeGreaterThan(3 * small.findings);
    // Linear work gives about 4 (a fixed part makes it a little less); one scan of all sites per site gives about 16.
    expect(large.reads / small.reads).toBeGreaterThan(2);
    expectLinear('IIS 7+ model and rules, element and list reads', small.reads, large.reads, 4);
  });
});
