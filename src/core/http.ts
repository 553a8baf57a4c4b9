import ky, {
  HTTPError,
  isForceRetryError,
  isHTTPError,
  isNetworkError,
  isTimeoutError,
  type Options as KyOptions,
  NetworkError,
} from "ky";
import { credentialStep } from "../auth/errors.js";
import type { AuthStrategy } from "../auth/types.js";
import { type ResponseSink, sinkOf } from "./api-promise.js";
import { summarizeErrorBody } from "./error-body.js";
import {
  AbortedError,
  AcceptedWriteError,
  type ApiError,
  apiErrorClassFor,
  ConnectionError,
  ResponseValidationError,
  requestIdOf,
  TimeoutError,
  TurbokitError,
  UnprocessableEntityError,
  type ValidationIssue,
} from "./errors.js";
import { FAIL, tryFastParse } from "./fast-parse.js";
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
import { isSecretName, redactText, registerSecret, safeHeaders } from "./redact.js";
import {
  checkServerUrl,
  locationPath,
  type RedirectPolicy,
  redirectingFetch,
  withoutCredentials,
} from "./redirect.js";
import {
  type AttemptFailure,
  DEFAULT_MAX_RETRIES,
  RETRY_AFTER_STATUSES,
  RETRY_STATUSES,
  RetryBudget,
} from "./retry.js";
import { buildPath, type PathParams, type Route } from "./routes.js";
import { describeIssues, type MiniIssue, type Schema, toValidationIssues } from "./schema.js";
import { sleep } from "./sleep.js";

/** Options every provider client accepts. */
export interface ClientOptions {
  /** Override the provider's base URL (a simulator, a staging host). */
  baseUrl?: string;
  /** How requests are authenticated; each provider documents its default. */
  auth?: AuthStrategy;
  /**
   * Per-attempt timeout, ms (default 60 000): getting the response and, for JSON and text calls,
   * reading all of its body (a body trickled slower than this fails the attempt, which is retried
   * when the request is idempotent). Streams (downloads, live output) are timed until their
   * headers arrive; their body is governed by the caller's signal.
   */
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
  /**
   * Validate responses against the SDK's schemas (default true). `"warn"`: a response of an
   * unexpected shape is logged (warn) and returned as received. Each call may override it.
   */
  validate?: ValidateLevel;
  /** Called after every response with its status and rate-limit headers. */
  onResponse?: (info: ResponseInfo) => void;
  /** Allow plain `http://` to hosts other than loopback (default false). */
  allowInsecureHttp?: boolean;
  /** Largest JSON/text response body read into memory, bytes (default 64 MiB). */
  maxResponseBytes?: number;
}

/** How strictly a response is checked: `true` (throw on a mismatch), `false`, or `"warn"` (log and return it). */
export type ValidateLevel = boolean | "warn";

/** Per-call options. */
export interface RequestOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  totalTimeoutMs?: number;
  maxRetries?: number;
  headers?: Record<string, string>;
  /** This call's response validation (default: the client's `validate`). */
  validate?: ValidateLevel;
  /**
   * Progress of the request body as it is sent (uploads). Reported where the runtime can stream a
   * request body (Node, Deno, Chromium); elsewhere the body is sent whole without reports.
   */
  onUploadProgress?: (progress: UploadProgress) => void;
}

