import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { apiKey } from "../../src/auth/index.js";
import { createLyceum, type LyceumClient, type LyceumOptions } from "../../src/lyceum/index.js";
import { createSimulator, type Simulator } from "../../src/testing/index.js";
import { DEFAULT_API_KEY, type LyceumSimOptions } from "../../src/testing/lyceum/index.js";

export const BASE = "https://api.lyceum.technology/api/v2/external";
export const SSH_KEY =
  "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGx1Y2V1bXRlc3RrZXlub3RyZWFsMDAwMDAwMDAw ada@laptop";

export interface LyceumTestContext {
  sim: Simulator;
  client: LyceumClient;
  /** Every request the client sent (method + path + headers), in order. */
  requests: Request[];
  make(options?: LyceumOptions): LyceumClient;
}

/** msw in front of a fresh Lyceum simulator per test; the frozen sim clock is moved by hand. */
export function useLyceum(simOptions: LyceumSimOptions = {}): LyceumTestContext {
  const server = setupServer();
  const ctx = { requests: [] as Request[] } as LyceumTestContext;
  beforeAll(() => server.listen({ onUnhandledFrame: "error" }));
  beforeEach(() => {
    const sim = createSimulator({ providers: { lyceum: simOptions }, seed: 7 });
    server.resetHandlers(...sim.handlers);
    ctx.sim = sim;
    ctx.requests = [];
    ctx.make = (options = {}) =>
      createLyceum({
        auth: apiKey(DEFAULT_API_KEY),
        retryDelay: { baseMs: 1, maxMs: 5 },
        fetch: (input, init) => {
          const request = new Request(input, init);
          ctx.requests.push(request.clone());
          return fetch(request);
        },
        ...options,
      });
    ctx.client = ctx.make();
  });
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  Object.defineProperty(ctx, "server", { value: server });
  return ctx;
}

export function serverOf(ctx: LyceumTestContext): ReturnType<typeof setupServer> {
  return (ctx as unknown as { server: ReturnType<typeof setupServer> }).server;
}

/** Advance the simulator's clock by `ms`. */
export function advance(ctx: LyceumTestContext, ms: number): void {
  ctx.sim.clock.advance(ms);
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

export function pathsOf(requests: Request[]): string[] {
  return requests.map((r) => `${r.method} ${new URL(r.url).pathname.replace("/api/v2/external", "")}`);
}
