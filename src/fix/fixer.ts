/**
 * `--fix` and `--fix-dry-run`: apply the fixes of a lint run in memory, pass after pass as
 * ESLint does (apply -> re-lint -> apply what is still fixable), at most 10 passes, then write
 * the changed files (or only show them). Each pass:
 * - takes the fixes of the findings the report would show (the CLI's `select`);
 * - per server, keeps back `deferred` fixes (keys to add) while any other fix of that server is
 *   pending: the others may set those keys already, and the re-lint recomputes what is missing;
 * - per file, applies fixes whose edits do not overlap an earlier fix (the rest wait for the next
 *   pass); a fix edits all its files or none;
 * - splices the edits into the file's bytes (encoding, BOM, newlines and every other byte kept)
 *   and lints every server again from the bytes in memory (run-wide findings, such as config
 *   suppressions that suppressed nothing, depend on all servers).
 * Files are read again before the first edit and must decode to the text that was linted; before
 * writing, their bytes must still be what was read ("changed while linting" otherwise).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describeFsError } from '../engine/discover.js';
import type { Finding } from '../engine/lint.js';
import { lintFileGroups, type LintRun } from '../engine/run.js';
import type { ServerModel } from '../model/server.js';
import { decodeBytes, type SourceFile } from '../parse/text.js';
import { nonOverlapping, type SpanEdit } from './edits.js';
import { spliceBytes, UnwritableEditError } from './encoding.js';
import { unifiedDiff } from './diff.js';
import { writeFileAtomic, type WriterFs } from './write.js';

export const MAX_FIX_PASSES = 10;

export interface FixOptions {
  /** Display paths are relative to it. */
  cwd: string;
  /** As for the first lint (suppression settings included): every re-lint uses them. */
  lintOptions: Parameters<typeof lintFileGroups>[1];
  /** The findings whose fixes may be applied: those the report would show. Default: all of the run's. */
  select?: (run: LintRun) => readonly Finding[];
  maxPasses?: number;
  /** How files are read (tests inject changes and failures). */
  readFile?: (absolutePath: string) => Uint8Array;
}

/** One file the fixes change. */
export interface FixedFile {
  /** Display path, as in reports. */
  path: string;
  absolutePath: string;
  /** The bytes read before the first edit, and their text. */
  originalBytes: Uint8Array;
  before: string;
  /** The bytes after every pass, and their text. */
  fixedBytes: Uint8Array;
  after: string;
  /** Fixes applied to this file, over all passes. */
  fixCount: number;
}

export interface FixOutcome {
  /** The lint run after the last pass: what remains. */
  run: LintRun;
  /** Changed files, sorted by path. */
  files: FixedFile[];
  /** Passes that applied at least one fix. */
  passes: number;
  /** One line each (no `iislint:` prefix): files left alone and why. */
  warnings: string[];
}

interface StoredFile {
  path: string;
  absolutePath: string;
  originalBytes: Uint8Array;
  bytes: Uint8Array;
  source: SourceFile;
  fixCount: number;
  /** Why this file gets no edits (read again, it no longer matched the lint; it cannot be spliced). */
  refused?: string;
}

export interface PlannedFix {
  finding: Finding;
  edits: { path: string; edit: SpanEdit }[];
}

