import { requestIdOf, TurbokitError } from "./errors.js";
import type { RequestOptions, ResponseInfo } from "./http.js";
import type { RateLimitInfo } from "./rate-limit.js";
import { safeHeaders } from "./redact.js";

/** A call's result together with the response it was read from (`promise.withResponse()`). */
export interface WithResponse<T> {
  data: T;
  /** Status, headers (secrets redacted), rate limit and request id of the response read last. */
  response: ResponseInfo;
  /** The server's request id (`X-Request-Id`), for support tickets; `undefined` if none was sent. */
  requestId: string | undefined;
}

/**
 * Where the HTTP client reports what a call read: the last response's info and body text. Handed
 * to the client inside the call's `RequestOptions` under a symbol, so every provider method that
 * passes its options down (they all do, for the signal) reports without further plumbing.
 */
export interface ResponseSink {
  /** The response read last, as received (headers unredacted: built into a `ResponseInfo` on demand). */
  last?: ReceivedResponse;
  /** Its body text; never kept for a call whose answer holds secrets. */
  body?: string;
}

/** What the HTTP client records of a response for `withResponse()`, before redaction. */
export interface ReceivedResponse {
  method: string;
  url: string;
  status: number;
  headers: Headers;
  rateLimit: RateLimitInfo | undefined;
  attempt: number;
}

const SINK: unique symbol = Symbol("turbokit.responseSink");

/** The sink a call's options carry, if the call was made through `apiPromise`. */
export function sinkOf(options: RequestOptions | undefined): ResponseSink | undefined {
  return (options as { [SINK]?: ResponseSink } | undefined)?.[SINK];
}

/**
 * `into` with the response sink `from` carries, for an operation that builds fresh options for its
 * requests (a poll with its own timeouts) and must still report the response it read.
 */
export function withSinkOf(from: RequestOptions | undefined, into: RequestOptions): RequestOptions {
  const sink = sinkOf(from);
  return sink ? ({ ...into, [SINK]: sink } as RequestOptions) : into;
}

/**
 * The promise every request method returns: await it for the data, as with any promise, or call
 * `.withResponse()` for the data with the response it came from (openai-node's convention).
 */
export class APIPromise<T> extends Promise<T> {
  // `then`/`catch`/`finally` return plain promises: only the call's own promise has the response.
  static override get [Symbol.species]() {
    return Promise;
  }

  readonly #run: Promise<{ data: T; sink: ResponseSink }>;

  constructor(run: Promise<{ data: T; sink: ResponseSink }>) {
    let settle!: { resolve: (value: T) => void; reject: (reason: unknown) => void };
    super((resolve, reject) => {
      settle = { resolve, reject };
    });
    run.then((result) => settle.resolve(result.data), settle.reject);
    this.#run = run;
  }

  /** The data, with the status, headers and request id of the response it was read from. */
  async withResponse(): Promise<WithResponse<T>> {
    this.#handled();
    const { data, sink } = await this.#run;
    const response = answered(sink);
    return { data, response, requestId: response.requestId };
  }

  /**
   * The response as a fetch `Response`: status, headers (secrets redacted) and the body text the
   * SDK read (none for streams and bodiless answers). The call has run in full: the data was read
   * and validated first.
   */
  async asResponse(): Promise<Response> {
    this.#handled();
    const { sink } = await this.#run;
    const info = answered(sink);
    // `Response` takes 200–599 only: a redirect seen as status 0 (a browser's opaque redirect) or
    // a 1xx is reported as the empty 200 it stood for.
    const status = info.status >= 200 && info.status <= 599 ? info.status : 200;
    const body = sink.body === undefined || [204, 205, 304].includes(status) ? null : sink.body;
    return new Response(body, { status, headers: info.headers });
  }

  // A caller who awaits only `withResponse()`/`asResponse()` sees the rejection there: this
  // promise's own must then not count as unhandled. (A call nobody awaits at all still reports.)
  #handled(): void {
    this.catch(() => undefined);
  }
}

function answered(sink: ResponseSink): ResponseInfo {
  const last = sink.last;
  if (!last) {
    throw new TurbokitError("This call was answered without a request (from what the client already held)");
  }
  return { ...last, headers: safeHeaders(last.headers), requestId: requestIdOf(last.headers) };
}

/**
 * Runs one SDK method as an `APIPromise`: `run` receives the caller's options with a response
 * sink attached and must pass them to the request(s) it makes; the response read last is the one
 * `withResponse()` reports.
 */
export function apiPromise<T>(
  options: RequestOptions | undefined,
  run: (options: RequestOptions) => Promise<T>,
): APIPromise<T> {
  // An operation run inside another (a wait's polls) reports into the outer call's sink: the
  // response the outer call read last is then the inner one's, as `withResponse()` promises.
  const outer = sinkOf(options);
  const sink: ResponseSink = outer ?? {};
  const traced = outer ? (options as RequestOptions) : ({ ...options, [SINK]: sink } as RequestOptions);
  return new APIPromise((async () => ({ data: await run(traced), sink }))());
}
