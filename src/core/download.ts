import { sinkOf } from "./api-promise.js";
import { summarizeErrorBody } from "./error-body.js";
import {
  AbortedError,
  ApiError,
  apiErrorClassFor,
  ConnectionError,
  TimeoutError,
  TurbokitError,
} from "./errors.js";
import type { HttpClient, RequestOptions } from "./http.js";
import { parseJson } from "./json.js";
import { registerSecret } from "./redact.js";
import {
  checkServerUrl,
  isBrowser,
  isRedirectStatus,
  redirectingFetch,
  UnsafeRedirectError,
  withoutCredentials,
} from "./redirect.js";
import { buildPath, type PathParams, type Route } from "./routes.js";

/** Progress of a streamed download, reported as chunks arrive. */
export interface DownloadProgress {
  /** Bytes received so far. */
  transferredBytes: number;
  /** From Content-Length, when the server sent it. */
  totalBytes: number | undefined;
}

/** A streamed download: read `body` (never buffered whole by the SDK). */
export interface Download {
  /**
   * The bytes. Reading it rejects with `ConnectionError` when the connection drops mid-body (or
   * ends short of its Content-Length) and with `AbortedError` when the caller's signal fires.
   */
  body: ReadableStream<Uint8Array>;
  /** Content-Length, when known. */
  size: number | undefined;
  contentType: string | undefined;
  /** From Content-Disposition, when present: a bare file name (any directory part removed). */
  fileName: string | undefined;
}

/** Where a download's bytes come from, for the stream's typed errors. */
export interface DownloadContext {
  /** The caller's signal: its abort while the body is read becomes `AbortedError`. */
  signal?: AbortSignal | undefined;
  /** For messages ("TurbineX job output"). */
  what?: string;
}

/**
 * Turns a response into a `Download`, counting bytes as the caller consumes the stream
 * (backpressure intact, nothing buffered) and turning a failed read into a typed error.
 */
export function toDownload(
  response: Response,
  onProgress?: (progress: DownloadProgress) => void,
  context: DownloadContext = {},
): Download {
  const size = numberOrUndefined(response.headers.get("content-length"));
  // A compressed body is decoded by fetch, so its byte count is not Content-Length's.
  const encoded = (response.headers.get("content-encoding") ?? "identity").toLowerCase() !== "identity";
  const source = response.body ?? new ReadableStream<Uint8Array>({ start: (c) => c.close() });
  return {
    body: guardedBody(source, {
      expected: encoded ? undefined : size,
      total: size,
      onProgress,
      signal: context.signal,
      what: context.what ?? "download",
    }),
    size,
    contentType: response.headers.get("content-type") ?? undefined,
    fileName: fileNameOf(response.headers.get("content-disposition")),
  };
}

/**
 * The source re-read chunk by chunk (one pull per read: nothing is queued ahead of the caller).
 * A read that fails surfaces as `AbortedError` (the caller's signal) or `ConnectionError` (the
 * network: undici's bare `TypeError: terminated`, a reset), never as the runtime's raw error.
 */
function guardedBody(
  source: ReadableStream<Uint8Array>,
  init: {
    expected: number | undefined;
    total: number | undefined;
    onProgress: ((progress: DownloadProgress) => void) | undefined;
    signal: AbortSignal | undefined;
    what: string;
  },
): ReadableStream<Uint8Array> {
  const reader = source.getReader();
  const { signal, what } = init;
  let received = 0;
  let finished = false;
  let onAbort: (() => void) | undefined;
  const stop = () => {
    finished = true;
    if (onAbort) signal?.removeEventListener("abort", onAbort);
  };
  const aborted = () => new AbortedError(`${what} was aborted`, { cause: signal?.reason });
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        if (!signal) return;
        // A fetch that ignores its signal (a custom one) must still stop when the caller aborts.
        onAbort = () => {
          if (finished) return;
          stop();
          controller.error(aborted());
          reader.cancel(signal.reason).catch(() => {});
        };
        if (signal.aborted) onAbort();
        else signal.addEventListener("abort", onAbort, { once: true });
      },
      async pull(controller) {
        let chunk: ReadableStreamReadResult<Uint8Array>;
        try {
          chunk = await reader.read();
        } catch (error) {
          if (finished) return;
          stop();
          const abort = signal?.aborted || (error instanceof Error && error.name === "AbortError");
          controller.error(
            error instanceof TurbokitError
              ? error
              : abort
                ? aborted()
                : new ConnectionError(`${what}: connection lost while reading the body`, { cause: error }),
          );
          return;
        }
        if (finished) return;
        if (chunk.done) {
          stop();
          if (init.expected !== undefined && received < init.expected) {
            controller.error(
              new ConnectionError(`${what}: body cut off after ${received} of ${init.expected} bytes`),
            );
          } else controller.close();
          return;
        }
        received += chunk.value.byteLength;
        controller.enqueue(chunk.value);
        init.onProgress?.({ transferredBytes: received, totalBytes: init.total });
      },
      cancel(reason) {
        stop();
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}

