/**
 * SARIF 2.1.0 as GitHub code scanning takes it first-class (see SARIF-AND-CI.md): one run, every
 * rule with full metadata so `ruleIndex` is stable, one physical location per result with an
 * exact UTF-16 region, URIs relative to the repository root (`%SRCROOT%`), percent-encoded,
 * stable `primaryLocationLineHash`, `automationDetails`, tool notifications, `results: []` when
 * clean. Key order is fixed by construction, so the output is deterministic.
 *
 * `partialFingerprints.primaryLocationLineHash` is the engine's fingerprint as it is. GitHub's own
 * value (computed by the upload action when absent) reads `hash:occurrence`; GitHub compares the
 * string opaquely, and ours already tells repeated occurrences apart, so no suffix is added.
 */
import type * as Sarif from 'sarif';
import { compareFindings, type Finding, type FindingFile } from '../engine/lint.js';
import type { FileReport } from '../engine/run.js';
import type { TextEncoding } from '../parse/text.js';
import type { RuleReportMeta } from '../engine/rule-metadata.js';
import { levelRank } from '../engine/gate.js';
import { absolutePortablePath, rootRelativePath } from './index.js';
import type { ReportInput, ToolNotification } from './types.js';

export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
export const SRCROOT = '%SRCROOT%';
/** GitHub truncates or rejects longer rule descriptions. */
const DESCRIPTION_LIMIT = 1024;

const ENCODING_NAMES: Record<TextEncoding, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16LE',
  'utf-16be': 'UTF-16BE',
  'windows-1252': 'windows-1252',
};

/**
 * GitHub code scanning rejects a run with more results than this. SARIF keeps the most severe
 * ones; the JSON format holds every finding.
 */
export const SARIF_RESULT_LIMIT = 25_000;

/** How many results the SARIF of this input leaves out for the limit (0 when all fit). */
export function sarifResultsOmitted(input: Pick<ReportInput, 'findings' | 'sarifOnly'>, limit = SARIF_RESULT_LIMIT): number {
  return Math.max(0, input.findings.length + (input.sarifOnly?.length ?? 0) - limit);
}

export function sarif(input: ReportInput, limit = SARIF_RESULT_LIMIT): string {
  return `${JSON.stringify(sarifLog(input, limit), null, 2)}\n`;
}

/** What sarifLog() built besides the log: what sarifChunks() needs to print the results itself. */
interface SarifParts {
  findings: readonly Finding[];
  ruleIndexes: ReadonlyMap<string, number>;
  artifacts: ArtifactTable;
}

/**
 * The log as SARIF objects (sarif() prints it). With `parts`, the run's results are left empty
 * and what is needed to print them is handed back instead (sarifChunks()).
 */
function sarifLog(input: ReportInput, limit: number, parts?: (parts: SarifParts) => void): Sarif.Log {
  // Baselined findings (and, with --include-suppressed, suppressed ones) too, in report order.
  const all = input.sarifOnly?.length ? [...input.findings, ...input.sarifOnly].sort(compareFindings) : input.findings;
  const findings = all.length > limit ? mostSevere(input, limit) : all;
  const omitted = all.length - findings.length;
  const notificationsIn = omitted > 0 ? [...input.notifications, limitNotification(omitted, limit)] : input.notifications;
  const artifacts = new ArtifactTable(input);
  for (const finding of findings) {
    artifacts.addSource(finding.file);
    for (const edit of finding.fix?.edits ?? []) artifacts.addPath(edit.path);
  }
  for (const notification of notificationsIn) {
    if (notification.path !== undefined) artifacts.addPath(notification.path);
  }
  artifacts.freeze();

  const ruleIndexes = new Map(input.rules.map((meta, index) => [meta.id, index]));
  const notifications = notificationsIn.map((notification) => toNotification(notification, artifacts));
  const invocation: Sarif.Invocation = {
    executionSuccessful: input.executionSuccessful,
    ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}),
  };

  const run: Sarif.Run = {
    tool: {
      driver: {
        name: input.tool.name,
        version: input.tool.version,
        semanticVersion: input.tool.version,
        informationUri: input.tool.informationUri,
        rules: input.rules.map(toReportingDescriptor),
      },
    },
    automationDetails: { id: automationId(input) },
    invocations: [invocation],
    originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(input.sarifRoot) } },
    artifacts: artifacts.list(),
    results: parts ? [] : findings.map((finding) => toResult(finding, ruleIndexes, artifacts)),
    // The line index counts a lone CR as a line break too; say so, since SARIF's default is CRLF and LF only.
    newlineSequences: ['\r\n', '\n', '\r'],
    columnKind: 'utf16CodeUnits',
    ...(input.servers && input.servers.length > 0
      ? {
          properties: {
            // Which Windows the rules assumed for each server, and which value decided it.
            servers: input.servers.map((server) => ({
              name: server.name,
              targetOs: server.os ?? 'unknown',
              targetOsReason: server.osReason,
              targetOsDecidedBy: server.osDetail,
            })),
          },
        }
      : {}),
  };
  parts?.({ findings, ruleIndexes, artifacts });
  return { $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: [run] };
}

