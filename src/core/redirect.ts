import { TurbokitError } from "./errors.js";
import { isSecretName, isSensitiveHeader } from "./redact.js";

/** `"follow"` redirects (dropping credentials across origins) or report them as errors. */
export type RedirectPolicy = "follow" | "error";

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const MAX_HOPS = 5;
// Identifies the caller's org to the API without being a secret itself; never leaves the origin.
const CALLER_HEADERS = ["x-org-slug"];
const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;
// Longest Location read: a real one is a URL, not a document.
const MAX_LOCATION_LENGTH = 8192;

/**
 * A URL the server handed us (a redirect's `Location`, a storage or streaming URL in a JSON
 * answer) that the SDK will not fetch: malformed, not http(s), carrying a user name, or a
 * downgrade from https to plain http off loopback. `target` shows origin and path only (a
 * pre-signed URL's query is a credential).
 */
export class UnsafeRedirectError extends TurbokitError {
  static override readonly brandName: string = "UnsafeRedirectError";
  /** Origin and path of the refused URL ("" when it could not be parsed). */
  readonly target: string;
  constructor(message: string, target: string) {
    super(message);
    this.target = target;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), target: this.target };
  }
}

/** Whether a status is one the SDK follows. */
export function isRedirectStatus(status: number): boolean {
  return REDIRECT_STATUSES.has(status);
}

/**
 * Checks a URL the server handed us, resolved against the URL it came from, with the rules a
 * `baseUrl` passes: http(s) only, no user name or password, and no plain http off loopback when
 * the hop came from https (or when the client does not allow insecure http at all).
 */
export function checkServerUrl(
  target: string,
  from: string | URL,
  options: { allowInsecureHttp?: boolean; what?: string } = {},
): URL {
  const what = options.what ?? "redirect";
  let url: URL;
  try {
    if (typeof target !== "string" || target.length > MAX_LOCATION_LENGTH) throw new Error("bad");
    url = new URL(target, from);
  } catch {
    throw new UnsafeRedirectError(`${what}: the server sent a malformed URL`, "");
  }
  const shown = `${url.protocol}//${url.host}${url.pathname}`;
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new UnsafeRedirectError(`${what} to a ${url.protocol} URL refused (only http(s) is followed)`, "");
  }
  if (url.username || url.password) {
    throw new UnsafeRedirectError(`${what} to a URL with a user name or password refused`, shown);
  }
  if (url.protocol === "http:" && !LOOPBACK.test(url.hostname)) {
    const fromHttps = new URL(from).protocol === "https:";
    if (fromHttps || !options.allowInsecureHttp) {
      throw new UnsafeRedirectError(
        `${what} to plain http refused (${fromHttps ? "a downgrade from https" : "not a loopback host"})`,
        shown,
      );
    }
  }
  return url;
}

/** A Location's path for a message, without throwing on a malformed one. */
export function locationPath(location: string, base: string): string {
  try {
    return new URL(location, base || "http://x").pathname;
  } catch {
    return "(malformed location)";
  }
}

/**
 * Headers for a hop to another origin: every credential-like header removed. The names are the
 * redactor's (`isSensitiveHeader`, `isSecretName`: Authorization, Cookie, X-Api-Key, anything
 * with token/session/key/secret in its name) plus the caller's org header.
 */
export function withoutCredentials(headers: Headers): Headers {
  const out = new Headers(headers);
  for (const name of [...out.keys()]) {
    if (isSensitiveHeader(name) || isSecretName(name) || CALLER_HEADERS.includes(name)) out.delete(name);
  }
  return out;
}

/** Browsers follow redirects themselves (and strip Authorization across origins by spec). */
export function isBrowser(): boolean {
  const g = globalThis as { window?: { document?: unknown } };
  return typeof g.window === "object" && g.window !== null && typeof g.window.document === "object";
}

/**
 * Wraps fetch to follow redirects by hand (server runtimes): same-origin hops keep their headers,
 * cross-origin hops drop every credential-like header, and 303 (or 301/302 after a POST) turns
 * into a body-less GET. Every hop's target is checked like a `baseUrl` (`checkServerUrl`). With
 * policy `"error"` the 3xx is handed back unfollowed, so the client reports it (a login
 * redirect, say) as an error.
 */
export function redirectingFetch(
  inner: typeof fetch,
  policy: RedirectPolicy,
  options: { allowInsecureHttp?: boolean } = {},
): typeof fetch {
  if (isBrowser()) {
    // Browsers strip Authorization across origins themselves. With "error", ask for the redirect
    // unfollowed: it arrives as an opaque status-0 response and is reported as an error.
    return policy === "error" ? (input, init) => inner(input, { ...init, redirect: "manual" }) : inner;
  }
  return async (input, init) => {
    let request = input instanceof Request && init === undefined ? input : new Request(input, init);
    for (let hop = 0; ; hop++) {
      // Sent as it is, never cloned: a body-less request is still whole after the send (the next
      // hop is built from its URL and headers), and cloning a streamed upload would buffer all
      // of it. A request with a body is not replayed to a 307/308 target.
      const hasBody = request.body !== null;
      const response = await inner(request, { redirect: "manual" });
      const location = response.headers.get("location");
      if (policy === "error" || !REDIRECT_STATUSES.has(response.status) || !location || hop >= MAX_HOPS) {
        return response;
      }
      if (hasBody && (response.status === 307 || response.status === 308)) return response;
      await response.body?.cancel();
      const target = checkServerUrl(location, request.url, options);
      request = nextRequest(request, response.status, target);
    }
  };
}

function nextRequest(previous: Request, status: number, target: URL): Request {
  const headers =
    target.origin !== new URL(previous.url).origin
      ? withoutCredentials(previous.headers)
      : new Headers(previous.headers);
  const toGet = status === 303 || ((status === 301 || status === 302) && previous.method === "POST");
  if (toGet) {
    headers.delete("content-type");
    headers.delete("content-length");
    return new Request(target, { method: "GET", headers, redirect: "manual", signal: previous.signal });
  }
  return new Request(target, {
    method: previous.method,
    headers,
    redirect: "manual",
    signal: previous.signal,
  });
}
