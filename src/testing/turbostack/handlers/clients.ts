import { HttpResponse, http } from "msw";
import type { RouteContext } from "./context.js";
import type { Guarded } from "./index.js";

/** `/clients`: the accounts the token acts for, and their hosts and groups. */
export function clientHandlers(ctx: RouteContext, guarded: Guarded) {
  const { state, api, variant } = ctx;
  return [
    http.get(
      `${api}/clients`,
      guarded(({ request }, clientIds) =>
        ctx.page(
          request,
          [...state.clients.values()].filter((c) => clientIds.includes(c.id)),
        ),
      ),
    ),
    http.get(
      `${api}/clients/:id`,
      guarded(({ params }, clientIds) => {
        const client = ctx.findClient(params.id as string, clientIds);
        if (client instanceof Response) return client;
        return HttpResponse.json(variant.single(variant.record({ ...client })) as never);
      }),
    ),
    http.get(
      `${api}/clients/:id/hosts`,
      guarded(({ request, params }, clientIds) => {
        const client = ctx.findClient(params.id as string, clientIds);
        if (client instanceof Response) return client;
        const hosts = [...state.hosts.values()].filter((h) => h.client_id === client.id);
        return ctx.page(request, hosts.map(ctx.hostView));
      }),
    ),
    http.get(
      `${api}/clients/:id/groups`,
      guarded(({ request, params }, clientIds) => {
        const client = ctx.findClient(params.id as string, clientIds);
        if (client instanceof Response) return client;
        return ctx.page(
          request,
          [...state.groups.values()].filter((g) => g.client_id === client.id),
        );
      }),
    ),
  ];
}
