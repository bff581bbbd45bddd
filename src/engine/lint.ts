/**
 * model -> rules -> findings: run every enabled rule over each server, resolve levels,
 * validate positions, fingerprint, sort and de-duplicate.
 */
import { hash } from 'node:crypto';
import type { NewlineStyle, Region, SourceFile, Span, TextEncoding } from '../parse/text.js';
import type { OsProfile } from '../model/os-profiles.js';
import type { ServerModel } from '../model/server.js';
import { RULES } from '../rules/index.js';
import type { Fix, KernelSslMode, Level, Rule, RuleOptions } from '../rules/types.js';
import { isWritableFix } from '../fix/encoding.js';

export type RuleSetting = Level | 'off';

export interface LintOptions {
  kernelSsl: KernelSslMode;
  /** undefined = auto. */
  os: OsProfile | undefined;
  /** Explicit-value mode, from the `iislint:cis` preset (RuleOptions.explicitValues). */
  explicitValues?: boolean;
  /** Per-rule overrides of the level (or `off`): the preset's `off`s, then config `rules`, then `--rule`. */
  ruleSettings: ReadonlyMap<string, RuleSetting>;
  /**
   * Where the working directory sits below the repository root (`servers/` when linting from
   * `<root>/servers`): fingerprints hash root-relative paths, so a baseline or a code-scanning
   * alert matches whatever directory iislint runs from. Default: none (paths as displayed).
   */
  fingerprintPrefix?: string;
  /**
   * `--xml-cross-check`: parse each metabase with fast-xml-parser too and require the same
   * elements; a disagreement is an internal error (exit 2). Default: the metabase reader alone.
   */
  xmlCrossCheck?: boolean;
}

export const DEFAULT_LINT_OPTIONS: LintOptions = { kernelSsl: 'auto', os: undefined, ruleSettings: new Map() };

/**
 * A finding is plain data: reporters, baselines and the fixer need nothing else, and it can
 * cross a worker-thread boundary as it is.
 */
export interface Finding {
  ruleId: string;
  level: Level;
  message: string;
  server: string;
  file: FindingFile;
  /** UTF-16 offsets into the decoded text of the file. */
  span: Span;
  region: Region;
  subject: string;
  /** Stable under line moves: hashes the rule, the file and the logical subject, never a line number. */
  fingerprint: string;
  fix?: FindingFix;
  /** Set on a finding an inline directive or a config entry suppressed (SARIF `suppressions`). */
  suppressions?: FindingSuppression[];
  /** With a baseline: whether the baseline holds the finding (SARIF `baselineState`). */
  baselineState?: 'new' | 'unchanged';
}

/** Why a finding is not reported: `inSource` = an inline directive, `external` = the config file. */
export interface FindingSuppression {
  kind: 'inSource' | 'external';
  justification?: string;
}

/** What a report needs to know of a file, and what a fix needs to write it back the same way. */
export interface FindingFile {
  path: string;
  encoding: TextEncoding;
  bom: boolean;
  newline: NewlineStyle;
}

export interface FindingEdit {
  path: string;
  span: Span;
  region: Region;
  text: string;
}

export interface FindingFix {
  description: string;
  edits: FindingEdit[];
  /** See Fix.deferred: applied only in a pass where no other fix of the server is pending. */
  deferred?: boolean;
}

/** One FindingFile per source file, shared by its findings (a fleet has thousands of findings). */
const FINDING_FILES = new WeakMap<SourceFile, FindingFile>();

function findingFile(file: SourceFile): FindingFile {
  let found = FINDING_FILES.get(file);
  if (found === undefined) {
    found = { path: file.path, encoding: file.encoding, bom: file.bom, newline: file.newline };
    FINDING_FILES.set(file, found);
  }
  return found;
}

function findingFix(fix: Fix): FindingFix {
  return {
    description: fix.description,
    edits: fix.edits.map((edit) => ({ path: edit.file.path, span: edit.span, region: edit.file.lines.region(edit.span), text: edit.text })),
    ...(fix.deferred ? { deferred: true } : {}),
  };
}

/** A rule returned a position outside its file: a bug in iislint, reported loudly, never silently dropped. */
export class InvalidFindingError extends Error {
  override readonly name = 'InvalidFindingError';
}

export function activeRules(options: LintOptions, rules: readonly Rule[] = RULES): Rule[] {
  return rules.filter((rule) => {
    if (options.ruleSettings.get(rule.meta.id) === 'off') return false;
    if (rule.meta.kernelSslOnly && options.kernelSsl === 'off') return false;
    return true;
  });
}

/**
 * What a run's options make of its rules: the same for every server of the run, so a run works
 * it out once (lintPlan) and hands it to lintServer with each server. Made from the options as
 * they are when it is made: a caller that changes them makes a new plan (lintServer without one
 * makes its own per call).
 */
export interface LintPlan {
  /** The enabled rules, in order. */
  rules: readonly Rule[];
  /** Each enabled rule's level override, by position in `rules` (undefined: the rule decides). */
  overrides: readonly (Level | undefined)[];
  ruleOptions: RuleOptions;
}

export function lintPlan(options: LintOptions, rules: readonly Rule[] = RULES): LintPlan {
  const active = activeRules(options, rules);
  const overrides = active.map((rule) => {
    const setting = options.ruleSettings.get(rule.meta.id);
    return setting === 'off' ? undefined : setting;
  });
  return {
    rules: active,
    overrides,
    ruleOptions: {
      kernelSsl: options.kernelSsl,
      os: options.os,
      explicitValues: options.explicitValues ?? false,
      activeRuleIds: new Set(active.map((rule) => rule.meta.id)),
    },
  };
}