/** `"results": []` where the run's results go, as JSON.stringify(log, null, 2) prints it. */
const RESULTS_MARKER = '\n      "results": []';
/**
 * Results are printed a batch at a time, each batch nested in four arrays: JSON.stringify indents
 * by depth alone, so the batch's items come out at the results' depth (log > runs > run > results,
 * 8 spaces) and only the wrapper's lines need cutting off. One call per batch, no re-indenting.
 */
const BATCH_HEAD = '[\n  [\n    [\n      [\n';
const BATCH_TAIL = '\n      ]\n    ]\n  ]\n]';
/** Results built as objects at once: few enough to stay small, many enough to make calls rare. */
const BATCH_RESULTS = 512;

/**
 * The report as chunks, byte for byte sarif()'s text: the run without its results, then the
 * results, built and printed a batch at a time (a fleet has thousands: they are never all
 * objects at once). One string would also cost more memory: one non-ASCII character in the
 * rules' help made all 12 MB of a fleet's report a two-byte string.
 */
export function* sarifChunks(input: ReportInput, limit = SARIF_RESULT_LIMIT): Generator<string> {
  let parts: SarifParts | undefined;
  const text = `${JSON.stringify(
    sarifLog(input, limit, (built) => (parts = built)),
    null,
    2,
  )}\n`;
  const at = text.indexOf(RESULTS_MARKER);
  const { findings, ruleIndexes, artifacts } = parts!;
  if (findings.length === 0 || at === -1 || text.indexOf(RESULTS_MARKER, at + 1) !== -1) {
    // No results, or a marker found twice (a tool name could hold it): the objects, printed whole.
    yield findings.length === 0 ? text : sarif(input, limit);
    return;
  }
  yield `${text.slice(0, at)}\n      "results": [\n`;
  for (let start = 0; start < findings.length; start += BATCH_RESULTS) {
    const batch = findings.slice(start, start + BATCH_RESULTS).map((finding) => toResult(finding, ruleIndexes, artifacts));
    const printed = JSON.stringify([[[batch]]], null, 2);
    // Separate chunks, not joined: a joined string is copied flat again where it is encoded.
    if (start > 0) yield ',\n';
    yield printed.slice(BATCH_HEAD.length, printed.length - BATCH_TAIL.length);
  }
  yield `\n      ]${text.slice(at + RESULTS_MARKER.length)}`;
}

/**
 * The `limit` most severe results: errors before warnings before notes, reported findings before
 * baselined or suppressed ones, then report order; returned in report order, so the output is
 * stable.
 */
function mostSevere(input: ReportInput, limit: number): Finding[] {
  const ranked = [
    ...input.findings.map((finding) => ({ finding, reported: 1 })),
    ...(input.sarifOnly ?? []).map((finding) => ({ finding, reported: 0 })),
  ];
  ranked.sort(
    (a, b) =>
      levelRank[b.finding.level] - levelRank[a.finding.level] || b.reported - a.reported || compareFindings(a.finding, b.finding),
  );
  return ranked
    .slice(0, limit)
    .map(({ finding }) => finding)
    .sort(compareFindings);
}

function limitNotification(omitted: number, limit: number): ToolNotification {
  return {
    level: 'warning',
    message: `GitHub code scanning accepts at most ${limit.toLocaleString('en-US')} results in a run: the ${omitted.toLocaleString('en-US')} least severe were left out of this SARIF file. The json format holds every finding.`,
  };
}

