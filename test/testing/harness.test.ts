import { HttpResponse, http } from "msw";
import { afterEach, describe, expect, test } from "vitest";
import {
  createSimulator,
  type Simulator,
  type SimulatorServer,
  startSimulatorServer,
} from "../../src/testing/index.js";
import type { ProviderSim } from "../../src/testing/provider.js";

/** A tiny provider: a counter that advances with the simulated clock. */
function counterSim(): (ctx: { clock: { now(): number } }) => ProviderSim<{ hits: number }> {
  return ({ clock }) => {
    const state = { hits: 0 };
    const started = clock.now();
    return {
      name: "counter",
      defaultBaseUrl: "https://counter.example.test/api",
      state,
      handlers: (base) => [
        http.get(`${base}/count`, () => {
          state.hits++;
          return HttpResponse.json({
            hits: state.hits,
            elapsedMs: clock.now() - started,
            pad: "x".repeat(200),
          });
        }),
      ],
    };
  };
}

let server: SimulatorServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(sim: Simulator) {
  server = await startSimulatorServer(sim);
  return `${server.baseUrls["counter" as never]}/count`;
}

describe("simulator harness", () => {
  test("serves a provider over real HTTP under /name + its base path, sharing state and clock", async () => {
    const sim = createSimulator({ providers: {}, extra: [counterSim()] });
    const url = await serve(sim);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/counter\/api\/count$/);
    expect(await (await fetch(url)).json()).toMatchObject({ hits: 1, elapsedMs: 0 });
    sim.clock.advance(5000);
    expect(await (await fetch(url)).json()).toMatchObject({ hits: 2, elapsedMs: 5000 });
    expect(sim.providers["counter" as never]).toMatchObject({ state: { hits: 2 } });
    const missing = await fetch(url.replace("/count", "/nope"));
    expect(missing.status).toBe(404);
  });

  test("answers CORS preflights and echoes the origin with credentials", async () => {
    const url = await serve(createSimulator({ providers: {}, extra: [counterSim()] }));
    const preflight = await fetch(url, {
      method: "OPTIONS",
      headers: { origin: "http://localhost:5173", "access-control-request-headers": "authorization" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("http://localhost:5173");
    expect(preflight.headers.get("access-control-allow-credentials")).toBe("true");
    expect(preflight.headers.get("access-control-allow-headers")).toBe("authorization");
  });

  test("injects each fault kind over real HTTP", async () => {
    const sim = createSimulator({ providers: {}, extra: [counterSim()], faults: { latencyMs: 150 } });
    const url = await serve(sim);

    sim.faults.script("error5xx");
    expect((await fetch(url)).status).toBe(503);

    sim.faults.script("drop");
    await expect(fetch(url)).rejects.toThrow();

    sim.faults.script("malformedJson");
    const malformed = await fetch(url);
    expect(malformed.status).toBe(200);
    await expect(malformed.json()).rejects.toThrow(SyntaxError);

    sim.faults.script("truncate");
    const truncated = await fetch(url);
    await expect(truncated.text()).rejects.toThrow();

    sim.faults.script("latency");
    const started = performance.now();
    expect((await fetch(url)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);

    expect(sim.faults.counts).toMatchObject({
      error5xx: 1,
      drop: 1,
      malformedJson: 1,
      truncate: 1,
      latency: 1,
    });
  });

  test("fault rates are seeded: the same seed gives the same schedule", () => {
    const schedule = (seed: number) => {
      const sim = createSimulator({ providers: {}, seed, faults: { rates: { error5xx: 0.3, drop: 0.2 } } });
      return Array.from({ length: 40 }, () => sim.faults.pick(new Request("https://x.test/")) ?? "-").join(
        ",",
      );
    };
    expect(schedule(7)).toBe(schedule(7));
    expect(schedule(7)).not.toBe(schedule(8));
    const kinds = schedule(7).split(",");
    expect(kinds.filter((k) => k !== "-").length).toBeGreaterThan(5);
  });

  test("under msw, the same handlers answer at the production URL", async () => {
    const { setupServer } = await import("msw/node");
    const sim = createSimulator({ providers: {}, extra: [counterSim()] });
    const msw = setupServer(...sim.handlers);
    msw.listen({ onUnhandledFrame: "error" });
    try {
      const body = await (await fetch(`${sim.baseUrl("counter")}/count`)).json();
      expect(body).toMatchObject({ hits: 1 });
    } finally {
      msw.close();
    }
  });
});
