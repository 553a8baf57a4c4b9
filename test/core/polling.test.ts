import { describe, expect, test, vi } from "vitest";
import { AbortedError, InputValidationError } from "../../src/core/errors.js";
import { COMMON_FINAL_STATUSES, finalOutcome, WaitTimeoutError, waitFor } from "../../src/core/polling.js";

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

  test("a poll still in flight when the time is up is aborted: the wait never outlives timeoutMs", async () => {
    let polls = 0;
    let pollSignal: AbortSignal | undefined;
    // Without the abort the second poll never settles and the test times out.
    const error = await waitFor({
      what: "job 7",
      // The first poll answers; the second hangs until its signal aborts (a stalled request).
      poll: (signal) => {
        polls++;
        pollSignal = signal;
        if (polls === 1) return Promise.resolve("running");
        return new Promise<string>((_resolve, reject) =>
          signal?.addEventListener("abort", () => reject(new Error("request aborted")), { once: true }),
        );
      },
      isDone: () => false,
      intervalMs: 5,
      timeoutMs: 60,
    }).catch((e) => e);
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect(error.lastValue).toBe("running");
    expect(polls).toBe(2);
    expect(pollSignal?.aborted).toBe(true);
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

  test("refuses timing options that would never time out or would poll in a tight loop, before polling", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ timeoutMs: Number.NaN }, "timeoutMs"],
      [{ timeoutMs: "300" }, "timeoutMs"],
      [{ timeoutMs: 0 }, "timeoutMs"],
      [{ intervalMs: 0 }, "intervalMs"],
      [{ intervalMs: -5 }, "intervalMs"],
      [{ intervalMs: Number.POSITIVE_INFINITY }, "intervalMs"],
      [{ intervalMs: 500, maxIntervalMs: 100 }, "maxIntervalMs"],
      [{ backoff: 0.5 }, "backoff"],
    ];
    for (const [options, field] of cases) {
      const poll = vi.fn(async () => "running");
      const error = await waitFor({ what: "job", poll, isDone: () => false, ...options }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(InputValidationError);
      expect((error as InputValidationError).field).toBe(field);
      expect(poll).not.toHaveBeenCalled();
    }
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

  describe("waits end when the work ends (issue 17.2)", () => {
    const documented = (s: { status: string }) => ["succeeded", "failed", "cancelled"].includes(s.status);

    test.each([
      "completed",
      "done",
      "finished",
      "error",
      "errored",
      "cancelled",
      "canceled",
      "success",
      "COMPLETED",
    ])("a job whose server says %s ends the wait at that poll, not at the timeout", async (word) => {
      const states = [
        { status: "queued" },
        { status: "running" },
        { status: word },
        { status: "never-read" },
      ];
      const poll = vi.fn(async () => states.shift()!);
      const result = await waitFor({
        what: "job",
        poll,
        isDone: documented,
        intervalMs: 1,
        timeoutMs: 5_000,
      });
      expect(result).toEqual({ status: word });
      expect(poll).toHaveBeenCalledTimes(3);
    });

    test("caller-given finalStates end the wait (case-insensitive); other unknown states keep waiting", async () => {
      const states = ["queued", "warming", "Archived", "x"];
      const seen: string[] = [];
      const result = await waitFor({
        what: "job",
        poll: async () => states.shift()!,
        isDone: () => false,
        finalStates: ["archived"],
        onProgress: (s) => seen.push(s),
        intervalMs: 1,
      });
      expect(result).toBe("Archived");
      expect(seen).toEqual(["queued", "warming", "Archived"]);
    });

    test("the caller's `until` ends the wait even on a status the provider thinks is open", async () => {
      const values = [
        { status: "running", progress: 0.2 },
        { status: "running", progress: 0.6 },
      ];
      const result = await waitFor({
        what: "job",
        poll: async () => values.shift()!,
        isDone: () => false,
        until: (v) => v.progress >= 0.5,
        intervalMs: 1,
      });
      expect(result).toEqual({ status: "running", progress: 0.6 });
    });

    test("statusOf: null leaves the decision to the provider alone", async () => {
      const states = ["finished", "finished", "mine-done"];
      const result = await waitFor({
        what: "deploy",
        poll: async () => states.shift()!,
        isDone: (s) => s === "mine-done",
        statusOf: null,
        intervalMs: 1,
      });
      expect(result).toBe("mine-done");
    });

    test("statusOf reads the status from wherever the provider keeps it", async () => {
      const result = await waitFor({
        what: "batch",
        poll: async () => ({ state: { phase: "done" } }),
        isDone: () => false,
        statusOf: (v) => v.state.phase,
        intervalMs: 1,
        timeoutMs: 1_000,
      });
      expect(result).toEqual({ state: { phase: "done" } });
    });

    test("bad finalStates / until are refused before polling", async () => {
      for (const [options, field] of [
        [{ finalStates: "done" }, "finalStates"],
        [{ finalStates: [""] }, "finalStates"],
        [{ finalStates: [1] }, "finalStates"],
        [{ until: "done" }, "until"],
      ] as const) {
        const poll = vi.fn(async () => "running");
        const error = await waitFor({ what: "x", poll, isDone: () => false, ...(options as object) }).catch(
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(InputValidationError);
        expect((error as InputValidationError).field).toBe(field);
        expect(poll).not.toHaveBeenCalled();
      }
    });

    test("finalOutcome names how a final word ended", () => {
      expect(finalOutcome("Completed")).toBe("succeeded");
      expect(finalOutcome("errored")).toBe("failed");
      expect(finalOutcome("error")).toBe("failed");
      expect(finalOutcome("canceled")).toBe("cancelled");
      expect(finalOutcome("running")).toBeUndefined();
      expect(finalOutcome(3)).toBeUndefined();
      expect(COMMON_FINAL_STATUSES).toEqual(
        expect.arrayContaining([
          "completed",
          "done",
          "finished",
          "error",
          "errored",
          "cancelled",
          "canceled",
          "success",
        ]),
      );
    });
  });
});
