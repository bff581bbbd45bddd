/**
 * WEB029 trace-verb-not-denied: TRACE not denied in `requestFiltering/verbs`.
 */
import { attributeOf } from '../parse/config-syntax.js';
import { iisSubject } from './shared/iis.js';
import { describePaths, isFalse, webScopes } from './shared/web.js';
import type { FindingDraft } from './types.js';

const SECTION = 'system.webServer/security/requestFiltering';
import type { Rule } from './types.js';

export const WEB029: Rule = {
  meta: {
    id: 'WEB029',
    name: 'trace-verb-not-denied',
    shortDescription: "The TRACE verb is not denied by request filtering.",
    fullDescription:
      "Reports each site (or lone web.config) where requestFiltering/verbs neither denies TRACE nor allows only listed verbs without TRACE (iislint:cis only).",
    helpMarkdown: `
## What it finds
A site, application or virtual directory whose effective \`<requestFiltering><verbs>\` has no \`<add verb="TRACE" allowed="false" />\` (and does not set \`allowUnlisted="false"\` without allowing TRACE). Reported once per site, at the \`<site>\` element (or the root of a lone web.config). Only in the \`iislint:cis\` preset.

## Why it matters
TRACE echoes the request, headers included; with a script injection it has been used to read HttpOnly cookies (cross-site tracing). Nothing needs it on a production site.

## Bad
\`\`\`xml
<requestFiltering>
  <verbs allowUnlisted="true" />
</requestFiltering>
\`\`\`

## Good
\`\`\`xml
<requestFiltering>
  <verbs allowUnlisted="true">
    <add verb="TRACE" allowed="false" />
  </verbs>
</requestFiltering>
\`\`\`

## How to fix
Add \`<add verb="TRACE" allowed="false" />\` to \`<verbs>\` in applicationHost.config (or the site's web.config).

## Notes
- IIS default assumed: \`verbs allowUnlisted="true"\` and no entries (IIS_schema.xml, \`requestFiltering/verbs\`).
- Sources: IIS_schema.xml; Microsoft Learn, "Verbs <verbs>" (request filtering).
- CIS Microsoft IIS 10 Benchmark 4.6 "Ensure 'HTTP Trace Method' is disabled".
`,
    defaultLevel: 'note',
    tags: ['security',  'iis',  'external/cwe/cwe-693'],
    securitySeverity: '2.0',
    precision: 'very-high',
    benchmarks: { cis: ['IIS10 4.6'] },
    cisOnly: true,
  },
  check(server) {
    const model = server.iis;
    if (!model) return [];
    const groups = new Map<unknown, { finding: Omit<FindingDraft, 'message'>; paths: string[] }>();
    for (const scope of webScopes(model)) {
      const { entries } = model.effectiveCollection(scope.path, SECTION, ['verbs'], scope.tree);
      const trace = entries.find((entry) => attributeOf(entry.element, 'verb')?.value.toUpperCase() === 'TRACE');
      const allowed = trace ? !isFalse(attributeOf(trace.element, 'allowed')?.value ?? 'true') : !isFalse(model.effectiveAttribute(scope.path, SECTION, ['verbs'], 'allowUnlisted', scope.tree)?.value ?? 'true');
      if (!allowed) continue;
      let group = groups.get(scope.anchor.element);
      if (!group) groups.set(scope.anchor.element, (group = { finding: { file: scope.anchor.file, span: scope.anchor.element.nameSpan, subject: iisSubject(scope.path, SECTION, '/verbs/TRACE') }, paths: [] }));
      group.paths.push(scope.path);
    }
    return [...groups.values()].map((group) => ({ ...group.finding, message: `The TRACE verb is not denied by request filtering. Applies to ${describePaths(group.paths)}.` }));
  },
};
