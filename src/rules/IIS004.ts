/**
 * IIS004 section-undeclared: a section no loaded declaration defines, such as
 * system.webServer/rewrite on a server without URL Rewrite.
 */
import { OUT_OF_BAND_MODULES } from '../model/iis-defaults.js';
import { iisSubject } from './shared/iis.js';
import type { FindingDraft, Rule } from './types.js';

function moduleFor(section: string): string | undefined {
  return OUT_OF_BAND_MODULES.find((entry) => section === entry.prefix || section.startsWith(`${entry.prefix}/`))?.module;
}

export const IIS004: Rule = {
  meta: {
    id: 'IIS004',
    name: 'section-undeclared',
    shortDescription: 'A configuration section no declaration defines (e.g. rewrite without URL Rewrite): HTTP 500.19 (0x8007000d).',
    fullDescription:
      'Reports an element under `<configuration>` (or a `<location>`) that no `<configSections>` declaration of the file or a level above ' +
      'defines: machine.config, applicationHost.config, parent web.config files. With an applicationHost.config it is an error; without ' +
      'one it is a note naming the module whose installer declares the section.',
    helpMarkdown: `
## What it finds
A section element that no loaded declaration defines: not the .NET Framework 4 machine.config, not the server's
applicationHost.config (or a default IIS 10 install's when there is none), not a \`<configSections>\` of the file or a
web.config above it. The usual cause is a module the server does not have: \`system.webServer/rewrite\` needs URL Rewrite,
\`aspNetCore\` the ASP.NET Core Module, \`httpPlatform\` HttpPlatformHandler. With the server's applicationHost.config this is
an **error**; without one it is a **note** naming the module to install, since the real server may have it.

## Why it matters
IIS answers every request to the path with HTTP 500.19 (0x8007000d): the configuration has a section it cannot read. A site
deployed with URL Rewrite rules onto a server without the module is down until the module is installed.

## Bad
\`\`\`xml
<system.webServer>
  <rewrite>
    <rules>
      <rule name="https" stopProcessing="true">
        <match url="(.*)" />
        <action type="Redirect" url="https://{HTTP_HOST}/{R:1}" />
      </rule>
    </rules>
  </rewrite>
</system.webServer>
\`\`\`
(on a server whose applicationHost.config does not declare \`rewrite\`)

## Good
Install URL Rewrite on the server (its installer declares \`system.webServer/rewrite\`), or declare a custom section in
\`<configSections>\` before using it.

## How to fix
Install the module the message names, or remove the section, or declare it (\`<section name="..." type="..." />\`) when it is
your own application's section.

## Notes
- Sources: Microsoft Learn, "HTTP Error 500.19 when you open an IIS webpage" (0x8007000d: "a section without a declaration",
  e.g. a rewrite section without the URL Rewrite module installed); the module list in the linter's data (URL Rewrite, ASP.NET
  Core Module, HttpPlatformHandler, Application Request Routing, iisnode).
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
    const seen = new Set<unknown>();
    for (const undeclared of model.undeclared) {
      if (undeclared.file.synthetic || seen.has(undeclared.element)) continue;
      seen.add(undeclared.element);
      const module = moduleFor(undeclared.name);
      const install = module ? `; ${module} declares it when installed` : '';
      const file = undeclared.file.document.source;
      findings.push({
        message: model.hasApplicationHost
          ? `${undeclared.name} is not declared at this level or above (applicationHost.config, machine.config, parent web.config files)${install}: IIS answers HTTP 500.19 (0x8007000d).`
          : `${undeclared.name} is not declared by a default IIS 10 install or the .NET Framework 4 machine.config${module ? `: the server needs ${module}` : ': declare it in <configSections> or install the module that does'}, or IIS answers HTTP 500.19 (0x8007000d).`,
        file,
        span: undeclared.element.nameSpan,
        subject: iisSubject(undeclared.path, undeclared.name),
        ...(model.hasApplicationHost ? {} : { level: 'note' as const }),
      });
    }
    return findings;
  },
};
