import { finishedAt, isFinished, linesBy, resultOf, runStatus } from "./run-model.js";
import { clockedSse, sseEvent } from "./sse.js";
import type { SimEnv, SimRun } from "./state.js";

/**
 * A run's live output: each line as simulated time reaches it, then the finish event (current or
 * legacy shapes, `legacyEvents`); closed without a finish event after `streamIdleMs` real ms of
 * silence, as the real stream does.
 */
export function runEvents(env: SimEnv, run: SimRun, signal: AbortSignal): Response {
  const legacy = env.state.options.legacyEvents;
  const idleMs = env.state.options.streamIdleMs;
  let sent = 0;
  let lastEvent = Date.now();
  return clockedSse(
    signal,
    (out) => {
      const now = env.now();
      const lines = linesBy(run, now);
      while (sent < lines.length) {
        const line = lines[sent++] as (typeof lines)[number];
        out.write(
          sseEvent(
            legacy
              ? { type: "output", content: `${line.text}\n`, stream: line.stream }
              : { output: { content: `${line.text}\n` } },
          ),
        );
        lastEvent = Date.now();
      }
      if (isFinished(run, now)) {
        const result = resultOf(run, now) ?? { returnCode: null, error: null };
        // The legacy finish event names the outcome in `status` (the official CLI's reading): a
        // failed run is `{type: "completed", status: "failed", message}`.
        out.write(
          sseEvent(
            legacy
              ? {
                  type: "completed",
                  status: runStatus(run, now),
                  execution_time: Math.max(0, (finishedAt(run) - run.startAt) / 1000),
                  return_code: result.returnCode,
                  ...(result.error ? { message: result.error, errors: result.error } : {}),
                }
              : { jobFinished: { job: { result: result } } },
          ),
        );
        out.close();
        return;
      }
      if (Date.now() - lastEvent > idleMs) out.close();
    },
    ": connected\n\n",
  );
}
