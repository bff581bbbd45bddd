/**
 * Unified diff of two texts, for `--fix-dry-run`. Lines keep their terminators, so a CRLF
 * file shows its `\r` as it is and `git apply` / `patch` see the real bytes of an 8-bit file's
 * ASCII lines. Lines that occur once in both texts anchor the comparison (patience diff); the
 * short stretches between anchors are compared with Myers' algorithm, so a large file with many
 * small fixes costs about linear time (see `resync` for a stretch without unique lines).
 */

type Op = { kind: 'equal' | 'delete' | 'insert'; oldIndex: number; newIndex: number };

const CONTEXT = 3;
/** Beyond this much work (stretch length x differences) Myers gives way to `resync`. */
const MYERS_BUDGET = 10_000_000;
/** How far `resync` looks ahead on each side, and the comparisons it may spend in all. */
const RESYNC_WINDOW = 32;
const RESYNC_BUDGET = 50_000_000;

/** Split after every `\n`; a last line without one is kept as it is. */
export function splitLines(text: string): string[] {
  const lines: string[] = [];
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', start)) {
    lines.push(text.slice(start, i + 1));
    start = i + 1;
  }
  if (start < text.length) lines.push(text.slice(start));
  return lines;
}

/** `--- a/path` `+++ b/path` and hunks with 3 lines of context; '' when the texts are equal. */
export function unifiedDiff(displayPath: string, before: string, after: string): string {
  if (before === after) return '';
  const oldLines = splitLines(before);
  const newLines = splitLines(after);
  const ops = diffLines(oldLines, newLines);
  const portable = displayPath.replaceAll('\\', '/');
  const absolute = portable.startsWith('/') || /^[A-Za-z]:\//.test(portable);
  const out: string[] = [`--- ${gitQuoted(absolute ? portable : `a/${portable}`)}\n`, `+++ ${gitQuoted(absolute ? portable : `b/${portable}`)}\n`];
  for (const hunk of hunks(ops)) {
    const slice = ops.slice(hunk.from, hunk.to);
    const first = slice[0]!;
    const oldCount = slice.filter((op) => op.kind !== 'insert').length;
    const newCount = slice.filter((op) => op.kind !== 'delete').length;
    out.push(`@@ -${range(first.oldIndex, oldCount)} +${range(first.newIndex, newCount)} @@\n`);
    for (const op of slice) {
      const line = op.kind === 'insert' ? newLines[op.newIndex]! : oldLines[op.oldIndex]!;
      const prefix = op.kind === 'equal' ? ' ' : op.kind === 'delete' ? '-' : '+';
      out.push(prefix, line, line.endsWith('\n') ? '' : '\n\\ No newline at end of file\n');
    }
  }
  return out.join('');
}

