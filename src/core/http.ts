import ky, { HTTPError, isHTTPError, isNetworkError, isTimeoutError, type Options as KyOptions } from "ky";
import type { AuthStrategy } from "../auth/types.js";
import { summarizeErrorBody } from "./error-body.js";
import {
  AbortedError,
  type ApiError,
  apiErrorClassFor,
  ConnectionError,
  InputValidationError,
  ResponseValidationError,
  TimeoutError,
  TurbokitError,
  UnprocessableEntityError,
} from "./errors.js";
import { createLogger, type Logger, type LogLevel } from "./logger.js";
import { parseRateLimit, type RateLimitInfo } from "./rate-limit.js";
import { redactText, safeHeaders } from "./redact.js";
import { type RedirectPolicy, redirectingFetch } from "./redirect.js";
import { buildPath, type PathParams, type Route } from "./routes.js";
import { parseResponse, type Schema } from "./schema.js";
import { sleep } from "./sleep.js";

/** Options every provider client accepts. */
export interface ClientOptions {
  /** Override the provider's base URL (a simulator, a staging host). */
  baseUrl?: string;
  /** How requests are authenticated; each provider documents its default. */
  auth?: AuthStrategy;
  /** Per-attempt timeout for getting a response, ms (default 60 000). */
  timeoutMs?: number;
  /** Deadline for a whole call, retries and backoff included, ms (default 300 000). */
  totalTimeoutMs?: number;
  /** Retries of idempotent requests after transient failures (default 2). */
  maxRetries?: number;
  /** Backoff tuning: first delay, cap per delay, cap on a server-requested delay (ms). */
  retryDelay?: { baseMs?: number; maxMs?: number; maxRetryAfterMs?: number };
  /** A fetch implementation (default: the global one). */
  fetch?: typeof fetch;
  /** Extra headers on every request. */
  headers?: Record<string, string>;
  /** Where log lines go (secrets are scrubbed first); default: nowhere. */
  logger?: Logger;
  /** Lowest level passed to `logger` (default "warn"). */
  logLevel?: LogLevel;
  /** Validate responses against the SDK's schemas (default true). */
  validate?: boolean;
  /** Called after every response with its status and rate-limit headers. */
  onResponse?: (info: ResponseInfo) => void;
  /** Allow plain `http://` to hosts other than loopback (default false). */
  allowInsecureHttp?: boolean;
  /** Largest JSON/text response body read into memory, bytes (default 64 MiB). */
  maxResponseBytes?: number;
}

/** Per-call options. */
export interface RequestOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  totalTimeoutMs?: number;
  maxRetries?: number;
  headers?: Record<string, string>;
}

/** Status, headers and rate-limit state of the response a call read. */
export interface ResponseInfo {
  method: string;
  url: string;
  status: number;
  headers: Headers;
  rateLimit: RateLimitInfo | undefined;
  requestId: string | undefined;
  attempt: number;
}

/** What a provider module tells the core about itself. */
export interface ProviderConfig {
  /** Display name used in messages ("TurbineX"). */
  name: string;
  defaultBaseUrl: string;
  auth: AuthStrategy;
  defaultHeaders?: Record<string, string>;
  /** `"error"`: a 3xx is reported, never followed (login-page redirects). Default "follow". */
  redirects?: RedirectPolicy;
  /** Provider exceptions to the retry rules: return false to never retry this error. */
  retryable?: (error: ApiError) => boolean | undefined;
  /** Turn a generic ApiError into a provider-specific one (capacity, minimum order size…). */
  mapError?: (error: ApiError) => TurbokitError | undefined;
}

/** A query-string value; `undefined` and `null` leave the parameter out. */
export type QueryValue = string | number | boolean | undefined | null;

/** One call through the HTTP client: path parameters, query, body, response schema, options. */
export interface Call<T> {
  params?: PathParams;
  query?: Record<string, QueryValue>;
  json?: unknown;
  body?: BodyInit;
  schema?: Schema<T>;
  /** Send credentials (default true). Public endpoints pass false. */
  auth?: boolean;
  headers?: Record<string, string>;
  options?: RequestOptions | undefined;
}

