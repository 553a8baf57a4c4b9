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

/** Bodies above this are logged cut (an upload's bytes do not need to be kept twice). */
const MAX_LOGGED_BODY = 1 << 20;

export function createRequestLog(): RequestLog {
  const entries: LoggedRequest[] = [];
  return Object.assign(entries, {
    paths: () => entries.map((r) => `${r.method} ${r.path}`),
    clear: () => {
      entries.length = 0;
    },
    record: async (request: Request) => {
      const text = request.body ? await request.clone().text() : "";
      entries.push({
        method: request.method,
        url: request.url,
        path: new URL(request.url).pathname,
        headers: new Headers(request.headers),
        body: text.length > MAX_LOGGED_BODY ? text.slice(0, MAX_LOGGED_BODY) : text,
      });
    },
  });
}
