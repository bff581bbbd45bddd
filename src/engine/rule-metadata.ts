/**
 * The rule metadata a run hands to its reporters: each rule's own metadata plus what is derived
 * from it (help URI, plain-text help). Reporters receive it with the results and never import
 * src/rules/, so a report shows exactly the rules of the run.
 */
import { helpText } from '../rules/docs.js';
import { RULES } from '../rules/index.js';
import { ruleTags } from '../rules/presets.js';
import { helpUri, type Rule, type RuleMeta } from '../rules/types.js';

export interface RuleReportMeta extends Readonly<RuleMeta> {
  helpUri: string;
  /** The help Markdown without its markup (SARIF `help.text`). */
  helpText: string;
}

export function ruleReportMeta(meta: RuleMeta): RuleReportMeta {
  // Benchmark items (CIS, STIG) join the tags here, so reporters never import src/rules/.
  return { ...meta, tags: ruleTags(meta), helpUri: helpUri(meta.id), helpText: helpText(meta) };
}

/** Every rule the tool has, in registry order (SARIF lists them all, so ruleIndex is stable). */
export function runRuleMetadata(rules: readonly Rule[] = RULES): RuleReportMeta[] {
  return rules.map((rule) => ruleReportMeta(rule.meta));
}
