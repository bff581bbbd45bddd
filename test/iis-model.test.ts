/**
 * The IIS 7+ configuration model: effective values with provenance across levels and
 * locations, inheritInChildApplications, locks and collections; typed sites.
 */
import { describe, expect, it } from 'vitest';
import { APPHOST_PATH as APPHOST_CONFIG_PATH, isAncestorOrSelf, normalisePhysicalPath } from '../src/model/iis-config.js';
import { APPHOST_PATH, appHost, file, server, webConfig } from './support/iis.js';

const SITE = `${APPHOST_CONFIG_PATH}/Default Web Site`;
const ROOT = 'server/inetpub/wwwroot/web.config';
const APP = 'server/inetpub/wwwroot/app/web.config';
const browse = (value: string) => `<system.webServer><directoryBrowse enabled="${value}" /></system.webServer>`;

function model(files: Parameters<typeof server>[0]) {
  return server(files).iis!;
}

describe('effective values', () => {
  it('schema default when nothing sets it', () => {
    const iis = model([file(APPHOST_PATH, appHost())]);
    expect(iis.effectiveAttribute(SITE, 'system.webServer/directoryBrowse', [], 'enabled')).toEqual({ value: 'false', provenance: { kind: 'schema-default' } });
    expect(iis.effectiveAttribute(SITE, 'system.webServer/security/requestFiltering', ['requestLimits'], 'maxAllowedContentLength')?.value).toBe('30000000');
  });

  it('lower levels override higher ones, with the file and element as provenance', () => {
    const iis = model([file(APPHOST_PATH, appHost({ body: browse('true') })), file(ROOT, webConfig(browse('false')))]);
    const atSite = iis.effectiveAttribute(SITE, 'system.webServer/directoryBrowse', [], 'enabled')!;
    expect(atSite.value).toBe('false');
    expect(atSite.provenance.kind === 'file' && atSite.provenance.file.path).toBe(ROOT);
    const atServer = iis.effectiveAttribute(APPHOST_CONFIG_PATH, 'system.webServer/directoryBrowse', [], 'enabled')!;
    expect(atServer.value).toBe('true');
    expect(atServer.provenance.kind === 'file' && atServer.provenance.file.path).toBe(APPHOST_PATH);
  });

  it('a location in applicationHost.config applies at its path and below, not beside it', () => {
    const iis = model([file(APPHOST_PATH, appHost({ body: `<location path="Default Web Site/app">${browse('true')}</location>` }))]);
    expect(iis.effectiveAttribute(`${SITE}/app`, 'system.webServer/directoryBrowse', [], 'enabled')?.value).toBe('true');
    expect(iis.effectiveAttribute(`${SITE}/app/sub`, 'system.webServer/directoryBrowse', [], 'enabled')?.value).toBe('true');
    expect(iis.effectiveAttribute(`${SITE}/application`, 'system.webServer/directoryBrowse', [], 'enabled')?.value).toBe('false');
    expect(iis.effectiveAttribute(SITE, 'system.webServer/directoryBrowse', [], 'enabled')?.value).toBe('false');
  });

  it('the web.config at a path beats an applicationHost.config location for the same path', () => {
    const iis = model([file(APPHOST_PATH, appHost({ body: `<location path="Default Web Site/app">${browse('true')}</location>` })), file(APP, webConfig(browse('false')))]);
    expect(iis.effectiveAttribute(`${SITE}/app`, 'system.webServer/directoryBrowse', [], 'enabled')?.value).toBe('false');
  });

  it('a deeper location in a parent web.config beats the parent\'s own root settings', () => {
    const iis = model([file(APPHOST_PATH, appHost()), file(ROOT, webConfig(`${browse('false')}<location path="docs">${browse('true')}</location>`))]);
    expect(iis.effectiveAttribute(`${SITE}/docs`, 'system.webServer/directoryBrowse', [], 'enabled')?.value).toBe('true');
    expect(iis.effectiveAttribute(`${SITE}/other`, 'system.webServer/directoryBrowse', [], 'enabled')?.value).toBe('false');
  });

  it('inheritInChildApplications="false" stops at a child application, not at a plain folder', () => {
    const iis = model([file(APPHOST_PATH, appHost()), file(ROOT, webConfig(`<location path="." inheritInChildApplications="false">${browse('true')}</location>`))]);
    expect(iis.effectiveAttribute(`${SITE}/docs`, 'system.webServer/directoryBrowse', [], 'enabled')?.value).toBe('true');
    expect(iis.effectiveAttribute(`${SITE}/app`, 'system.webServer/directoryBrowse', [], 'enabled')?.value).toBe('false');
  });

  it('without applicationHost.config the default install is the provenance of its values', () => {
    const iis = model([file('site/web.config', webConfig(''))]);
    expect(iis.hasApplicationHost).toBe(false);
    const entries = iis.effectiveCollection(SITE, 'system.webServer/staticContent', []).entries;
    expect(entries.length).toBeGreaterThan(300);
    expect(entries.every((entry) => entry.occurrence.file.synthetic)).toBe(true);
  });
});