/** Compute every fix in memory; nothing is written. */
export function computeFixes(initial: LintRun, options: FixOptions): FixOutcome {
  const select = options.select ?? ((run: LintRun) => run.findings);
  const readFile = options.readFile ?? ((absolutePath: string) => readFileSync(absolutePath));
  const maxPasses = options.maxPasses ?? MAX_FIX_PASSES;
  const store = new Map<string, StoredFile>();
  const excludedServers = new Set<string>();
  const warnings = new Set<string>();
  let run = initial;
  let passes = 0;

  const serverByName = (name: string): ServerModel | undefined => run.servers.find((server) => server.name === name);

  /**
   * Read a file once, before its first edit or re-lint, checking it still decodes to the text
   * that was linted. Undefined (with a warning) when it cannot be read.
   */
  const load = (source: SourceFile): StoredFile | undefined => {
    const known = store.get(source.path);
    if (known) return known;
    const absolutePath = path.resolve(options.cwd, source.path);
    let bytes: Uint8Array;
    try {
      bytes = readFile(absolutePath);
    } catch (error) {
      warnings.add(`${source.path}: cannot read it again: ${describeFsError(error)}`);
      return undefined;
    }
    const decoded = decodeBytes(source.path, bytes);
    const stored: StoredFile = { path: source.path, absolutePath, originalBytes: bytes, bytes, source: decoded, fixCount: 0 };
    if (decoded.text !== source.text) {
      stored.refused = 'changed while linting; not fixed';
      warnings.add(`${source.path}: ${stored.refused}`);
    }
    store.set(source.path, stored);
    return stored;
  };
  const loadServer = (server: ServerModel): boolean => serverSources(server).every((source) => load(source) !== undefined);

  while (passes < maxPasses) {
    const candidates = select(run).filter((finding) => finding.fix && finding.fix.edits.length > 0 && !excludedServers.has(finding.server));
    if (candidates.length === 0) break;
    for (const name of new Set(candidates.map((finding) => finding.server))) {
      const server = serverByName(name);
      // A server whose files cannot all be read again is not fixed (a fix may span its files).
      if (!server || !loadServer(server)) excludedServers.add(name);
    }
    const editable = new Set([...store.values()].filter((stored) => stored.refused === undefined).map((stored) => stored.path));
    const planned = planFixPass(
      candidates.filter((finding) => !excludedServers.has(finding.server)),
      editable,
    );
    if (planned.length === 0) break;

    // Splice per file before committing anything: a file that cannot be written byte-exactly
    // is refused, and the pass is planned again without it.
    const editsByFile = new Map<string, SpanEdit[]>();
    const fixesByFile = new Map<string, number>();
    for (const fix of planned) {
      for (const { path: filePath, edit } of fix.edits) {
        const list = editsByFile.get(filePath) ?? [];
        list.push(edit);
        editsByFile.set(filePath, list);
      }
      for (const filePath of new Set(fix.edits.map((entry) => entry.path))) fixesByFile.set(filePath, (fixesByFile.get(filePath) ?? 0) + 1);
    }
    const spliced = new Map<string, Uint8Array>();
    let refusedNow = false;
    for (const [filePath, edits] of editsByFile) {
      const stored = store.get(filePath)!;
      try {
        spliced.set(filePath, spliceBytes(stored.bytes, stored.source, nonOverlapping(edits).kept));
      } catch (error) {
        if (!(error instanceof UnwritableEditError)) throw error;
        stored.refused = `cannot be fixed byte-exactly: ${error.message}`;
        warnings.add(`${filePath}: ${stored.refused}`);
        refusedNow = true;
      }
    }
    if (refusedNow) continue;

    // Every server is linted again, not only those fixed: findings about the whole run (config
    // suppressions that suppressed nothing) depend on all of them. Their files must be readable.
    if (!run.servers.every(loadServer)) {
      warnings.add(`stopped fixing after ${passes} pass(es): a file cannot be read again`);
      break;
    }
    for (const [filePath, bytes] of spliced) {
      const stored = store.get(filePath)!;
      stored.bytes = bytes;
      stored.source = decodeBytes(filePath, bytes);
      stored.fixCount += fixesByFile.get(filePath) ?? 0;
    }
    passes++;
    run = relint(run, store, options.lintOptions);
  }

  const files: FixedFile[] = [];
  for (const stored of store.values()) {
    if (Buffer.compare(stored.bytes, stored.originalBytes) === 0) continue;
    files.push({
      path: stored.path,
      absolutePath: stored.absolutePath,
      originalBytes: stored.originalBytes,
      before: decodeBytes(stored.path, stored.originalBytes).text,
      fixedBytes: stored.bytes,
      after: stored.source.text,
      fixCount: stored.fixCount,
    });
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { run, files, passes, warnings: [...warnings] };
}

/** Every file of a server, as linted (recognised or skipped: a re-lint must see the same set). */
function serverSources(server: ServerModel): SourceFile[] {
  return [
    ...server.metabaseDocuments.map((document) => document.source),
    ...server.regDocuments.map((document) => document.source),
    ...server.configDocuments.map((document) => document.source),
    ...server.skippedFiles.map((skipped) => skipped.file),
  ];
}

/**
 * The fixes to apply in one pass, in report order: those whose files may all be edited, deferred
 * ones only for servers with no other fix pending, and none whose edit overlaps an earlier fix's.
 */
export function planFixPass(candidates: readonly Finding[], editable: ReadonlySet<string>): PlannedFix[] {
  const usable = candidates.filter((finding) => finding.fix !== undefined && finding.fix.edits.every((edit) => editable.has(edit.path)));
  const immediate = new Set(usable.filter((finding) => !finding.fix!.deferred).map((finding) => finding.server));
  const chosen = usable.filter((finding) => !finding.fix!.deferred || !immediate.has(finding.server));

  // A fix whose edit overlaps an earlier fix's edit in any file waits for the next pass, whole.
  const fixes: PlannedFix[] = chosen.map((finding) => ({
    finding,
    edits: finding.fix!.edits.map((edit) => ({ path: edit.path, edit: { span: edit.span, text: edit.text } })),
  }));
  const tagged = new Map<string, (SpanEdit & { fix: number })[]>();
  fixes.forEach((fix, index) => {
    for (const { path: filePath, edit } of fix.edits) {
      const list = tagged.get(filePath) ?? [];
      list.push({ ...edit, fix: index });
      tagged.set(filePath, list);
    }
  });
  const waiting = new Set<number>();
  for (const edits of tagged.values()) {
    // nonOverlapping keeps the earliest by position; break ties in favour of report order.
    for (const dropped of nonOverlapping(edits).dropped) waiting.add(dropped.fix);
  }
  return fixes.filter((_fix, index) => !waiting.has(index));
}

/** Lint every server again from the stored (fixed) bytes, as the first lint grouped them. */
function relint(run: LintRun, store: ReadonlyMap<string, StoredFile>, lintOptions: FixOptions['lintOptions']): LintRun {
  const groups = run.servers.map((server) => ({
    name: server.name,
    files: serverSources(server).map((source) => ({ path: source.path, bytes: store.get(source.path)!.bytes })),
  }));
  // Files that could not be read at all were never part of a server: they stay reported as such.
  return { ...lintFileGroups(groups, lintOptions), unreadable: run.unreadable };
}

/** Unified diffs of every changed file, in path order. */
export function fixDiff(files: readonly FixedFile[]): string {
  return files.map((file) => unifiedDiff(file.path, file.before, file.after)).join('');
}

export interface WriteOutcome {
  written: FixedFile[];
  /** One line each: files not written and why. */
  failures: string[];
}

/**
 * Write every changed file atomically, each only if its bytes on disk are still those read
 * before fixing; a failure leaves that file as it was and the others are still written.
 */
export function writeFixedFiles(
  files: readonly FixedFile[],
  io: { readFile?: (absolutePath: string) => Uint8Array; fs?: WriterFs } = {},
): WriteOutcome {
  const readFile = io.readFile ?? ((absolutePath: string) => readFileSync(absolutePath));
  const outcome: WriteOutcome = { written: [], failures: [] };
  for (const file of files) {
    let current: Uint8Array;
    try {
      current = readFile(file.absolutePath);
    } catch (error) {
      outcome.failures.push(`${file.path}: cannot write the fixes: ${describeFsError(error)}`);
      continue;
    }
    if (Buffer.compare(current, file.originalBytes) !== 0) {
      outcome.failures.push(`${file.path}: changed while linting; fixes not written`);
      continue;
    }
    try {
      writeFileAtomic(file.absolutePath, file.fixedBytes, io.fs);
      outcome.written.push(file);
    } catch (error) {
      outcome.failures.push(`${file.path}: cannot write the fixes: ${describeFsError(error)}`);
    }
  }
  return outcome;
}
