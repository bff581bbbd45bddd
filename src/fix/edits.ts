/**
 * Applying text edits: the one place that splices replacements into text. Edits are applied
 * from the end backwards so earlier offsets stay valid; overlapping edits are refused.
 */
import type { Span } from '../parse/text.js';

export interface SpanEdit {
  span: Span;
  text: string;
}

/** Edits sorted by position, with those that overlap an earlier one left out (and returned). */
export function nonOverlapping<T extends SpanEdit>(edits: readonly T[]): { kept: T[]; dropped: T[] } {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  const kept: T[] = [];
  const dropped: T[] = [];
  let end = -1;
  for (const edit of sorted) {
    // Two insertions at one point keep their order; a replacement may not start inside another.
    if (edit.span.start < end) dropped.push(edit);
    else {
      kept.push(edit);
      end = edit.span.end;
    }
  }
  return { kept, dropped };
}

export function applyTextEdits(text: string, edits: readonly SpanEdit[]): string {
  const { kept, dropped } = nonOverlapping(edits);
  if (dropped.length > 0) throw new RangeError(`${dropped.length} overlapping edit(s)`);
  const parts: string[] = [];
  let at = 0;
  for (const edit of kept) {
    parts.push(text.slice(at, edit.span.start), edit.text);
    at = edit.span.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}
