import { isSensitiveHeader } from "./redact.js";

/** `"follow"` redirects (dropping credentials across origins) or report them as errors. */
export type RedirectPolicy = "follow" | "error";

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const MAX_HOPS = 5;
// Headers that identify the caller to the API and must never reach another origin.
const CALLER_HEADERS = ["x-org-slug"];

/** Browsers follow redirects themselves (and strip Authorization across origins by spec). */
export function isBrowser(): boolean {
  const g = globalThis as { window?: { document?: unknown } };
  return typeof g.window === "object" && g.window !== null && typeof g.window.document === "object";
}

/**
 * Wraps fetch to follow redirects by hand (server runtimes): same-origin hops keep their headers,
 * cross-origin hops drop Authorization, Cookie and the caller's identifying headers, and
 * 303 (or 301/302 after a POST) turns into a body-less GET. With policy `"error"` the 3xx is
 * handed back unfollowed, so the client reports it (a login redirect, say) as an error.
 */
export function redirectingFetch(inner: typeof fetch, policy: RedirectPolicy): typeof fetch {
  if (isBrowser()) {
    // Browsers strip Authorization across origins themselves. With "error", ask for the redirect
    // unfollowed: it arrives as an opaque status-0 response and is reported as an error.
    return policy === "error" ? (input, init) => inner(input, { ...init, redirect: "manual" }) : inner;
  }
  return async (input, init) => {
    let request = input instanceof Request && init === undefined ? input : new Request(input, init);
    for (let hop = 0; ; hop++) {
      // A request with a body is sent as it is, never cloned: cloning a streamed upload would
      // buffer all of it. Such a request is not replayed to a 307/308 target either.
      const hasBody = request.body !== null;
      const response = await inner(hasBody ? request : request.clone(), { redirect: "manual" });
      const location = response.headers.get("location");
      if (policy === "error" || !REDIRECT_STATUSES.has(response.status) || !location || hop >= MAX_HOPS) {
        return response;
      }
      if (hasBody && (response.status === 307 || response.status === 308)) return response;
      await response.body?.cancel();
      request = nextRequest(request, response.status, new URL(location, request.url));
    }
  };
}

function nextRequest(previous: Request, status: number, target: URL): Request {
  const headers = new Headers(previous.headers);
  if (target.origin !== new URL(previous.url).origin) {
    for (const name of [...headers.keys()]) {
      if (isSensitiveHeader(name) || CALLER_HEADERS.includes(name)) headers.delete(name);
    }
  }
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
