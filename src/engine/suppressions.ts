/**
 * findings -> suppressed or kept: applies inline directives (src/engine/directives.ts) and the
 * config file's `suppressions` entries to one server's findings while its source files are
 * still in memory, and produces the CFG006 findings about suppressions that have no effect.
 *
 * A finding is suppressed when its span starts inside a directive's range or its file matches
 * a config entry that names its rule (or no rule) and has not expired; it then carries every
 * suppression that covers it. CFG006 findings are never suppressed. An entry's `expires` date
 * is the last day it applies; `today` comes from the caller, so runs are reproducible.
 */
import type { ServerModel } from '../model/server.js';
import type { SourceFile, Span } from '../parse/text.js';
import { CFG006, CFG006_MESSAGES } from '../rules/CFG006.js';
import { RULES } from '../rules/index.js';
import type { Level } from '../rules/types.js';
import { extractDirectives, mentionsPrefix, type Directive, type DirectiveProblem, type DirectiveSyntax, type DirectiveTable, type SuppressionRange } from './directives.js';
import { activeRules, assignFingerprints, groupByFile, sortFindings, type Finding, type FindingSuppression, type LintOptions } from './lint.js';

/** A `suppressions` entry of the config file, with its file globs compiled by the caller. */
export interface ConfigSuppression {
  /** How messages name it: `suppressions[0]`. */
  label: string;
  /** Display path of the config file, for messages. */
  configPath: string;
  /** The globs as written, for messages. */
  files: readonly string[];
  /** Canonical rule ids; undefined = every rule. */
  ruleIds: readonly string[] | undefined;
  reason: string;
  /** `YYYY-MM-DD`: the last day the entry applies. */
  expires: string | undefined;
  /** Whether a finding's display path matches `files` (relative to the config file's directory). */
  matchesFile(displayPath: string): boolean;
  /** The entry in the config file, where CFG006 points when it suppresses nothing. */
  origin: { file: SourceFile; span: Span } | undefined;
}

export interface SuppressionOptions {
  /** Report directives and config entries that suppress nothing (CFG006). */
  reportUnusedDirectives?: boolean;
  /** A disable directive without a reason is a CFG006 finding and suppresses nothing. */
  requireReason?: boolean;
  configSuppressions?: readonly ConfigSuppression[];
  /** `YYYY-MM-DD`, judged against config entries' `expires`; default: the local date. */
  today?: string;
}

/** Days before `expires` from which a warning says the entry expires soon. */
export const EXPIRY_WARNING_DAYS = 14;

export type ExpiryStatus =
  | { state: 'active' }
  | { state: 'expiring'; daysLeft: number }
  | { state: 'expired'; daysAgo: number };

/** `expires` is the last day an entry applies: the day after, its findings come back. */
export function expiryStatus(expires: string | undefined, today: string): ExpiryStatus {
  if (expires === undefined) return { state: 'active' };
  const daysLeft = dayNumber(expires) - dayNumber(today);
  if (daysLeft < 0) return { state: 'expired', daysAgo: -daysLeft };
  if (daysLeft <= EXPIRY_WARNING_DAYS) return { state: 'expiring', daysLeft };
  return { state: 'active' };
}

/** `YYYY-MM-DD` naming a real calendar day. */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The local calendar date as `YYYY-MM-DD` (what an operator means by "today"). */
export function localDate(now: Date = new Date()): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function dayNumber(date: string): number {
  const [year, month, day] = date.split('-').map(Number);
  return Date.UTC(year!, month! - 1, day!) / 86_400_000;
}

export interface ServerSuppressionResult {
  /** Findings still reported, with the CFG006 findings about this server's directives. */
  findings: Finding[];
  /** Findings a directive or config entry suppressed, each with its `suppressions`. */
  suppressed: Finding[];
}

/**
 * One run's suppressions: `applyToServer` for each server as it is linted, then `finish` for the
 * config entries, whose use is known only once every server is done.
 */
