import type { HttpClient, RequestOptions } from "../core/http.js";
import { nextLaravelPage, Paginator } from "../core/pagination.js";
import type { Route } from "../core/routes.js";
import type { Schema } from "../core/schema.js";
import { checkListOptions } from "./input.js";
import { listEnvelope, readListPage } from "./schemas.js";
import type { ListOptions } from "./types.js";

export interface ListSpec<W, T> {
  http: HttpClient;
  route: Route;
  params?: Record<string, string | number>;
  item: () => Schema<W>;
  map: (wire: W) => T;
  defaultSize: number;
}

/**
 * A lazy paginator over a `size/page` list, whatever envelope the server uses. Options are
 * checked now (before anything is sent); the first request happens on iteration.
 */
export function paginate<W, T>(
  spec: ListSpec<W, T>,
  list: ListOptions | undefined,
  options: RequestOptions | undefined,
): Paginator<T, number> {
  const { size, page, maxPages } = checkListOptions(list, spec.defaultSize);
  return new Paginator<T, number>({
    first: page,
    maxPages,
    signal: options?.signal,
    onCapReached: (pages) =>
      spec.http.logger.warn(`${spec.route.path}: stopped after ${pages} pages (maxPages)`),
    async fetchPage(state, signal) {
      const body = await spec.http.json(spec.route, {
        params: spec.params,
        query: { size, page: state },
        schema: listEnvelope(spec.item()),
        options: { ...options, signal: signal ?? options?.signal },
      });
      const result = readListPage<W>(body);
      return {
        items: result.items.map(spec.map),
        next: nextLaravelPage(
          { page: state, size },
          {
            count: result.items.length,
            currentPage: result.currentPage,
            lastPage: result.lastPage,
            nextLink: result.nextLink,
            hasLinks: result.hasLinks,
          },
        ),
        total: result.total,
      };
    },
  });
}