/**
 * The upload action appends `/` to a category that lacks one (GitHub reads what precedes the last
 * `/` as the category); doing the same here means `--category x` and the action's `category: x`
 * name the same analysis.
 */
function automationId(input: ReportInput): string {
  const category = input.category === undefined || input.category === '' ? input.tool.name : input.category;
  return category.endsWith('/') ? category : `${category}/`;
}

function toReportingDescriptor(meta: RuleReportMeta): Sarif.ReportingDescriptor {
  return {
    id: meta.id,
    name: meta.name,
    shortDescription: { text: limit(meta.shortDescription) },
    fullDescription: { text: limit(meta.fullDescription) },
    defaultConfiguration: { level: meta.defaultLevel },
    helpUri: meta.helpUri,
    help: { text: meta.helpText, markdown: meta.helpMarkdown.trim() },
    properties: {
      tags: [...meta.tags],
      precision: meta.precision,
      'security-severity': meta.securitySeverity,
    },
  };
}

function toResult(finding: Finding, ruleIndexes: ReadonlyMap<string, number>, artifacts: ArtifactTable): Sarif.Result {
  const ruleIndex = ruleIndexes.get(finding.ruleId);
  const { startLine, startColumn, endLine, endColumn } = finding.region;
  const result: Sarif.Result = {
    ruleId: finding.ruleId,
    ...(ruleIndex !== undefined ? { ruleIndex } : {}),
    level: finding.level,
    message: { text: finding.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifacts.location(finding.file.path),
          region: { startLine, startColumn, endLine, endColumn },
        },
      },
    ],
    partialFingerprints: { primaryLocationLineHash: finding.fingerprint },
    ...(finding.baselineState ? { baselineState: finding.baselineState } : {}),
  };
  if (finding.suppressions && finding.suppressions.length > 0) result.suppressions = finding.suppressions.map(toSuppression);
  if (finding.fix && finding.fix.edits.length > 0) result.fixes = [toFix(finding.fix, artifacts)];
  return result;
}

function toSuppression(suppression: NonNullable<Finding['suppressions']>[number]): Sarif.Suppression {
  return {
    kind: suppression.kind,
    status: 'accepted',
    ...(suppression.justification !== undefined ? { justification: suppression.justification } : {}),
  };
}

function toFix(fix: NonNullable<Finding['fix']>, artifacts: ArtifactTable): Sarif.Fix {
  const changes = new Map<string, Sarif.Replacement[]>();
  for (const edit of fix.edits) {
    const { startLine, startColumn, endLine, endColumn } = edit.region;
    const replacement: Sarif.Replacement = {
      deletedRegion: { startLine, startColumn, endLine, endColumn },
      ...(edit.text !== '' ? { insertedContent: { text: edit.text } } : {}),
    };
    const replacements = changes.get(edit.path);
    if (replacements) replacements.push(replacement);
    else changes.set(edit.path, [replacement]);
  }
  return {
    description: { text: fix.description },
    artifactChanges: [...changes].map(([displayPath, replacements]) => ({
      artifactLocation: artifacts.location(displayPath),
      replacements,
    })),
  };
}

function toNotification(notification: ToolNotification, artifacts: ArtifactTable): Sarif.Notification {
  return {
    level: notification.level,
    message: { text: notification.message },
    ...(notification.path !== undefined
      ? { locations: [{ physicalLocation: { artifactLocation: artifacts.location(notification.path) } }] }
      : {}),
  };
}

interface ArtifactEntry {
  location: { uri: string; uriBaseId?: string };
  /** Files the run was asked to look at (recognised or skipped), as opposed to ones only named. */
  analysisTarget?: boolean;
  encoding?: string;
  sourceLanguage?: string;
}

/**
 * run.artifacts: one entry per file a result, fix or notification names, sorted by URI. Keyed by
 * URI, since two display paths (`a.reg`, `./a.reg`) can name one file and artifacts must be unique.
 */
class ArtifactTable {
  private readonly byUri = new Map<string, ArtifactEntry>();
  private readonly uriByPath = new Map<string, string>();
  private readonly indexes = new Map<string, number>();
  /** Each display path's artifactLocation once frozen: a fleet's results name the same files again and again. */
  private readonly locations = new Map<string, Sarif.ArtifactLocation>();
  private readonly fileKinds: ReadonlyMap<string, FileReport['kind']>;
  private sorted: ArtifactEntry[] = [];