export class SuppressionPass {
  private readonly knownRuleIds = new Set(RULES.map((rule) => rule.meta.id));
  /** Rules that ran: an id of a rule that did not run cannot be judged unused. */
  private readonly rulesRun: ReadonlySet<string>;
  private readonly cfg006Level: Level | undefined;
  private readonly entries: readonly ConfigSuppression[];
  private readonly usedEntries = new Set<ConfigSuppression>();

  constructor(private readonly options: LintOptions & SuppressionOptions) {
    this.rulesRun = new Set(activeRules(options).map((rule) => rule.meta.id));
    const setting = options.ruleSettings.get(CFG006.meta.id);
    this.cfg006Level = setting === 'off' ? undefined : (setting ?? CFG006.meta.defaultLevel);
    const today = options.today ?? localDate();
    this.entries = (options.configSuppressions ?? []).filter((entry) => expiryStatus(entry.expires, today).state !== 'expired');
  }

  applyToServer(server: ServerModel, findings: readonly Finding[]): ServerSuppressionResult {
    // Nearly every server has no directive and no config entry: nothing to suppress or report.
    if (this.entries.length === 0 && !mentionsDirectives(server)) return { findings: sortFindings(findings.slice()), suppressed: [] };
    const tables = new Map<string, DirectiveTable>();
    const addTable = (source: SourceFile, syntax: DirectiveSyntax) => {
      tables.set(source.path, extractDirectives(source, syntax, { knownRuleIds: this.knownRuleIds, requireReason: this.options.requireReason ?? false }));
    };
    for (const document of server.metabaseDocuments) addTable(document.source, 'xml');
    for (const document of server.regDocuments) addTable(document.source, 'reg');
    for (const document of server.configDocuments) addTable(document.source, 'xml');

    const kept: Finding[] = [];
    const suppressed: Finding[] = [];
    const usedRanges = new Set<SuppressionRange>();
    for (const [filePath, fileFindings] of groupByFile(findings)) {
      const ranges = tables.get(filePath)?.ranges ?? [];
      const entries = this.entries.filter((entry) => entry.matchesFile(filePath));
      if (ranges.length === 0 && entries.length === 0) {
        for (const finding of fileFindings) kept.push(finding); // a spread of 200,000 findings overflows the stack
        continue;
      }
      fileFindings.sort((a, b) => a.span.start - b.span.start);
      markUsedRanges(ranges, fileFindings, usedRanges);
      const entriesFor = entriesByRule(entries);
      const covering = new NearestRange(ranges);
      for (const finding of fileFindings) {
        const suppressions: FindingSuppression[] = [];
        const range = covering.at(finding.span.start, finding.ruleId);
        if (range) suppressions.push(justified('inSource', range.directive.reason));
        for (const entry of entriesFor(finding.ruleId)) {
          this.usedEntries.add(entry);
          suppressions.push(justified('external', entry.reason));
        }
        if (suppressions.length > 0) suppressed.push({ ...finding, suppressions });
        else kept.push(finding);
      }
    }

    if (this.cfg006Level !== undefined) {
      const problems: Finding[] = [];
      for (const table of tables.values()) {
        for (const problem of this.directiveFindings(server.name, table, usedRanges)) problems.push(problem);
      }
      for (const problem of assignFingerprints(sortFindings(problems), this.options.fingerprintPrefix)) kept.push(problem);
    }
    return { findings: sortFindings(kept), suppressed: sortFindings(suppressed) };
  }

  /** CFG006 findings for config entries that suppressed nothing (with --report-unused-directives). */
  finish(): Finding[] {
    if (this.cfg006Level === undefined || !this.options.reportUnusedDirectives) return [];
    const findings: Finding[] = [];
    for (const entry of this.entries) {
      if (this.usedEntries.has(entry) || !entry.origin) continue;
      if (entry.ruleIds !== undefined && !entry.ruleIds.some((id) => this.rulesRun.has(id))) continue;
      const ids = entry.ruleIds?.filter((id) => this.rulesRun.has(id)).join(', ');
      findings.push(
        this.finding('', entry.origin.file, entry.origin.span, CFG006_MESSAGES.unusedConfigEntry(entry.label, entry.configPath, ids, entry.files), [
          'config-entry',
          entry.files.join(','),
          entry.ruleIds?.join(',') ?? '*',
          entry.reason,
        ]),
      );
    }
    return assignFingerprints(sortFindings(findings), this.options.fingerprintPrefix);
  }