/** How much of a request body has been sent. */
export interface UploadProgress {
  /** Bytes sent so far. */
  transferredBytes: number;
  /** The body's size, when known before sending. */
  totalBytes: number | undefined;
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
  /**
   * Provider exceptions to the retry rules, declared here rather than looped over in the
   * provider: return false for a status the core calls transient that is not (Lyceum's
   * VM-capacity 500).
   */
  retryable?: (error: ApiError) => boolean | undefined;
  /**
   * A refusal proving the server did nothing with the request (the exchange's 409
   * NONCE_ALREADY_USED): the request is sent once more as it is, even when not idempotent.
   */
  replayOnce?: (error: ApiError) => boolean;
  /**
   * Turn a generic ApiError into a provider-specific one (capacity, minimum order size…); `route`
   * is the route table entry that was called (a 403 may mean one thing on one route only).
   */
  mapError?: (error: ApiError, route: Route) => TurbokitError | undefined;
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
   * error keeps no `raw` copy of it (a write's `AcceptedWriteError.reveal()` still returns it).
   */
  sensitive?: boolean;
  /**
   * A JSON body built anew for every attempt (a signed envelope whose nonce the server spends
   * once it reads it), instead of `json`: `attempt` counts from 1, `signal` is the call's. Whether
   * the call is retried is still the route's `idempotent` (a signed read-only query: `query: true`).
   */
  perAttemptJson?: (attempt: number, signal: AbortSignal) => unknown;
}

const DEFAULTS = {
  timeoutMs: 60_000,
  totalTimeoutMs: 300_000,
  maxResponseBytes: 64 * 1024 * 1024,
};

/** Every method: whether a call may be retried is decided per call (`Attempts.budget`), not by ky's method list. */
const ALL_METHODS = ["get", "head", "put", "delete", "post", "patch", "options"];

/** What an attempt reads before ky sees the response: the whole text, nothing, or nothing yet (a stream). */
type BodyMode = "text" | "void" | "stream";

/**
 * One call's state, handed to ky as an extra option: ky forwards options it does not know to
 * `fetch` and shows them to hooks, so the client's fetch and hooks (built once per client) read
 * it there instead of being rebuilt as closures on every call.
 */
interface Attempts {
  readonly describe: string;
  readonly route: Route;
  readonly body: BodyMode;
  readonly useAuth: boolean;
  /** The URL (handed over by the server) is on another origin: no credential-like header goes. */
  readonly foreign: boolean;
  readonly streamingBody: boolean;
  readonly budget: RetryBudget;
  /** The call's signal: the caller's, joined with the total deadline. */
  readonly signal: AbortSignal;
  readonly perAttemptJson: Call<unknown>["perAttemptJson"];
  /** Where `apiPromise` collects the response this call read (for `withResponse()`). */
  readonly sink: ResponseSink | undefined;
  /** The answer holds secrets (`Call.sensitive`): its body is not kept for `asResponse()`. */
  readonly sensitive: boolean;
  /** Requests sent so far (1 = the first attempt). */
  sent: number;
  /** The request the last attempt sent (the one its credentials were set on). */
  lastSent: Request | undefined;
  /** The body of the successful response, read by the attempt that got it ("" for none). */
  text: string;
  /** The wait ky takes before the retry it is about to make. */
  nextDelayMs: number;
  replayedAfter401: boolean;
  replayedOnce: boolean;
  readonly started: number;
}

/** The key under which ky carries `Attempts` to fetch and hooks. */
const STATE = "turbokitAttempts";
type WithState = { [STATE]?: Attempts };
const stateOf = (options: unknown): Attempts | undefined => (options as WithState | undefined)?.[STATE];

/**
 * The one HTTP path every provider uses, and one attempt loop: ky's. Per attempt, ky's hooks set
 * credentials (under the call's signal), the client's fetch reads the body within the attempt's
 * timeout, ky retries what `RetryBudget` calls transient (idempotent routes only) and replays once
 * after a 401 the auth strategy recovered from (`ky.retry()` from `afterResponse`). Errors are
 * typed; responses validated.
 */
export class HttpClient {
  readonly baseUrl: string;
  readonly provider: ProviderConfig;
  readonly logger: Logger;
  /** Rate-limit headers of the most recent response, if the server sent any. */
  lastRateLimit: RateLimitInfo | undefined;
  readonly #options: ClientOptions;
  readonly #ky: typeof ky;
  /** Debug lines are composed only when a logger takes them (they are per request). */
  readonly #debug: boolean;
  /** Whether ky clones responses (for the afterResponse hook). */
  readonly #cloned: boolean;
  /**
   * What `core/download.ts` needs to fetch a storage URL outside the API's pipeline (no API
   * headers, no credentials): the caller's fetch, the insecure-http opt-in and the per-attempt timeout.
   */
  readonly transport: {
    /** The caller's `fetch` (or the runtime's). */
    fetch: typeof fetch;
    /** `ClientOptions.allowInsecureHttp`. */
    allowInsecureHttp: boolean;
    /** The client's per-attempt timeout. */
    timeoutMs: number;
  };

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
    this.#debug = options.logger !== undefined && options.logLevel === "debug";
    const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    const allowInsecureHttp = options.allowInsecureHttp === true;
    this.transport = {
      fetch: fetchImpl,
      allowInsecureHttp,
      timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
    };
    const send = redirectingFetch(fetchImpl, provider.redirects ?? "follow", { allowInsecureHttp });
    const auth = provider.auth;
    this.#cloned = auth.onUnauthorized !== undefined;
    // Built once per client: ky reads the call's state from its options (see `Attempts`).
    this.#ky = ky.create({
      fetch: (input, init) => this.#fetch(send, input as Request, stateOf(init)),
      throwHttpErrors: true,
      credentials: auth.credentials,
      headers: { Accept: "application/json", ...provider.defaultHeaders, ...options.headers },
      // ky hands an error body to HTTPError.data parsed when it is labelled JSON, and as
      // `undefined` when that parse fails. Keep error bodies as the text received instead: it is
      // the raw body errors promise, and a truncated JSON body keeps its text. (Success bodies
      // are read by `#fetch`.)
      parseJson: (text) => text,
      hooks: {
        beforeRequest: [({ request, options }) => this.#prepare(request, stateOf(options))],
        beforeRetry: [
          ({ request, options, error }) => {
            const state = stateOf(options);
            if (state && !isForceRetryError(error)) {
              const { used, limit } = state.budget;
              this.logger.warn(`${state.describe}: retry ${used}/${limit} after ${brief(error)}`);
            }
            return this.#prepare(request, state);
          },
        ],
        // Only a strategy that can recover from a 401 needs to see responses here (each
        // afterResponse hook costs ky a response clone).
        afterResponse: auth.onUnauthorized
          ? [({ response, options }) => this.#afterUnauthorized(response, stateOf(options))]
          : [],
      },
    });
  }

