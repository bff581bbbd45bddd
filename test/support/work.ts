/**
 * Deterministic measures of work for the "stays linear" tests. The owners forbid clocks in tests
 * (a loaded machine failed them): a test counts what the code does instead, for an input of n
 * and one of k × n, and asserts the count grows k-fold (or stays under a bound per line).
 * Nothing here changes what the code computes; the spies only count.
 */
import { expect } from 'vitest';
import type { SourceFile } from '../../src/parse/text.js';

export interface Counter {
  count: number;
}

/**
 * `file` with a line index that counts every lookup by line or offset (lineStart, lineEnd,
 * lineSpan, position, region, lineIndexOf): the parsers and the directive scan visit the text
 * line by line through it, so its lookups count the lines they visit.
 */
export function countingLines(file: SourceFile): { file: SourceFile; lookups: Counter } {
  const lookups: Counter = { count: 0 };
  const target = file.lines;
  const lines = new Proxy(target, {
    get(object, property) {
      const value: unknown = Reflect.get(object, property, object);
      if (typeof value !== 'function' || property === 'constructor') return value;
      return (...args: unknown[]) => {
        lookups.count++;
        return (value as (...parameters: unknown[]) => unknown).apply(object, args);
      };
    },
  });
  return { file: { ...file, lines }, lookups };
}

/**
 * An array whose element reads are counted (index reads, iteration, flatMap and the like all go
 * through `get` with a numeric key).
 */
export function countingReads<T>(items: T[]): { items: T[]; reads: Counter } {
  const reads: Counter = { count: 0 };
  const proxy = new Proxy(items, {
    get(object, property, receiver) {
      if (typeof property === 'string' && property.length > 0 && property.charCodeAt(0) >= 0x30 && property.charCodeAt(0) <= 0x39) reads.count++;
      return Reflect.get(object, property, receiver);
    },
  });
  return { items: proxy, reads };
}

/**
 * Work measured on an input of size n and one of `factor` × n grows no faster than the input:
 * at most `factor` times, plus a little slack for fixed costs (a header, a probe parse).
 */
export function expectLinear(what: string, small: number, large: number, factor: number): void {
  expect(small, `${what}: the small input did some work`).toBeGreaterThan(0);
  expect(large / small, `${what}: work for ${factor}× the input (${large} vs ${small})`).toBeLessThanOrEqual(factor * 1.05);
}
