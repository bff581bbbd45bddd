/**
 * The levels above applicationHost.config that a repository never holds, and the default IIS 10
 * server used when it holds no applicationHost.config: each is a configuration text that the
 * model reads like a real file, with "default install" as the provenance of what it sets.
 *
 * MACHINE: the `<configSections>` of the .NET Framework 4.x machine.config
 * (`%windir%\Microsoft.NET\Framework64\v4.0.30319\Config\machine.config`), names and the
 * `allowDefinition` / `allowLocation` of each declaration, transcribed from a public copy of
 * that file (github.com/ZhangGaoxing/t4-template, machine.config @ 86ddab86).
 * APPHOST: see iis-default-install-data.ts (generated).
 */
export { DEFAULT_IIS10_APPHOST_XML } from './iis-default-install-data.js';

const section = (name: string, extra = ''): string => `<section name="${name}"${extra} />`;
const M2A = ' allowDefinition="MachineToApplication"';
const NO_LOCATION = ' allowLocation="false"';

export const DOTNET4_MACHINE_CONFIG_XML = `<configuration>
<configSections>
${['appSettings', 'connectionStrings', 'system.codedom', 'system.data', 'system.data.dataset', 'system.data.odbc', 'system.data.oledb', 'system.data.oracleclient', 'system.data.sqlclient', 'system.diagnostics', 'system.windows.forms', 'uri', 'system.webServer']
  .map((name) => section(name))
  .join('\n')}
${['mscorlib', 'runtime', 'assemblyBinding', 'satelliteassemblies', 'startup', 'system.runtime.remoting', 'windows'].map((name) => section(name, NO_LOCATION)).join('\n')}
<sectionGroup name="system.runtime.caching">${section('memoryCache', M2A)}</sectionGroup>
<sectionGroup name="system.xml.serialization">${section('schemaImporterExtensions')}${section('dateTimeSerialization')}${section('xmlSerializer')}</sectionGroup>
<sectionGroup name="system.net">${['authenticationModules', 'connectionManagement', 'defaultProxy', 'requestCaching', 'settings', 'webRequestModules'].map((name) => section(name)).join('')}<sectionGroup name="mailSettings">${section('smtp')}</sectionGroup></sectionGroup>
<sectionGroup name="system.runtime.serialization">${section('dataContractSerializer')}</sectionGroup>
<sectionGroup name="system.serviceModel">${['behaviors', 'bindings', 'client', 'comContracts', 'diagnostics', 'extensions', 'protocolMapping', 'services', 'standardEndpoints', 'routing', 'tracking'].map((name) => section(name)).join('')}${section('commonBehaviors', ' allowDefinition="MachineOnly"')}${section('machineSettings', ' allowDefinition="MachineOnly"')}${section('serviceHostingEnvironment', M2A)}</sectionGroup>
<sectionGroup name="system.serviceModel.activation">${section('diagnostics')}${section('net.pipe')}${section('net.tcp')}</sectionGroup>
<sectionGroup name="system.transactions">${section('defaultSettings')}${section('machineSettings', ' allowDefinition="MachineOnly"')}</sectionGroup>
<sectionGroup name="system.web">
${['authorization', 'browserCaps', 'clientTarget', 'compilation', 'customErrors', 'deviceFilters', 'globalization', 'httpCookies', 'httpHandlers', 'httpModules', 'httpRuntime', 'identity', 'mobileControls', 'pages', 'sessionPageState', 'trace', 'webControls', 'webParts', 'webServices', 'xhtmlConformance']
  .map((name) => section(name))
  .join('\n')}
${['anonymousIdentification', 'authentication', 'fullTrustAssemblies', 'healthMonitoring', 'hostingEnvironment', 'machineKey', 'membership', 'partialTrustVisibleAssemblies', 'profile', 'roleManager', 'securityPolicy', 'sessionState', 'siteMap', 'trust', 'urlMappings']
  .map((name) => section(name, M2A))
  .join('\n')}
${section('deployment', ' allowDefinition="MachineOnly"')}
${section('processModel', ' allowDefinition="MachineOnly" allowLocation="false"')}
${section('protocols', ' allowDefinition="MachineToWebRoot"')}
<sectionGroup name="caching">${['cache', 'outputCache', 'outputCacheSettings', 'sqlCacheDependency'].map((name) => section(name, M2A)).join('')}</sectionGroup>
</sectionGroup>
<sectionGroup name="system.web.extensions"><sectionGroup name="scripting">${section('scriptResourceHandler', M2A)}<sectionGroup name="webServices">${section('jsonSerialization')}${section('profileService', M2A)}${section('authenticationService', M2A)}${section('roleService', M2A)}</sectionGroup></sectionGroup></sectionGroup>
<sectionGroup name="system.xaml.hosting">${section('httpHandlers')}</sectionGroup>
</configSections>
</configuration>
`;

/**
 * Sections that out-of-band IIS modules declare (their installers add the declaration to
 * applicationHost.config): a web.config using one on a server without the module gets 500.19.
 * Section names from each module's schema file (rewrite_schema.xml) and Microsoft's configuration
 * reference (aspNetCore: "ASP.NET Core Module (ANCM) for IIS"; httpPlatform: "HttpPlatformHandler
 * Configuration Reference"; webFarms/proxy: Application Request Routing).
 */
export const OUT_OF_BAND_MODULES: readonly { prefix: string; module: string }[] = [
  { prefix: 'system.webServer/rewrite', module: 'URL Rewrite' },
  { prefix: 'system.webServer/aspNetCore', module: 'the ASP.NET Core Module (ASP.NET Core Hosting Bundle)' },
  { prefix: 'system.webServer/httpPlatform', module: 'HttpPlatformHandler' },
  { prefix: 'system.webServer/proxy', module: 'Application Request Routing' },
  { prefix: 'webFarms', module: 'Application Request Routing' },
  { prefix: 'system.webServer/iisnode', module: 'iisnode' },
];
