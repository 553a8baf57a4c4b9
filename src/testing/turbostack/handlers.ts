import { type HttpHandler, HttpResponse, http } from "msw";
import { SIM_DEPLOY_TYPES, type SimDeployType, type SimHost, type TurboStackSimState } from "./state.js";
import { turbostackVariant } from "./variant.js";

type Json = Record<string, unknown>;

const LOGIN_PAGE = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Login | TurboStack</title></head>
<body><form method="POST" action="/login"><input name="email"><input name="password" type="password">
<button>Log in</button></form></body></html>`;

const unauthenticated = () => HttpResponse.json({ message: "Unauthenticated." }, { status: 401 });
const forbidden = () => HttpResponse.json({ message: "This action is unauthorized." }, { status: 403 });
const notFound = (model: string, id: string) =>
  HttpResponse.json({ message: `No query results for model [App\\Models\\${model}] ${id}` }, { status: 404 });
const invalid = (field: string, msg: string) =>
  HttpResponse.json({ message: msg, errors: { [field]: [msg] } }, { status: 422 });

/**
 * The TurboStack API as msw handlers: Laravel conventions throughout (the `data/links/meta`
 * resource envelope, `{message}` errors, 422 `errors`), a login redirect for requests that do
 * not ask for JSON, bearer personal access tokens scoped to clients.
 */
export function turbostackHandlers(state: TurboStackSimState, baseUrl: string): HttpHandler[] {
  const base = baseUrl.replace(/\/$/, "");
  const api = `${base}/api/v1`;
  const variant = turbostackVariant(state.dialect);

  /** Runs the Laravel middleware stack, then the route. */
  const guarded =
    (
      handler: (ctx: {
        request: Request;
        params: Record<string, string>;
        clientIds: number[];
      }) => Response | Promise<Response>,
    ) =>
    async ({
      request,
      params,
    }: {
      request: Request;
      params: Record<string, string | readonly string[] | undefined>;
    }) => {
      const url = new URL(request.url);
      state.requests.push(`${request.method} ${url.pathname}`);
      // Laravel's auth middleware redirects browsers (anything not asking for JSON) to the login page.
      const accept = request.headers.get("accept") ?? "";
      if (!/json/i.test(accept)) {
        return new HttpResponse(LOGIN_PAGE, {
          status: 302,
          headers: { location: `${base}/login`, "content-type": "text/html; charset=UTF-8" },
        });
      }
      const header = request.headers.get("authorization") ?? "";
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      const token = match?.[1] ? state.tokens.get(match[1]) : undefined;
      if (!token || (token.expiresAt !== null && token.expiresAt <= state.now())) return unauthenticated();
      const flat: Record<string, string> = {};
      for (const [key, value] of Object.entries(params)) if (typeof value === "string") flat[key] = value;
      return handler({ request, params: flat, clientIds: token.clientIds });
    };

  const page = (request: Request, items: unknown[]): Response => {
    const url = new URL(request.url);
    const size = intParam(url.searchParams.get("size"), 15);
    const pageNo = intParam(url.searchParams.get("page"), 1);
    if (size === undefined || size < 1 || size > state.options.maxPageSize) {
      return invalid("size", `The size field must be between 1 and ${state.options.maxPageSize}.`);
    }
    if (pageNo === undefined || pageNo < 1) return invalid("page", "The page field must be at least 1.");
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
  };

  const hostView = (host: SimHost): Json => {
    const { credentials: _secret, monitoring, ...rest } = host;
    return monitoring ? { ...rest, monitoring } : rest;
  };

  /** Route-model binding first (404), then the policy (403). */
  const findHost = (id: string, clientIds: number[]): SimHost | Response => {
    const host = /^\d+$/.test(id) ? state.hosts.get(Number(id)) : undefined;
    if (!host) return notFound("Host", id);
    if (!clientIds.includes(host.client_id)) return forbidden();
    return host;
  };

  const findClient = (id: string, clientIds: number[]) => {
    const client = /^\d+$/.test(id) ? state.clients.get(Number(id)) : undefined;
    if (!client) return notFound("Client", id);
    if (!clientIds.includes(client.id)) return forbidden();
    return client;
  };

  const readBody = async (request: Request): Promise<Json | undefined> => {
    try {
      const body: unknown = await request.json();
      return typeof body === "object" && body !== null && !Array.isArray(body) ? (body as Json) : undefined;
    } catch {
      return undefined;
    }
  };

  const readDocument = async (request: Request): Promise<string | Response> => {
    const body = await readBody(request);
    const doc = body?.json;
    if (doc === undefined || doc === null) return invalid("json", "The json field is required.");
    if (typeof doc !== "object" || Array.isArray(doc))
      return invalid("json", "The json field must be an array.");
    return JSON.stringify(doc);
  };

  return [
    http.get(
      `${base}/login`,
      () => new HttpResponse(LOGIN_PAGE, { headers: { "content-type": "text/html; charset=UTF-8" } }),
    ),

    http.get(
      `${api}/clients`,
      guarded(({ request, clientIds }) =>
        page(
          request,
          [...state.clients.values()].filter((c) => clientIds.includes(c.id)),
        ),
      ),
    ),
    http.get(
      `${api}/clients/:id`,
      guarded(({ params, clientIds }) => {
        const client = findClient(params.id ?? "", clientIds);
        if (client instanceof Response) return client;
        return HttpResponse.json(variant.single(variant.record({ ...client })) as never);
      }),
    ),
    http.get(
      `${api}/clients/:id/hosts`,
      guarded(({ request, params, clientIds }) => {
        const client = findClient(params.id ?? "", clientIds);
        if (client instanceof Response) return client;
        return page(
          request,
          [...state.hosts.values()].filter((h) => h.client_id === client.id).map(hostView),
        );
      }),
    ),
    http.get(
      `${api}/clients/:id/groups`,
      guarded(({ request, params, clientIds }) => {
        const client = findClient(params.id ?? "", clientIds);
        if (client instanceof Response) return client;
        return page(
          request,
          [...state.groups.values()].filter((g) => g.client_id === client.id),
        );
      }),
    ),

    http.get(
      `${api}/hosts`,
      guarded(({ request, clientIds }) =>
        page(request, [...state.hosts.values()].filter((h) => clientIds.includes(h.client_id)).map(hostView)),
      ),
    ),
    http.get(
      `${api}/hosts/:id`,
      guarded(({ params, clientIds }) => {
        const host = findHost(params.id ?? "", clientIds);
        return host instanceof Response
          ? host
          : HttpResponse.json(variant.single(variant.record(hostView(host))) as never);
      }),
    ),
    http.post(
      `${api}/hosts/:id`,
      guarded(async ({ request, params, clientIds }) => {
        const host = findHost(params.id ?? "", clientIds);
        if (host instanceof Response) return host;
        const doc = await readDocument(request);
        if (doc instanceof Response) return doc;
        host.json = doc;
        host.updated_at = state.iso();
        return HttpResponse.json(variant.single(variant.record(hostView(host))) as never);
      }),
    ),
    http.get(
      `${api}/hosts/:id/deploy`,
      guarded(({ params, clientIds }) => {
        const host = findHost(params.id ?? "", clientIds);
        if (host instanceof Response) return host;
        const latest = state.latestDeployment(host.id);
        if (!latest)
          return HttpResponse.json({ message: "No deployment found for this host." }, { status: 404 });
        return HttpResponse.json(variant.deployment(state.deploymentView(latest)) as never);
      }),
    ),
    http.post(
      `${api}/hosts/:id/deploy`,
      guarded(async ({ request, params, clientIds }) => {
        const host = findHost(params.id ?? "", clientIds);
        if (host instanceof Response) return host;
        const body = await readBody(request);
        const type = body?.type;
        if (type === undefined || type === null || type === "")
          return invalid("type", "The type field is required.");
        if (typeof type !== "string" || !(SIM_DEPLOY_TYPES as readonly string[]).includes(type)) {
          return invalid("type", "The selected type is invalid.");
        }
        if (host.active !== 1) return invalid("host", "Inactive hosts cannot be deployed.");
        if (state.isRunning(state.latestDeployment(host.id))) {
          return HttpResponse.json(
            { message: "A deployment is already running for this host." },
            { status: 409 },
          );
        }
        const deployment = state.startDeployment(host.id, type as SimDeployType);
        return HttpResponse.json(variant.deployment(state.deploymentView(deployment)) as never, {
          status: 201,
        });
      }),
    ),
    http.get(
      `${api}/hosts/:id/credentials`,
      guarded(({ params, clientIds }) => {
        const host = findHost(params.id ?? "", clientIds);
        if (host instanceof Response) return host;
        return HttpResponse.json(
          variant.credentials({
            host_id: host.id,
            hostname: host.name,
            ...host.credentials,
            json: host.json,
          }) as never,
        );
      }),
    ),

    http.get(
      `${api}/groups`,
      guarded(({ request, clientIds }) =>
        page(
          request,
          [...state.groups.values()].filter((g) => g.client_id === null || clientIds.includes(g.client_id)),
        ),
      ),
    ),
    http.get(
      `${api}/groups/:id`,
      guarded(({ params, clientIds }) => {
        const id = params.id ?? "";
        const group = /^\d+$/.test(id) ? state.groups.get(Number(id)) : undefined;
        if (!group) return notFound("Group", id);
        if (group.client_id !== null && !clientIds.includes(group.client_id)) return forbidden();
        return HttpResponse.json(variant.single(variant.record({ ...group })) as never);
      }),
    ),
    http.post(
      `${api}/groups/:id`,
      guarded(async ({ request, params, clientIds }) => {
        const id = params.id ?? "";
        const group = /^\d+$/.test(id) ? state.groups.get(Number(id)) : undefined;
        if (!group) return notFound("Group", id);
        // Platform-wide groups are read-only for customers.
        if (group.client_id === null || !clientIds.includes(group.client_id)) return forbidden();
        const doc = await readDocument(request);
        if (doc instanceof Response) return doc;
        group.json = doc;
        group.updated_at = state.iso();
        return HttpResponse.json(variant.saved(group.id) as never);
      }),
    ),
  ];
}

function intParam(value: string | null, fallback: number): number | undefined {
  if (value === null || value === "") return fallback;
  return /^\d+$/.test(value) ? Number(value) : undefined;
}
