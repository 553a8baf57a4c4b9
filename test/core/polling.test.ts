import { describe, expect, test, vi } from "vitest";
import { AbortedError } from "../../src/core/errors.js";
import { WaitTimeoutError, waitFor } from "../../src/core/polling.js";

describe("waitFor", () => {
  test("polls until done, reporting every value, unknown states included", async () => {
    const states = ["queued", "warming_up", "running", "succeeded"];
    const seen: string[] = [];
    const result = await waitFor({
      what: "job 1",
      poll: async () => states.shift()!,
      isDone: (s) => s === "succeeded" || s === "failed",
      onProgress: (s) => seen.push(s),
      intervalMs: 1,
    });
    expect(result).toBe("succeeded");
    expect(seen).toEqual(["queued", "warming_up", "running", "succeeded"]);
  });

  test("times out with the last value", async () => {
    const error = await waitFor({
      what: "deploy",
      poll: async () => "running",
      isDone: () => false,
      intervalMs: 5,
      timeoutMs: 30,
    }).catch((e) => e);
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect(error.lastValue).toBe("running");
    expect(error.message).toContain("deploy did not finish within 30 ms");
  });

  test("an abort between polls stops the wait", async () => {
    const controller = new AbortController();
    const poll = vi.fn(async () => "running");
    const pending = waitFor({
      what: "vm",
      poll,
      isDone: () => false,
      intervalMs: 10_000,
      signal: controller.signal,
    }).catch((e) => e);
    await expect.poll(() => poll.mock.calls.length).toBe(1);
    controller.abort();
    expect(await pending).toBeInstanceOf(AbortedError);
    expect(poll).toHaveBeenCalledTimes(1);
  });

  test("intervals grow by the backoff factor up to the cap", async () => {
    vi.useFakeTimers();
    const times: number[] = [];
    let n = 0;
    const pending = waitFor({
      what: "x",
      poll: async () => {
        times.push(Date.now());
        return ++n;
      },
      isDone: (v) => v === 5,
      intervalMs: 100,
      backoff: 2,
      maxIntervalMs: 300,
    });
    await vi.advanceTimersByTimeAsync(2000);
    await pending;
    vi.useRealTimers();
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(gaps).toEqual([100, 200, 300, 300]);
  });
});
