/**
 * WEB025 x-powered-by-not-removed: the X-Powered-By header is still sent (not removed in `httpProtocol/customHeaders`).
 */
import { attributeOf } from '../parse/config-syntax.js';
import { iisSubject } from './shared/iis.js';
import { describePaths, pushOnce, webScopes } from './shared/web.js';
import type { FindingDraft } from './types.js';
import type { IisConfigModel } from '../model/iis-config.js';

const SECTION = 'system.webServer/httpProtocol';

/** A server file removes X-Powered-By or clears the headers on the way to `path`. */
function removedOrCleared(model: IisConfigModel, path: string, tree: number): boolean {
  return model.occurrencesAt(path, SECTION, tree).some((occurrence) =>
    occurrence.element.children
      .filter((child) => child.name === 'customHeaders')
      .some((headers) => headers.children.some((child) => child.name === 'clear' || (child.name === 'remove' && attributeOf(child, 'name')?.value.toLowerCase() === 'x-powered-by'))),
  );
}
import type { Rule } from './types.js';

export const WEB025: Rule = {
  meta: {
    id: 'WEB025',
    name: 'x-powered-by-not-removed',
    shortDescription: "IIS sends X-Powered-By: ASP.NET (a custom header a default install adds and nobody removed).",
    fullDescription:
      "Reports an X-Powered-By entry in the effective httpProtocol/customHeaders of a site, application or virtual directory: at the add element when a server file adds it; without an applicationHost.config, the default install\u2019s header is assumed (iislint:cis only).",
    helpMarkdown: `
## What it finds
An \`X-Powered-By\` entry in the effective \`<httpProtocol><customHeaders>\` at some path: reported at the \`<add>\` that adds it (once, naming the paths). Without an applicationHost.config, a default IIS install's \`<add name="X-Powered-By" value="ASP.NET" />\` is assumed unless a web.config removes or clears it: reported at the root of the web.config. Only in the \`iislint:cis\` preset; there, a default left alone is reported once per site (at the \`<site>\` element, or the root of a lone web.config).

## Why it matters
The header advertises the framework, helping an attacker choose exploits. It has no function.

## Bad
\`\`\`xml
<system.webServer>
  <httpProtocol>
    <customHeaders>
      <add name="X-Powered-By" value="ASP.NET" />
    </customHeaders>
  </httpProtocol>
</system.webServer>
\`\`\`

## Good
\`\`\`xml
<system.webServer>
  <httpProtocol>
    <customHeaders>
      <remove name="X-Powered-By" />
    </customHeaders>
  </httpProtocol>
</system.webServer>
\`\`\`

## How to fix
Remove it in applicationHost.config, or \`<remove name="X-Powered-By" />\` in the site's web.config.

## Notes
- IIS default assumed: A default IIS 7-10 applicationHost.config adds \`X-Powered-By: ASP.NET\` (as the corpus servers show, e.g. apphost/nordstrom L297-300); the schema itself adds no header.
- Sources: IIS_schema.xml (httpProtocol/customHeaders); Microsoft Learn, "Custom Headers <customHeaders>" (IIS configuration reference).
- CIS Microsoft IIS 10 Benchmark 3.11 "Ensure X-Powered-By Header is removed".
`,
    defaultLevel: 'note',
    tags: ['security',  'iis',  'external/cwe/cwe-200'],
    securitySeverity: '1.5',
    precision: 'very-high',
    benchmarks: { cis: ['IIS10 3.11'] },
    cisOnly: true,
  },
  check(server, options) {
    const model = server.iis;
    if (!model) return [];
    const groups = new Map<unknown, { finding: Omit<FindingDraft, 'message'>; paths: string[]; assumed: boolean }>();
    for (const scope of webScopes(model)) {
      const { entries } = model.effectiveCollection(scope.path, SECTION, ['customHeaders'], scope.tree);
      const header = entries.find((entry) => attributeOf(entry.element, 'name')?.value.toLowerCase() === 'x-powered-by');
      let key: unknown;
      let finding: Omit<FindingDraft, 'message'>;
      let assumed = false;
      if (header && !header.occurrence.file.synthetic) {
        key = header.element;
        finding = { file: header.occurrence.file.document.source, span: header.element.nameSpan, subject: iisSubject(header.occurrence.path, SECTION, '/customHeaders/X-Powered-By') };
      } else if (!model.hasApplicationHost && options.explicitValues && !removedOrCleared(model, scope.path, scope.tree)) {
        key = scope.anchor.element;
        assumed = true;
        finding = { file: scope.anchor.file, span: scope.anchor.element.nameSpan, subject: iisSubject(scope.path, SECTION, '/customHeaders/X-Powered-By#default') };
      } else continue;
      let group = groups.get(key);
      if (!group) groups.set(key, (group = { finding, paths: [], assumed }));
      pushOnce(group.paths, scope.path);
    }
    return [...groups.values()].map((group) => ({
      ...group.finding,
      message: `The X-Powered-By header is ${group.assumed ? 'not removed (a default IIS install adds X-Powered-By: ASP.NET)' : 'added'}: it advertises the framework. Applies to ${describePaths(group.paths)}.`,
    }));
  },
};
