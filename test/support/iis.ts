/** Small IIS 7+ servers for tests: an applicationHost.config with chosen declarations and sites, and web.config files. */
import { DEFAULT_LINT_OPTIONS, lintServer, type Finding } from '../../src/engine/lint.js';
import { loadServer, type FileInput } from '../../src/engine/load.js';
import type { ServerModel } from '../../src/model/server.js';
import type { Rule } from '../../src/rules/types.js';

export const APPHOST_PATH = 'server/inetsrv/config/applicationHost.config';

export interface AppHostOptions {
  /** Extra <section>s inside <sectionGroup name="system.webServer"> (raw XML). */
  sections?: string;
  /** Sites XML (inside <sites>); default: Default Web Site at %SystemDrive%\inetpub\wwwroot with an application /app. */
  sites?: string;
  /** Raw XML after <system.applicationHost> (system.webServer content, locations). */
  body?: string;
}

export const DEFAULT_SITES = `
      <site name="Default Web Site" id="1">
        <application path="/">
          <virtualDirectory path="/" physicalPath="%SystemDrive%\\inetpub\\wwwroot" />
          <virtualDirectory path="/images" physicalPath="C:\\images" />
        </application>
        <application path="/app">
          <virtualDirectory path="/" physicalPath="C:\\inetpub\\wwwroot\\app" />
        </application>
        <bindings>
          <binding protocol="https" bindingInformation="*:443:" sslFlags="1" />
        </bindings>
      </site>`;

export function appHost(options: AppHostOptions = {}): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<configuration>
  <configSections>
    <sectionGroup name="system.applicationHost">
      <section name="sites" allowDefinition="AppHostOnly" overrideModeDefault="Deny" />
      <section name="applicationPools" allowDefinition="AppHostOnly" overrideModeDefault="Deny" />
    </sectionGroup>
    <sectionGroup name="system.webServer">
      <section name="directoryBrowse" overrideModeDefault="Allow" />
      <section name="staticContent" overrideModeDefault="Allow" />
      <section name="handlers" overrideModeDefault="Deny" />
      <section name="modules" allowDefinition="MachineToApplication" overrideModeDefault="Deny" />
      <section name="fastCgi" allowDefinition="AppHostOnly" overrideModeDefault="Deny" />
      <sectionGroup name="security">
        <section name="access" overrideModeDefault="Deny" />
        <section name="requestFiltering" overrideModeDefault="Allow" />
        <sectionGroup name="authentication">
          <section name="windowsAuthentication" overrideModeDefault="Deny" />
        </sectionGroup>
      </sectionGroup>${options.sections ?? ''}
    </sectionGroup>
  </configSections>
  <system.applicationHost>
    <applicationPools>
      <add name="DefaultAppPool" />
    </applicationPools>
    <sites>${options.sites ?? DEFAULT_SITES}
    </sites>
  </system.applicationHost>
${options.body ?? ''}
</configuration>
`;
}

export function webConfig(body: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n${body}\n</configuration>\n`;
}

export function file(path: string, text: string): FileInput {
  return { path, bytes: new TextEncoder().encode(text) };
}

export function server(files: FileInput[]): ServerModel {
  return loadServer('server', files, undefined);
}

export function lintWith(rule: Rule, files: FileInput[]): Finding[] {
  return lintServer(server(files), DEFAULT_LINT_OPTIONS, [rule]);
}

export function at(finding: Finding): [number, number, number, number] {
  return [finding.region.startLine, finding.region.startColumn, finding.region.endLine, finding.region.endColumn];
}
