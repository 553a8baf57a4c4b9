import { describe, expect, it } from "vitest";
import { parseRunEvent, type RunEvent } from "../../src/lyceum/index.js";
import { useSim } from "../helpers/sim.js";

const legacy = useSim("lyceum", { sim: { legacyEvents: true } });

describe("runs.stream: older event shapes", () => {
  it("reads {type: output|completed} events from the legacy simulator", async () => {
    const run = await legacy.client().runs.python({ code: 'print("old")' });
    const timer = setInterval(() => legacy.sim.clock.advance(400), 5);
    const events: RunEvent[] = [];
    try {
      for await (const e of legacy.client().runs.stream(run)) events.push(e);
    } finally {
      clearInterval(timer);
    }
    expect(events).toEqual([
      expect.objectContaining({ type: "output", content: "old\n" }),
      expect.objectContaining({
        type: "finished",
        returnCode: 0,
        error: null,
        status: "completed",
        synthesized: false,
      }),
    ]);
  });

  it("a legacy {type: completed, status: failed, message} ends the run as failed with that message", async () => {
    const run = await legacy.client().runs.python({ code: 'raise ValueError("bad input")' });
    const timer = setInterval(() => legacy.sim.clock.advance(400), 5);
    const events: RunEvent[] = [];
    try {
      for await (const e of legacy.client().runs.stream(run)) events.push(e);
    } finally {
      clearInterval(timer);
    }
    const last = events.at(-1)!;
    expect(last).toMatchObject({
      type: "finished",
      status: "failed",
      returnCode: 1,
      error: "ValueError: bad input",
      synthesized: false,
    });
  });

  it("reads the legacy finish word: `completed` (the official CLI's one success word) and the core's other success words succeed, anything else fails", () => {
    expect(parseRunEvent('{"type":"completed","status":"failed","message":"OOM killed"}')).toEqual({
      type: "finished",
      returnCode: null,
      error: "OOM killed",
      status: "failed",
      synthesized: false,
      raw: { type: "completed", status: "failed", message: "OOM killed" },
    });
    expect(parseRunEvent('{"type":"completed","status":"failed_user","errors":"Traceback"}')).toMatchObject({
      returnCode: null,
      error: "Traceback",
      status: "failed_user",
    });
    expect(parseRunEvent('{"type":"completed","status":"timeout"}')).toMatchObject({
      returnCode: null,
      error: "run timeout",
    });
    // Any common success word (the core's list) is a success too.
    expect(parseRunEvent('{"type":"completed","status":"successful"}')).toMatchObject({
      returnCode: 0,
      error: null,
      status: "successful",
    });
    expect(parseRunEvent('{"type":"completed","status":"cancelled"}')).toMatchObject({
      returnCode: null,
      error: "run cancelled",
    });
    expect(parseRunEvent('{"type":"completed","status":"completed","execution_time":1.5}')).toMatchObject({
      returnCode: 0,
      error: null,
      status: "completed",
    });
  });

  it("reads the older gRPC envelope {Message: {Output | JobFinished}}", () => {
    expect(parseRunEvent('{"Message":{"Output":{"content":"hi\\n"}}}')).toMatchObject({
      type: "output",
      content: "hi\n",
    });
    expect(parseRunEvent('{"Message":{"JobFinished":{"job":{"result":{"return_code":3}}}}}')).toMatchObject({
      type: "finished",
      returnCode: 3,
      error: null,
    });
    expect(parseRunEvent('{"Message":{"StatusUpdate":{"status":"running"}}}')).toMatchObject({
      type: "unknown",
    });
  });

  it("parses every documented shape", () => {
    expect(parseRunEvent('{"output":{"content":"hi"}}')).toMatchObject({ type: "output", content: "hi" });
    expect(
      parseRunEvent('{"jobFinished":{"job":{"result":{"returnCode":"137","error":"OOM"}}}}'),
    ).toMatchObject({
      type: "finished",
      returnCode: "137",
      error: "OOM",
    });
    expect(parseRunEvent('{"type":"output","content":"x"}')).toMatchObject({ type: "output", content: "x" });
    expect(parseRunEvent('{"type":"completed"}')).toMatchObject({ type: "finished", returnCode: 0 });
    expect(parseRunEvent('{"type":"error","message":"crashed"}')).toMatchObject({
      type: "finished",
      returnCode: null,
      error: "crashed",
    });
    expect(parseRunEvent("plain text line")).toMatchObject({ type: "output", content: "plain text line" });
    expect(parseRunEvent('{"heartbeat":1}', "ping")).toMatchObject({ type: "unknown", event: "ping" });
    expect(parseRunEvent("   ")).toBeUndefined();
  });
});