  get auth(): AuthStrategy {
    return this.provider.auth;
  }

  /** A JSON response, validated against `call.schema` (see `RequestOptions.validate`). */
  async json<T>(route: Route, call: Call<T> & { schema: Schema<T> }): Promise<T> {
    const { response, describe, text } = await this.#call(route, call, "text");
    // A write the server accepted (2xx) whose answer cannot be read must not look like a failure
    // to send: the error says it was accepted and keeps what came back.
    const accepted = !route.idempotent;
    const unreadable = (detail: string, value: unknown, issues: ValidationIssue[]) =>
      accepted
        ? new AcceptedWriteError({
            describe,
            status: response.status,
            detail,
            received: value,
            issues,
            sensitive: call.sensitive === true,
          })
        : undefined;
    if (looksLikeHtml(text, response.headers.get("content-type"))) {
      const detail = "HTML response where JSON was expected";
      throw (
        unreadable(detail, text, [{ path: [], message: "HTML, not JSON" }]) ??
        this.#mapped(this.#apiError(response, text, describe, route.method, detail), route)
      );
    }
    let value: unknown;
    try {
      value = text === "" ? undefined : parseJson(text);
    } catch (error) {
      // parseJson says why (not JSON, or nested too deep): keep its reason.
      const issues: ValidationIssue[] =
        error instanceof ResponseValidationError ? error.issues : [{ path: [], message: "not valid JSON" }];
      const reason = error instanceof ResponseValidationError ? error.message : "Malformed JSON";
      throw (
        unreadable(issues[0]?.message ?? "not valid JSON", text, issues) ??
        new ResponseValidationError(
          `${reason} from ${describe}`,
          call.sensitive ? undefined : text.slice(0, 2000),
          issues,
        )
      );
    }
    const level = call.options?.validate ?? this.#options.validate ?? true;
    if (level === false) return value as T;
    const fast = tryFastParse(call.schema, value);
    if (fast !== FAIL) return fast as T;
    const result = call.schema.safeParse(value);
    if (result.success) return result.data;
    const issues = toValidationIssues(result.error.issues as readonly MiniIssue[]);
    if (level === "warn") {
      this.logger.warn(
        `Unexpected response from ${describe} (returned unvalidated): ${describeIssues(issues)}`,
      );
      return value as T;
    }
    throw (
      unreadable(`its shape is not the expected one: ${describeIssues(issues)}`, value, issues) ??
      // A credentials answer of an unexpected shape must not carry the credentials along.
      new ResponseValidationError(
        `Unexpected response from ${describe}: ${describeIssues(issues)}`,
        call.sensitive ? undefined : value,
        issues,
      )
    );
  }

