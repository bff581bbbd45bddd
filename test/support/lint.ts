/** Lint in-memory files with chosen rules, keeping the decoded texts for assertions on spans and fixes. */
import { DEFAULT_LINT_OPTIONS, lintServer, type Finding, type LintOptions } from '../../src/engine/lint.js';
import { loadServer, type FileInput } from '../../src/engine/load.js';
import type { Rule } from '../../src/rules/types.js';

export interface LintedFiles {
  findings: Finding[];
  /** The decoded text of a linted file, by its path. */
  textOf(path: string): string;
}

export function lintFiles(files: readonly FileInput[], rules: readonly Rule[], options: Partial<LintOptions> = {}): LintedFiles {
  const server = loadServer('server', files, options.os);
  const texts = new Map<string, string>();
  for (const document of [...server.metabaseDocuments, ...server.regDocuments]) texts.set(document.source.path, document.source.text);
  for (const skipped of server.skippedFiles) texts.set(skipped.file.path, skipped.file.text);
  return {
    findings: lintServer(server, { ...DEFAULT_LINT_OPTIONS, ...options }, rules),
    textOf(path) {
      const text = texts.get(path);
      if (text === undefined) throw new Error(`${path} was not linted`);
      return text;
    },
  };
}
