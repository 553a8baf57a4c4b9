import {
  AbortedError,
  ConnectionError,
  InputValidationError,
  ResponseValidationError,
} from "../core/errors.js";
import type { HttpClient, RequestOptions } from "../core/http.js";
import { waitFor } from "../core/polling.js";
import { readSse } from "../core/sse.js";
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

export interface StreamOptions extends RequestOptions {
  /** Poll the status when the stream ends without a finish event or fails (default true). */
  fallback?: boolean;
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

export async function* streamRun(
  http: HttpClient,
  runs: RunReader,
  target: Target,
  options: StreamOptions | undefined = {},
): AsyncGenerator<RunEvent, void, undefined> {
  const { fallback = true, pollIntervalMs, pollTimeoutMs, ...request } = options ?? {};
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
      for await (const message of readSse(response.body, request.signal)) {
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
      http.logger.warn(`Lyceum run ${id}: live output stream failed, polling the status instead`);
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
    raw = JSON.parse(data);
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
  if (isRecord(raw.jobFinished)) {
    const job = raw.jobFinished.job;
    const result =
      (isRecord(job) && isRecord(job.result) ? job.result : undefined) ??
      (isRecord(raw.jobFinished.result) ? raw.jobFinished.result : {});
    return {
      type: "finished",
      returnCode: returnCodeOf(result) ?? null,
      error: errorText(result.error),
      synthesized: false,
      raw,
    };
  }
  const type = typeof raw.type === "string" ? raw.type.toLowerCase() : (eventName ?? "");
  if (type === "output" || type === "stdout" || type === "stderr") {
    return {
      type: "output",
      content: textOf(raw.content ?? raw.data ?? raw.output ?? raw.text ?? raw.message),
      raw,
    };
  }
  if (type === "completed" || type === "complete" || type === "finished" || type === "done") {
    return {
      type: "finished",
      returnCode: returnCodeOf(raw) ?? returnCodeOf(raw.result) ?? 0,
      error: errorText(raw.error),
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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
