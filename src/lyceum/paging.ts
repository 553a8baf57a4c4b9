import type { RequestOptions } from "../core/http.js";
import { nextByOffset, Paginator } from "../core/pagination.js";
import type { OffsetPage } from "./schemas/common.js";

/** A lazy `limit/offset` paginator: stops on a short page, at the reported total, or an empty page. */
export function offsetPaginator<T>(
  limit: number,
  options: RequestOptions | undefined,
  fetch: (limit: number, offset: number) => Promise<OffsetPage<T>>,
): Paginator<T, number> {
  return new Paginator<T, number>({
    first: 0,
    signal: options?.signal,
    fetchPage: async (offset) => {
      const page = await fetch(limit, offset);
      return {
        items: page.items,
        total: page.total ?? undefined,
        next: nextByOffset({ offset, limit }, page.items.length, page.total),
      };
    },
  });
}
