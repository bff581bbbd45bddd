/**
 * WEB003 basic-auth-without-tls: basic authentication enabled where the effective `access@sslFlags` lacks Ssl or the site has no https binding.
 */
import { sectionAttributeValues } from '../model/iis-schema.js';
import { checkSetting, flagNames, isTrue, type Scope } from './shared/web.js';
import type { IisConfigModel } from '../model/iis-config.js';
import type { Rule } from './types.js';


export const WEB003: Rule = {
  meta: {
    id: 'WEB003',
    name: 'basic-auth-without-tls',
    shortDescription: "Basic authentication where TLS is not required: user names and passwords cross the network in base64.",
    fullDescription:
      "Reports basicAuthentication@enabled=\"true\" (once, where set) wherever the effective system.webServer/security/access@sslFlags lacks Ssl or the site has no https binding, naming the paths and why.",
    helpMarkdown: `
## What it finds
\`<basicAuthentication enabled="true">\` effective at a site, application or virtual directory where the effective \`<access sslFlags>\` does not include \`Ssl\`, or whose site has no \`https\` binding. The finding sits on the \`enabled\` attribute and names each path without TLS.

## Why it matters
Basic authentication sends the user name and password with every request, base64-encoded (not encrypted). Over plain HTTP anyone on the path reads them.

## Bad
\`\`\`xml
<location path="Default Web Site">
  <system.webServer>
    <security>
      <access sslFlags="None" />
      <authentication>
        <basicAuthentication enabled="true" />
      </authentication>
    </security>
  </system.webServer>
</location>
\`\`\`

## Good
\`\`\`xml
<location path="Default Web Site">
  <system.webServer>
    <security>
      <access sslFlags="Ssl" />
      <authentication>
        <basicAuthentication enabled="true" />
      </authentication>
    </security>
  </system.webServer>
</location>
\`\`\`

## How to fix
Require TLS where basic authentication is on: an https binding on the site and \`sslFlags="Ssl"\` (or \`"Ssl, Ssl128"\`), or use Windows authentication instead.

## Notes
- IIS default assumed: \`basicAuthentication enabled="false"\`, \`access sslFlags="None"\` (IIS_schema.xml). Without an applicationHost.config the bindings are unknown and only sslFlags is judged.
- Sources: IIS_schema.xml; Microsoft Learn, "Basic Authentication <basicAuthentication>" and "Access Security <access>" (IIS configuration reference).
- CIS Microsoft IIS 10 Benchmark 2.6 "Ensure transport layer security for 'basic authentication' is configured".
`,
    defaultLevel: 'error',
    tags: ['security',  'iis',  'external/cwe/cwe-319',  'external/cwe/cwe-523'],
    securitySeverity: '7.5',
    precision: 'very-high',
    benchmarks: { cis: ['IIS10 2.6'] },
  },
  check(server, options) {
    const reasons = new Map<string, string>();
    const lacksTls = (scope: Scope, model: IisConfigModel): boolean => {
      const site = scope.anchor.site;
      if (site && !site.bindings.some((binding) => binding.protocol.toLowerCase() === 'https')) {
        reasons.set(scope.path, `site "${site.name}" has no https binding`);
        return true;
      }
      const flags = model.effectiveAttribute(scope.path, 'system.webServer/security/access', [], 'sslFlags', scope.tree)?.value ?? 'None';
      if (flagNames(flags, sectionAttributeValues('system.webServer/security/access', 'sslFlags')).has('ssl')) return false;
      reasons.set(scope.path, `access sslFlags="${flags}" lacks Ssl`);
      return true;
    };
    return checkSetting({
      query: { section: 'system.webServer/security/authentication/basicAuthentication', elementPath: [], attribute: 'enabled' },
      atFault: (value, scope, model) => isTrue(value) && lacksTls(scope, model),
      message: (origin, group) =>
        `Basic authentication is enabled (${origin}) without TLS (${[...new Set(group.paths.map((path) => reasons.get(path)!))].join('; ')}): passwords cross the network in base64.`,
    })(server, options);
  },
};