// ── Downloads through an API endpoint, following storage redirects ──

/** One download call: the API route, and what the caller passed. */
export interface DownloadCall {
  params?: PathParams;
  /** Send the API's credentials to the API (default true). Storage never gets them. */
  auth?: boolean;
  options?: RequestOptions | undefined;
  /** Byte progress while the caller reads the body. */
  onProgress?: ((progress: DownloadProgress) => void) | undefined;
  /** For messages ("TurbineX job output"). */
  what?: string;
}

// A `{url}` answer is a few fields; anything larger is the file itself (a JSON artifact).
const MAX_POINTER_BYTES = 64 * 1024;
const MAX_POINTER_FIELDS = 8;
const POINTER_FIELDS = ["url", "download_url", "signed_url", "presigned_url"];

/**
 * Downloads from an API endpoint that answers with the bytes, with a redirect to storage (also
 * when the client reports redirects as errors: a download is the one place where one is
 * expected), or with a JSON `{url}` pointing at storage. Storage is fetched without the API's
 * credentials or headers, through the same URL checks as `baseUrl` (https, no user info, no
 * downgrade), and its body gets the same typed errors.
 */
export async function downloadFrom(
  http: HttpClient,
  route: Route,
  call: DownloadCall = {},
): Promise<Download> {
  const what = call.what ?? `${http.provider.name} download`;
  const context = { signal: call.options?.signal, what };
  let response: Response;
  try {
    response = await http.stream(route, {
      params: call.params,
      auth: call.auth,
      headers: { Accept: "*/*" },
      options: call.options,
    });
  } catch (error) {
    // A browser hides a redirect it was asked not to follow (an opaque status-0 answer).
    if (isBrowser() && error instanceof ApiError && error.status === 0) {
      response = await browserFollow(http, route, call, context);
    } else {
      const location =
        error instanceof ApiError && isRedirectStatus(error.status) && error.headers.get("location");
      if (!location) throw error;
      return fromStorage(http, checkStorageUrl(http, location, error.url || http.baseUrl), call, context);
    }
  }
  const pointer = await storagePointer(response, http.transport.timeoutMs);
  if (pointer.url !== undefined) {
    return fromStorage(http, checkStorageUrl(http, pointer.url, response.url || http.baseUrl), call, context);
  }
  return toDownload(pointer.response, call.onProgress, context);
}

/**
 * In a browser the only way to follow a download's redirect is to let fetch do it: sent again with
 * `redirect: "follow"`, once, with the caller's credentials applied by the auth strategy. Browsers
 * drop `Authorization` on a cross-origin redirect themselves (Fetch standard, "HTTP-redirect
 * fetch"), and never follow one to a non-http(s) URL.
 */
