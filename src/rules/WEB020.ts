/**
 * WEB020 app-pool-runs-as-system: an application pool running as LocalSystem (error); NetworkService / LocalService (note, iislint:cis only).
 */
import { attributeOf } from '../parse/config-syntax.js';
import { listNames } from './support.js';
import { iisSubject } from './shared/iis.js';
import { sameName } from './shared/web.js';
import type { FindingDraft, Level } from './types.js';
import type { Rule } from './types.js';

export const WEB020: Rule = {
  meta: {
    id: 'WEB020',
    name: 'app-pool-runs-as-system',
    shortDescription: "An application pool runs as LocalSystem (full control of the machine); NetworkService or LocalService under iislint:cis.",
    fullDescription:
      "Reports processModel@identityType=\"LocalSystem\" of an application pool (its own, or applicationPoolDefaults') as an error, once where set, naming the pools; NetworkService and LocalService are notes reported only under iislint:cis.",
    helpMarkdown: `
## What it finds
An application pool whose effective \`processModel identityType\` is \`LocalSystem\` (an error), or \`NetworkService\` / \`LocalService\` (a note, under \`iislint:cis\` only). Set in \`applicationPoolDefaults\`, the finding is reported once there, naming every pool that inherits it.

## Why it matters
Every request of the pool runs with the pool's identity: a flaw in any application of a LocalSystem pool is a full compromise of the machine. NetworkService and LocalService are shared by other services, so the pool's applications can reach their files and the machine account is used on the network.

## Bad
\`\`\`xml
<applicationPools>
  <add name="Shop">
    <processModel identityType="LocalSystem" />
  </add>
</applicationPools>
\`\`\`

## Good
\`\`\`xml
<applicationPools>
  <add name="Shop">
    <processModel identityType="ApplicationPoolIdentity" />
  </add>
</applicationPools>
\`\`\`

## How to fix
Use \`ApplicationPoolIdentity\` (the default) or a dedicated low-privilege account (\`SpecificUser\`).

## Notes
- IIS default assumed: \`identityType="ApplicationPoolIdentity"\` (IIS_schema.xml, \`system.applicationHost/applicationPools/add/processModel\`).
- Sources: IIS_schema.xml; Microsoft Learn, "Process Model Settings for an Application Pool <processModel>" and "Application Pool Identities".
- CIS Microsoft IIS 10 Benchmark 1.4 "Ensure 'application pool identity' is configured for all application pools".
`,
    defaultLevel: 'error',
    tags: ['security',  'iis',  'external/cwe/cwe-250'],
    securitySeverity: '7.2',
    precision: 'very-high',
    benchmarks: { cis: ['IIS10 1.4'] },
  },
  check(server, options) {
    const model = server.iis;
    if (!model) return [];
    const groups = new Map<unknown, { element: NonNullable<ReturnType<typeof attributeOf>>; file: import('../parse/text.js').SourceFile; value: string; pools: string[]; level: Level }>();
    for (const pool of model.applicationPools) {
      const identity = model.poolAttribute(pool, ['processModel'], 'identityType');
      if (!identity || identity.provenance.kind !== 'file') continue;
      const level: Level | undefined = sameName(identity.value, 'LocalSystem') || identity.value.trim() === '0' ? 'error' : ['networkservice', 'localservice', '1', '2'].includes(identity.value.trim().toLowerCase()) && options.explicitValues ? 'note' : undefined;
      if (!level) continue;
      const attribute = attributeOf(identity.provenance.element, 'identityType')!;
      let group = groups.get(attribute);
      if (!group) groups.set(attribute, (group = { element: attribute, file: identity.provenance.file, value: identity.value, pools: [], level }));
      group.pools.push(pool.name);
    }
    return [...groups.values()].map((group): FindingDraft => ({
      message:
        group.level === 'error'
          ? `Application pool${group.pools.length === 1 ? '' : 's'} ${listNames(group.pools.map((name) => `"${name}"`))} run${group.pools.length === 1 ? 's' : ''} as LocalSystem (identityType="${group.value}"): a flaw in any of its applications controls the machine.`
          : `Application pool${group.pools.length === 1 ? '' : 's'} ${listNames(group.pools.map((name) => `"${name}"`))} run${group.pools.length === 1 ? 's' : ''} as a shared service account (identityType="${group.value}"): use ApplicationPoolIdentity.`,
      file: group.file,
      span: group.element.span,
      subject: iisSubject('MACHINE/WEBROOT/APPHOST', 'system.applicationHost/applicationPools', `/${group.pools[0]}/processModel@identityType`),
      level: group.level,
    }));
  },
};
