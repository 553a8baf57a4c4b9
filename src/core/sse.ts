import { EventSourceParserStream } from "eventsource-parser/stream";
import { ResponseValidationError } from "./errors.js";

/** One server-sent event: its `event` name, `data` text and `id`. */
export interface SseMessage {
  event: string | undefined;
  data: string;
  id: string | undefined;
}

/** Largest single event read into memory by default (16 MiB). */
export const DEFAULT_MAX_EVENT_BYTES = 16 * 1024 * 1024;

/**
 * Server-Sent Events from a response body, parsed by eventsource-parser. A stream may run for
 * hours, so there is no cap on its total size; one event is held in memory until its blank line,
 * so a single event larger than `maxEventBytes` ends the stream with a ResponseValidationError
 * (a hostile or broken server cannot grow memory without bound).
 */
export async function* readSse(
  body: ReadableStream<Uint8Array>,
  signal?: AbortSignal,
  maxEventBytes = DEFAULT_MAX_EVENT_BYTES,
): AsyncGenerator<SseMessage> {
  let sinceLastEvent = 0;
  const counted = body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        sinceLastEvent += chunk.byteLength;
        if (sinceLastEvent > maxEventBytes) {
          controller.error(
            new ResponseValidationError(`a server-sent event exceeds ${maxEventBytes} bytes`, undefined, [
              { path: [], message: `event larger than ${maxEventBytes} bytes` },
            ]),
          );
          return;
        }
        controller.enqueue(chunk);
      },
    }),
  );
  const reader = counted
    .pipeThrough(new TextDecoderStream() as unknown as TransformStream<Uint8Array, string>)
    .pipeThrough(new EventSourceParserStream())
    .getReader();
  const onAbort = () => void reader.cancel(signal?.reason).catch(() => {});
  signal?.addEventListener("abort", onAbort, { once: true });
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      sinceLastEvent = 0;
      yield { event: value.event, data: value.data, id: value.id };
    }
  } finally {
    signal?.removeEventListener("abort", onAbort);
    reader.releaseLock();
  }
}
