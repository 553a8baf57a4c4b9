import { HttpResponse, http } from "msw";
import { laravel } from "../../kit/index.js";
import type { RouteContext } from "./context.js";
import type { Guarded } from "./index.js";

/** `/groups`: shared settings; platform-wide groups are readable by every token, writable by none. */
export function groupHandlers(ctx: RouteContext, guarded: Guarded) {
  const { state, api, variant } = ctx;
  return [
    http.get(
      `${api}/groups`,
      guarded(({ request }, clientIds) =>
        ctx.page(
          request,
          [...state.groups.values()].filter((g) => g.client_id === null || clientIds.includes(g.client_id)),
        ),
      ),
    ),
    http.get(
      `${api}/groups/:id`,
      guarded(({ params }, clientIds) => {
        const group = ctx.findGroup(params.id as string, clientIds);
        if (group instanceof Response) return group;
        return HttpResponse.json(variant.single(variant.record({ ...group })) as never);
      }),
    ),
    http.post(
      `${api}/groups/:id`,
      guarded(async ({ request, params }, clientIds) => {
        const group = ctx.findGroup(params.id as string, clientIds);
        if (group instanceof Response) return group;
        // Platform-wide groups are read-only for customers.
        if (group.client_id === null) return laravel.forbidden();
        const doc = await ctx.readDocument(request);
        if (doc instanceof Response) return doc;
        group.json = doc;
        group.updated_at = state.iso();
        return HttpResponse.json(variant.saved(group.id) as never);
      }),
    ),
  ];
}
