/**
 * IIS006 section-not-allowed-here: a section set below where its allowDefinition permits, or in a
 * <location> where allowLocation="false".
 */
import { iisSubject, notAllowedHere, ownOccurrences } from './shared/iis.js';
import type { FindingDraft, Rule } from './types.js';

export const IIS006: Rule = {
  meta: {
    id: 'IIS006',
    name: 'section-not-allowed-here',
    shortDescription: 'A section set where its allowDefinition or allowLocation forbids it (fastCgi in a web.config): HTTP 500.19.',
    fullDescription:
      'Reports a section set at a level its declaration does not allow: AppHostOnly sections (fastCgi, globalModules, sites, ' +
      'isapiCgiRestriction) outside applicationHost.config or for a path, MachineToApplication sections (system.web/authentication, ' +
      'sessionState, machineKey, modules) in a folder or virtual directory that is not an application, MachineOnly and MachineToWebRoot ' +
      'sections below them, and a section with allowLocation="false" inside a `<location>`.',
    helpMarkdown: `
## What it finds
A section whose declaration's \`allowDefinition\` does not allow the level it is set at:
- \`AppHostOnly\` (\`system.applicationHost/*\`, \`fastCgi\`, \`globalModules\`, \`isapiCgiRestriction\`): anywhere but
  applicationHost.config itself for the whole server (not in a web.config, not in a \`<location path="Site">\`);
- \`MachineToApplication\` (\`system.web/authentication\`, \`sessionState\`, \`machineKey\`, \`trust\`, \`system.webServer/modules\`
  ...): in a web.config (or a location) of a folder or virtual directory that is not an application root;
- \`MachineOnly\` and \`MachineToWebRoot\`: below machine.config or the root web.config;

and a section declared \`allowLocation="false"\` set inside a \`<location path="...">\`. Without an applicationHost.config,
which folders are applications is not known (only the topmost web.config is taken as one), so a MachineToApplication finding
is a **warning** there.

## Why it matters
IIS answers HTTP 500.19 for every request to the path (ASP.NET: "It is an error to use a section registered as
allowDefinition='MachineToApplication' beyond application level"). A \`Views/web.config\` or a sub-folder's web.config that
copies the application's \`<authentication>\` takes that folder down.

## Bad
\`\`\`xml
<!-- web.config of a site -->
<configuration>
  <system.webServer>
    <fastCgi>
      <application fullPath="C:\\PHP\\php-cgi.exe" />
    </fastCgi>
  </system.webServer>
</configuration>
\`\`\`

## Good
Set \`fastCgi\` in applicationHost.config (\`appcmd set config -section:system.webServer/fastCgi /+"[fullPath='C:\\PHP\\php-cgi.exe']" /commit:apphost\`).

## How to fix
Move the section to the level its declaration names: applicationHost.config for AppHostOnly, the application's root web.config
for MachineToApplication (or make the folder an application in IIS).

## Notes
- Sources: the \`allowDefinition\` and \`allowLocation\` of each declaration (applicationHost.config, machine.config); Microsoft
  Learn, "HTTP Error 500.19 when you open an IIS webpage"; the \`<section>\` element reference of the .NET configuration schema.
- IIS001 does not report a section this rule reports.
`,
    defaultLevel: 'error',
    tags: ['correctness', 'iis', 'availability'],
    securitySeverity: '7.5',
    precision: 'high',
  },
  check(server) {
    const model = server.iis;
    if (!model) return [];
    const findings: FindingDraft[] = [];
    for (const occurrence of ownOccurrences(model)) {
      const reason = notAllowedHere(model, occurrence);
      if (!reason) continue;
      findings.push({
        message: `${occurrence.name} cannot be set here: ${reason}. IIS answers HTTP 500.19 for the path.`,
        file: occurrence.file.document.source,
        span: occurrence.element.nameSpan,
        subject: iisSubject(occurrence.path, occurrence.name),
        // Without applicationHost.config which folders are applications is a guess; the other limits are not.
        ...(!model.hasApplicationHost && occurrence.declaration?.allowDefinition === 'MachineToApplication' ? { level: 'warning' as const } : {}),
      });
    }
    return findings;
  },
};
