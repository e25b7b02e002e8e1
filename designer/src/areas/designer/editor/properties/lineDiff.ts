/** One row of a side-by-side diff: a line on the left, on the right, or both. */
export type DiffRow =
  | { kind: 'same' | 'changed'; left: Line; right: Line }
  | { kind: 'removed'; left: Line; right?: undefined }
  | { kind: 'added'; left?: undefined; right: Line }
  | { kind: 'fold'; count: number; left?: undefined; right?: undefined };

export interface Line {
  no: number;
  text: string;
}

type Op = 'same' | 'del' | 'ins';

const maxEdits = 2000;

/**
 * Lines of `before` and `after` side by side: equal lines paired (Myers' shortest edit script), and within each run of
 * removed and added lines the first ones paired as changed, the rest removed or added. Equal runs longer than
 * 2 × context + 1 are folded to `context` lines either side.
 */
export function sideBySide(before: string, after: string, context = 3): DiffRow[] {
  const a = before.split('\n');
  const b = after.split('\n');
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }

  const ops: Op[] = [];
  for (let i = 0; i < start; i++) ops.push('same');
  ops.push(...middle(a.slice(start, endA), b.slice(start, endB)));
  for (let i = endA; i < a.length; i++) ops.push('same');

  const rows: DiffRow[] = [];
  let i = 0;
  let j = 0;
  let k = 0;
  while (k < ops.length) {
    if (ops[k] === 'same') {
      rows.push({ kind: 'same', left: { no: i + 1, text: a[i] }, right: { no: j + 1, text: b[j] } });
      i++;
      j++;
      k++;
      continue;
    }
    const removed: Line[] = [];
    const added: Line[] = [];
    while (k < ops.length && ops[k] !== 'same') {
      if (ops[k] === 'del') removed.push({ no: i + 1, text: a[i++] });
      else added.push({ no: j + 1, text: b[j++] });
      k++;
    }
    const paired = Math.min(removed.length, added.length);
    for (let p = 0; p < paired; p++) rows.push({ kind: 'changed', left: removed[p], right: added[p] });
    for (const line of removed.slice(paired)) rows.push({ kind: 'removed', left: line });
    for (const line of added.slice(paired)) rows.push({ kind: 'added', right: line });
  }
  return fold(rows, context);
}

function middle(a: string[], b: string[]): Op[] {
  return myers(a, b) ?? [...a.map(() => 'del' as const), ...b.map(() => 'ins' as const)];
}

/**
 * Myers' O((N+M)·D) shortest edit script, fast when two versions differ in a few places however long they are. Null
 * beyond `maxEdits` differences (the snapshots grow with D²); the middle is then shown as replaced.
 */
function myers(a: string[], b: string[]): Op[] | null {
  const n = a.length;
  const m = b.length;
  const off = n + m + 1;
  const v = new Int32Array(2 * off + 1);
  // trace[d]: the furthest x on each diagonal k (-d..d, at index k + d) after step d.
  const trace: Int32Array[] = [];
  for (let d = 0; d <= n + m; d++) {
    if (d > maxEdits) return null;
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[off + k - 1] < v[off + k + 1]) ? v[off + k + 1] : v[off + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[off + k] = x;
      if (x >= n && y >= m) {
        trace.push(v.slice(off - d, off + d + 1));
        return backtrack(trace, n, m);
      }
    }
    trace.push(v.slice(off - d, off + d + 1));
  }
  return null;
}

function backtrack(trace: Int32Array[], n: number, m: number): Op[] {
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d > 0; d--) {
    const before = trace[d - 1];
    const at = (k: number) => before[k + d - 1];
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push('same');
      x--;
      y--;
    }
    ops.push(down ? 'ins' : 'del');
    x = prevX;
    y = prevY;
  }
  while (x-- > 0 && y-- > 0) ops.push('same');
  return ops.reverse();
}

function fold(rows: DiffRow[], context: number): DiffRow[] {
  const out: DiffRow[] = [];
  let k = 0;
  while (k < rows.length) {
    if (rows[k].kind !== 'same') {
      out.push(rows[k++]);
      continue;
    }
    let end = k;
    while (end < rows.length && rows[end].kind === 'same') end++;
    const keepBefore = k === 0 ? 0 : context;
    const keepAfter = end === rows.length ? 0 : context;
    if (end - k > keepBefore + keepAfter + 1) {
      out.push(...rows.slice(k, k + keepBefore));
      out.push({ kind: 'fold', count: end - k - keepBefore - keepAfter });
      out.push(...rows.slice(end - keepAfter, end));
    } else {
      out.push(...rows.slice(k, end));
    }
    k = end;
  }
  return out;
}
