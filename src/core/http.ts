import ky, { HTTPError, isHTTPError, isNetworkError, isTimeoutError, type Options as KyOptions } from "ky";
import { credentialStep } from "../auth/errors.js";
import type { AuthStrategy } from "../auth/types.js";
import { summarizeErrorBody } from "./error-body.js";
import {
  AbortedError,
  type ApiError,
  apiErrorClassFor,
  ConnectionError,
  ResponseValidationError,
  TimeoutError,
  TurbokitError,
  UnprocessableEntityError,
} from "./errors.js";
import {
  checkBaseUrl,
  checkBody,
  checkClientOptions,
  checkHeaders,
  checkQueryValue,
  checkRequestOptions,
  registerHeaderSecrets,
} from "./http-checks.js";
import { parseJson } from "./json.js";
import { createLogger, type Logger, type LogLevel } from "./logger.js";
import { parseRateLimit, type RateLimitInfo } from "./rate-limit.js";
import { redactText, safeHeaders } from "./redact.js";
import { checkServerUrl, locationPath, type RedirectPolicy, redirectingFetch } from "./redirect.js";
import {
  backoffMs,
  DEFAULT_DELAYS,
  DEFAULT_MAX_RETRIES,
  RETRY_AFTER_STATUSES,
  RETRY_STATUSES,
  RetryBudget,
} from "./retry.js";
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
  /**
   * Retries of idempotent requests after transient failures (default 2, at most 10). One budget
   * per call, shared by HTTP-status retries, dropped connections and bodies cut off mid-way.
   */
  maxRetries?: number;
  /** Backoff tuning: first delay, cap per delay, cap on a server-requested delay (ms). */
  retryDelay?: { baseMs?: number; maxMs?: number; maxRetryAfterMs?: number };
  /** A fetch implementation (default: the global one). */
  fetch?: typeof fetch;
  /**
   * Extra headers on every request (Latin-1 values, no CR/LF). Values of credential headers
   * (Authorization, Cookie, X-Api-Key…) are registered as secrets and scrubbed from errors and logs.
   */
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
  /**
   * Awaited before every attempt (first, each retry, a replay), before the per-attempt timeout
   * starts: a client-side rate limiter takes its slot here, so time spent queued is not a
   * timeout. `signal` aborts with the call (the caller's signal or the total deadline), so
   * `totalTimeoutMs` still bounds the wait.
   */
  beforeAttempt?: (signal: AbortSignal) => void | Promise<void>;
}

/** A query-string value; `undefined` and `null` leave the parameter out. */
export type QueryValue = string | number | boolean | undefined | null;

/** One call through the HTTP client: path parameters, query, body, response schema, options. */
export interface Call<T> {
  params?: PathParams;
  query?: Record<string, QueryValue>;
  json?: unknown;
  /** A raw body. Not a FormData: frame one with `formDataBody` (see `checkBody`). */
  body?: Exclude<BodyInit, FormData>;
  schema?: Schema<T>;
  /** Send credentials (default true). Public endpoints pass false. */
  auth?: boolean;
  headers?: Record<string, string>;
  options?: RequestOptions | undefined;
  /**
   * The response carries secrets (credentials): when it is malformed or fails validation, the
   * error keeps no `raw` copy of it.
   */
  sensitive?: boolean;
}

