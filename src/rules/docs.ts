/**
 * Rule documentation rendered from rule metadata: docs/rules/<ID>.md and the rule index.
 * The metadata is the single source; `npm run docs` writes the pages and a test fails when
 * they are stale.
 */
import { benchmarkList } from './presets.js';
import type { Rule, RuleMeta } from './types.js';

/** Headings every rule's help must have, in this order. */
export const REQUIRED_HELP_SECTIONS = ['## What it finds', '## Why it matters', '## Bad', '## Good', '## How to fix'] as const;

export function renderRulePage(meta: RuleMeta): string {
  const facts = [
    `| | |`,
    `|---|---|`,
    `| Name | \`${meta.name}\` |`,
    `| Default level | ${meta.defaultLevel} |`,
    `| Security severity | ${meta.securitySeverity} |`,
    `| Precision | ${meta.precision} |`,
    `| Tags | ${meta.tags.map((tag) => `\`${tag}\``).join(', ')} |`,
    ...(meta.kernelSslOnly ? ['| Runs when | `--kernel-ssl auto` or `on` (not `off`) |'] : []),
    ...(benchmarkList(meta) ? [`| Benchmarks | ${benchmarkList(meta)} |`] : []),
    ...(meta.cisOnly ? ['| Preset | `iislint:cis` only |'] : []),
    ...(meta.server2003Only ? ['| Target OS | Windows Server 2003 or unknown (not run on Server 2008 or later) |'] : []),
    ...(meta.fixable ? ['| Fixable | yes: `iislint --fix` (see How to fix) |'] : []),
  ];
  return [
    `<!-- Generated from src/rules/${meta.id}.ts by \`npm run docs\`: edit the rule, not this page. -->`,
    `# ${meta.id}: ${meta.name}`,
    '',
    `${meta.fullDescription}`,
    '',
    ...facts,
    '',
    meta.helpMarkdown.trim(),
    '',
  ].join('\n');
}

export function renderRuleIndex(rules: readonly Rule[]): string {
  const rows = rules.map(
    ({ meta }) => `| [${meta.id}](${meta.id}.md) | \`${meta.name}\` | ${meta.defaultLevel} | ${meta.securitySeverity} | ${meta.shortDescription} |`,
  );
  return [
    '<!-- Generated from the rule metadata by `npm run docs`. -->',
    '# iislint rules',
    '',
    '| ID | Name | Default level | Security severity | What it finds |',
    '|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

/** Plain-text help for SARIF `help.text` and `iislint explain`: the Markdown without its markup. */
export function helpText(meta: RuleMeta): string {
  return meta.helpMarkdown
    .replace(/^```\w*\n?/gm, '')
    .replace(/^#+\s*/gm, '')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]+\)/g, '$1')
    .trim();
}
