import { describe, expect, it } from "vitest";
import type { Route } from "../../src/core/routes.js";
import { routes as exchangeRoutes } from "../../src/exchange/routes.js";
import { routes as lyceumRoutes } from "../../src/lyceum/routes.js";
import { createSimulator, type ProviderName } from "../../src/testing/index.js";
import { routes as turbinexRoutes } from "../../src/turbinex/routes.js";
import { routes as turbostackRoutes } from "../../src/turbostack/routes.js";

/** Every `routes.<resource>.<verb>` entry of a route table, with its key. */
function entries(table: object, prefix = ""): Array<[string, Route]> {
  return Object.entries(table).flatMap(([key, value]): Array<[string, Route]> => {
    const name = prefix ? `${prefix}.${key}` : key;
    if (isRoute(value)) return [[name, value]];
    return typeof value === "object" && value !== null ? entries(value, name) : [];
  });
}

function isRoute(value: unknown): value is Route {
  return typeof value === "object" && value !== null && "method" in value && "path" in value;
}

/** The route's path with every placeholder filled (a multi-segment one with two segments). */
const filled = (path: string) =>
  path.replace(/\{(\w+)(\+?)\}/g, (_m, _name, multi) => (multi ? "a1/b2" : "x1"));

const tables: Record<ProviderName, object> = {
  turbinex: turbinexRoutes,
  turbostack: turbostackRoutes,
  lyceum: lyceumRoutes,
  exchange: exchangeRoutes,
};

// The simulator keeps its own paths (it never imports these tables): a route the SDK calls that
// the simulator does not answer is a wrong path on one side or a missing simulated endpoint.
describe("every SDK route has a simulated answer", () => {
  for (const [provider, table] of Object.entries(tables) as Array<[ProviderName, object]>) {
    it(`${provider}: ${entries(table).length} routes`, async () => {
      const sim = createSimulator({ providers: { [provider]: true } });
      const base = sim.baseUrl(provider);
      const handlers = sim.providers[provider].handlers(base);
      const unanswered: string[] = [];
      for (const [name, route] of entries(table)) {
        const hasBody = route.method !== "GET" && route.method !== "HEAD";
        const request = new Request(`${base}${filled(route.path)}`, {
          method: route.method,
          headers: { accept: "application/json", "content-type": "application/json" },
          ...(hasBody ? { body: "{}" } : {}),
        });
        const response = await sim.handle(request, handlers);
        if (!response) unanswered.push(`${name}: ${route.method} ${route.path}`);
      }
      expect(entries(table).length).toBeGreaterThan(5);
      expect(unanswered).toEqual([]);
    });
  }
});
