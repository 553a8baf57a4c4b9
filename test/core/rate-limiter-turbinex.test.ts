import { describe, expect, test } from "vitest";
import { useSim } from "../helpers/sim.js";
import { bearerClient } from "../turbinex/helpers.js";

const t = useSim("turbinex");

describe("createTurbineX({ rateLimit }) queues before the per-attempt timeout starts", () => {
  test("with a window longer than timeoutMs, 5 concurrent calls at 2 per window all succeed", async () => {
    const tx = await bearerClient(t, "owner", {
      // The window is longer than the per-attempt timeout, which still leaves a loaded machine
      // time to answer one request (a slower answer would be retried and take a slot).
      rateLimit: { perMinute: 2, windowMs: 1_000 },
      timeoutMs: 500,
    });
    const starts: number[] = [];
    t.server.events.on("request:start", ({ request }) => {
      if (request.url.endsWith("/org")) starts.push(Date.now());
    });
    const t0 = Date.now();
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => tx.org.get()));
    t.server.events.removeAllListeners();
    expect(results.map((r) => r.status)).toEqual(Array(5).fill("fulfilled"));
    expect(starts).toHaveLength(5);
    expect(starts[4]! - t0).toBeGreaterThanOrEqual(1_950); // the fifth waited two windows
  });
});
