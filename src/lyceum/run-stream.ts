import {
  AbortedError,
  ConnectionError,
  InputValidationError,
  ResponseValidationError,
} from "../core/errors.js";
import type { HttpClient, RequestOptions } from "../core/http.js";
import { isRecord } from "../core/is-record.js";
import { parseJson } from "../core/json.js";
import { finalOutcome, waitFor } from "../core/polling.js";
import { readSse, StreamIdleError } from "../core/sse.js";
import { isTerminalRunStatus, type RunRecord, type RunStatusInfo } from "./schemas/runs.js";

/** One event of a run's live output. */
export type RunEvent =
  | { type: "output"; content: string; raw: unknown }
  | {
      type: "finished";
      /** The process's return code as the platform reported it (null when unknown). */
      returnCode: number | string | null;
      error: string | null;
      /** The final status, when it was learnt by polling. */
      status?: string | undefined;
      /** True when the stream ended early and this event was built from polling the status. */
      synthesized: boolean;
      raw: unknown;
    }
  | { type: "unknown"; event: string | undefined; raw: unknown };

/** A live output stream silent for this long ends, and the status is polled instead (5 minutes). */
export const DEFAULT_STREAM_IDLE_TIMEOUT_MS = 5 * 60_000;

export interface StreamOptions extends RequestOptions {
  /**
   * Poll the status when the stream ends without a finish event, fails or stays silent past
   * `idleTimeoutMs` (default true).
   */
  fallback?: boolean;
  /**
   * End the live output stream when no byte arrives for this long, ms (default 5 minutes; the
   * official CLI gives up reading after 10). The connection is closed and, with `fallback`, the
   * run's status is polled until it ends.
   */
  idleTimeoutMs?: number;
  /** First delay between fallback polls, ms (default 1000). */
  pollIntervalMs?: number;
  /** Give up polling after this long, ms (default 30 minutes). */
  pollTimeoutMs?: number;
}

interface RunReader {
  status(id: string, options?: RequestOptions): Promise<RunStatusInfo>;
  get(id: string, options?: RequestOptions): Promise<RunRecord>;
}

type Target = string | { execution_id: string; streaming_url?: string | null | undefined };

export async function* readRunStream(
  http: HttpClient,
  runs: RunReader,
  target: Target,
  options: StreamOptions | undefined = {},
): AsyncGenerator<RunEvent, void, undefined> {
  const {
    fallback = true,
    pollIntervalMs,
    pollTimeoutMs,
    idleTimeoutMs = DEFAULT_STREAM_IDLE_TIMEOUT_MS,
    ...request
  } = options ?? {};
  checkIdleTimeout(idleTimeoutMs);
  const id = typeof target === "string" ? target : target?.execution_id;
  if (typeof id !== "string" || id === "")
    throw new InputValidationError("run", "expected a run id or a submit result");
  let url = typeof target === "string" ? undefined : (target.streaming_url ?? undefined);
  if (url === undefined) {
    const status = await runs.status(id, request);
    url = status.streaming_url ?? undefined;
  }

  if (url !== undefined) {
    try {
      const response = await http.streamUrl(new URL(url, `${http.baseUrl}/`).toString(), {
        method: "POST",
        auth: false,
        headers: { Accept: "text/event-stream" },
        options: request,
      });
      if (!response.body) throw new ConnectionError(`run ${id}: the live output stream had no body`);
      // readSse cancels the body however this loop ends (finish event, break, error, idle).
      for await (const message of readSse(response.body, request.signal, { idleTimeoutMs })) {
        const event = parseRunEvent(message.data, message.event);
        if (event === undefined) continue;
        yield event;
        if (event.type === "finished") return;
      }
    } catch (error) {
      if (error instanceof AbortedError || request.signal?.aborted) {
        throw error instanceof AbortedError
          ? error
          : new AbortedError(`streaming run ${id} was aborted`, { cause: request.signal?.reason });
      }
      if (!fallback) throw error;
      const why = error instanceof StreamIdleError ? "went silent" : "failed";
      http.logger.warn(`Lyceum run ${id}: live output stream ${why}, polling the status instead`);
    }
  }
  if (url === undefined) {
    // Nothing to stream: say so rather than end quietly with no output.
    if (!fallback) {
      throw new ResponseValidationError(`Lyceum run ${id}: its status names no streaming_url`, undefined, [
        { path: ["streaming_url"], message: "missing: the run has no live output stream" },
      ]);
    }
    http.logger.warn(`Lyceum run ${id}: no streaming_url in its status, polling the status instead`);
  }
  if (!fallback) return;
  yield await finishByPolling(runs, id, { ...request, pollIntervalMs, pollTimeoutMs });
}

/** An idle limit is a positive number of ms (a typo must not disable it or end every stream). */
export function checkIdleTimeout(value: unknown, field = "idleTimeoutMs"): void {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0)
    throw new InputValidationError(field, "must be a positive number of milliseconds");
}

