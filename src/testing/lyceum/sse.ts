/** Server-sent events driven by the simulated clock (run output, inference progress, chat chunks). */

export const SSE_HEADERS = { "content-type": "text/event-stream", "cache-control": "no-cache" };

/** What a stream's `tick` writes to. */
export interface SseOut {
  /** Raw SSE text (one or more complete events). */
  write(text: string): void;
  /** End the stream: no further ticks. */
  close(): void;
}

/**
 * An SSE response whose `tick` runs at once and then every 20 real ms, writing whatever the
 * simulated clock has made due, until it closes the stream or the client goes away. A tick that
 * throws (the client cancelled mid-write) stops the ticking.
 */
export function clockedSse(signal: AbortSignal, tick: (out: SseOut) => void, preamble = ""): Response {
  const encoder = new TextEncoder();
  let timer: ReturnType<typeof setInterval> | undefined;
  const stop = () => {
    if (timer) clearInterval(timer);
    timer = undefined;
  };
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      const out: SseOut = {
        write: (text) => controller.enqueue(encoder.encode(text)),
        close: () => {
          closed = true;
          stop();
          controller.close();
        },
      };
      const safeTick = () => {
        try {
          tick(out);
        } catch {
          stop();
        }
      };
      if (preamble) out.write(preamble);
      safeTick();
      if (!closed) timer = setInterval(safeTick, 20);
      signal.addEventListener("abort", stop, { once: true });
    },
    cancel: stop,
  });
  return new Response(stream, { status: 200, headers: SSE_HEADERS });
}

/** One `data:` event (with an `event:` name when given). */
export function sseEvent(data: unknown, event?: string): string {
  return `${event ? `event: ${event}\n` : ""}data: ${JSON.stringify(data)}\n\n`;
}
