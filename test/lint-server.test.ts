import { describe, expect, it } from 'vitest';
import { lintPlan, lintServer, DEFAULT_LINT_OPTIONS, type LintOptions, type RuleSetting } from '../src/engine/lint.js';
import { loadServer, type FileInput } from '../src/engine/load.js';
import { CFG007 } from '../src/rules/CFG007.js';

// Without a plan, lintServer works out what the options enable (the active rules, their levels)
// on each call: options changed between two calls are obeyed. A run makes one plan (lintPlan)
// for all its servers.
function misplacedProperty(): FileInput {
  const text = [
    '<?xml version ="1.0"?>',
    '<configuration xmlns="urn:microsoft-catalog:XML_Metabase_V64_0">',
    '<MBProperty>',
    '<IIsWebVirtualDir\tLocation ="/LM/W3SVC/1/ROOT"',
    '\t\tSSLAlwaysNegoClientCert="TRUE"',
    '\t>',
    '</IIsWebVirtualDir>',
    '</MBProperty>',
    '</configuration>',
    '',
  ].join('\r\n');
  return { path: 'MetaBase.xml', bytes: new TextEncoder().encode(text) };
}

/** One list of rules for every call, as a run passes RULES. */
const RULES = [CFG007];
const levels = (options: LintOptions) =>
  lintServer(loadServer('server', [misplacedProperty()], undefined), options, RULES).map((finding) => finding.level);

describe('lintServer across servers of a run', () => {
  it('obeys rule settings changed in the same Map between two servers', () => {
    const ruleSettings = new Map<string, RuleSetting>();
    const options: LintOptions = { ...DEFAULT_LINT_OPTIONS, ruleSettings };
    const defaultLevels = levels(options);
    expect(defaultLevels).toHaveLength(1);
    ruleSettings.set('CFG007', 'note');
    expect(levels(options)).toEqual(['note']);
    ruleSettings.set('CFG007', 'off');
    expect(levels(options)).toEqual([]);
    ruleSettings.delete('CFG007');
    expect(levels(options)).toEqual(defaultLevels);
  });

  it('obeys another Map, then the first one again', () => {
    const ruleSettings = new Map<string, RuleSetting>([['CFG007', 'error']]);
    expect(levels({ ...DEFAULT_LINT_OPTIONS, ruleSettings })).toEqual(['error']);
    expect(levels({ ...DEFAULT_LINT_OPTIONS, ruleSettings: new Map([['CFG007', 'warning']]) })).toEqual(['warning']);
    expect(levels({ ...DEFAULT_LINT_OPTIONS, ruleSettings })).toEqual(['error']);
  });
});

describe('lintServer with a run\'s plan', () => {
  it('lints as the options were when the plan was made', () => {
    const ruleSettings = new Map<string, RuleSetting>([['CFG007', 'note']]);
    const options: LintOptions = { ...DEFAULT_LINT_OPTIONS, ruleSettings };
    const plan = lintPlan(options, RULES);
    const lint = () => lintServer(loadServer('server', [misplacedProperty()], undefined), options, RULES, plan).map((finding) => finding.level);
    expect(lint()).toEqual(['note']);
    ruleSettings.set('CFG007', 'off');
    expect(lint()).toEqual(['note']);
    expect(lintPlan(options, RULES).rules).toEqual([]);
  });
});

describe('lintServer drops repeated findings', () => {
  it('keeps the first of each rule, file, span and message, in report order, whatever the order they come in', () => {
    const server = loadServer('server', [misplacedProperty()], undefined);
    const file = server.metabaseDocuments[0]!.source;
    const draft = (start: number, end: number, message: string, subject: string) => ({ file, span: { start, end }, message, subject });
    const rule = {
      meta: { ...CFG007.meta, id: 'TST001' },
      check: () => [
        draft(40, 45, 'second', 'a'),
        draft(10, 15, 'first', 'b'),
        draft(10, 19, 'first', 'c'),
        draft(10, 15, 'first', 'd'),
        draft(10, 15, 'other', 'e'),
        draft(10, 19, 'first', 'f'),
        draft(40, 45, 'second', 'g'),
      ],
    };
    const found = lintServer(server, DEFAULT_LINT_OPTIONS, [rule]);
    expect(found.map((finding) => [finding.span.start, finding.span.end, finding.message, finding.subject])).toEqual([
      [10, 15, 'first', 'b'],
      [10, 19, 'first', 'c'],
      [10, 15, 'other', 'e'],
      [40, 45, 'second', 'a'],
    ]);
  });
});
