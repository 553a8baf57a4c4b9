// The automaton behind the secret registry: the same ranges as looking for each string in turn.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { addRange, mergeRanges, StringSetMatcher } from "../../src/core/string-set-matcher.js";

/** The obvious, slow answer: every occurrence of every string, merged. */
function naive(strings: string[], text: string): number[] {
  const hits: [number, number][] = [];
  for (const s of strings) {
    if (s === "") continue;
    for (let at = text.indexOf(s); at >= 0; at = text.indexOf(s, at + 1)) hits.push([at, at + s.length]);
  }
  hits.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: number[] = [];
  for (const [start, end] of hits) {
    const last = out.length - 1;
    if (last > 0 && start <= (out[last] as number)) out[last] = Math.max(out[last] as number, end);
    else out.push(start, end);
  }
  return out;
}

describe("StringSetMatcher", () => {
  test("overlapping, nested and touching occurrences become one range each", () => {
    const m = new StringSetMatcher(["bc", "abcd", "de", "xyz"]);
    expect(m.ranges("abcdef xyzxyz bc")).toEqual([0, 5, 7, 13, 14, 16]);
    expect(m.ranges("nothing here")).toEqual([]);
    expect(new StringSetMatcher([]).ranges("abc")).toEqual([]);
  });

  test("agrees with a search for each string in turn (random sets over a small alphabet)", () => {
    const word = fc.string({ unit: fc.constantFrom("a", "b", "c", "é", "😀"), minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(
        fc.array(word, { maxLength: 12 }),
        fc.string({ unit: fc.constantFrom("a", "b", "c", "é", "😀", " "), maxLength: 80 }),
        (strings, text) => {
          expect(new StringSetMatcher(strings).ranges(text)).toEqual(naive(strings, text));
        },
      ),
      { numRuns: 500, seed: 14 },
    );
  });

  test("mergeRanges and addRange fold overlaps", () => {
    const a: number[] = [];
    addRange(a, 2, 4);
    addRange(a, 6, 8);
    addRange(a, 1, 9);
    expect(a).toEqual([1, 9]);
    expect(mergeRanges([0, 2, 10, 12], [1, 5, 12, 13, 20, 21])).toEqual([0, 5, 10, 13, 20, 21]);
  });
});