const DEFAULTS = {
  timeoutMs: 60_000,
  totalTimeoutMs: 300_000,
  maxResponseBytes: 64 * 1024 * 1024,
};

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
  /**
   * What `core/download.ts` needs to fetch a storage URL outside the API's pipeline (no API
   * headers, no credentials): the caller's fetch, the insecure-http opt-in and the per-attempt timeout.
   */
  readonly transport: { fetch: typeof fetch; allowInsecureHttp: boolean; timeoutMs: number };

  constructor(provider: ProviderConfig, options: ClientOptions = {}) {
    checkClientOptions(options);
    checkHeaders(provider.defaultHeaders, "defaultHeaders");
    registerHeaderSecrets(provider.defaultHeaders);
    registerHeaderSecrets(options.headers);
    this.provider = provider;
    this.#options = options;
    this.baseUrl = checkBaseUrl(
      options.baseUrl ?? provider.defaultBaseUrl,
      options.allowInsecureHttp === true,
    );
    this.logger = createLogger(options.logger, options.logLevel);
    const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    const allowInsecureHttp = options.allowInsecureHttp === true;
    this.transport = {
      fetch: fetchImpl,
      allowInsecureHttp,
      timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
    };
    this.#ky = ky.create({
      fetch: redirectingFetch(fetchImpl, provider.redirects ?? "follow", { allowInsecureHttp }),
      throwHttpErrors: true,
      credentials: provider.auth.credentials,
      headers: { Accept: "application/json", ...provider.defaultHeaders, ...options.headers },
      // ky hands an error body to HTTPError.data parsed when it is labelled JSON, and as
      // `undefined` when that parse fails. Keep error bodies as the text received instead: it is
      // the raw body errors promise, and a truncated JSON body keeps its text. Success bodies
      // are read by this client itself, so their parsing is unchanged.
      parseJson: (text, { response }) => (response.ok ? parseJson(text) : text),
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
        value = text === "" ? undefined : parseJson(text);
      } catch {
        const raw = call.sensitive ? undefined : text.slice(0, 2000);
        throw new ResponseValidationError(`Malformed JSON from ${describe}`, raw, [
          { path: [], message: "not valid JSON" },
        ]);
      }
      if (this.#options.validate === false) return value as T;
      try {
        return parseResponse(call.schema, value, describe);
      } catch (error) {
        // A credentials answer of an unexpected shape must not carry the credentials along.
        if (!call.sensitive || !(error instanceof ResponseValidationError)) throw error;
        throw new ResponseValidationError(error.message, undefined, error.issues);
      }
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
    checkRequestOptions(call.options);
    checkHeaders(call.headers);
    checkBody(call.body);
    const opts = call.options ?? {};
    registerHeaderSecrets(call.headers);
    registerHeaderSecrets(opts.headers);
    const url = flags.absolute
      ? checkServerUrl(route.path, this.baseUrl, {
          allowInsecureHttp: this.transport.allowInsecureHttp,
          what: "URL from the server",
        })
      : this.#url(route, call);
    const describe = `${this.provider.name} ${route.method} ${url.pathname}`;
    const userSignal = opts.signal;
    if (userSignal?.aborted) throw new AbortedError(`${describe} was aborted`, { cause: userSignal.reason });

    const deadline = new AbortController();
    const totalMs = opts.totalTimeoutMs ?? this.#options.totalTimeoutMs ?? DEFAULTS.totalTimeoutMs;
    const timer = setTimeout(() => deadline.abort(new DeadlineExceeded()), totalMs);
    const signal = userSignal ? AbortSignal.any([userSignal, deadline.signal]) : deadline.signal;
    const done = () => clearTimeout(timer);
    // Only an idempotent request is ever sent twice, and never one whose body is a stream: it
    // was consumed by the first attempt (and ky would buffer all of it to keep a copy).
    const budget = new RetryBudget(
      route.idempotent && !isStreamingBody(call)
        ? (opts.maxRetries ?? this.#options.maxRetries ?? DEFAULT_MAX_RETRIES)
        : 0,
    );
    try {
      if (flags.bodyOutlivesDeadline) {
        const response = await this.#send(route, url, call, signal, describe, budget);
        done();
        return await read(response, describe);
      }
      // A body cut off mid-way is a transient failure too: sent again within the same budget
      // (ky's retries of this call count against it) and the same deadline.
      for (;;) {
        const response = await this.#send(route, url, call, signal, describe, budget);
        try {
          return await read(response, describe);
        } catch (error) {
          if (!(error instanceof BodyReadError) || !budget.take()) throw error;
          this.logger.warn(`${describe}: body cut off, retry ${budget.used}/${budget.limit}`);
          await sleep(this.#backoffMs(budget.used), signal);
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
    budget: RetryBudget,
  ): Promise<Response> {
    const useAuth = call.auth !== false;
    const auth = this.provider.auth;
    const streamingBody = isStreamingBody(call);

    for (let replayed = false; ; replayed = true) {
      try {
        return await this.#attempts(route, url, call, signal, describe, budget, useAuth);
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
          const onUnauthorized = auth.onUnauthorized.bind(auth, error.request, error.response);
          if (await credentialStep(describe, onUnauthorized)) continue;
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
    budget: RetryBudget,
    useAuth: boolean,
  ): Promise<Response> {
    const opts = call.options ?? {};
    const maxRetryAfter = this.#options.retryDelay?.maxRetryAfterMs ?? DEFAULT_DELAYS.maxRetryAfterMs;
    const auth = this.provider.auth;
    // Runs in ky's beforeRequest/beforeRetry hooks, which ky calls before it starts the
    // per-attempt timeout (that one wraps fetch only): waiting for a rate-limiter slot or a
    // token refresh here never turns into a TimeoutError.
    const prepare = async (request: Request) => {
      await this.provider.beforeAttempt?.(signal);
      if (useAuth) await credentialStep(describe, () => auth.authorize(request));
    };
    // A Retry-After-Ms the server sent with the error being retried (ky does not read it).
    let serverDelayMs: number | undefined;
    const started = Date.now();

    const kyOptions: KyOptions = {
      method: route.method,
      signal,
      timeout: opts.timeoutMs ?? this.#options.timeoutMs ?? DEFAULTS.timeoutMs,
      headers: { ...call.headers, ...opts.headers },
      retry: {
        // What is left of the call's budget (a cut-off body or an earlier 401 round used some).
        limit: budget.remaining,
        methods: ["get", "head", "put", "delete", "post", "patch", "options"],
        statusCodes: [...RETRY_STATUSES],
        afterStatusCodes: [...RETRY_AFTER_STATUSES],
        maxRetryAfter,
        // ky's own backoff is replaced by ours (the same formula serves cut-off bodies), numbered
        // across the whole call.
        backoffLimit: Number.POSITIVE_INFINITY,
        delay: () => serverDelayMs ?? this.#backoffMs(budget.used + 1),
        retryOnTimeout: true,
        shouldRetry: ({ error }) => {
          serverDelayMs = undefined;
          if (!isHTTPError(error)) return undefined;
          // The provider's veto comes first, whatever delay the server asked for.
          if (this.provider.retryable) {
            const verdict = this.provider.retryable(
              this.#apiError(error.response, dataText(error.data), describe, route.method),
            );
            if (verdict === false) return false;
          }
          serverDelayMs = retryAfterMsHeader(error.response, maxRetryAfter);
          // `true` makes ky use `delay` above (it would otherwise prefer Retry-After).
          return serverDelayMs === undefined ? undefined : true;
        },
      },
      hooks: {
        beforeRequest: [({ request }) => prepare(request)],
        beforeRetry: [
          async ({ request, error }) => {
            budget.take();
            this.logger.warn(`${describe}: retry ${budget.used}/${budget.limit} after ${brief(error)}`);
            await prepare(request);
          },
        ],
        afterResponse: [
          async ({ request, response }) => {
            if (useAuth && auth.onResponse) {
              await credentialStep(describe, () => auth.onResponse?.(response, request));
            }
            const rateLimit = parseRateLimit(response.headers);
            if (rateLimit) this.lastRateLimit = rateLimit;
            this.logger.debug(`${describe} → ${response.status} (${Date.now() - started} ms)`);
            const info: ResponseInfo = {
              method: route.method,
              url: url.toString(),
              status: response.status,
              headers: safeHeaders(response.headers),
              rateLimit,
              requestId: response.headers.get("x-request-id") ?? undefined,
              attempt: budget.used + 1,
            };
            try {
              this.#options.onResponse?.(info);
            } catch (error) {
              throw new TurbokitError(`${describe}: the onResponse callback threw: ${brief(error)}`, {
                cause: error,
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

  /** The delay before retry `retry` of a call (1-based). */
  #backoffMs(retry: number): number {
    return backoffMs(retry, this.#options.retryDelay);
  }

  #url(route: Route, call: Call<unknown>): URL {
    const url = new URL(this.baseUrl.replace(/\/$/, "") + buildPath(route.path, call.params));
    for (const [key, value] of Object.entries(call.query ?? {})) {
      checkQueryValue(key, value);
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
      detail = `redirect${location ? ` to ${locationPath(location, response.url)}` : ""} not followed (${summary.detail})`;
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
    // fetch rejects with a TypeError when the network fails (ky wraps the messages it knows).
    // Bad options no longer get this far (they are checked up front), so a TypeError here is
    // a connection that did not happen.
    if (isNetworkError(error) || error instanceof TypeError) {
      return new ConnectionError(`${describe}: ${brief(error)}`, { cause: error });
    }
    // Anything else (a custom fetch's own error, say) is not evidence of a network problem.
    return new TurbokitError(`${describe} failed: ${brief(error)}`, { cause: error });
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

/**
 * The error body ky read into HTTPError.data: the text as received (see `parseJson` in the
 * constructor), or `undefined` when ky did not read it (over 10 MiB, or too slow).
 */
function dataText(data: unknown): string {
  if (data === undefined || data === null) return "";
  return typeof data === "string" ? data : JSON.stringify(data);
}

/** `Retry-After-Ms` on a status that carries a server delay, capped; ky reads the other headers itself. */
function retryAfterMsHeader(response: Response, cap: number): number | undefined {
  const value = response.headers.get("retry-after-ms");
  if (value === null || !RETRY_AFTER_STATUSES.includes(response.status)) return undefined;
  const ms = Number(value);
  return value.trim() !== "" && Number.isFinite(ms) ? Math.min(Math.max(0, ms), cap) : undefined;
}

function isStreamingBody(call: Call<unknown>): boolean {
  return typeof ReadableStream !== "undefined" && call.body instanceof ReadableStream;
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

/** Wait helper re-exported for modules that poll. */
export { sleep };
