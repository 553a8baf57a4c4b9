/**
 * Finds every occurrence of any of many strings in one left-to-right pass (an Aho–Corasick
 * automaton over UTF-16 code units). Scanning costs the same whether it holds ten strings or ten
 * thousand, and never backtracks: each code unit of the text is looked at a bounded number of
 * times (amortised).
 */
export class StringSetMatcher {
  // Node 0 is the root. Edges out of the root sit in a dense table (the hot path: most of any
  // text never leaves the root); deeper edges in one map keyed by node and code unit.
  readonly #rootEdges = new Int32Array(0x10000);
  readonly #edges = new Map<number, number>();
  /** Per node: where to continue after a mismatch (the longest proper suffix in the trie). */
  readonly #fail: Int32Array;
  /** Per node: length of the longest string ending here (itself or via suffixes), 0 if none. */
  readonly #match: Int32Array;
  readonly size: number;

  constructor(strings: Iterable<string>) {
    const ends: number[] = [0];
    const firstChild: number[] = [0];
    const nextSibling: number[] = [0];
    const unit: number[] = [0];
    let count = 1;
    let size = 0;
    for (const text of strings) {
      if (text.length === 0) continue;
      size++;
      let node = 0;
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        let child = this.#step(node, c);
        if (child === 0) {
          child = count++;
          ends.push(0);
          firstChild.push(0);
          unit.push(c);
          nextSibling.push(firstChild[node] as number);
          firstChild[node] = child;
          if (node === 0) this.#rootEdges[c] = child;
          else this.#edges.set(node * 0x10000 + c, child);
        }
        node = child;
      }
      ends[node] = text.length;
    }
    this.size = size;
    this.#fail = new Int32Array(count);
    this.#match = new Int32Array(count);
    // Breadth first, so a node's suffix target is always finished before the node itself.
    const queue = new Int32Array(count);
    let head = 0;
    let tail = 0;
    for (let child = firstChild[0] as number; child !== 0; child = nextSibling[child] as number) {
      this.#match[child] = ends[child] as number;
      queue[tail++] = child;
    }
    while (head < tail) {
      const node = queue[head++] as number;
      for (let child = firstChild[node] as number; child !== 0; child = nextSibling[child] as number) {
        const c = unit[child] as number;
        let f = this.#fail[node] as number;
        let target = this.#step(f, c);
        while (target === 0 && f !== 0) {
          f = this.#fail[f] as number;
          target = this.#step(f, c);
        }
        this.#fail[child] = target;
        this.#match[child] = Math.max(ends[child] as number, this.#match[target] as number);
        queue[tail++] = child;
      }
    }
  }

  #step(node: number, c: number): number {
    return node === 0 ? (this.#rootEdges[c] as number) : (this.#edges.get(node * 0x10000 + c) ?? 0);
  }

  /**
   * Where the strings occur in `text`, as merged, sorted `[start, end)` pairs flattened into one
   * array (`[s0, e0, s1, e1, …]`): overlapping and touching occurrences become one range.
   */
  ranges(text: string): number[] {
    const out: number[] = [];
    if (this.size === 0) return out;
    const fail = this.#fail;
    const match = this.#match;
    const root = this.#rootEdges;
    const edges = this.#edges;
    let node = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (node === 0) {
        // Most characters start nothing: one table lookup and on.
        node = root[c] as number;
        if (node === 0) continue;
      } else {
        let next = edges.get(node * 0x10000 + c) ?? 0;
        while (next === 0 && node !== 0) {
          node = fail[node] as number;
          next = node === 0 ? (root[c] as number) : (edges.get(node * 0x10000 + c) ?? 0);
        }
        node = next;
        if (node === 0) continue;
      }
      const length = match[node] as number;
      if (length > 0) addRange(out, i + 1 - length, i + 1);
    }
    return out;
  }
}

/** Appends `[start, end)` to sorted, merged ranges whose last end is ≤ `end`. */
export function addRange(ranges: number[], start: number, end: number): void {
  let from = start;
  // A long match may cover earlier, shorter ones: fold them in (each range is popped once).
  while (ranges.length > 0 && from <= (ranges[ranges.length - 1] as number)) {
    from = Math.min(from, ranges[ranges.length - 2] as number);
    ranges.length -= 2;
  }
  ranges.push(from, end);
}

/** Two sorted, merged range lists as one. */
export function mergeRanges(a: number[], b: number[]): number[] {
  if (b.length === 0) return a;
  if (a.length === 0) return b;
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const takeA = j >= b.length || (i < a.length && (a[i] as number) <= (b[j] as number));
    const [start, end] = takeA ? [a[i] as number, a[i + 1] as number] : [b[j] as number, b[j + 1] as number];
    if (takeA) i += 2;
    else j += 2;
    const last = out.length - 1;
    if (last > 0 && start <= (out[last] as number)) out[last] = Math.max(out[last] as number, end);
    else out.push(start, end);
  }
  return out;
}