  /** A text response (plain-text endpoints). */
  async text(route: Route, call: Call<string> = {}): Promise<string> {
    return (await this.#call(route, call, "text")).text;
  }

  /** A response whose body is ignored. */
  async void(route: Route, call: Call<void> = {}): Promise<void> {
    await this.#call(route, call, "void");
  }

  /**
   * The raw successful response, body unread, for streams (downloads, SSE). Timeouts cover
   * getting the response; the caller's signal keeps governing the body.
   */
  async stream(route: Route, call: Call<unknown> = {}): Promise<Response> {
    return (await this.#call(route, call, "stream")).response;
  }

  /**
   * The body of a response got from `stream()`, read whole under the client's `maxResponseBytes`
   * (for a caller that needed the response's headers before its body, e.g. its cookies).
   */
  readText(response: Response, describe: string): Promise<string> {
    return this.#readText(response, describe);
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
    const absolute = checkServerUrl(url, this.baseUrl, {
      allowInsecureHttp: this.transport.allowInsecureHttp,
      what: "URL from the server",
    });
    registerUrlSecrets(absolute);
    const { response } = await this.#call(
      { method, path: url, idempotent: method === "GET" },
      { auth: init.auth, headers: init.headers, options: init.options },
      "stream",
      absolute,
    );
    return response;
  }

  /** One call: checks, the total deadline, ky's attempt loop, typed errors. */
  async #call(
    route: Route,
    call: Call<unknown>,
    body: BodyMode,
    absolute?: URL,
  ): Promise<{ response: Response; describe: string; text: string }> {
    checkRequestOptions(call.options);
    checkHeaders(call.headers);
    checkBody(call.body);
    const opts = call.options ?? {};
    registerHeaderSecrets(call.headers);
    registerHeaderSecrets(opts.headers);
    const url = absolute ?? this.#url(route, call);
    const describe = `${this.provider.name} ${route.method} ${url.pathname}`;
    const userSignal = opts.signal;
    if (userSignal?.aborted) throw new AbortedError(`${describe} was aborted`, { cause: userSignal.reason });

    const deadline = new AbortController();
    const totalMs = opts.totalTimeoutMs ?? this.#options.totalTimeoutMs ?? DEFAULTS.totalTimeoutMs;
    const timer = setTimeout(() => deadline.abort(new DeadlineExceeded()), totalMs);
    const signal = userSignal ? AbortSignal.any([userSignal, deadline.signal]) : deadline.signal;
    const streamingBody = isStreamingBody(call);
    // Only an idempotent request is ever sent again after a transient failure, and never one
    // whose body is a stream: the first attempt consumed it (and ky would buffer all of it to
    // keep a copy, so such a call gets no retry limit at all, not even for a 401 replay).
    const budget = new RetryBudget(
      route.idempotent && !streamingBody
        ? (opts.maxRetries ?? this.#options.maxRetries ?? DEFAULT_MAX_RETRIES)
        : 0,
      this.#options.retryDelay,
    );
    const foreign = absolute !== undefined && absolute.origin !== new URL(this.baseUrl).origin;
    const useAuth = call.auth !== false && !foreign;
    const state: Attempts = {
      describe,
      route,
      body,
      useAuth,
      foreign,
      streamingBody,
      budget,
      signal,
      perAttemptJson: call.perAttemptJson,
      sink: sinkOf(opts),
      sensitive: call.sensitive === true,
      sent: 0,
      lastSent: undefined,
      text: "",
      nextDelayMs: 0,
      replayedAfter401: false,
      replayedOnce: false,
      started: Date.now(),
    };
    const replays =
      (useAuth && this.provider.auth.onUnauthorized ? 1 : 0) + (this.provider.replayOnce ? 1 : 0);
    const kyOptions: KyOptions & WithState = {
      method: route.method,
      signal,
      timeout: opts.timeoutMs ?? this.#options.timeoutMs ?? DEFAULTS.timeoutMs,
      retry: {
        limit: streamingBody ? 0 : budget.limit + replays,
        methods: ALL_METHODS,
        backoffLimit: Number.POSITIVE_INFINITY,
        delay: () => state.nextDelayMs,
        // Every failure goes through the one decision (`RetryBudget`), so ky's own status list,
        // Retry-After reading and method rules never disagree with ours.
        shouldRetry: ({ error }) => this.#shouldRetry(error, state),
      },
      [STATE]: state,
    };
    const headers = call.headers || opts.headers ? { ...call.headers, ...opts.headers } : undefined;
    if (call.perAttemptJson) kyOptions.headers = { "content-type": "application/json", ...headers };
    else if (headers) kyOptions.headers = headers;
    const onUpload = opts.onUploadProgress;
    if (onUpload) {
      kyOptions.onUploadProgress = ({ transferredBytes, totalBytes }) =>
        onUpload({ transferredBytes, totalBytes: totalBytes > 0 ? totalBytes : undefined });
    }
    if (call.json !== undefined) kyOptions.json = call.json;
    else if (call.body !== undefined) kyOptions.body = call.body;
    if (this.#debug) this.logger.debug(`${describe} →`);
    try {
      const response = await this.#ky(url, kyOptions);
      return { response, describe, text: state.text };
    } catch (error) {
      throw this.#toTurbokitError(error, describe, { route, userSignal, deadline: deadline.signal, totalMs });
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Before every attempt (ky's beforeRequest and beforeRetry hooks, which ky runs before the
   * per-attempt timeout starts): a rate-limiter slot, then credentials, both under the call's
   * signal (the caller's and the total deadline) — so waiting for a slot or a token refresh is
   * never a per-attempt TimeoutError, and never outlives the call. A body built per attempt (a
   * signed envelope with a fresh nonce) is built last, after the wait.
   */
  async #prepare(request: Request, state: Attempts | undefined): Promise<Request | undefined> {
    if (!state) return undefined;
    // After a timed-out attempt ky aborted the signal the next request still carries (it renews
    // it only after these hooks): wait under the call's own signal instead.
    const fresh = request.signal.aborted && !state.signal.aborted;
    const target = fresh ? new Request(request, { signal: state.signal }) : request;
    try {
      await this.provider.beforeAttempt?.(target.signal);
      if (state.useAuth) {
        const auth = this.provider.auth;
        await credentialStep(state.describe, () => auth.authorize(target));
      }
      // The client's own headers (and any the caller added) may hold credentials for the API.
      if (state.foreign) return new Request(target, { headers: withoutCredentials(target.headers) });
      if (state.perAttemptJson) {
        const build = state.perAttemptJson;
        const json = await credentialStep(state.describe, () => build(state.sent + 1, target.signal));
        return new Request(target, { body: JSON.stringify(json) });
      }
      return fresh ? target : undefined;
    } catch (error) {
      // The caller left (abort, total deadline) while a step waited: that is the outcome.
      throw state.signal.aborted ? state.signal.reason : error;
    }
  }

  /**
   * The attempt itself, as ky's `fetch`: send (following redirects by policy), tell the auth
   * strategy and the caller about the response, and for a successful JSON/text call read the
   * whole body here — inside ky's per-attempt timeout, so `timeoutMs` covers a body trickled
   * byte by byte, and a body cut off mid-way is a connection failure ky retries like any other
   * (idempotent calls, same budget).
   */
  async #fetch(send: typeof fetch, request: Request, state: Attempts | undefined): Promise<Response> {
    if (state) {
      state.sent++;
      state.lastSent = request;
    }
    const response = await send(request);
    try {
      this.#observe(request, response, state);
    } catch (error) {
      await response.body?.cancel().catch(() => undefined);
      throw error;
    }
    if (!state || state.body === "stream" || !response.ok) return response;
    let text = "";
    try {
      if (state.body === "void") await response.body?.cancel();
      else text = await this.#readText(response, state.describe);
    } catch (error) {
      if (error instanceof TurbokitError) throw error;
      if (request.signal.aborted) throw request.signal.reason;
      throw new NetworkError(request, { cause: new BodyReadError(error) });
    }
    // ky clones the response for an afterResponse hook, which a consumed body cannot be: hand it
    // a bodiless copy then (only clients whose auth can recover from a 401 have such a hook).
    const read = this.#cloned
      ? new Response(null, {
          status: response.status,
          statusText: response.statusText,
          headers: response.headers,
        })
      : response;
    state.text = text;
    if (state.sink && !state.sensitive) state.sink.body = text;
    return read;
  }

  /** Every response: cookies to the auth strategy, rate-limit headers, the caller's callback. */
  #observe(request: Request, response: Response, state: Attempts | undefined): void {
    const auth = this.provider.auth;
    if (state?.useAuth && auth.onResponse) auth.onResponse(response, request);
    const rateLimit = parseRateLimit(response.headers);
    if (rateLimit) this.lastRateLimit = rateLimit;
    if (!state) return;
    if (this.#debug)
      this.logger.debug(`${state.describe} → ${response.status} (${Date.now() - state.started} ms)`);
    const sink = state.sink;
    if (sink) {
      // Kept raw: `withResponse()` redacts it only if someone asks (most calls never do).
      sink.last = {
        method: state.route.method,
        url: request.url,
        status: response.status,
        headers: response.headers,
        rateLimit,
        attempt: state.sent,
      };
      sink.body = undefined;
    }
    const onResponse = this.#options.onResponse;
    if (!onResponse) return;
    const info: ResponseInfo = {
      method: state.route.method,
      url: request.url,
      status: response.status,
      headers: safeHeaders(response.headers),
      rateLimit,
      requestId: requestIdOf(response.headers),
      attempt: state.sent,
    };
    try {
      onResponse(info);
    } catch (error) {
      throw new TurbokitError(`${state.describe}: the onResponse callback threw: ${brief(error)}`, {
        cause: error,
      });
    }
  }

  /**
   * A 401 to a request this client authorized: the strategy refreshes (or finds a newer token)
   * and ky replays the request once (`ky.retry()`), credentials set again by `#prepare`.
   */
  async #afterUnauthorized(response: Response, state: Attempts | undefined) {
    const auth = this.provider.auth;
    if (response.status !== 401 || !state?.useAuth || state.replayedAfter401 || !auth.onUnauthorized) return;
    const sent = state.lastSent;
    // A streamed upload cannot be sent again (and ky was given no retry limit for it).
    if (!sent || state.streamingBody) return;
    this.logger.debug(`${state.describe}: 401, asking auth strategy to refresh`);
    const onUnauthorized = auth.onUnauthorized.bind(auth, sent, response);
    let replay: boolean;
    try {
      replay = await credentialStep(state.describe, onUnauthorized);
    } catch (error) {
      throw state.signal.aborted ? state.signal.reason : error;
    }
    if (!replay) return;
    state.replayedAfter401 = true;
    return ky.retry({ delay: 0 });
  }

  /** ky's `shouldRetry`: every failure of every attempt is decided here (see `RetryBudget`). */
  #shouldRetry(error: Error, state: Attempts): boolean {
    if (state.signal.aborted) return false;
    let failure: AttemptFailure;
    if (isHTTPError(error)) {
      const response = error.response;
      const status = response.status;
      if (this.provider.replayOnce && !state.replayedOnce) {
        if (
          this.provider.replayOnce(
            this.#apiError(response, dataText(error.data), state.describe, state.route.method),
          )
        ) {
          state.replayedOnce = true;
          state.nextDelayMs = 0;
          return true;
        }
      }
      const retryable = this.provider.retryable;
      const vetoed =
        retryable !== undefined &&
        RETRY_STATUSES.includes(status) &&
        retryable(this.#apiError(response, dataText(error.data), state.describe, state.route.method)) ===
          false;
      const rateLimit = parseRateLimit(response.headers, Date.now(), RETRY_AFTER_STATUSES.includes(status));
      failure = { kind: "status", status, retryAfterMs: rateLimit?.retryAfterMs, vetoed };
    } else if (isTimeoutError(error)) failure = { kind: "timeout" };
    else if (isNetworkError(error)) failure = { kind: "connection" };
    else failure = { kind: "other" };
    const wait = state.budget.next(failure);
    if (wait === undefined) return false;
    state.nextDelayMs = wait;
    return true;
  }

  #url(route: Route, call: Call<unknown>): URL {
    const url = new URL(this.baseUrl.replace(/\/$/, "") + buildPath(route.path, call.params));
    registerParamSecrets(call.params);
    for (const [key, value] of Object.entries(call.query ?? {})) {
      checkQueryValue(key, value);
      if (value === undefined || value === null) continue;
      url.searchParams.set(key, String(value));
      if (isSecretName(key)) registerSecret(String(value), { known: true });
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
      rateLimit: parseRateLimit(response.headers, Date.now(), RETRY_AFTER_STATUSES.includes(status)),
    };
    const error =
      ErrorClass === UnprocessableEntityError
        ? new UnprocessableEntityError({ ...init, issues: summary.issues ?? [] })
        : new ErrorClass(init);
    return error;
  }

  /** The provider's specific error for this ApiError, if it has one. */
  #mapped(error: ApiError, route: Route): TurbokitError {
    return this.provider.mapError?.(error, route) ?? error;
  }

