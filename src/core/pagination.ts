import { htmlTable, withDisplay } from "./display.js";

/**
 * Auto-pagination. A paginator is built from one function that fetches a page for a cursor
 * state and says what the next state is; every strategy (page numbers, Laravel envelopes,
 * cursors, offsets, `after` ids) only decides that next state. The stop rules live here once:
 * no next state, an empty page, a next state already visited (a cursor that does not advance, or
 * one that cycles), and a cap on the number of pages.
 */
export interface Page<T, S> {
  items: T[];
  /** State for the next page; `undefined` when this was the last one. */
  next: S | undefined;
  /** Total item count, when the provider reports it. */
  total?: number | undefined;
}

/** How a `Paginator` gets its pages: the first cursor state, and a fetch for any state. */
export interface PaginatorInit<T, S> {
  /** The state of the first page (a page number, a cursor, an offset). */
  first: S;
  /** Fetches the page for `state`; its `next` is the following state, or undefined at the end. */
  fetchPage(state: S, signal?: AbortSignal): Promise<Page<T, S>>;
  /** Most pages read before stopping (default 1000). */
  maxPages?: number | undefined;
  signal?: AbortSignal | undefined;
  /** Told when the page cap stopped iteration early. */
  onCapReached?: (pages: number) => void;
}

/**
 * What every `list()` returns: `for await` yields items across pages; `pages()` yields pages;
 * `firstPage()` and `toArray({ max })` for the common cases. Nothing is fetched until iterated.
 */
export class Paginator<T, S = unknown> implements AsyncIterable<T> {
  readonly #init: PaginatorInit<T, S>;

  constructor(init: PaginatorInit<T, S>) {
    this.#init = init;
  }

  /** Every item across all pages. */
  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for await (const page of this.pages()) yield* page.items;
  }

  /** Page by page. */
  async *pages(): AsyncGenerator<Page<T, S>> {
    const maxPages = this.#init.maxPages ?? 1000;
    let state: S | undefined = this.#init.first;
    const visited = new Set([stateKey(state)]);
    for (let count = 0; state !== undefined; count++) {
      if (count >= maxPages) {
        this.#init.onCapReached?.(count);
        return;
      }
      const page: Page<T, S> = showable(await this.#init.fetchPage(state, this.#init.signal));
      yield page;
      if (page.items.length === 0 || page.next === undefined) return;
      const nextKey = stateKey(page.next);
      if (visited.has(nextKey)) return;
      visited.add(nextKey);
      state = page.next;
    }
  }

  /** Only the first page (its `next` tells whether there is more). */
  async firstPage(): Promise<Page<T, S>> {
    return showable(await this.#init.fetchPage(this.#init.first, this.#init.signal));
  }

  /** Collect items into an array, at most `max` of them. */
  async toArray(options: { max?: number } = {}): Promise<T[]> {
    const max = options.max ?? Number.POSITIVE_INFINITY;
    const out: T[] = [];
    if (max <= 0) return out;
    for await (const item of this) {
      out.push(item);
      if (out.length >= max) break;
    }
    return out;
  }
}

/** A page renders as an HTML table in notebooks. */
function showable<T, S>(page: Page<T, S>): Page<T, S> {
  return withDisplay(page, (p) => ({
    "text/html": htmlTable(p.items as object[], {
      caption: `${p.items.length} item(s)${p.total !== undefined ? ` of ${p.total}` : ""}${p.next !== undefined ? ", more pages" : ""}`,
    }),
    "text/plain": `Page of ${p.items.length} item(s)`,
  }));
}

function stateKey(state: unknown): string {
  return JSON.stringify(state, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
}

// ── Strategies: given the state that was requested and the parsed response, the next state. ──

/** `page/page_size` with `total_pages` (TurbineX `PaginatedResponse`). */
export function nextByTotalPages(page: number, totalPages: number | undefined | null): number | undefined {
  return totalPages != null && page < totalPages ? page + 1 : undefined;
}

/**
 * `size/page` envelopes, tolerant (TurboStack): a bare array (next while the page was full),
 * Laravel flat `{data, current_page, last_page}`, or `{data, links:{next}, meta:{current_page,
 * last_page}}`. An envelope that says where it ends is believed over the page's length (servers
 * often cap `size`, so a short page need not be the last): it stops at `last_page` or a missing
 * next link; only a bare array stops on a short page.
 */
export function nextLaravelPage(
  requested: { page: number; size: number },
  envelope: {
    count: number;
    currentPage?: number | null | undefined;
    lastPage?: number | null | undefined;
    nextLink?: string | null | undefined;
    hasLinks?: boolean;
  },
): number | undefined {
  const current = envelope.currentPage ?? requested.page;
  if (envelope.lastPage != null && current >= envelope.lastPage) return undefined;
  if (envelope.hasLinks && !envelope.nextLink) return undefined;
  if (envelope.lastPage != null || envelope.hasLinks) return current + 1;
  return envelope.count < requested.size ? undefined : current + 1;
}

/** `cursor/hasMore` (exchange). */
export function nextByCursor(
  cursor: string | null | undefined,
  hasMore: boolean | undefined,
): string | undefined {
  return hasMore && cursor ? cursor : undefined;
}

/** `limit/offset` (Lyceum billing): next offset while pages are full and the total is not reached. */
export function nextByOffset(
  requested: { offset: number; limit: number },
  count: number,
  total?: number | null,
): number | undefined {
  const next = requested.offset + count;
  if (count < requested.limit) return undefined;
  if (total != null && next >= total) return undefined;
  return next;
}

/** `limit/after` (OpenAI-style batches): the last id while `has_more` (or while pages are full). */
export function nextByAfter(
  lastId: string | undefined,
  hasMore: boolean | undefined,
  count: number,
  limit: number,
): string | undefined {
  if (!lastId) return undefined;
  if (hasMore === undefined) return count >= limit ? lastId : undefined;
  return hasMore ? lastId : undefined;
}
