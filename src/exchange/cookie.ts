import { registerSecret } from "../core/redact.js";

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

interface StoredCookie {
  value: string;
  path: string;
  secure: boolean;
  /** Host-only (no Domain attribute): sent to exactly this host. */
  host: string;
  /** The Domain attribute (lowercase, no leading dot): sent to it and its subdomains. */
  domain: string | undefined;
  /** Epoch ms; undefined = session cookie. */
  expiresAt: number | undefined;
}

/**
 * A one-cookie jar for the exchange's `id` session cookie (Node/Deno, where fetch keeps no
 * cookies): captured from `Set-Cookie`, replayed as `Cookie`, honouring Domain, Path, Secure,
 * Expires and Max-Age (RFC 6265). Only the API's own origin may set it: a `Set-Cookie` from a
 * response that came from elsewhere (a redirect hop to another origin) is ignored. The value is
 * registered as a secret so it never reaches logs or error messages.
 */
export class SessionCookieJar {
  readonly #name: string;
  readonly #now: () => number;
  #cookie: StoredCookie | undefined;
  #origin: string | undefined;
  #refused = false;

  constructor(name = "id", now: () => number = Date.now) {
    this.#name = name;
    this.#now = now;
  }

  /** Accept cookies only from responses of this origin (the API's base URL). */
  restrictTo(baseUrl: string): void {
    this.#origin = originOf(baseUrl);
  }

  /**
   * Read every `Set-Cookie` of a response to a request for `requestUrl`. The response's own URL
   * (where a followed redirect ended) must be the request's origin and the API's, else its
   * cookies are not the API's to set.
   */
  capture(response: Response, requestUrl: string): void {
    const from = response.url || requestUrl;
    const origin = originOf(from);
    if (origin === undefined || origin !== originOf(requestUrl)) return;
    if (this.#origin !== undefined && origin !== this.#origin) return;
    const headers = response.headers as Headers & { getSetCookie?: () => string[] };
    const lines = headers.getSetCookie?.() ?? splitSetCookie(headers.get("set-cookie"));
    // A hostile server may send thousands: only the first few are looked at.
    for (const line of lines.slice(0, MAX_SET_COOKIES)) this.#apply(line.slice(0, MAX_COOKIE_LINE), from);
  }

  #apply(line: string, requestUrl: string): void {
    const [pair = "", ...attributes] = line.split(";");
    const eq = pair.indexOf("=");
    if (eq < 0 || pair.slice(0, eq).trim() !== this.#name) return;
    const value = pair.slice(eq + 1).trim();
    let path: string | undefined;
    let secure = false;
    let expiresAt: number | undefined;
    let maxAge: number | undefined;
    let domain: string | undefined;
    for (const attribute of attributes) {
      const [rawKey = "", ...rest] = attribute.split("=");
      const key = rawKey.trim().toLowerCase();
      const val = rest.join("=").trim();
      if (key === "path" && val.startsWith("/")) path = val;
      else if (key === "domain" && val !== "") domain = val.replace(/^\./, "").toLowerCase();
      else if (key === "secure") secure = true;
      else if (key === "expires") {
        const t = Date.parse(val);
        if (!Number.isNaN(t)) expiresAt = t;
      } else if (key === "max-age" && /^-?\d+$/.test(val)) maxAge = Number(val);
    }
    if (maxAge !== undefined) expiresAt = this.#now() + maxAge * 1000;
    let url: URL;
    try {
      url = new URL(requestUrl);
    } catch {
      return;
    }
    const host = url.hostname.toLowerCase();
    // RFC 6265 §5.3: a Domain the request host does not domain-match is refused (no cookie for a
    // sibling or parent site); a Secure cookie only comes over https (or loopback).
    if (
      (domain !== undefined && !domainMatches(host, domain)) ||
      (secure && url.protocol !== "https:" && !LOOPBACK.test(host))
    ) {
      // The API meant to replace the session cookie with one that cannot be sent back: the old
      // one is stale (sending it would only be refused), and so is the session.
      this.#refused = true;
      this.#cookie = undefined;
      return;
    }
    this.#refused = false;
    if (value === "" || (expiresAt !== undefined && expiresAt <= this.#now())) {
      this.#cookie = undefined;
      return;
    }
    registerSecret(value);
    this.#cookie = { value, path: path ?? defaultPath(requestUrl), secure, host, domain, expiresAt };
  }

  /** The `Cookie` header value for a request to `url`, or undefined when none applies. */
  header(url: string): string | undefined {
    const cookie = this.#current();
    if (!cookie) return undefined;
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return undefined;
    }
    const host = target.hostname.toLowerCase();
    if (cookie.domain === undefined ? host !== cookie.host : !domainMatches(host, cookie.domain))
      return undefined;
    if (cookie.secure && target.protocol !== "https:" && !LOOPBACK.test(target.hostname)) return undefined;
    if (!pathMatches(target.pathname, cookie.path)) return undefined;
    return `${this.#name}=${cookie.value}`;
  }

  /** True when a cookie is held and not expired. */
  has(): boolean {
    return this.#current() !== undefined;
  }

  /**
   * True when the API offered a session cookie this jar had to refuse (a Domain or Secure rule):
   * logging in again would only be offered the same one.
   */
  refused(): boolean {
    return this.#refused;
  }

  clear(): void {
    this.#cookie = undefined;
    this.#refused = false;
  }

  #current(): StoredCookie | undefined {
    if (this.#cookie?.expiresAt !== undefined && this.#cookie.expiresAt <= this.#now())
      this.#cookie = undefined;
    return this.#cookie;
  }

  toJSON(): string {
    return "[cookie jar: redacted]";
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return "[cookie jar: redacted]";
  }
}

const MAX_SET_COOKIES = 16;
const MAX_COOKIE_LINE = 4096;

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/** RFC 6265 §5.1.3 domain-match (an IP address matches only itself). */
function domainMatches(host: string, domain: string): boolean {
  if (host === domain) return true;
  const ip = /^[\d.]+$|^\[.*\]$|:/.test(host);
  return !ip && host.endsWith(`.${domain}`);
}

/** RFC 6265 §5.1.4 default-path: the request path up to its last `/`. */
function defaultPath(url: string): string {
  let path = "/";
  try {
    path = new URL(url).pathname;
  } catch {}
  if (!path.startsWith("/")) return "/";
  const last = path.lastIndexOf("/");
  return last <= 0 ? "/" : path.slice(0, last);
}

/** RFC 6265 §5.1.4 path-match. */
function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith("/") || requestPath.charAt(cookiePath.length) === "/";
}

function splitSetCookie(header: string | null): string[] {
  if (!header) return [];
  // Split on commas that start a new cookie (not the comma inside an Expires date).
  return header.split(/,(?=\s*[A-Za-z0-9_-]+=)/).map((s) => s.trim());
}
