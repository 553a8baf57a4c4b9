/** One request as the simulator received it. */
export interface LoggedRequest {
  method: string;
  url: string;
  /** The URL's path (no origin, no query). */
  path: string;
  headers: Headers;
  /** The body as text ("" when none). */
  body: string;
}

/** Every request the simulator received, in order (`sim.requests`). */
export interface RequestLog extends ReadonlyArray<LoggedRequest> {
  /** `METHOD /path` per request: the quickest thing to assert on. */
  paths(): string[];
  /** Forget what was logged. */
  clear(): void;
  /** Log one request (its body read from a clone: the request itself stays unread). */
  record(request: Request): Promise<void>;
}

/** Bodies above this many bytes are logged cut (an upload's bytes need not be kept twice). */
const MAX_LOGGED_BODY = 1 << 20;

export function createRequestLog(): RequestLog {
  const entries: LoggedRequest[] = [];
  return Object.assign(entries, {
    paths: () => entries.map((r) => `${r.method} ${r.path}`),
    clear: () => {
      entries.length = 0;
    },
    record: async (request: Request) => {
      entries.push({
        method: request.method,
        url: request.url,
        path: new URL(request.url).pathname,
        headers: new Headers(request.headers),
        body: request.body ? await headOf(request.clone()) : "",
      });
    },
  });
}

/** The first `MAX_LOGGED_BODY` bytes of a body as text: an upload is never held whole twice. */
async function headOf(request: Request): Promise<string> {
  const reader = (request.body as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < MAX_LOGGED_BODY) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  await reader.cancel().catch(() => undefined);
  const bytes = new Uint8Array(Math.min(size, MAX_LOGGED_BODY));
  let at = 0;
  for (const chunk of chunks) {
    const part = chunk.subarray(0, bytes.byteLength - at);
    bytes.set(part, at);
    at += part.byteLength;
  }
  return new TextDecoder().decode(bytes);
}
