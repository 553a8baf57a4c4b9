import { registerSecret } from "../core/redact.js";

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

interface StoredCookie {
  value: string;
  path: string;
  secure: boolean;
  /** Epoch ms; undefined = session cookie. */
  expiresAt: number | undefined;
}

/**
 * A one-cookie jar for the exchange's `id` session cookie (Node/Deno, where fetch keeps no
 * cookies): captured from `Set-Cookie`, replayed as `Cookie`, honouring Path, Secure, Expires and
 * Max-Age. The value is registered as a secret so it never reaches logs or error messages.
 */
export class SessionCookieJar {
  readonly #name: string;
  readonly #now: () => number;
  #cookie: StoredCookie | undefined;

  constructor(name = "id", now: () => number = Date.now) {
    this.#name = name;
    this.#now = now;
  }

  /** Read every `Set-Cookie` of a response (sent to `requestUrl`). */
  capture(response: Response, requestUrl: string): void {
    const headers = response.headers as Headers & { getSetCookie?: () => string[] };
    const lines = headers.getSetCookie?.() ?? splitSetCookie(headers.get("set-cookie"));
    for (const line of lines) this.#apply(line, requestUrl);
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
    for (const attribute of attributes) {
      const [rawKey = "", ...rest] = attribute.split("=");
      const key = rawKey.trim().toLowerCase();
      const val = rest.join("=").trim();
      if (key === "path" && val.startsWith("/")) path = val;
      else if (key === "secure") secure = true;
      else if (key === "expires") {
        const t = Date.parse(val);
        if (!Number.isNaN(t)) expiresAt = t;
      } else if (key === "max-age" && /^-?\d+$/.test(val)) maxAge = Number(val);
    }
    if (maxAge !== undefined) expiresAt = this.#now() + maxAge * 1000;
    if (value === "" || (expiresAt !== undefined && expiresAt <= this.#now())) {
      this.#cookie = undefined;
      return;
    }
    registerSecret(value);
    this.#cookie = { value, path: path ?? defaultPath(requestUrl), secure, expiresAt };
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
    if (cookie.secure && target.protocol !== "https:" && !LOOPBACK.test(target.hostname)) return undefined;
    if (!pathMatches(target.pathname, cookie.path)) return undefined;
    return `${this.#name}=${cookie.value}`;
  }

  /** True when a cookie is held and not expired. */
  has(): boolean {
    return this.#current() !== undefined;
  }

  clear(): void {
    this.#cookie = undefined;
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
