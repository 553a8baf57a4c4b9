import { EventSourceParserStream } from "eventsource-parser/stream";
import { ResponseValidationError, TimeoutError } from "./errors.js";

/** One server-sent event: its `event` name, `data` text and `id`. */
export interface SseMessage {
  event: string | undefined;
  data: string;
  id: string | undefined;
}

/** Options of `readSse`: bounds on what one stream may hold open or in memory. */
export interface SseOptions {
  /** Largest single event read into memory (default 16 MiB). */
  maxEventBytes?: number | undefined;
  /**
   * End the stream with a `StreamIdleError` (a `TimeoutError`) when, while the reader waits for
   * data, no byte (event, comment or keep-alive) arrives for this long, ms. Time spent by a slow
   * consumer does not count. Default: no idle limit (the caller decides; Lyceum's streams set one).
   */
  idleTimeoutMs?: number | undefined;
}

/** Largest single event read into memory by default (16 MiB). */
export const DEFAULT_MAX_EVENT_BYTES = 16 * 1024 * 1024;

/** Thrown (as the stream's error) when a stream stayed silent past its idle limit. */
export class StreamIdleError extends TimeoutError {
  static override readonly brandName: string = "StreamIdleError";
}

/**
 * Server-Sent Events from a response body, parsed by eventsource-parser. A stream may run for
 * hours, so there is no cap on its total size; one event is held in memory until its blank line,
 * so a single event larger than `maxEventBytes` ends the stream with a ResponseValidationError
 * (a hostile or broken server cannot grow memory without bound).
 *
 * The body is always cancelled when the generator finishes — at the end of the stream, when the
 * consumer `break`s or `return`s, on an error, an abort or an idle timeout — so the connection is
 * closed rather than left to the server (a script that streamed a run then exits).
 */
export async function* readSse(
  body: ReadableStream<Uint8Array>,
  signal?: AbortSignal,
  options: number | SseOptions = {},
): AsyncGenerator<SseMessage> {
  const { maxEventBytes = DEFAULT_MAX_EVENT_BYTES, idleTimeoutMs } =
    typeof options === "number" ? { maxEventBytes: options } : options;
  let idle = false;
  let sinceLastEvent = 0;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  // Our own reader on the body, so that it can be cancelled directly (deterministically) at the
  // end, rather than through a chain of pipes that settles later.
  const source = body.getReader();
  const counted = new ReadableStream<Uint8Array>({
    async pull(controller) {
      // The idle clock runs only while we wait on the server: a consumer that is slow to take
      // events (so nothing is pulled) never makes the stream look idle.
      if (idleTimeoutMs !== undefined) {
        idleTimer = setTimeout(() => {
          idle = true;
          controller.error(new StreamIdleError(`the event stream sent nothing for ${idleTimeoutMs} ms`));
          void source.cancel().catch(() => {});
        }, idleTimeoutMs);
      }
      const { value, done } = await source.read();
      clearTimeout(idleTimer);
      if (idle) return; // errored meanwhile: the read ended because the body was cancelled
      if (done) {
        controller.close();
        return;
      }
      sinceLastEvent += value.byteLength;
      if (sinceLastEvent > maxEventBytes) {
        controller.error(
          new ResponseValidationError(`a server-sent event exceeds ${maxEventBytes} bytes`, undefined, [
            { path: [], message: `event larger than ${maxEventBytes} bytes` },
          ]),
        );
        await source.cancel().catch(() => {});
        return;
      }
      controller.enqueue(value);
    },
    cancel(reason) {
      return source.cancel(reason);
    },
  });
  const reader = counted
    .pipeThrough(new TextDecoderStream() as unknown as TransformStream<Uint8Array, string>)
    .pipeThrough(new EventSourceParserStream())
    .getReader();
  const onAbort = () => {
    void reader.cancel(signal?.reason).catch(() => {});
    void source.cancel(signal?.reason).catch(() => {});
  };
  signal?.addEventListener("abort", onAbort, { once: true });
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      sinceLastEvent = 0;
      yield { event: value.event, data: value.data, id: value.id };
    }
  } finally {
    clearTimeout(idleTimer);
    signal?.removeEventListener("abort", onAbort);
    // Close the connection now, whoever ended the loop: the pipes behind the parser, then the
    // body itself (already cancelled or finished: both calls just resolve).
    await reader.cancel().catch(() => {});
    await source.cancel().catch(() => {});
  }
}