describe('collections', () => {
  const STATIC = (entries: string) => `<system.webServer><staticContent>${entries}</staticContent></system.webServer>`;

  it('add, remove and clear across levels', () => {
    const apphost = appHost({ body: STATIC('<mimeMap fileExtension=".a" mimeType="x/a" /><mimeMap fileExtension=".b" mimeType="x/b" />') });
    const iis = model([
      file(APPHOST_PATH, apphost),
      file(ROOT, webConfig(STATIC('<remove fileExtension=".a" /><mimeMap fileExtension=".c" mimeType="x/c" />'))),
      file(APP, webConfig(STATIC('<clear /><mimeMap fileExtension=".d" mimeType="x/d" />'))),
    ]);
    const keys = (path: string) => iis.effectiveCollection(path, 'system.webServer/staticContent', []).entries.map((entry) => entry.key);
    expect(keys(APPHOST_CONFIG_PATH)).toEqual(['.a', '.b']);
    expect(keys(SITE)).toEqual(['.b', '.c']);
    expect(keys(`${SITE}/app`)).toEqual(['.d']);
  });

  it('keys compare case-insensitively and report the entry they repeat', () => {
    const iis = model([file(ROOT, webConfig(STATIC('<mimeMap fileExtension=".Zz" mimeType="x/a" /><mimeMap fileExtension=".zZ" mimeType="x/a" />')))]);
    const { duplicates } = iis.effectiveCollection(SITE, 'system.webServer/staticContent', [], 1);
    expect(duplicates.map((duplicate) => [duplicate.existing.key, duplicate.addName])).toEqual([['.zz', 'mimeMap']]);
  });
});

describe('locks', () => {
  const WINDOWS_AUTH = '<system.webServer><security><authentication><windowsAuthentication enabled="true" /></authentication></security></system.webServer>';
  const occurrenceIn = (iis: ReturnType<typeof model>, path: string) => iis.occurrences.find((occurrence) => occurrence.file.document.source.path === path)!;

  it('overrideModeDefault="Deny" locks below applicationHost.config; a location overrideMode="Allow" above reopens it', () => {
    const locked = model([file(APPHOST_PATH, appHost()), file(ROOT, webConfig(WINDOWS_AUTH))]);
    expect(locked.sectionLock(occurrenceIn(locked, ROOT)).locked).toBe(true);
    const reopened = model([file(APPHOST_PATH, appHost({ body: `<location path="Default Web Site" overrideMode="Allow">${WINDOWS_AUTH}</location>` })), file(ROOT, webConfig(WINDOWS_AUTH))]);
    expect(reopened.sectionLock(occurrenceIn(reopened, ROOT)).locked).toBe(false);
  });

  it('overrideMode="Inherit" changes nothing; a deeper Deny wins over a shallower Allow', () => {
    const body = `<location path="" overrideMode="Allow">${browse('false')}</location><location path="Default Web Site" overrideMode="Deny">${browse('false')}</location><location path="Default Web Site" overrideMode="Inherit">${browse('false')}</location>`;
    const iis = model([file(APPHOST_PATH, appHost({ body })), file(ROOT, webConfig(browse('true')))]);
    expect(iis.sectionLock(occurrenceIn(iis, ROOT)).locked).toBe(true);
  });
});

describe('typed server', () => {
  it('sites, bindings (binding@sslFlags is a number), applications, virtual directories, pools', () => {
    const iis = model([file(APPHOST_PATH, appHost())]);
    const [site] = iis.sites;
    expect(site!.name).toBe('Default Web Site');
    expect(site!.bindings.map((binding) => [binding.protocol, binding.bindingInformation, binding.sslFlags])).toEqual([['https', '*:443:', 1]]);
    expect(site!.applications.map((application) => application.configPath)).toEqual([SITE, `${SITE}/app`]);
    expect(site!.applications[0]!.virtualDirectories.map((vdir) => vdir.configPath)).toEqual([SITE, `${SITE}/images`]);
    expect(iis.applicationPools.map((pool) => pool.name)).toEqual(['DefaultAppPool']);
    expect(iis.isApplicationRoot(`${SITE}/app`)).toBe(true);
    expect(iis.isApplicationRoot(`${SITE}/images`)).toBe(false);
  });

  it('physical paths: %SystemDrive% expanded, drive dropped, slashes unified', () => {
    expect(normalisePhysicalPath('%SystemDrive%\\inetpub\\wwwroot\\')).toBe('inetpub/wwwroot');
    expect(normalisePhysicalPath('d:/Sites//Shop')).toBe('Sites/Shop');
    expect(isAncestorOrSelf('a/B', 'A/b/c')).toBe(true);
    expect(isAncestorOrSelf('a/b', 'a/bc')).toBe(false);
  });
});

describe('server-level queries', () => {
  it('configPaths lists every path the server sets something for, once', () => {
    const iis = model([file(APPHOST_PATH, appHost({ body: `<location path="Default Web Site/app/admin">${browse('false')}</location>` })), file(ROOT, webConfig(''))]);
    expect(iis.configPaths().map((entry) => entry.path)).toEqual([
      APPHOST_CONFIG_PATH,
      SITE,
      `${SITE}/images`,
      `${SITE}/app`,
      `${SITE}/app/admin`,
    ]);
  });

  it('redirection.config with shared configuration on: a note naming where the configuration lives', () => {
    const redirection = '<configuration><configSections><section name="configurationRedirection" /></configSections><configurationRedirection enabled="true" path="\\\\fs01\\iisconfig" /></configuration>';
    const iis = model([file(APPHOST_PATH, appHost()), file('server/inetsrv/config/redirection.config', redirection)]);
    expect(iis.notesFor('server/inetsrv/config/redirection.config')).toEqual([
      'shared configuration is on: the configuration IIS reads lives at \\\\fs01\\iisconfig; lint that applicationHost.config',
    ]);
  });
});
