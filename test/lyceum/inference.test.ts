import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { AbortedError, NotFoundError } from "../../src/core/errors.js";
import { type InferenceEvent, parseInferenceEvent } from "../../src/lyceum/index.js";
import { useSim } from "../helpers/sim.js";
import { BASE, collect } from "./helpers.js";

const t = useSim("lyceum");

describe("inference.stream", () => {
  it("yields queued then finished, typed", async () => {
    const id = t.sim.providers.lyceum.submitInference({ queueMs: 1_000, result: { text: "42" } });
    const events: InferenceEvent[] = [];
    for await (const event of t.client().inference.stream(id)) {
      events.push(event);
      if (event.type === "queued") t.sim.clock.advance(1_000);
    }
    expect(events.map((e) => e.type)).toEqual(["queued", "finished"]);
    expect(events[0]).toMatchObject({ inferenceId: id, position: 0 });
    expect(events[1]).toMatchObject({ type: "finished", inferenceId: id, result: { text: "42" } });
    expect(t.requests[0]!.headers.get("accept")).toBe("text/event-stream");
    expect(t.requests[0]!.headers.get("authorization")).toBe("Bearer lk_sim_ada_lab_0001");
  });

  it("yields failed with the error", async () => {
    const id = t.sim.providers.lyceum.submitInference({ queueMs: 0, error: "CUDA out of memory" });
    const events = await collect(t.client().inference.stream(id));
    expect(events.map((e) => e.type)).toEqual(["queued", "failed"]);
    expect(events[1]).toMatchObject({ error: "CUDA out of memory" });
  });

  it("404 for an unknown inference, or one of another org", async () => {
    await expect(collect(t.client().inference.stream("inf_nope"))).rejects.toBeInstanceOf(NotFoundError);
    const other = t.sim.providers.lyceum.submitInference({ org: "shared-team" });
    await expect(collect(t.client().inference.stream(other))).rejects.toBeInstanceOf(NotFoundError);
  });

  it("stops on abort", async () => {
    const id = t.sim.providers.lyceum.submitInference({ queueMs: 60_000 });
    const controller = new AbortController();
    const seen: string[] = [];
    const error = await (async () => {
      for await (const event of t.client().inference.stream(id, { signal: controller.signal })) {
        seen.push(event.type);
        controller.abort();
      }
    })().catch((e: unknown) => e);
    expect(seen).toEqual(["queued"]);
    expect(error).toBeInstanceOf(AbortedError);
  });

  it("reads the type from the payload when the SSE has no event name, and ends on a closed stream", async () => {
    t.server.use(
      http.get(
        `${BASE}/inference/streaming/stream/:id`,
        () =>
          new HttpResponse(
            'data: {"status":"queued","queue_position":3}\n\ndata: {"status":"weird"}\n\ndata: {"status":"completed","output":"hi"}\n\n',
            { headers: { "content-type": "text/event-stream" } },
          ),
      ),
    );
    const events = await collect(t.client().inference.stream("inf_x"));
    expect(events).toMatchObject([
      { type: "queued", position: 3 },
      { type: "unknown" },
      { type: "finished", result: "hi" },
    ]);
  });
});

describe("parseInferenceEvent", () => {
  it("handles names, payload fields, text and keep-alives", () => {
    expect(parseInferenceEvent("", undefined)).toBeUndefined();
    expect(parseInferenceEvent("boom", "failed")).toMatchObject({ type: "failed", error: "boom" });
    expect(parseInferenceEvent('{"type":"error","detail":{"code":"x"}}')).toMatchObject({
      type: "failed",
      error: '{"code":"x"}',
    });
    expect(parseInferenceEvent('{"id":7}', "finished")).toMatchObject({ type: "finished", inferenceId: "7" });
  });
});
