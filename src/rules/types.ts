/**
 * The rule contract. A rule is a plain object: metadata (which every reporter and the docs
 * are generated from) and a pure `check` of one server's model. Rules never read files and
 * never print; they return findings that point at exact spans.
 */
import type { SourceFile, Span } from '../parse/text.js';
import type { ServerModel } from '../model/server.js';
import type { OsProfile } from '../model/os-profiles.js';

export type Level = 'error' | 'warning' | 'note';
export type KernelSslMode = 'auto' | 'on' | 'off';

export interface RuleMeta {
  /** Stable forever: fingerprints, suppressions and baselines key on it. */
  id: string;
  /** kebab-case. */
  name: string;
  shortDescription: string;
  fullDescription: string;
  /** Markdown: what it finds, why it matters, a bad and a good example, how to fix. Source of docs/rules/<ID>.md. */
  helpMarkdown: string;
  defaultLevel: Level;
  /** Include `security` where it applies and a CWE tag (`external/cwe/cwe-327`) where one fits. */
  tags: string[];
  /**
   * GitHub code scanning severity, a number as a string, for what a finding means at the default
   * level: breaks a site or exposes a secret 7.0-8.9, weak but working 4.0-6.9, advice 0.1-3.9;
   * never exactly 9.0. README's "Severity in GitHub code scanning" table lists every rule.
   */
  securitySeverity: string;
  precision: 'very-high' | 'high' | 'medium' | 'low';
  /** KSSL rules that only matter for kernel-mode SSL: not run when kernelSsl is off. */
  kernelSslOnly?: boolean;
  /**
   * Kernel-mode SSL's limits are Server 2003's: the rule does not run on a server whose target
   * OS is Windows Server 2008 or later (ServerModel.kernelSslOs false).
   */
  server2003Only?: boolean;
  /** Only in the `iislint:cis` preset (not in `iislint:recommended`). See src/rules/presets.ts. */
  cisOnly?: boolean;
  /** In the `iislint:kernel-ssl` preset: part of the Server 2003 kernel-mode SSL migration question. */
  kernelSslMigration?: boolean;
  /** Benchmark items the rule covers (`cis: ['IIS10 7.4']`, `stig: ['V-218821']`): SARIF tags, `iislint rules`, the doc page. */
  benchmarks?: { cis?: readonly string[]; stig?: readonly string[] };
  /**
   * The rule's fixes are safe to apply unattended (`iislint --fix`): they only switch weak
   * cryptography off or make an ignored line take effect. The engine drops fixes of other rules.
   */
  fixable?: boolean;
}

export interface RuleOptions {
  kernelSsl: KernelSslMode;
  /**
   * Explicit-value mode (the `iislint:cis` preset): a value a benchmark audits that is absent is a
   * finding even where the OS default is safe.
   */
  explicitValues?: boolean;
  /** Ids of the rules this run runs (not off, not excluded by --kernel-ssl off): one key never gets two rules' findings. */
  activeRuleIds?: ReadonlySet<string>;
  /** The target OS forced by the user; undefined = auto (see ServerModel.os). */
  os: OsProfile | undefined;
}

/** A text edit on one file: replace `span` with `text` (an insertion when the span is empty). */
export interface TextEdit {
  file: SourceFile;
  span: Span;
  text: string;
}

export interface Fix {
  description: string;
  edits: TextEdit[];
  /**
   * Computed from what the server's files leave unset (keys to add): `--fix` applies it only in a
   * pass where no other fix of the server is pending, since those may set it already.
   */
  deferred?: boolean;
}

/** What a rule reports. The engine adds the rule id and resolves the final level. */
export interface FindingDraft {
  message: string;
  file: SourceFile;
  span: Span;
  /**
   * The logical thing flagged, independent of its line: `metabase:/LM/W3SVC#AccessSSLFlags`,
   * `registry:HKEY_LOCAL_MACHINE\...\RC2 40/128#Enabled`. Fingerprints hash it.
   */
  subject: string;
  /** Overrides the rule's default level (e.g. kernel-mode SSL context decides error vs warning). */
  level?: Level;
  fix?: Fix;
}

export interface Rule {
  meta: RuleMeta;
  check(server: ServerModel, options: RuleOptions): FindingDraft[];
}

export const helpUri = (id: string): string => `https://github.com/iislint/iislint/blob/main/docs/rules/${id}.md`;
