import type { Span } from './text.js';

/**
 * Something a parser noticed in a file. Parsers never throw on bad input: they record a
 * diagnostic and carry on, and a rule turns diagnostics into findings.
 * - `malformed`: the file or line cannot be parsed (reported by CFG001).
 * - `ignored`: valid enough to read, but the consuming program ignores or drops it (CFG003).
 */
export interface ParseDiagnostic {
  kind: 'malformed' | 'ignored';
  /** Stable, machine-readable reason, e.g. `reg-header-missing`, `reg-key-trailing-text`. */
  code: string;
  message: string;
  span: Span;
}
