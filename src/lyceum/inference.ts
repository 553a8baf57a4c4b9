import type { ClientCore } from "../core/client.js";
import { Resource } from "../core/client.js";
import { AbortedError, ConnectionError } from "../core/errors.js";
import type { RequestOptions } from "../core/http.js";
import { parseJson } from "../core/json.js";
import { readSse } from "../core/sse.js";
import { httpOf, requireLyceumId } from "./internal.js";
import { routes } from "./routes.js";
import { checkIdleTimeout, DEFAULT_STREAM_IDLE_TIMEOUT_MS } from "./run-stream.js";

/** One event of a streaming inference: `queued`, then `finished` or `failed`. */
export type InferenceEvent =
  | { type: "queued"; inferenceId: string | null; position: number | null; raw: unknown }
  | { type: "finished"; inferenceId: string | null; result: unknown; raw: unknown }
  | { type: "failed"; inferenceId: string | null; error: string; raw: unknown }
  | { type: "unknown"; event: string | undefined; raw: unknown };

/**
 * `GET /inference/streaming/stream/{id}` as typed events. Ends after `finished` or `failed`
 * (or when the server closes the stream). Abort with `signal`. A stream silent for
 * `idleTimeoutMs` (default 5 minutes) ends with a `StreamIdleError` (a `TimeoutError`). The
 * connection is closed however the stream ends, `break` included.
 */
export async function* streamInference(
  core: ClientCore,
  inferenceId: string,
  options: RequestOptions & { idleTimeoutMs?: number } = {},
): AsyncGenerator<InferenceEvent, void, undefined> {
  const id = requireLyceumId(inferenceId, "inferenceId");
  const { idleTimeoutMs = DEFAULT_STREAM_IDLE_TIMEOUT_MS, ...request } = options ?? {};
  checkIdleTimeout(idleTimeoutMs);
  const response = await httpOf(core).stream(routes.inference.stream, {
    params: { id },
    headers: { Accept: "text/event-stream" },
    options: request,
  });
  if (!response.body) throw new ConnectionError(`streaming inference ${id}: the stream had no body`);
  const aborted = () =>
    new AbortedError(`streaming inference ${id} was aborted`, { cause: options?.signal?.reason });
  try {
    for await (const message of readSse(response.body, options?.signal, { idleTimeoutMs })) {
      const event = parseInferenceEvent(message.data, message.event);
      if (event === undefined) continue;
      yield event;
      if (event.type === "finished" || event.type === "failed") return;
    }
  } catch (error) {
    throw options?.signal?.aborted ? aborted() : error;
  }
  // An abort cancels the reader, which ends the loop quietly: say so.
  if (options?.signal?.aborted) throw aborted();
}

/** Streaming inference results (SSE). */
export class InferenceResource extends Resource<ClientCore> {
  /** {@inheritDoc streamInference} */
  stream(inferenceId: string, options?: RequestOptions & { idleTimeoutMs?: number }) {
    return streamInference(this.core, inferenceId, options);
  }
}

/**
 * One SSE message → an event. The type comes from the SSE `event:` name, else from the payload's
 * `status`/`type`/`event` field; the payload is JSON when it parses, text otherwise.
 */
export function parseInferenceEvent(data: string, eventName?: string): InferenceEvent | undefined {
  if (data.trim() === "" && !eventName) return undefined;
  let raw: unknown = data;
  try {
    raw = parseJson(data);
  } catch {
    /* plain text payload */
  }
  const record =
    typeof raw === "object" && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const kind = String(eventName ?? record.status ?? record.type ?? record.event ?? "").toLowerCase();
  const id = record.inference_id ?? record.id;
  const inferenceId = typeof id === "string" || typeof id === "number" ? String(id) : null;
  switch (kind) {
    case "queued":
    case "pending": {
      const position = record.position ?? record.queue_position;
      return { type: "queued", inferenceId, position: typeof position === "number" ? position : null, raw };
    }
    case "finished":
    case "completed":
    case "done":
      return {
        type: "finished",
        inferenceId,
        result: "result" in record ? record.result : (record.output ?? raw),
        raw,
      };
    case "failed":
    case "error": {
      const error =
        record.error ?? record.detail ?? record.message ?? (typeof raw === "string" ? raw : "failed");
      return {
        type: "failed",
        inferenceId,
        error: typeof error === "string" ? error : JSON.stringify(error),
        raw,
      };
    }
    default:
      return { type: "unknown", event: eventName, raw };
  }
}