async function finishByPolling(
  runs: RunReader,
  id: string,
  opts: RequestOptions & { pollIntervalMs?: number | undefined; pollTimeoutMs?: number | undefined },
): Promise<RunEvent> {
  const final = await waitFor({
    what: `run ${id}`,
    poll: (signal) => runs.status(id, signal ? { signal } : undefined),
    isDone: (s) => isTerminalRunStatus(s.status),
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(opts.pollIntervalMs !== undefined ? { intervalMs: opts.pollIntervalMs } : {}),
    ...(opts.pollTimeoutMs !== undefined ? { timeoutMs: opts.pollTimeoutMs } : {}),
  });
  let returnCode: number | string | null = final.status === "completed" ? 0 : null;
  try {
    const record = await runs.get(id, opts.signal ? { signal: opts.signal } : undefined);
    const code = returnCodeOf(record.result) ?? returnCodeOf(record);
    if (code !== undefined) returnCode = code;
  } catch {
    /* the record is optional here: keep what the status said */
  }
  return {
    type: "finished",
    returnCode,
    error: errorText(final.errors),
    status: final.status,
    synthesized: true,
    raw: final,
  };
}

/**
 * One SSE `data:` payload → an event. Current shapes: `{"output":{"content"}}` and
 * `{"jobFinished":{"job":{"result":{"returnCode","error"}}}}`; older: `{"type":"output"|"completed"|"error"}`.
 * Empty keep-alives give undefined; text that is not JSON is output.
 */
export function parseRunEvent(data: string, eventName?: string): RunEvent | undefined {
  if (data.trim() === "") return undefined;
  let raw: unknown;
  try {
    raw = parseJson(data);
  } catch {
    return { type: "output", content: data, raw: data };
  }
  if (typeof raw === "string") return { type: "output", content: raw, raw };
  if (!isRecord(raw)) return { type: "unknown", event: eventName, raw };

  if ("output" in raw && raw.type === undefined) {
    const output = raw.output;
    const content = typeof output === "string" ? output : isRecord(output) ? textOf(output.content) : "";
    return { type: "output", content, raw };
  }
  // The older gRPC envelope: `{"Message": {"Output"|"StatusUpdate"|"JobFinished": …}}`.
  if (isRecord(raw.Message)) {
    const message = raw.Message;
    if (isRecord(message.Output)) return { type: "output", content: textOf(message.Output.content), raw };
    if (isRecord(message.JobFinished)) return finishedFrom(message.JobFinished, raw);
    return { type: "unknown", event: eventName, raw };
  }
  if (isRecord(raw.jobFinished)) return finishedFrom(raw.jobFinished, raw);
  const type = typeof raw.type === "string" ? raw.type.toLowerCase() : (eventName ?? "");
  if (type === "output" || type === "stdout" || type === "stderr") {
    return {
      type: "output",
      content: textOf(raw.content ?? raw.data ?? raw.output ?? raw.text ?? raw.message),
      raw,
    };
  }
  if (type === "completed" || type === "complete" || type === "finished" || type === "done") {
    // The legacy finish event names the outcome in `status`: `{type: "completed", status:
    // "failed", message}` is a failed run, not a success (the official CLI reads it so).
    const status = typeof raw.status === "string" ? raw.status : undefined;
    const failed = status !== undefined && finalOutcome(status) !== "succeeded";
    return {
      type: "finished",
      returnCode: returnCodeOf(raw) ?? returnCodeOf(raw.result) ?? (failed ? null : 0),
      error: failed
        ? (errorText(raw.error ?? raw.errors ?? raw.message) ?? `run ${status}`)
        : errorText(raw.error),
      ...(status !== undefined ? { status } : {}),
      synthesized: false,
      raw,
    };
  }
  if (type === "error" || type === "failed") {
    return {
      type: "finished",
      returnCode: returnCodeOf(raw) ?? returnCodeOf(raw.result) ?? null,
      error: errorText(raw.error ?? raw.message ?? raw.content) ?? "run failed",
      synthesized: false,
      raw,
    };
  }
  return { type: "unknown", event: eventName, raw };
}

/** `{job: {result: {returnCode, error}}}` (or `{result}`) → the finish event. */
function finishedFrom(finished: Record<string, unknown>, raw: unknown): RunEvent {
  const job = finished.job;
  const result =
    (isRecord(job) && isRecord(job.result) ? job.result : undefined) ??
    (isRecord(finished.result) ? finished.result : {});
  return {
    type: "finished",
    returnCode: returnCodeOf(result) ?? null,
    error: errorText(result.error),
    synthesized: false,
    raw,
  };
}

function returnCodeOf(value: unknown): number | string | undefined {
  if (!isRecord(value)) return undefined;
  const code = value.returnCode ?? value.return_code ?? value.exit_code ?? value.exitCode;
  return typeof code === "number" || typeof code === "string" ? code : undefined;
}

function errorText(value: unknown): string | null {
  if (value === undefined || value === null || value === "") return null;
  if (typeof value === "string") return value;
  if (Array.isArray(value) && value.length === 0) return null;
  return JSON.stringify(value);
}

function textOf(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === undefined || value === null) return "";
  return JSON.stringify(value);
}
