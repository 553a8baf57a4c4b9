import { HttpResponse } from "msw";
import { laravel } from "../../kit/index.js";
import type { SimClient, SimGroup, SimHost, TurboStackSimState } from "../state.js";
import { type TurboStackVariant, turbostackVariant } from "../variant.js";

type Json = Record<string, unknown>;

/** What every TurboStack route shares: the state, the dialect, paging, lookups under the token's scope. */
export interface RouteContext {
  readonly state: TurboStackSimState;
  /** `…/api/v1`. */
  readonly api: string;
  readonly variant: TurboStackVariant;
  /** A Laravel page of `items` (`size`/`page` query, 422 outside the bounds). */
  page(request: Request, items: unknown[]): Response;
  /** A host as the API shows it: no credentials, `monitoring` only when there is some. */
  hostView(host: SimHost): Json;
  /** Route-model binding first (404), then the policy (403). */
  findHost(id: string | undefined, clientIds: number[]): SimHost | Response;
  findClient(id: string | undefined, clientIds: number[]): SimClient | Response;
  /** A group the token may read: its client's, or a platform-wide one. */
  findGroup(id: string | undefined, clientIds: number[]): SimGroup | Response;
  /** The JSON object body, or undefined when the body is not one. */
  readBody(request: Request): Promise<Json | undefined>;
  /** A config save's `json` document as stored text, or the 422 for a missing or non-object one. */
  readDocument(request: Request): Promise<string | Response>;
}

export function routeContext(state: TurboStackSimState, base: string): RouteContext {
  const variant = turbostackVariant(state.dialect);
  const numbered = <T>(map: Map<number, T>, id: string | undefined) =>
    id !== undefined && /^\d+$/.test(id) ? map.get(Number(id)) : undefined;
  const readBody = async (request: Request): Promise<Json | undefined> => {
    try {
      const body: unknown = await request.json();
      return typeof body === "object" && body !== null && !Array.isArray(body) ? (body as Json) : undefined;
    } catch {
      return undefined;
    }
  };
  return {
    state,
    api: `${base}/api/v1`,
    variant,
    page: (request, items) => page(state, variant, request, items),
    hostView(host) {
      const { credentials: _secret, monitoring, ...rest } = host;
      return monitoring ? { ...rest, monitoring } : rest;
    },
    findHost(id, clientIds) {
      const host = numbered(state.hosts, id);
      if (!host) return laravel.notFound("Host", id ?? "");
      return clientIds.includes(host.client_id) ? host : laravel.forbidden();
    },
    findClient(id, clientIds) {
      const client = numbered(state.clients, id);
      if (!client) return laravel.notFound("Client", id ?? "");
      return clientIds.includes(client.id) ? client : laravel.forbidden();
    },
    findGroup(id, clientIds) {
      const group = numbered(state.groups, id);
      if (!group) return laravel.notFound("Group", id ?? "");
      const readable = group.client_id === null || clientIds.includes(group.client_id);
      return readable ? group : laravel.forbidden();
    },
    readBody,
    async readDocument(request) {
      const doc = (await readBody(request))?.json;
      if (doc === undefined || doc === null) return laravel.invalid("json", "The json field is required.");
      if (typeof doc !== "object" || Array.isArray(doc))
        return laravel.invalid("json", "The json field must be an array.");
      return JSON.stringify(doc);
    },
  };
}

function page(state: TurboStackSimState, variant: TurboStackVariant, request: Request, items: unknown[]) {
  const url = new URL(request.url);
  const size = intParam(url.searchParams.get("size"), 15);
  const pageNo = intParam(url.searchParams.get("page"), 1);
  const max = state.options.maxPageSize;
  if (size === undefined || size < 1 || size > max) {
    return laravel.invalid("size", `The size field must be between 1 and ${max}.`);
  }
  if (pageNo === undefined || pageNo < 1)
    return laravel.invalid("page", "The page field must be at least 1.");
  const total = items.length;
  const lastPage = Math.max(1, Math.ceil(total / size));
  const slice = items.slice((pageNo - 1) * size, pageNo * size);
  const path = `${url.origin}${url.pathname}`;
  const link = (n: number) => `${path}?page=${n}`;
  return HttpResponse.json(
    variant.page({
      data: slice.map((item) => variant.record(item as Json)),
      links: {
        first: link(1),
        last: link(lastPage),
        prev: pageNo > 1 ? link(pageNo - 1) : null,
        next: pageNo < lastPage ? link(pageNo + 1) : null,
      },
      meta: {
        current_page: pageNo,
        from: slice.length > 0 ? (pageNo - 1) * size + 1 : null,
        last_page: lastPage,
        path,
        per_page: size,
        to: slice.length > 0 ? (pageNo - 1) * size + slice.length : null,
        total,
      },
    }) as never,
  );
}

function intParam(value: string | null, fallback: number): number | undefined {
  if (value === null || value === "") return fallback;
  return /^\d+$/.test(value) ? Number(value) : undefined;
}
