import type { Simulator } from "../../../src/testing/index.js";

/** Header each soak operation carries, so the server side can tell one SDK call from another. */
export const OP_HEADER = "x-soak-op";

/** What the server did with one request, as seen behind the fault injector. */
export interface Arrival {
  op: string;
  method: string;
  path: string;
  /** The provider's handler ran (no injected drop or injected 5xx in front of it). */
  acted: boolean;
  status: number;
}

/**
 * Wraps a simulator so every request that reaches it is recorded with its operation id and
 * whether the provider's handler actually ran. Injected drops and injected 5xx answer before the
 * handler (nothing happened server-side); truncated and malformed bodies answer after it (the
 * server acted, the client may not know). This is the witness for "no duplicate creations".
 */
export function witnessed(sim: Simulator): { sim: Simulator; arrivals: Arrival[] } {
  const arrivals: Arrival[] = [];
  const handle: Simulator["handle"] = async (request, handlers) => {
    const op = request.headers.get(OP_HEADER) ?? "";
    const { pathname } = new URL(request.url);
    const response = await sim.handle(request, handlers);
    if (!response) return response;
    let acted = response.type !== "error";
    if (acted && response.status === sim.faults.status) {
      const text = await response.clone().text();
      if (text === '{"detail":"Injected fault"}') acted = false;
    }
    arrivals.push({ op, method: request.method, path: pathname, acted, status: response.status });
    return response;
  };
  return { sim: { ...sim, handle }, arrivals };
}