/** What git quotes in a path (quote_c_style), plus what a terminal would act on. Non-ASCII letters stay. */
const NEEDS_QUOTES = /[\u0000-\u001f"\\\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const C_ESCAPES: Readonly<Record<string, string>> = { '\u0007': '\\a', '\b': '\\b', '\t': '\\t', '\n': '\\n', '\u000b': '\\v', '\f': '\\f', '\r': '\\r', '"': '\\"', '\\': '\\\\' };

/**
 * A path in a diff header as git writes it: as it is, or in double quotes with C escapes
 * (`"a/odd\nname.reg"`) when it holds a control character, a quote or a backslash. A raw line
 * break would end the header early and let the rest of the name pose as a header of its own,
 * so `patch` would edit another file; git and GNU patch both read the quoted form.
 */
export function gitQuoted(name: string): string {
  if (!NEEDS_QUOTES.test(name)) return name;
  let quoted = '"';
  for (const character of name) {
    const escape = C_ESCAPES[character];
    if (escape !== undefined) quoted += escape;
    else if (NEEDS_QUOTES.test(character)) {
      for (const byte of Buffer.from(character, 'utf8')) quoted += `\\${byte.toString(8).padStart(3, '0')}`;
    } else quoted += character;
  }
  return `${quoted}"`;
}

/** GNU style: `start,count`, `start` alone when count is 1, and the line before when count is 0. */
function range(index: number, count: number): string {
  if (count === 1) return `${index + 1}`;
  return `${count === 0 ? index : index + 1},${count}`;
}

/** Runs of ops with changes and up to 3 equal lines around them; runs closer than 6 lines merge. */
function hunks(ops: readonly Op[]): { from: number; to: number }[] {
  const result: { from: number; to: number }[] = [];
  let i = 0;
  while (i < ops.length) {
    while (i < ops.length && ops[i]!.kind === 'equal') i++;
    if (i === ops.length) break;
    const from = Math.max(0, i - CONTEXT);
    let end = i;
    for (;;) {
      while (end < ops.length && ops[end]!.kind !== 'equal') end++;
      let next = end;
      while (next < ops.length && ops[next]!.kind === 'equal') next++;
      if (next < ops.length && next - end <= 2 * CONTEXT) end = next;
      else break;
    }
    const to = Math.min(ops.length, end + CONTEXT);
    const last = result[result.length - 1];
    if (last && from <= last.to) last.to = to;
    else result.push({ from, to });
    i = end;
  }
  return result;
}

/** The edit script turning `oldLines` into `newLines`, in order. */
export function diffLines(oldLines: readonly string[], newLines: readonly string[]): Op[] {
  const ops: Op[] = [];
  diffRange(oldLines, 0, oldLines.length, newLines, 0, newLines.length, ops);
  return ops;
}

function diffRange(a: readonly string[], aStart: number, aEnd: number, b: readonly string[], bStart: number, bEnd: number, ops: Op[]): void {
  // Common head and tail first: most of a fixed file is unchanged.
  while (aStart < aEnd && bStart < bEnd && a[aStart] === b[bStart]) ops.push({ kind: 'equal', oldIndex: aStart++, newIndex: bStart++ });
  let tail = 0;
  while (aEnd - tail > aStart && bEnd - tail > bStart && a[aEnd - tail - 1] === b[bEnd - tail - 1]) tail++;
  aEnd -= tail;
  bEnd -= tail;

  if (aStart < aEnd || bStart < bEnd) {
    const anchors = uniqueAnchors(a, aStart, aEnd, b, bStart, bEnd);
    if (anchors.length > 0) {
      let ai = aStart;
      let bi = bStart;
      for (const [anchorA, anchorB] of anchors) {
        diffRange(a, ai, anchorA, b, bi, anchorB, ops);
        ops.push({ kind: 'equal', oldIndex: anchorA, newIndex: anchorB });
        ai = anchorA + 1;
        bi = anchorB + 1;
      }
      diffRange(a, ai, aEnd, b, bi, bEnd, ops);
    } else {
      myers(a, aStart, aEnd, b, bStart, bEnd, ops);
    }
  }
  for (let k = tail; k > 0; k--) ops.push({ kind: 'equal', oldIndex: aEnd + tail - k, newIndex: bEnd + tail - k });
}

/**
 * Lines occurring exactly once in each stretch, as index pairs, reduced to the longest run
 * increasing in both (patience sorting, n log n).
 */
function uniqueAnchors(a: readonly string[], aStart: number, aEnd: number, b: readonly string[], bStart: number, bEnd: number): [number, number][] {
  const counts = new Map<string, { a: number; b: number; aIndex: number; bIndex: number }>();
  for (let i = aStart; i < aEnd; i++) {
    const entry = counts.get(a[i]!);
    if (entry) entry.a++;
    else counts.set(a[i]!, { a: 1, b: 0, aIndex: i, bIndex: -1 });
  }
  for (let j = bStart; j < bEnd; j++) {
    const entry = counts.get(b[j]!);
    if (entry) {
      entry.b++;
      entry.bIndex = j;
    }
  }
  const pairs: [number, number][] = [];
  for (const entry of counts.values()) if (entry.a === 1 && entry.b === 1) pairs.push([entry.aIndex, entry.bIndex]);
  if (pairs.length === 0) return [];
  pairs.sort((x, y) => x[0] - y[0]);
  // Longest increasing subsequence of the b indices.
  const tails: number[] = [];
  const previous = new Int32Array(pairs.length).fill(-1);
  for (let k = 0; k < pairs.length; k++) {
    const value = pairs[k]![1];
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (pairs[tails[mid]!]![1] < value) low = mid + 1;
      else high = mid;
    }
    if (low > 0) previous[k] = tails[low - 1]!;
    tails[low] = k;
  }
  const chain: [number, number][] = [];
  for (let k = tails[tails.length - 1]!; k !== -1; k = previous[k]!) chain.push(pairs[k]!);
  return chain.reverse();
}