async function browserFollow(
  http: HttpClient,
  route: Route,
  call: DownloadCall,
  context: { signal: AbortSignal | undefined; what: string },
): Promise<Response> {
  const url = `${http.baseUrl.replace(/\/$/, "")}${buildPath(route.path, call.params)}`;
  const init: RequestInit = { method: "GET", headers: { Accept: "*/*" }, redirect: "follow" };
  if (http.auth.credentials) init.credentials = http.auth.credentials;
  if (context.signal) init.signal = context.signal;
  const request = new Request(url, init);
  if (call.auth !== false) await http.auth.authorize(request);
  // Browsers drop only `Authorization` across origins: a strategy that authenticates with another
  // header (an API key, an org slug) would hand it to the redirect target, so such a download is
  // refused rather than followed.
  const carried = withoutCredentials(request.headers);
  const leaked = [...request.headers.keys()].filter((name) => name !== "authorization" && !carried.has(name));
  if (leaked.length > 0) {
    throw new UnsafeRedirectError(
      `${context.what}: the server redirects the download, and a browser would carry ${leaked.join(", ")} to its target`,
      "",
    );
  }
  let response: Response;
  try {
    response = await http.transport.fetch(request);
  } catch (error) {
    if (context.signal?.aborted)
      throw new AbortedError(`${context.what} was aborted`, { cause: context.signal.reason });
    throw new ConnectionError(`${context.what}: the download could not be fetched`, { cause: error });
  }
  if (!response.ok)
    throw await storageError(response, context.what, new URL(url).pathname, http.transport.timeoutMs);
  const landed = new URL(response.url || url);
  reportAnswer(call, response, `${landed.origin}${landed.pathname}`);
  return response;
}

function checkStorageUrl(http: HttpClient, target: string, from: string): URL {
  const url = checkServerUrl(target, from, {
    allowInsecureHttp: http.transport.allowInsecureHttp,
    what: `${http.provider.name} download redirect`,
  });
  // A pre-signed URL is a bearer credential for that one file: keep it out of logs and errors.
  registerSecret(url.href);
  if (url.search.length > 1) registerSecret(url.search.slice(1));
  return url;
}

/**
 * A JSON answer small enough to be a pointer and naming a URL is one; anything else is the file,
 * handed back with the bytes read so far put in front of the rest.
 */
async function storagePointer(
  response: Response,
  timeoutMs: number,
): Promise<{ url?: string; response: Response }> {
  const type = response.headers.get("content-type") ?? "";
  const declared = numberOrUndefined(response.headers.get("content-length"));
  if (!/\bjson\b/i.test(type) || !response.body || (declared !== undefined && declared > MAX_POINTER_BYTES)) {
    return { response };
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let done = false;
  // The pointer's few bytes are read inside the attempt's time (a trickled answer ends here).
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    void reader.cancel().catch(() => {});
  }, timeoutMs);
  try {
    while (size <= MAX_POINTER_BYTES) {
      const next = await reader.read();
      if (next.done) {
        done = true;
        break;
      }
      chunks.push(next.value);
      size += next.value.byteLength;
    }
  } catch (error) {
    throw new ConnectionError("download: connection lost while reading the answer", { cause: error });
  } finally {
    clearTimeout(timer);
  }
  if (timedOut) throw new TimeoutError(`download: the answer did not arrive within ${timeoutMs} ms`);
  if (done) {
    const url = pointerUrl(new TextDecoder().decode(concat(chunks, size)));
    if (url !== undefined) return { url, response };
  }
  const rest = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      if (done) controller.close();
    },
    async pull(controller) {
      if (done) return;
      try {
        const next = await reader.read();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      } catch (error) {
        controller.error(error);
      }
    },
    cancel: (reason) => reader.cancel(reason),
  });
  return {
    response: new Response(rest, { status: response.status, headers: response.headers }),
  };
}