  private directiveFindings(serverName: string, table: DirectiveTable, usedRanges: ReadonlySet<SuppressionRange>): Finding[] {
    const findings: Finding[] = [];
    const xml = table.syntax === 'xml';
    for (const problem of table.problems) {
      const message = problemMessage(problem, xml);
      if (message === undefined) continue;
      if (problem.code === 'enable-without-disable' && !this.options.reportUnusedDirectives) continue;
      findings.push(this.finding(serverName, table.file, problem.span, message, [problem.code, problem.directive?.text ?? problem.detail ?? '', problem.detail ?? '']));
    }
    if (this.options.reportUnusedDirectives) {
      // One finding per directive, naming the ids that suppressed nothing. A block reopened for
      // one id after an enable has several ranges: the id counts as used if any of them was.
      const usage = new Map<Directive, Map<string | undefined, boolean>>();
      for (const range of table.ranges) {
        const byId = usage.get(range.directive) ?? new Map<string | undefined, boolean>();
        byId.set(range.ruleId, (byId.get(range.ruleId) ?? false) || usedRanges.has(range));
        usage.set(range.directive, byId);
      }
      for (const [directive, byId] of usage) {
        const unused = [...byId]
          .filter(([id, used]) => !used && (id === undefined || this.rulesRun.has(id)))
          .map(([id]) => id);
        if (unused.length === 0) continue;
        const ids = directive.ruleIds === undefined ? undefined : unused.join(', ');
        const partial = directive.ruleIds !== undefined && unused.length < directive.ruleIds.length;
        const message =
          directive.kind === 'disable-next-line'
            ? CFG006_MESSAGES.unusedNextLine(directive.text, ids, partial, xml)
            : CFG006_MESSAGES.unusedBlock(directive.text, ids, partial);
        findings.push(this.finding(serverName, table.file, directive.span, message, ['unused', directive.text, ids ?? '*']));
      }
    }
    return findings;
  }

  private finding(server: string, file: SourceFile, span: Span, message: string, subjectParts: string[]): Finding {
    return {
      ruleId: CFG006.meta.id,
      level: this.cfg006Level!,
      message,
      server,
      file: { path: file.path, encoding: file.encoding, bom: file.bom, newline: file.newline },
      span,
      region: file.lines.region(span),
      // The directive's text, never its line: stable when lines move.
      subject: `suppression:${file.path}#${subjectParts.join('#')}`,
      fingerprint: '',
    };
  }
}

/** Whether any of the server's files mentions a directive (the one search extractDirectives starts with). */
function mentionsDirectives(server: ServerModel): boolean {
  const { metabaseDocuments, regDocuments, configDocuments } = server;
  for (let index = 0; index < metabaseDocuments.length; index++) if (mentionsPrefix(metabaseDocuments[index]!.source.text)) return true;
  for (let index = 0; index < regDocuments.length; index++) if (mentionsPrefix(regDocuments[index]!.source.text)) return true;
  for (let index = 0; index < configDocuments.length; index++) if (mentionsPrefix(configDocuments[index]!.source.text)) return true;
  return false;
}

function problemMessage(problem: DirectiveProblem, xml: boolean): string | undefined {
  const text = problem.directive?.text ?? '';
  switch (problem.code) {
    case 'unknown-directive':
      return CFG006_MESSAGES.unknownDirective(problem.detail ?? '');
    case 'unknown-rule':
      return CFG006_MESSAGES.unknownRule(problem.detail ?? '', text);
    case 'missing-reason':
      return CFG006_MESSAGES.missingReason(text, xml);
    case 'xml-comment-double-dash':
      return CFG006_MESSAGES.xmlDoubleDash(text);
    case 'enable-without-disable':
      return CFG006_MESSAGES.enableWithoutDisable(text, problem.directive?.ruleIds?.join(', '), problem.insideDisableAll ?? false);
    default: {
      const unknown: never = problem.code;
      return unknown;
    }
  }
}