export function lintServer(server: ServerModel, options: LintOptions, rules: readonly Rule[] = RULES, plan: LintPlan = lintPlan(options, rules)): Finding[] {
  const findings: Finding[] = [];
  const { ruleOptions, overrides } = plan;
  const active = plan.rules;
  // Findings of a rule mostly share a file: its FindingFile is looked up when the file changes.
  let lastFile: SourceFile | undefined;
  let lastFindingFile: FindingFile | undefined;
  // Indexed loops: this runs once per server, mostly before V8 optimises it, where for-of makes
  // an iterator and a result object per step.
  for (let ruleIndex = 0; ruleIndex < active.length; ruleIndex++) {
    const rule = active[ruleIndex]!;
    const meta = rule.meta;
    if (meta.server2003Only && !server.kernelSslOs) continue;
    const override = overrides[ruleIndex];
    const drafts = rule.check(server, ruleOptions);
    for (let draftIndex = 0; draftIndex < drafts.length; draftIndex++) {
      const draft = drafts[draftIndex]!;
      const { file, span } = draft;
      if (!(span.start >= 0 && span.start <= span.end && span.end <= file.text.length)) {
        throw new InvalidFindingError(
          `${meta.id} reported span ${span.start}-${span.end} outside ${file.path} (${file.text.length} characters)`,
        );
      }
      if (file !== lastFile) {
        lastFile = file;
        lastFindingFile = findingFile(file);
      }
      const finding: Finding = {
        ruleId: meta.id,
        level: override ?? draft.level ?? meta.defaultLevel,
        message: draft.message,
        server: server.name,
        file: lastFindingFile!,
        span,
        region: file.lines.region(span),
        subject: draft.subject,
        fingerprint: '',
      };
      // Only rules marked fixable carry fixes (the others' would not be safe unattended), and only
      // fixes `--fix` can write byte-exactly: reports count exactly what --fix applies.
      if (draft.fix && meta.fixable && isWritableFix(draft.fix)) finding.fix = findingFix(draft.fix);
      findings.push(finding);
    }
  }
  return assignFingerprints(dedupeSorted(sortFindings(findings)), options.fingerprintPrefix);
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    compare(a.file.path, b.file.path) ||
    a.region.startLine - b.region.startLine ||
    a.region.startColumn - b.region.startColumn ||
    compare(a.ruleId, b.ruleId) ||
    compare(a.message, b.message)
  );
}

/** Findings by their file's display path, in the order met. */
export function groupByFile(findings: readonly Finding[]): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const finding of findings) {
    const group = groups.get(finding.file.path);
    if (group) group.push(finding);
    else groups.set(finding.file.path, [finding]);
  }
  return groups;
}

export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(compareFindings);
}

/**
 * Drops a finding of the same rule, file, span and message as an earlier one. Such findings sort
 * equal, and the sort is stable: they sit in one run of equal neighbours, in the order reported,
 * so keeping the first of each span in a run is what a filter before sorting kept. No key string
 * per finding: runs longer than one are rare.
 */
function dedupeSorted(findings: Finding[]): Finding[] {
  let kept = 0;
  let runStart = 0;
  for (let index = 0; index < findings.length; index++) {
    const finding = findings[index]!;
    if (index > 0 && compareFindings(findings[index - 1]!, finding) !== 0) runStart = kept;
    let duplicate = false;
    for (let earlier = runStart; earlier < kept; earlier++) {
      const other = findings[earlier]!;
      if (other.span.start === finding.span.start && other.span.end === finding.span.end) {
        duplicate = true;
        break;
      }
    }
    if (!duplicate) findings[kept++] = finding;
  }
  findings.length = kept;
  return findings;
}

/**
 * Two findings of one rule on one subject in one file (rare: e.g. two malformed lines with the
 * same text) are told apart by their order, which survives lines moving around them.
 */
export function assignFingerprints(findings: Finding[], pathPrefix = ''): Finding[] {
  const occurrences = new Map<string, number>();
  // Findings come grouped by file: each file's path is made portable once.
  let lastPath: string | undefined;
  let portable = '';
  for (let index = 0; index < findings.length; index++) {
    const finding = findings[index]!;
    if (finding.file.path !== lastPath) {
      lastPath = finding.file.path;
      portable = fingerprintPath(lastPath, pathPrefix);
    }
    const base = `${finding.ruleId}\0${portable}\0${finding.subject}`;
    const occurrence = occurrences.get(base) ?? 0;
    occurrences.set(base, occurrence + 1);
    // The one-shot hash: no Hash object per finding.
    finding.fingerprint = hash('sha256', `${base}\0${occurrence}`, 'hex').slice(0, 32);
  }
  return findings;
}

/** `/` separators, the prefix joined, `.` and `..` segments resolved: one spelling per file. */
export function fingerprintPath(displayPath: string, prefix = ''): string {
  const segments: string[] = [];
  const portable = displayPath.replaceAll('\\', '/');
  // An absolute path (outside the working directory) is hashed as it is.
  if (portable.startsWith('/') || /^[A-Za-z]:\//.test(portable)) return portable;
  for (const segment of `${prefix.replaceAll('\\', '/')}/${portable}`.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..' && segments.length > 0 && segments[segments.length - 1] !== '..') segments.pop();
    else segments.push(segment);
  }
  return segments.join('/');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