  /**
   * Whatever ky or fetch threw, as a TurbokitError. ky's own errors never become a `cause`: they
   * hold the Request (and so its Authorization header); the cause kept is the network's own error.
   */
  #toTurbokitError(
    error: unknown,
    describe: string,
    ctx: { route: Route; userSignal: AbortSignal | undefined; deadline: AbortSignal; totalMs: number },
  ): TurbokitError {
    if (error instanceof TurbokitError) return error;
    if (error instanceof HTTPError)
      return this.#mapped(
        this.#apiError(error.response, dataText(error.data), describe, error.request.method),
        ctx.route,
      );
    if (ctx.userSignal?.aborted)
      return new AbortedError(`${describe} was aborted`, { cause: ctx.userSignal.reason });
    if (ctx.deadline.aborted)
      return new TimeoutError(`${describe} exceeded its total timeout of ${ctx.totalMs} ms`);
    if (isTimeoutError(error)) return new TimeoutError(`${describe} timed out (per-attempt timeout)`);
    if (isNetworkError(error)) {
      const cause = error.cause;
      if (cause instanceof BodyReadError) {
        return new ConnectionError(`${describe}: connection lost while reading the response`, {
          cause: safeCause(cause.cause),
        });
      }
      return new ConnectionError(`${describe}: ${brief(cause)}`, { cause: safeCause(cause) });
    }
    // fetch rejects with a TypeError when the network fails (ky wraps the messages it knows).
    // Bad options no longer get this far (they are checked up front), so a TypeError here is
    // a connection that did not happen.
    if (error instanceof TypeError) {
      return new ConnectionError(`${describe}: ${brief(error)}`, { cause: safeCause(error) });
    }
    // Anything else (a custom fetch's own error, say) is not evidence of a network problem.
    return new TurbokitError(`${describe} failed: ${brief(error)}`, { cause: safeCause(error) });
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