const RETRY_STATUSES = [408, 429, 500, 502, 503, 504];
const RETRY_AFTER_STATUSES = [408, 429, 503];
const DEFAULTS = {
  timeoutMs: 60_000,
  totalTimeoutMs: 300_000,
  maxRetries: 2,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
  maxResponseBytes: 64 * 1024 * 1024,
};
const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/**
 * The one HTTP path every provider uses: ky underneath for attempts, timeouts and backoff;
 * credentials applied on every attempt; transient failures retried only for routes marked
 * idempotent; one replay after a 401 when the auth strategy says so; errors typed; responses
 * validated.
 */
export class HttpClient {
  readonly baseUrl: string;
  readonly provider: ProviderConfig;
  readonly logger: Logger;
  /** Rate-limit headers of the most recent response, if the server sent any. */
  lastRateLimit: RateLimitInfo | undefined;
  readonly #options: ClientOptions;
  readonly #ky: typeof ky;

  constructor(provider: ProviderConfig, options: ClientOptions = {}) {
    this.provider = provider;
    this.#options = options;
    this.baseUrl = checkBaseUrl(
      options.baseUrl ?? provider.defaultBaseUrl,
      options.allowInsecureHttp === true,
    );
    this.logger = createLogger(options.logger, options.logLevel);
    const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.#ky = ky.create({
      fetch: redirectingFetch(fetchImpl, provider.redirects ?? "follow"),
      throwHttpErrors: true,
      credentials: provider.auth.credentials,
      headers: { Accept: "application/json", ...provider.defaultHeaders, ...options.headers },
    });
  }

  get auth(): AuthStrategy {
    return this.provider.auth;
  }

  /** A JSON response, validated against `call.schema`. */
  async json<T>(route: Route, call: Call<T> & { schema: Schema<T> }): Promise<T> {
    return this.#withDeadline(route, call, async (response, describe) => {
      const text = await this.#readText(response, describe);
      if (looksLikeHtml(text, response.headers.get("content-type"))) {
        throw this.#mapped(
          this.#apiError(response, text, describe, route.method, "HTML response where JSON was expected"),
        );
      }
      let value: unknown;
      try {
        value = text === "" ? undefined : JSON.parse(text);
      } catch {
        throw new ResponseValidationError(`Malformed JSON from ${describe}`, text.slice(0, 2000), [
          { path: [], message: "not valid JSON" },
        ]);
      }
      if (this.#options.validate === false) return value as T;
      return parseResponse(call.schema, value, describe);
    });
  }

  /** A text response (plain-text endpoints). */
  async text(route: Route, call: Call<string> = {}): Promise<string> {
    return this.#withDeadline(route, call, (response, describe) => this.#readText(response, describe));
  }

  /** A response whose body is ignored. */
  async void(route: Route, call: Call<void> = {}): Promise<void> {
    await this.#withDeadline(route, call, async (response) => {
      await response.body?.cancel();
    });
  }

  /**
   * The raw successful response, body unread, for streams (downloads, SSE). Timeouts cover
   * getting the response; the caller's signal keeps governing the body.
   */
  async stream(route: Route, call: Call<unknown> = {}): Promise<Response> {
    return this.#withDeadline(route, call, async (response) => response, { bodyOutlivesDeadline: true });
  }

  /** Fetch an absolute URL the API handed us (a streaming URL), with this client's policies. */
  async streamUrl(
    url: string,
    init: {
      method?: "GET" | "POST";
      auth?: boolean;
      headers?: Record<string, string>;
      options?: RequestOptions;
    },
  ) {
    const method = init.method ?? "GET";
    return this.#withDeadline(
      { method, path: url, idempotent: method === "GET" },
      { auth: init.auth, headers: init.headers, options: init.options },
      async (response) => response,
      { bodyOutlivesDeadline: true, absolute: true },
    );
  }

  async #withDeadline<R>(
    route: Route,
    call: Call<unknown>,
    read: (response: Response, describe: string) => Promise<R>,
    flags: { bodyOutlivesDeadline?: boolean; absolute?: boolean } = {},
  ): Promise<R> {
    const opts = call.options ?? {};
    const url = flags.absolute ? new URL(route.path) : this.#url(route, call);
    const describe = `${this.provider.name} ${route.method} ${url.pathname}`;
    const userSignal = opts.signal;
    if (userSignal?.aborted) throw new AbortedError(`${describe} was aborted`, { cause: userSignal.reason });

    const deadline = new AbortController();
    const totalMs = opts.totalTimeoutMs ?? this.#options.totalTimeoutMs ?? DEFAULTS.totalTimeoutMs;
    const timer = setTimeout(() => deadline.abort(new DeadlineExceeded()), totalMs);
    const signal = userSignal ? AbortSignal.any([userSignal, deadline.signal]) : deadline.signal;
    const done = () => clearTimeout(timer);
    try {
      if (flags.bodyOutlivesDeadline) {
        const response = await this.#send(route, url, call, signal, describe);
        done();
        return await read(response, describe);
      }
      // A body cut off mid-way is a transient failure too: an idempotent read is sent again,
      // within the same retry budget and deadline (a non-idempotent one never is).
      const budget = route.idempotent
        ? (opts.maxRetries ?? this.#options.maxRetries ?? DEFAULTS.maxRetries)
        : 0;
      for (let attempt = 0; ; attempt++) {
        const response = await this.#send(route, url, call, signal, describe);
        try {
          return await read(response, describe);
        } catch (error) {
          if (!(error instanceof BodyReadError) || attempt >= budget) throw error;
          this.logger.warn(`${describe}: body cut off, retry ${attempt + 1}/${budget}`);
          await sleep(this.#backoffMs(attempt + 1), signal);
        }
      }
    } catch (error) {
      throw this.#toTurbokitError(error, describe, { userSignal, deadline: deadline.signal, totalMs });
    } finally {
      done();
    }
  }

  async #send(
    route: Route,
    url: URL,
    call: Call<unknown>,
    signal: AbortSignal,
    describe: string,
  ): Promise<Response> {
    const opts = call.options ?? {};
    const useAuth = call.auth !== false;
    const auth = this.provider.auth;
    const streamingBody = typeof ReadableStream !== "undefined" && call.body instanceof ReadableStream;
    const maxRetries =
      route.idempotent && !streamingBody
        ? (opts.maxRetries ?? this.#options.maxRetries ?? DEFAULTS.maxRetries)
        : 0;

    for (let replayed = false; ; replayed = true) {
      try {
        return await this.#attempts(route, url, call, signal, describe, maxRetries, useAuth);
      } catch (error) {
        // One replay after a 401, when the strategy refreshed (or found a newer token).
        if (
          !replayed &&
          useAuth &&
          !streamingBody &&
          isHTTPError(error) &&
          error.response.status === 401 &&
          auth.onUnauthorized
        ) {
          this.logger.debug(`${describe}: 401, asking auth strategy to refresh`);
          if (await auth.onUnauthorized(error.request, error.response)) continue;
        }
        throw error;
      }
    }
  }

  async #attempts(
    route: Route,
    url: URL,
    call: Call<unknown>,
    signal: AbortSignal,
    describe: string,
    maxRetries: number,
    useAuth: boolean,
  ): Promise<Response> {
    const opts = call.options ?? {};
    const delays = this.#options.retryDelay ?? {};
    const maxRetryAfter = delays.maxRetryAfterMs ?? DEFAULTS.maxRetryAfterMs;
    const auth = this.provider.auth;
    const authorize = async (request: Request) => {
      if (useAuth) await auth.authorize(request);
    };
    const started = Date.now();

    const kyOptions: KyOptions = {
      method: route.method,
      signal,
      timeout: opts.timeoutMs ?? this.#options.timeoutMs ?? DEFAULTS.timeoutMs,
      headers: { ...call.headers, ...opts.headers },
      retry: {
        limit: maxRetries,
        methods: ["get", "head", "put", "delete", "post", "patch", "options"],
        statusCodes: RETRY_STATUSES,
        afterStatusCodes: RETRY_AFTER_STATUSES,
        maxRetryAfter,
        // ky's own backoff is replaced by ours (the same formula serves cut-off bodies above).
        backoffLimit: Number.POSITIVE_INFINITY,
        delay: (attempt) => this.#backoffMs(attempt),
        retryOnTimeout: true,
        shouldRetry: ({ error }) => {
          if (isHTTPError(error) && this.provider.retryable) {
            const verdict = this.provider.retryable(
              this.#apiError(error.response, dataText(error.data), describe, route.method),
            );
            if (verdict === false) return false;
          }
          return undefined;
        },
      },
      hooks: {
        beforeRequest: [({ request }) => authorize(request)],
        beforeRetry: [
          async ({ request, error, retryCount }) => {
            this.logger.warn(`${describe}: retry ${retryCount}/${maxRetries} after ${brief(error)}`);
            await authorize(request);
          },
        ],
        afterResponse: [
          ({ request, response, retryCount }) => {
            if (useAuth) auth.onResponse?.(response, request);
            const rateLimit = parseRateLimit(response.headers);
            if (rateLimit) this.lastRateLimit = rateLimit;
            this.logger.debug(`${describe} → ${response.status} (${Date.now() - started} ms)`);
            this.#options.onResponse?.({
              method: route.method,
              url: url.toString(),
              status: response.status,
              headers: safeHeaders(response.headers),
              rateLimit,
              requestId: response.headers.get("x-request-id") ?? undefined,
              attempt: retryCount + 1,
            });
            // ky reads Retry-After and X-RateLimit-Reset itself; Retry-After-Ms it does not.
            const retryAfterMs = Number(response.headers.get("retry-after-ms"));
            if (
              maxRetries > retryCount &&
              RETRY_AFTER_STATUSES.includes(response.status) &&
              response.headers.has("retry-after-ms") &&
              Number.isFinite(retryAfterMs)
            ) {
              return ky.retry({
                delay: Math.min(Math.max(0, retryAfterMs), maxRetryAfter),
                code: "RETRY_AFTER_MS",
              });
            }
            return undefined;
          },
        ],
      },
    };
    if (call.json !== undefined) kyOptions.json = call.json;
    else if (call.body !== undefined) kyOptions.body = call.body;
    this.logger.debug(`${describe} →`);
    return this.#ky(url, kyOptions);
  }

  /** The delay before retry `attempt` (1-based): exponential, capped, with "equal jitter". */
  #backoffMs(attempt: number): number {
    const delays = this.#options.retryDelay ?? {};
    const delay = Math.min(
      (delays.baseMs ?? DEFAULTS.baseDelayMs) * 2 ** (attempt - 1),
      delays.maxMs ?? DEFAULTS.maxDelayMs,
    );
    return delay / 2 + (Math.random() * delay) / 2;
  }

  #url(route: Route, call: Call<unknown>): URL {
    const url = new URL(this.baseUrl.replace(/\/$/, "") + buildPath(route.path, call.params));
    for (const [key, value] of Object.entries(call.query ?? {})) {
      if (value !== undefined && value !== null) url.searchParams.set(key, String(value));
    }
    return url;
  }

  async #readText(response: Response, describe: string): Promise<string> {
    const max = this.#options.maxResponseBytes ?? DEFAULTS.maxResponseBytes;
    const declared = Number(response.headers.get("content-length"));
    if (Number.isFinite(declared) && declared > max) {
      await response.body?.cancel();
      throw tooLarge(describe, max);
    }
    if (!response.body) return "";
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let size = 0;
    let text = "";
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        size += value.byteLength;
        if (size > max) {
          await reader.cancel();
          throw tooLarge(describe, max);
        }
        text += decoder.decode(value, { stream: true });
      }
    } catch (error) {
      if (error instanceof TurbokitError) throw error;
      throw new BodyReadError(error);
    }
    return text + decoder.decode();
  }

  #apiError(
    response: Response,
    rawBody: string,
    describe: string,
    method: string,
    override?: string,
  ): ApiError {
    const summary = summarizeErrorBody(rawBody, response.headers.get("content-type"));
    const location = response.headers.get("location");
    let detail = override ?? summary.detail;
    if (response.type === "opaqueredirect") {
      detail = "redirect not followed (browser: target hidden)";
    } else if (response.status >= 300 && response.status < 400) {
      detail = `redirect${location ? ` to ${new URL(location, response.url || "http://x").pathname}` : ""} not followed (${summary.detail})`;
    }
    const status = response.status;
    const ErrorClass = apiErrorClassFor(status);
    const init = {
      status,
      statusText: response.statusText,
      headers: response.headers,
      body: summary.body,
      rawBody,
      message: `${describe} failed: ${status}${response.statusText ? ` ${response.statusText}` : ""}: ${detail}`,
      code: summary.code,
      method,
      url: stripQuery(response.url),
      rateLimit: parseRateLimit(response.headers),
    };
    const error =
      ErrorClass === UnprocessableEntityError
        ? new UnprocessableEntityError({ ...init, issues: summary.issues ?? [] })
        : new ErrorClass(init);
    return error;
  }

  /** The provider's specific error for this ApiError, if it has one. */
  #mapped(error: ApiError): TurbokitError {
    return this.provider.mapError?.(error) ?? error;
  }

  #toTurbokitError(
    error: unknown,
    describe: string,
    ctx: { userSignal: AbortSignal | undefined; deadline: AbortSignal; totalMs: number },
  ): TurbokitError {
    if (error instanceof TurbokitError) return error;
    if (error instanceof HTTPError)
      return this.#mapped(
        this.#apiError(error.response, dataText(error.data), describe, error.request.method),
      );
    if (ctx.userSignal?.aborted)
      return new AbortedError(`${describe} was aborted`, { cause: ctx.userSignal.reason });
    if (ctx.deadline.aborted)
      return new TimeoutError(`${describe} exceeded its total timeout of ${ctx.totalMs} ms`);
    if (isTimeoutError(error))
      return new TimeoutError(`${describe} timed out waiting for a response`, { cause: error });
    if (error instanceof BodyReadError) {
      return new ConnectionError(`${describe}: connection lost while reading the response`, {
        cause: error.cause,
      });
    }
    if (isNetworkError(error) || error instanceof TypeError) {
      return new ConnectionError(`${describe}: ${brief(error)}`, { cause: error });
    }
    return new ConnectionError(`${describe}: ${brief(error)}`, { cause: error });
  }
}