function pointerUrl(text: string): string | undefined {
  let value: unknown;
  try {
    value = parseJson(text);
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  if (Object.keys(record).length > MAX_POINTER_FIELDS) return undefined;
  for (const field of POINTER_FIELDS) {
    const url = record[field];
    if (typeof url === "string" && /^https?:\/\//i.test(url.trim())) return url.trim();
  }
  return undefined;
}

/**
 * GET a storage URL with nothing of the API's: no credentials, no API headers, the caller's
 * fetch, signal and per-attempt timeout (for the headers; the body is the caller's to read).
 * Further redirects are followed with the same checks.
 */
async function fromStorage(
  http: HttpClient,
  url: URL,
  call: DownloadCall,
  context: { signal: AbortSignal | undefined; what: string },
): Promise<Download> {
  const { what, signal: userSignal } = context;
  const timeoutMs = call.options?.timeoutMs ?? http.transport.timeoutMs;
  const attempt = new AbortController();
  const timer = setTimeout(() => attempt.abort(new TimeoutError(`${what} timed out`)), timeoutMs);
  const signal = userSignal ? AbortSignal.any([userSignal, attempt.signal]) : attempt.signal;
  const fetchStorage = redirectingFetch(http.transport.fetch, "follow", {
    allowInsecureHttp: http.transport.allowInsecureHttp,
  });
  const shown = `${url.origin}${url.pathname}`;
  let response: Response;
  try {
    if (userSignal?.aborted) throw userSignal.reason;
    response = await fetchStorage(
      new Request(url, { headers: { Accept: "*/*" }, redirect: "manual", signal }),
    );
  } catch (error) {
    if (error instanceof TurbokitError) throw error;
    if (userSignal?.aborted) throw new AbortedError(`${what} was aborted`, { cause: userSignal.reason });
    if (attempt.signal.aborted)
      throw new TimeoutError(`${what}: storage at ${shown} did not answer within ${timeoutMs} ms`);
    throw new ConnectionError(`${what}: storage at ${shown} could not be reached`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
  if (!response.ok) throw await storageError(response, what, `storage at ${shown}`, timeoutMs);
  reportAnswer(call, response, shown);
  return toDownload(response, call.onProgress, { signal: userSignal, what });
}

/**
 * The response the bytes come from is the one `withResponse()` reports, not the API's redirect or
 * pointer before it. Its URL is shown without the query: a pre-signed URL's query is a credential.
 */
function reportAnswer(call: DownloadCall, response: Response, shown: string): void {
  const sink = sinkOf(call.options);
  if (!sink) return;
  sink.last = {
    method: "GET",
    url: shown,
    status: response.status,
    headers: response.headers,
    rateLimit: undefined,
    attempt: 1,
  };
  sink.body = undefined;
}

/** A failed download answer as the `ApiError` of its status (body bounded, URL without query). */
async function storageError(
  response: Response,
  what: string,
  where: string,
  timeoutMs: number,
): Promise<ApiError> {
  const rawBody = await errorText(response, timeoutMs);
  const summary = summarizeErrorBody(rawBody, response.headers.get("content-type"));
  const ErrorClass = apiErrorClassFor(response.status);
  let url = "";
  try {
    const parsed = new URL(response.url);
    url = `${parsed.origin}${parsed.pathname}`;
  } catch {
    // A hand-made Response has no URL.
  }
  return new ErrorClass({
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
    body: summary.body,
    rawBody,
    message: `${what}: ${where} answered ${response.status}: ${summary.detail}`,
    code: summary.code,
    method: "GET",
    url,
  });
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

function fileNameOf(disposition: string | null): string | undefined {
  if (!disposition) return undefined;
  const star = /filename\*\s*=\s*(?:UTF-8'')?([^;]+)/i.exec(disposition)?.[1];
  if (star) {
    try {
      return safeBaseName(decodeURIComponent(star.trim().replace(/^"|"$/g, "")));
    } catch {
      /* fall through to the plain form */
    }
  }
  return safeBaseName(/filename\s*=\s*"?([^";]+)"?/i.exec(disposition)?.[1]?.trim());
}

/**
 * The server names the file, so the name is untrusted: callers join it to a directory. Only the
 * last path segment is kept, without control characters; `.`, `..` and empty names are dropped.
 */
function safeBaseName(name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
  const base = (name.split(/[\\/]/).pop() ?? "").replace(/[\u0000-\u001f\u007f]/g, "").trim();
  return base === "" || base === "." || base === ".." ? undefined : base;
}

function numberOrUndefined(value: string | null): number | undefined {
  if (value === null) return undefined;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/**
 * The start of an error answer: at most `MAX_POINTER_BYTES`, read within `timeoutMs`; then the
 * body is cancelled. A storage error page that never ends (or trickles) cannot hold the caller.
 */
async function errorText(response: Response, timeoutMs: number): Promise<string> {
  if (!response.body) return "";
  const reader = response.body.getReader();
  const timer = setTimeout(() => void reader.cancel().catch(() => {}), timeoutMs);
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < MAX_POINTER_BYTES) {
      const next = await reader.read();
      if (next.done) break;
      chunks.push(next.value);
      size += next.value.byteLength;
    }
  } catch {
    // What arrived before the failure is what the error can show.
  } finally {
    clearTimeout(timer);
    void reader.cancel().catch(() => {});
  }
  return new TextDecoder().decode(concat(chunks, size)).slice(0, MAX_POINTER_BYTES);
}
