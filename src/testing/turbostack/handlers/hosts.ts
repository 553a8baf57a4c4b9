import { HttpResponse, http } from "msw";
import { laravel } from "../../kit/index.js";
import { SIM_DEPLOY_TYPES, type SimDeployType } from "../state.js";
import type { RouteContext } from "./context.js";
import type { Guarded } from "./index.js";

/** `/hosts`: managed servers, their configuration saves, deployments and credentials. */
export function hostHandlers(ctx: RouteContext, guarded: Guarded) {
  const { state, api, variant } = ctx;
  return [
    http.get(
      `${api}/hosts`,
      guarded(({ request }, clientIds) => {
        const hosts = [...state.hosts.values()].filter((h) => clientIds.includes(h.client_id));
        return ctx.page(request, hosts.map(ctx.hostView));
      }),
    ),
    http.get(
      `${api}/hosts/:id`,
      guarded(({ params }, clientIds) => {
        const host = ctx.findHost(params.id as string, clientIds);
        if (host instanceof Response) return host;
        return HttpResponse.json(variant.single(variant.record(ctx.hostView(host))) as never);
      }),
    ),
    http.post(
      `${api}/hosts/:id`,
      guarded(async ({ request, params }, clientIds) => {
        const host = ctx.findHost(params.id as string, clientIds);
        if (host instanceof Response) return host;
        const doc = await ctx.readDocument(request);
        if (doc instanceof Response) return doc;
        host.json = doc;
        host.updated_at = state.iso();
        return HttpResponse.json(variant.single(variant.record(ctx.hostView(host))) as never);
      }),
    ),
    http.get(
      `${api}/hosts/:id/deploy`,
      guarded(({ params }, clientIds) => {
        const host = ctx.findHost(params.id as string, clientIds);
        if (host instanceof Response) return host;
        const latest = state.latestDeployment(host.id);
        if (!latest)
          return HttpResponse.json({ message: "No deployment found for this host." }, { status: 404 });
        return HttpResponse.json(variant.deployment(state.deploymentView(latest)) as never);
      }),
    ),
    http.post(
      `${api}/hosts/:id/deploy`,
      guarded(async ({ request, params }, clientIds) => {
        const host = ctx.findHost(params.id as string, clientIds);
        if (host instanceof Response) return host;
        const type = (await ctx.readBody(request))?.type;
        if (type === undefined || type === null || type === "")
          return laravel.invalid("type", "The type field is required.");
        if (typeof type !== "string" || !(SIM_DEPLOY_TYPES as readonly string[]).includes(type)) {
          return laravel.invalid("type", "The selected type is invalid.");
        }
        if (host.active !== 1) return laravel.invalid("host", "Inactive hosts cannot be deployed.");
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
      guarded(({ params }, clientIds) => {
        const host = ctx.findHost(params.id as string, clientIds);
        if (host instanceof Response) return host;
        const answer = { host_id: host.id, hostname: host.name, ...host.credentials, json: host.json };
        return HttpResponse.json(variant.credentials(answer) as never);
      }),
    ),
  ];
}
