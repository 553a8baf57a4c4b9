import { describe, expect, test, vi } from "vitest";
import {
  nextByAfter,
  nextByCursor,
  nextByOffset,
  nextByTotalPages,
  nextLaravelPage,
  type Page,
  Paginator,
} from "../../src/core/pagination.js";

/** A paginator over `pages` (keyed by state) that records the states it was asked for. */
function over<S>(first: S, pages: Map<string, Page<number, S>>, maxPages?: number) {
  const asked: S[] = [];
  const capped = vi.fn();
  const paginator = new Paginator<number, S>({
    first,
    maxPages,
    onCapReached: capped,
    fetchPage: async (state) => {
      asked.push(state);
      const page = pages.get(JSON.stringify(state));
      if (!page) throw new Error(`no page for ${JSON.stringify(state)}`);
      return page;
    },
  });
  return { paginator, asked, capped };
}

describe("Paginator", () => {
  test("for await yields every item across pages; pages(), firstPage() and toArray({max})", async () => {
    const pages = new Map([
      ["1", { items: [1, 2], next: 2 }],
      ["2", { items: [3, 4], next: 3 }],
      ["3", { items: [5], next: undefined }],
    ]);
    const { paginator, asked } = over(1, pages);
    const all: number[] = [];
    for await (const n of paginator) all.push(n);
    expect(all).toEqual([1, 2, 3, 4, 5]);
    expect(asked).toEqual([1, 2, 3]);

    const sizes: number[] = [];
    for await (const page of over(1, pages).paginator.pages()) sizes.push(page.items.length);
    expect(sizes).toEqual([2, 2, 1]);

    const first = over(1, pages);
    expect((await first.paginator.firstPage()).items).toEqual([1, 2]);
    expect(first.asked).toEqual([1]);

    const limited = over(1, pages);
    expect(await limited.paginator.toArray({ max: 3 })).toEqual([1, 2, 3]);
    expect(limited.asked).toEqual([1, 2]); // stopped without fetching page 3
  });

  test("stops on an empty page even if the provider says there is more", async () => {
    const { paginator, asked } = over(
      1,
      new Map([
        ["1", { items: [1], next: 2 }],
        ["2", { items: [], next: 3 }],
      ]),
    );
    expect(await paginator.toArray()).toEqual([1]);
    expect(asked).toEqual([1, 2]);
  });

  test("stops on a cursor that does not advance", async () => {
    const { paginator, asked } = over(
      "c1",
      new Map([
        ['"c1"', { items: [1], next: "c2" }],
        ['"c2"', { items: [2], next: "c2" }],
      ]),
    );
    expect(await paginator.toArray()).toEqual([1, 2]);
    expect(asked).toEqual(["c1", "c2"]);
  });

  test("stops on a cursor that cycles back to a page already read", async () => {
    const { paginator, asked } = over(
      "a",
      new Map([
        ['"a"', { items: [1], next: "b" }],
        ['"b"', { items: [2], next: "c" }],
        ['"c"', { items: [3], next: "a" }],
      ]),
    );
    expect(await paginator.toArray()).toEqual([1, 2, 3]);
    expect(asked).toEqual(["a", "b", "c"]);
  });

  test("stops at the page cap and says so", async () => {
    const endless = new Map(Array.from({ length: 20 }, (_, i) => [String(i), { items: [i], next: i + 1 }]));
    const { paginator, asked, capped } = over(0, endless, 5);
    expect(await paginator.toArray()).toEqual([0, 1, 2, 3, 4]);
    expect(asked).toHaveLength(5);
    expect(capped).toHaveBeenCalledWith(5);
  });

  test("nothing is fetched until iteration starts", () => {
    const { asked } = over(1, new Map());
    expect(asked).toEqual([]);
  });
});

describe("strategies", () => {
  test("page/page_size with total_pages", () => {
    expect(nextByTotalPages(1, 3)).toBe(2);
    expect(nextByTotalPages(3, 3)).toBeUndefined();
    expect(nextByTotalPages(1, null)).toBeUndefined();
  });

  test("size/page Laravel envelopes: bare array, flat, links/meta", () => {
    const req = { page: 1, size: 15 };
    // Bare array: continue while pages are full.
    expect(nextLaravelPage(req, { count: 15 })).toBe(2);
    expect(nextLaravelPage(req, { count: 7 })).toBeUndefined();
    // Flat: current_page/last_page.
    expect(nextLaravelPage(req, { count: 15, currentPage: 1, lastPage: 3 })).toBe(2);
    expect(
      nextLaravelPage({ page: 3, size: 15 }, { count: 15, currentPage: 3, lastPage: 3 }),
    ).toBeUndefined();
    // links/meta: no next link ends it even when the page is full.
    expect(
      nextLaravelPage(req, { count: 15, currentPage: 1, lastPage: 9, hasLinks: true, nextLink: null }),
    ).toBeUndefined();
    expect(
      nextLaravelPage(req, { count: 15, currentPage: 1, lastPage: 9, hasLinks: true, nextLink: "/x?page=2" }),
    ).toBe(2);
    // A server that caps `size` sends short pages: the envelope, not the length, says whether more follow.
    expect(nextLaravelPage({ page: 1, size: 50 }, { count: 25, currentPage: 1, lastPage: 3 })).toBe(2);
    expect(nextLaravelPage({ page: 1, size: 50 }, { count: 25, hasLinks: true, nextLink: "/x?page=2" })).toBe(
      2,
    );
  });

  test("cursor/hasMore", () => {
    expect(nextByCursor("abc", true)).toBe("abc");
    expect(nextByCursor("abc", false)).toBeUndefined();
    expect(nextByCursor(null, true)).toBeUndefined();
  });

  test("limit/offset", () => {
    expect(nextByOffset({ offset: 0, limit: 50 }, 50, 120)).toBe(50);
    expect(nextByOffset({ offset: 100, limit: 50 }, 20, 120)).toBeUndefined();
    expect(nextByOffset({ offset: 50, limit: 50 }, 50, 100)).toBeUndefined();
    expect(nextByOffset({ offset: 0, limit: 50 }, 50)).toBe(50);
  });

  test("limit/after", () => {
    expect(nextByAfter("batch_9", true, 20, 20)).toBe("batch_9");
    expect(nextByAfter("batch_9", false, 20, 20)).toBeUndefined();
    expect(nextByAfter("batch_9", undefined, 20, 20)).toBe("batch_9");
    expect(nextByAfter("batch_9", undefined, 3, 20)).toBeUndefined();
    expect(nextByAfter(undefined, true, 0, 20)).toBeUndefined();
  });
});
