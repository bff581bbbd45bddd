/**
 * WEB035 content-on-system-drive: a virtual directory whose physicalPath is on %SystemDrive% or C:.
 */
import { attributeOf } from '../parse/config-syntax.js';
import { iisSubject } from './shared/iis.js';
import { fileHolding } from './shared/web.js';
import type { FindingDraft } from './types.js';
import type { Rule } from './types.js';

export const WEB035: Rule = {
  meta: {
    id: 'WEB035',
    name: 'content-on-system-drive',
    shortDescription: "Web content on the system drive (%SystemDrive% or C:).",
    fullDescription:
      "Reports each virtual directory whose physicalPath starts with %SystemDrive% or C:, at the attribute (iislint:cis only).",
    helpMarkdown: `
## What it finds
A \`<virtualDirectory physicalPath="...">\` starting with \`%SystemDrive%\` or \`C:\`. Only in the \`iislint:cis\` preset.

## Why it matters
On the system partition, a path traversal reaches the operating system's files, and filling the content disk (uploads, logs) stops the system.

## Bad
\`\`\`xml
<virtualDirectory path="/" physicalPath="%SystemDrive%\\inetpub\\wwwroot" />
\`\`\`

## Good
\`\`\`xml
<virtualDirectory path="/" physicalPath="D:\\sites\\shop" />
\`\`\`

## How to fix
Move the content to a non-system volume and change the physical path.

## Notes
- IIS default assumed: A default install serves \`%SystemDrive%\\inetpub\\wwwroot\`.
- Sources: IIS_schema.xml (virtualDirectory@physicalPath).
- CIS Microsoft IIS 10 Benchmark 1.1 "Ensure 'Web content' is on non-system partition".
`,
    defaultLevel: 'note',
    tags: ['security',  'iis',  'external/cwe/cwe-22'],
    securitySeverity: '1.5',
    precision: 'very-high',
    benchmarks: { cis: ['IIS10 1.1'] },
    cisOnly: true,
  },
  check(server) {
    const model = server.iis;
    if (!model) return [];
    const findings: FindingDraft[] = [];
    for (const site of model.sites) {
      for (const application of site.applications) {
        for (const vdir of application.virtualDirectories) {
          if (!/^\s*(%systemdrive%|c:)/i.test(vdir.physicalPath)) continue;
          const attribute = attributeOf(vdir.element, 'physicalPath');
          const file = fileHolding(model, vdir.element);
          if (!attribute || !file) continue;
          findings.push({
            message: `Virtual directory "${vdir.configPath.split('/').slice(3).join('/')}" serves content from the system drive (physicalPath="${vdir.physicalPath}").`,
            file: file.document.source,
            span: attribute.span,
            subject: iisSubject(vdir.configPath, 'system.applicationHost/sites', '/virtualDirectory@physicalPath'),
          });
        }
      }
    }
    return findings;
  },
};