class DeadlineExceeded extends Error {
  override name = "DeadlineExceeded";
}

class BodyReadError extends Error {
  constructor(cause: unknown) {
    super("body read failed", { cause });
  }
}

function tooLarge(describe: string, max: number): ResponseValidationError {
  return new ResponseValidationError(
    `${describe}: response body exceeds maxResponseBytes (${max})`,
    undefined,
    [{ path: [], message: `larger than ${max} bytes` }],
  );
}

function dataText(data: unknown): string {
  if (data === undefined || data === null) return "";
  return typeof data === "string" ? data : JSON.stringify(data);
}

function looksLikeHtml(text: string, contentType: string | null): boolean {
  return (contentType?.includes("text/html") ?? false) || /^\s*<(!doctype html|html[\s>])/i.test(text);
}

function stripQuery(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return "";
  }
}

function brief(error: unknown): string {
  if (isHTTPError(error)) return `HTTP ${error.response.status}`;
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : "";
    return redactText(`${error.name}: ${error.message}${cause}`);
  }
  return redactText(String(error));
}

function checkBaseUrl(baseUrl: string, allowInsecure: boolean): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new InputValidationError("baseUrl", "must be an absolute URL");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new InputValidationError("baseUrl", "must use https (or http on loopback)");
  }
  if (url.protocol === "http:" && !allowInsecure && !LOOPBACK.test(url.hostname)) {
    throw new InputValidationError(
      "baseUrl",
      "plain http is only allowed to loopback hosts (set allowInsecureHttp to override)",
    );
  }
  if (url.search || url.hash)
    throw new InputValidationError("baseUrl", "must not contain a query or fragment");
  return url.toString().replace(/\/$/, "");
}

/** Wait helper re-exported for modules that poll. */
export { sleep };