/**
 * Which directives cover a finding, in time linear in the file (60,000 directives in one .reg
 * took 140 s when every finding was checked against every open block): a finding carries the
 * nearest directive that covers it (the one that starts last), and every range that covers a
 * finding of its rule counts as used, found by a binary search per range.
 */
class NearestRange {
  private next = 0;
  /** Max-heaps by start, per rule id (undefined: every rule); ranges that ended are dropped lazily. */
  private readonly heaps = new Map<string | undefined, SuppressionRange[]>();
  private last = -1;

  /** `ranges` sorted by start. */
  constructor(private readonly ranges: readonly SuppressionRange[]) {}

  /** The covering range of `ruleId` (or of every rule) that starts last; offsets must not decrease. */
  at(offset: number, ruleId: string): SuppressionRange | undefined {
    if (offset < this.last) throw new Error('NearestRange.at: offsets must not decrease');
    this.last = offset;
    while (this.next < this.ranges.length && this.ranges[this.next]!.start <= offset) {
      const range = this.ranges[this.next++]!;
      let heap = this.heaps.get(range.ruleId);
      if (!heap) this.heaps.set(range.ruleId, (heap = []));
      heapPush(heap, range);
    }
    const forRule = this.top(ruleId, offset);
    const forAll = this.top(undefined, offset);
    if (!forRule) return forAll;
    if (!forAll) return forRule;
    return forAll.start > forRule.start ? forAll : forRule;
  }

  private top(ruleId: string | undefined, offset: number): SuppressionRange | undefined {
    const heap = this.heaps.get(ruleId);
    if (!heap) return undefined;
    // A range that ended before this offset ends before every later one too.
    while (heap.length > 0 && heap[0]!.end <= offset) heapPop(heap);
    return heap[0];
  }
}

function heapPush(heap: SuppressionRange[], range: SuppressionRange): void {
  heap.push(range);
  let i = heap.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (heap[parent]!.start >= heap[i]!.start) break;
    [heap[parent], heap[i]] = [heap[i]!, heap[parent]!];
    i = parent;
  }
}

function heapPop(heap: SuppressionRange[]): void {
  const last = heap.pop()!;
  if (heap.length === 0) return;
  heap[0] = last;
  let i = 0;
  for (;;) {
    const left = 2 * i + 1;
    const right = left + 1;
    let largest = i;
    if (left < heap.length && heap[left]!.start > heap[largest]!.start) largest = left;
    if (right < heap.length && heap[right]!.start > heap[largest]!.start) largest = right;
    if (largest === i) return;
    [heap[largest], heap[i]] = [heap[i]!, heap[largest]!];
    i = largest;
  }
}

/** A range is used when a finding of its rule (any rule, for a block of every rule) starts inside it. */
function markUsedRanges(ranges: readonly SuppressionRange[], sortedFindings: readonly Finding[], used: Set<SuppressionRange>): void {
  if (ranges.length === 0) return;
  const all: number[] = [];
  const byRule = new Map<string, number[]>();
  for (const finding of sortedFindings) {
    all.push(finding.span.start);
    let starts = byRule.get(finding.ruleId);
    if (!starts) byRule.set(finding.ruleId, (starts = []));
    starts.push(finding.span.start);
  }
  for (const range of ranges) {
    const starts = range.ruleId === undefined ? all : byRule.get(range.ruleId);
    if (!starts) continue;
    let low = 0;
    let high = starts.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (starts[middle]! < range.start) low = middle + 1;
      else high = middle;
    }
    if (low < starts.length && starts[low]! < range.end) used.add(range);
  }
}

/** The config entries that apply to a rule's findings in one file, computed once per rule. */
function entriesByRule(entries: readonly ConfigSuppression[]): (ruleId: string) => readonly ConfigSuppression[] {
  const cache = new Map<string, ConfigSuppression[]>();
  return (ruleId) => {
    let list = cache.get(ruleId);
    if (!list) cache.set(ruleId, (list = entries.filter((entry) => entry.ruleIds === undefined || entry.ruleIds.includes(ruleId))));
    return list;
  };
}

function justified(kind: FindingSuppression['kind'], reason: string | undefined): FindingSuppression {
  return reason === undefined ? { kind } : { kind, justification: reason };
}

