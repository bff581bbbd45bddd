/**
 * WEB034 binding-without-host-name: an http/https binding with an empty host name.
 */
import { iisSubject } from './shared/iis.js';
import { fileHolding } from './shared/web.js';
import type { FindingDraft } from './types.js';
import type { Rule } from './types.js';

export const WEB034: Rule = {
  meta: {
    id: 'WEB034',
    name: 'binding-without-host-name',
    shortDescription: "An http or https binding without a host name: the site answers any Host header (DNS rebinding, catch-all).",
    fullDescription:
      "Reports each http or https binding whose bindingInformation has an empty host name, at the binding (iislint:cis only).",
    helpMarkdown: `
## What it finds
A \`<binding protocol="http|https" bindingInformation="ip:port:">\` with nothing after the second colon. Only in the \`iislint:cis\` preset.

## Why it matters
A binding without a host name answers requests for any host name that resolves to the server: it hides misrouted traffic and helps DNS rebinding.

## Bad
\`\`\`xml
<binding protocol="http" bindingInformation="*:80:" />
\`\`\`

## Good
\`\`\`xml
<binding protocol="http" bindingInformation="*:80:www.example.com" />
\`\`\`

## How to fix
Give each binding the host name the site serves.

## Notes
- IIS default assumed: none (bindings have no default).
- Sources: IIS_schema.xml (sites/site/bindings); Microsoft Learn, "Binding <binding>".
- CIS Microsoft IIS 10 Benchmark 1.2 "Ensure 'host headers' are on all sites".
`,
    defaultLevel: 'note',
    tags: ['security',  'iis',  'external/cwe/cwe-350'],
    securitySeverity: '1.5',
    precision: 'very-high',
    benchmarks: { cis: ['IIS10 1.2'] },
    cisOnly: true,
  },
  check(server) {
    const model = server.iis;
    if (!model) return [];
    const findings: FindingDraft[] = [];
    for (const site of model.sites) {
      for (const binding of site.bindings) {
        const protocol = binding.protocol.toLowerCase();
        if (protocol !== 'http' && protocol !== 'https') continue;
        const host = binding.bindingInformation.split(':').slice(2).join(':');
        if (host.trim() !== '') continue;
        const file = fileHolding(model, binding.element);
        if (!file) continue;
        findings.push({
          message: `Site "${site.name}" has an ${protocol} binding without a host name (bindingInformation="${binding.bindingInformation}"): it answers any Host header.`,
          file: file.document.source,
          span: binding.element.nameSpan,
          subject: iisSubject(site.configPath, 'system.applicationHost/sites', `/bindings/${protocol}/${binding.bindingInformation}`),
        });
      }
    }
    return findings;
  },
};
