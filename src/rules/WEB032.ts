/**
 * WEB032 shared-app-pool: two or more sites in one application pool.
 */
import type { ConfigElement } from '../parse/config-syntax.js';
import { listNames } from './support.js';
import { iisSubject } from './shared/iis.js';
import { fileHolding } from './shared/web.js';
import type { FindingDraft } from './types.js';
import type { Rule } from './types.js';

export const WEB032: Rule = {
  meta: {
    id: 'WEB032',
    name: 'shared-app-pool',
    shortDescription: "Two or more sites share an application pool: one site's code runs with the other's identity and files.",
    fullDescription:
      "Reports each application pool that the root applications of two or more sites use (applicationDefaults included), at the pool's add element (iislint:cis only).",
    helpMarkdown: `
## What it finds
An application pool used by the root application of two or more sites (its \`applicationPool\`, or \`applicationDefaults\`' when it has none). Reported at the pool's \`<add>\` (or at the second site when the pool is not defined). Only in the \`iislint:cis\` preset.

## Why it matters
Sites in one pool share a process and an identity: a flaw in one site exposes the other's files, secrets and sessions.

## Bad
\`\`\`xml
<application path="/" applicationPool="DefaultAppPool" />  (in two sites)
\`\`\`

## Good
\`\`\`xml
<application path="/" applicationPool="Shop" />
<application path="/" applicationPool="Blog" />
\`\`\`

## How to fix
Give each site its own application pool (with ApplicationPoolIdentity).

## Notes
- IIS default assumed: \`applicationDefaults applicationPool\` (none in the schema; a default install uses DefaultAppPool).
- Sources: IIS_schema.xml (sites/applicationDefaults); Microsoft Learn, "Application Pools <applicationPools>".
- CIS Microsoft IIS 10 Benchmark 1.5 "Ensure 'unique application pools' is set for sites".
`,
    defaultLevel: 'note',
    tags: ['security',  'iis',  'external/cwe/cwe-653'],
    securitySeverity: '2.5',
    precision: 'very-high',
    benchmarks: { cis: ['IIS10 1.5'] },
    cisOnly: true,
  },
  check(server) {
    const model = server.iis;
    if (!model) return [];
    const bySite = new Map<string, string[]>();
    // The first <applicationDefaults> of each <sites>, found once: it follows every <site>.
    const defaultsOf = new Map<ConfigElement | undefined, ConfigElement | undefined>();
    for (const site of model.sites) {
      const root = site.applications.find((application) => application.path === '/');
      const parent = site.element.parent;
      if (!defaultsOf.has(parent)) defaultsOf.set(parent, parent?.children.find((child) => child.name === 'applicationDefaults'));
      const defaults = defaultsOf.get(parent);
      const pool = root?.applicationPool ?? defaults?.attributes.find((attribute) => attribute.name === 'applicationPool')?.value;
      if (!pool) continue;
      const key = pool.toLowerCase();
      const sites = bySite.get(key);
      if (sites) sites.push(site.name);
      else bySite.set(key, [site.name]);
    }
    const findings: FindingDraft[] = [];
    const poolByKey = firstBy(model.applicationPools, (pool) => pool.name.toLowerCase());
    const siteByName = firstBy(model.sites, (site) => site.name);
    for (const [key, sites] of bySite) {
      if (sites.length < 2) continue;
      const pool = poolByKey.get(key);
      const second = siteByName.get(sites[1]!);
      const file = pool ? fileHolding(model, pool.element) : second ? fileHolding(model, second.element) : undefined;
      if (!file) continue;
      findings.push({
        message: `Sites ${listNames(sites.map((name) => `"${name}"`))} share application pool "${pool?.name ?? key}": each site's code runs with the others' identity and files.`,
        file: file.document.source,
        span: (pool?.element ?? second!.element).nameSpan,
        subject: iisSubject('MACHINE/WEBROOT/APPHOST', 'system.applicationHost/applicationPools', `/${key}#shared`),
      });
    }
    return findings;
  },
};

/** The first item of each key, as `find` would return it. */
function firstBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T> {
  const found = new Map<string, T>();
  for (const item of items) {
    const key = keyOf(item);
    if (!found.has(key)) found.set(key, item);
  }
  return found;
}