  constructor(private readonly input: ReportInput) {
    this.fileKinds = new Map(input.files.map((file) => [file.path, file.kind]));
  }

  addSource(file: FindingFile): void {
    const entry = this.addPath(file.path);
    entry.encoding ??= ENCODING_NAMES[file.encoding];
  }

  addPath(displayPath: string): ArtifactEntry {
    const uri = this.uriByPath.get(displayPath);
    let entry = uri === undefined ? undefined : this.byUri.get(uri);
    if (!entry) {
      const location = artifactUri(displayPath, this.input.cwd, this.input.sarifRoot);
      entry = this.byUri.get(location.uri) ?? { location };
      this.byUri.set(location.uri, entry);
      this.uriByPath.set(displayPath, location.uri);
    }
    const kind = this.fileKinds.get(displayPath);
    if (kind !== undefined) entry.analysisTarget = true;
    if (kind === 'metabase' || kind === 'iis-config') entry.sourceLanguage = 'xml';
    return entry;
  }

  /** Fix the order (and so the indexes) once every file is known. */
  freeze(): void {
    this.sorted = [...this.byUri.values()].sort((a, b) => compare(a.location.uri, b.location.uri));
    this.sorted.forEach((entry, index) => this.indexes.set(entry.location.uri, index));
  }

  location(displayPath: string): Sarif.ArtifactLocation {
    const known = this.locations.get(displayPath);
    if (known !== undefined) return { ...known };
    const entry = this.addPath(displayPath);
    const index = this.indexes.get(entry.location.uri);
    const location = { ...entry.location, ...(index !== undefined ? { index } : {}) };
    // Only once every file is known (and so every index): until then the index may be missing.
    if (index !== undefined) this.locations.set(displayPath, location);
    return { ...location };
  }

  list(): Sarif.Artifact[] {
    // Besides being true, the role keeps a skipped file's entry from holding only a location, which
    // the multitool flags (SARIF2004: location-only artifacts are dead weight).
    return this.sorted.map((entry) => ({
      location: { ...entry.location },
      ...(entry.analysisTarget ? { roles: ['analysisTarget' as const] } : {}),
      ...(entry.encoding !== undefined ? { encoding: entry.encoding } : {}),
      ...(entry.sourceLanguage !== undefined ? { sourceLanguage: entry.sourceLanguage } : {}),
    }));
  }
}

/**
 * A file inside the SARIF root: its relative path, each segment percent-encoded, against
 * `%SRCROOT%`. A file outside it (another drive, above the root): an absolute `file:` URI.
 */
export function artifactUri(displayPath: string, cwd: string, root: string): { uri: string; uriBaseId?: string } {
  const relative = rootRelativePath(displayPath, cwd, root);
  if (relative !== undefined) return { uri: encodeSegments(relative), uriBaseId: SRCROOT };
  return { uri: fileUri(absolutePortablePath(displayPath, cwd)) };
}

/** `file:///abs/dir/`: the trailing slash makes relative URIs resolve inside the directory. */
export function directoryUri(directory: string): string {
  const uri = fileUri(absolutePortablePath(directory, directory));
  return uri.endsWith('/') ? uri : `${uri}/`;
}

/** `/a/b` -> `file:///a/b`; `C:/a` -> `file:///C:/a`; `//host/share/a` -> `file://host/share/a`. */
function fileUri(portablePath: string): string {
  if (portablePath.startsWith('//')) {
    const [host = '', ...rest] = portablePath.slice(2).split('/');
    return `file://${encodeURIComponent(host)}/${encodeSegments(rest.join('/'))}`;
  }
  const drive = /^[A-Za-z]:(?=\/|$)/.exec(portablePath);
  if (drive) return `file:///${drive[0]}${encodeSegments(portablePath.slice(2))}`;
  return `file://${encodeSegments(portablePath)}`;
}

/**
 * Percent-encode each `/`-separated segment: spaces, non-ASCII (as UTF-8), `#`, `%`, `?`, `[`, `]`
 * and `:` (a colon in a first relative segment would read as a scheme).
 */
function encodeSegments(portablePath: string): string {
  return portablePath.split('/').map(encodeURIComponent).join('/');
}

function limit(text: string): string {
  return text.length <= DESCRIPTION_LIMIT ? text : `${text.slice(0, DESCRIPTION_LIMIT - 1)}\u2026`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