/**
 * An error fit to be a `cause`: nothing in it may hold a Request, Headers or request init (they
 * carry credentials, and printing `err.cause` shows them). Network errors from fetch are
 * kept as they are when clean; anything else is replaced by a plain Error with the same
 * (scrubbed) message.
 */
function safeCause(error: unknown, depth = 0): unknown {
  if (!(error instanceof Error) || error instanceof TurbokitError) return error;
  const holdsRequest = Object.values(error).some(
    (v) => v instanceof Request || v instanceof Headers || v instanceof Response || isInit(v),
  );
  const cause = depth < 4 ? safeCause(error.cause, depth + 1) : undefined;
  if (!holdsRequest && cause === error.cause) return error;
  const clean = new Error(redactText(error.message), cause === undefined ? undefined : { cause });
  clean.name = error.name;
  return clean;
}

function isInit(value: unknown): boolean {
  return typeof value === "object" && value !== null && "headers" in value;
}

/** Path and query values named like secrets (`{token}` in a share link) are scrubbed from every message. */
function registerParamSecrets(params: PathParams | undefined): void {
  if (!params) return;
  for (const [name, value] of Object.entries(params)) {
    if (isSecretName(name)) registerSecret(String(value), { known: true });
  }
}

/** The same for an absolute URL the server handed us (`?token=` on a stream URL). */
function registerUrlSecrets(url: URL): void {
  for (const [name, value] of url.searchParams) {
    if (isSecretName(name)) registerSecret(value, { known: true });
  }
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
  // ky's messages quote the whole URL, query (and any token in it) included.
  if (isTimeoutError(error)) return "per-attempt timeout";
  if (isNetworkError(error)) return error.cause === undefined ? "network error" : brief(error.cause);
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : "";
    return redactText(`${error.name}: ${error.message}${cause}`);
  }
  return redactText(String(error));
}

/** Wait helper re-exported for modules that poll. */
export { sleep };
