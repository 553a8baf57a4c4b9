import { describe, expect, it } from "vitest";
import { parseRunEvent, type RunEvent } from "../../src/lyceum/index.js";
import { useLyceum } from "./helpers.js";

const legacy = useLyceum({ legacyEvents: true });

describe("runs.stream: older event shapes", () => {
  it("reads {type: output|completed} events from the legacy simulator", async () => {
    const run = await legacy.client.runs.python({ code: 'print("old")' });
    const timer = setInterval(() => legacy.sim.clock.advance(400), 5);
    const events: RunEvent[] = [];
    try {
      for await (const e of legacy.client.runs.stream(run)) events.push(e);
    } finally {
      clearInterval(timer);
    }
    expect(events).toEqual([
      expect.objectContaining({ type: "output", content: "old\n" }),
      expect.objectContaining({ type: "finished", returnCode: 0, error: null, synthesized: false }),
    ]);
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