/** Myers' O((N+M)D) diff of a short stretch; past the budget, the stretch is replaced whole. */
function myers(a: readonly string[], aStart: number, aEnd: number, b: readonly string[], bStart: number, bEnd: number, ops: Op[]): void {
  const n = aEnd - aStart;
  const m = bEnd - bStart;
  const max = n + m;
  const offset = max + 1;
  const trace: Int32Array[] = [];
  const v = new Int32Array(2 * max + 3);
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    if ((n + m) * d > MYERS_BUDGET) break;
    // Only diagonals -d-1..d+1 are read back for this step: keep that window (memory D², not D(N+M)).
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[aStart + x] === b[bStart + y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  if (!found) {
    resync(a, aStart, aEnd, b, bStart, bEnd, ops);
    return;
  }
  // Walk the trace back from (n, m), collecting the script in reverse.
  const reversed: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const window = trace[d]!;
    const at = (diagonal: number): number => window[diagonal + d + 1]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      reversed.push({ kind: 'equal', oldIndex: aStart + x, newIndex: bStart + y });
    }
    if (d === 0) break;
    if (x === prevX) reversed.push({ kind: 'insert', oldIndex: aStart + x, newIndex: bStart + prevY });
    else reversed.push({ kind: 'delete', oldIndex: aStart + prevX, newIndex: bStart + y });
    x = prevX;
    y = prevY;
  }
  for (let i = reversed.length - 1; i >= 0; i--) ops.push(reversed[i]!);
}

/**
 * For a long stretch with many differences and no unique lines (a file whose every key line was
 * fixed, between lines that repeat): walk both sides, and at each difference take the nearest
 * point within a small window where two lines agree again. Linear for the edits fixes make; a
 * valid (if not minimal) script always; the rest is replaced whole once the budget is spent.
 */
function resync(a: readonly string[], aStart: number, aEnd: number, b: readonly string[], bStart: number, bEnd: number, ops: Op[]): void {
  let i = aStart;
  let j = bStart;
  let work = 0;
  const agree = (x: number, y: number): boolean => x >= aEnd || y >= bEnd || a[x] === b[y];
  while (i < aEnd && j < bEnd && work < RESYNC_BUDGET) {
    if (a[i] === b[j]) {
      ops.push({ kind: 'equal', oldIndex: i++, newIndex: j++ });
      continue;
    }
    let skipA = 1;
    let skipB = 1;
    search: for (let sum = 1; sum <= 2 * RESYNC_WINDOW; sum++) {
      for (let p = Math.max(0, sum - RESYNC_WINDOW); p <= Math.min(sum, RESYNC_WINDOW); p++) {
        const q = sum - p;
        work++;
        if (i + p < aEnd && j + q < bEnd && a[i + p] === b[j + q] && agree(i + p + 1, j + q + 1)) {
          skipA = p;
          skipB = q;
          break search;
        }
      }
    }
    for (let k = 0; k < skipA; k++) ops.push({ kind: 'delete', oldIndex: i + k, newIndex: j });
    for (let k = 0; k < skipB; k++) ops.push({ kind: 'insert', oldIndex: i + skipA, newIndex: j + k });
    i += skipA;
    j += skipB;
  }
  for (; i < aEnd; i++) ops.push({ kind: 'delete', oldIndex: i, newIndex: j });
  for (; j < bEnd; j++) ops.push({ kind: 'insert', oldIndex: aEnd, newIndex: j });
}
