import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { AbortedError, ResponseValidationError } from "../../src/core/errors.js";
import type { RunEvent } from "../../src/lyceum/index.js";
import { useSim } from "../helpers/sim.js";
import { BASE, pathsOf } from "./helpers.js";

const t = useSim("lyceum");

/** Reads the stream while moving simulated time forward, so the run progresses as it is read. */
async function readAll(events: AsyncIterable<RunEvent>, tick = 400): Promise<RunEvent[]> {
  const timer = setInterval(() => t.sim.clock.advance(tick), 5);
  try {
    const out: RunEvent[] = [];
    for await (const event of events) out.push(event);
    return out;
  } finally {
    clearInterval(timer);
  }
}

function sse(...payloads: string[]): Response {
  return new HttpResponse(payloads.map((p) => `data: ${p}\n\n`).join(""), {
    headers: { "content-type": "text/event-stream" },
  });
}

describe("runs.stream", () => {
  it("yields live output then the finish event, POSTing to streaming_url without auth", async () => {
    const run = await t.client().runs.python({ code: 'print("one")\nprint("two")\nprint("three")' });
    const events = await readAll(t.client().runs.stream(run));
    expect(events.filter((e) => e.type === "output").map((e) => (e as { content: string }).content)).toEqual([
      "one\n",
      "two\n",
      "three\n",
    ]);
    const last = events.at(-1);
    expect(last).toMatchObject({ type: "finished", returnCode: 0, error: null, synthesized: false });
    const streamRequest = t.requests.find((r) => r.url.includes("/events"))!;
    expect(streamRequest.method).toBe("POST");
    expect(streamRequest.headers.get("accept")).toBe("text/event-stream");
    expect(streamRequest.headers.get("authorization")).toBeNull();
  });

  it("reports a failing run's return code and error", async () => {
    const run = await t.client().runs.python({ code: 'print("start")\nraise RuntimeError("kaput")' });
    const events = await readAll(t.client().runs.stream(run));
    expect(events.at(-1)).toMatchObject({ type: "finished", returnCode: 1, error: "RuntimeError: kaput" });
    expect(events.some((e) => e.type === "output" && e.content.includes("Traceback"))).toBe(true);
  });

  it("accepts a run id: the streaming_url is read from the status", async () => {
    const run = await t.client().runs.python({ code: 'print("by id")' });
    const events = await readAll(t.client().runs.stream(run.execution_id));
    expect(events.map((e) => e.type)).toEqual(["output", "finished"]);
    expect(pathsOf(t.requests)[1]).toBe(`GET /execution/streaming/${run.execution_id}/status`);
  });

  it("a status without streaming_url: polls to a synthesized finish, or fails plainly with fallback: false", async () => {
    const run = await t.client().runs.python({ code: 'print("quiet")' });
    t.server.use(
      http.get(`${BASE}/execution/streaming/:id/status`, () =>
        HttpResponse.json({ status: "completed", errors: null }),
      ),
    );
    const polled = await readAll(t.client().runs.stream(run.execution_id, { pollIntervalMs: 1 }));
    expect(polled).toEqual([
      expect.objectContaining({ type: "finished", synthesized: true, status: "completed" }),
    ]);
    const error = await readAll(t.client().runs.stream(run.execution_id, { fallback: false })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect((error as Error).message).toContain("no streaming_url");
  });

  it("falls back to polling when the stream ends without a finish event", async () => {
    const run = await t.client().runs.python({ code: 'print("a")\nprint("b")' });
    t.server.use(
      http.post(`${BASE}/execution/streaming/:id/events`, () => sse('{"output":{"content":"a\\n"}}')),
    );
    const events = await readAll(t.client().runs.stream(run, { pollIntervalMs: 1 }), 2_000);
    expect(events[0]).toMatchObject({ type: "output", content: "a\n" });
    expect(events.at(-1)).toMatchObject({
      type: "finished",
      synthesized: true,
      status: "completed",
      returnCode: 0,
      error: null,
    });
  });

  it("falls back to polling when the stream request fails", async () => {
    const run = await t.client().runs.python({ code: 'raise KeyError("k")' });
    t.server.use(
      http.post(`${BASE}/execution/streaming/:id/events`, () =>
        HttpResponse.json({ detail: "gone" }, { status: 502 }),
      ),
    );
    const events = await readAll(t.client().runs.stream(run, { pollIntervalMs: 1 }), 2_000);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: "finished",
      synthesized: true,
      status: "failed",
      returnCode: 1,
      error: '["KeyError: k"]',
    });
  });

  it("with fallback: false, a failed stream throws", async () => {
    const run = await t.client().runs.python({ code: "x" });
    t.server.use(
      http.post(`${BASE}/execution/streaming/:id/events`, () =>
        HttpResponse.json({ detail: "no" }, { status: 404 }),
      ),
    );
    await expect(readAll(t.client().runs.stream(run, { fallback: false }))).rejects.toMatchObject({
      status: 404,
    });
  });

  it("honours an abort signal", async () => {
    const run = await t.client().runs.python({ code: "while True:\n  pass", timeout: 600 });
    const controller = new AbortController();
    controller.abort(new Error("stop"));
    await expect(readAll(t.client().runs.stream(run, { signal: controller.signal }))).rejects.toBeInstanceOf(
      AbortedError,
    );
  });
});
