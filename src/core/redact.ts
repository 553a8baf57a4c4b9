/**
 * Secret scrubbing for everything the SDK prints: error messages, error bodies, log lines.
 * Two nets: values registered as secrets (tokens, keys, cookies the SDK has handled) are replaced
 * wherever they appear, and well-known secret shapes (bearer headers, JWTs, `lk_` keys) are
 * replaced even when nobody registered them.
 */
const REDACTED = "[redacted]";
// Secrets learnt from responses (credential records, created keys, cookies) can be many in a
// long-running process, so they are kept up to a cap, least recently registered out first.
// Credentials the caller hands in (tokens, keys, passwords) are few and pinned: never evicted.
const MAX_REGISTERED = 10_000;
const MIN_SECRET_LENGTH = 6;
// A field known to be secret (a password in a credential record) is registered even when short.
const MIN_KNOWN_SECRET_LENGTH = 4;
const registered = new Set<string>();
const pinned = new Set<string>();

const PATTERNS: RegExp[] = [
  /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi,
  /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g,
  /\blk_[A-Za-z0-9_-]{6,}/g,
];

const SENSITIVE_HEADERS = new Set([
  "authorization",
  "proxy-authorization",
  "cookie",
  "set-cookie",
  "x-api-key",
  "x-auth-token",
]);

/** How `registerSecret` keeps a value. */
export interface RegisterSecretOptions {
  /** Never evict it (credentials the caller supplied: tokens, keys, passwords). */
  pin?: boolean;
  /** The value is known to be secret (a named secret field): short values count too. */
  known?: boolean;
}

/** Remember a value as secret so it is scrubbed from every message and log line from now on. */
export function registerSecret(value: string | undefined | null, options: RegisterSecretOptions = {}): void {
  const min = options.pin || options.known ? MIN_KNOWN_SECRET_LENGTH : MIN_SECRET_LENGTH;
  if (typeof value !== "string" || value.length < min || pinned.has(value)) return;
  if (options.pin) {
    registered.delete(value);
    pinned.add(value);
    return;
  }
  // Registering again makes it the most recent, so a secret in use is never the one evicted.
  registered.delete(value);
  if (registered.size >= MAX_REGISTERED) {
    const oldest = registered.values().next().value;
    if (oldest !== undefined) registered.delete(oldest);
  }
  registered.add(value);
}

/** `text` with registered secrets and well-known secret shapes (bearer headers, JWTs, keys) replaced. */
export function redactText(text: string): string {
  let out = text;
  for (const set of [pinned, registered]) {
    for (const secret of set) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  for (const pattern of PATTERNS) {
    out = out.replace(pattern, (_match, scheme?: string) =>
      typeof scheme === "string" && /^(bearer|basic)$/i.test(scheme) ? `${scheme} ${REDACTED}` : REDACTED,
    );
  }
  return out;
}

// Names (body fields, header names) whose values are secrets even when nobody registered them: a
// response whose shape changed still carries its password or token into an error's `raw`, and a
// caller's `X-Session-Token` header is a credential whatever it is called.
const SECRET_NAME_PARTS =
  "pass|secret|token|api[_-]?key|private[_-]?key|credential|cookie|authorization|session|signature";
const SECRET_NAME = new RegExp(SECRET_NAME_PARTS, "i");
const SECRET_FIELD_IN_JSON = new RegExp(
  `("[^"\\\\]*(?:${SECRET_NAME_PARTS})[^"\\\\]*"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`,
  "gi",
);

/** Whether a field or header name says its value is a secret (`password`, `api_key`, `X-Auth-Token`…). */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/**
 * A copy of a parsed body with registered secrets replaced and, with `secretFields`, the string
 * values of secret-named fields too. (An API error's body keeps its named fields: providers read
 * protocol values such as a login's MFA challenge token from it.)
 */
export function redactValue(value: unknown, secretFields = true, depth = 0): unknown {
  if (typeof value === "string") return redactText(value);
  if (value === null || typeof value !== "object" || depth > 32) return value;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, secretFields, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] =
      secretFields && typeof item === "string" && isSecretName(key)
        ? REDACTED
        : redactValue(item, secretFields, depth + 1);
  }
  return out;
}

/** Body text (JSON or not) with secret-named JSON string fields and registered secrets replaced. */
export function redactBodyText(text: string): string {
  return redactText(text.replace(SECRET_FIELD_IN_JSON, `$1"${REDACTED}"`));
}

export function isSensitiveHeader(name: string): boolean {
  return SENSITIVE_HEADERS.has(name.toLowerCase());
}

/** A copy of the headers safe to keep on an error or log: credentials and cookies masked. */
export function safeHeaders(headers: Headers): Headers {
  const out = new Headers();
  headers.forEach((value, key) => {
    out.set(key, isSensitiveHeader(key) ? REDACTED : redactText(value));
  });
  return out;
}

export { REDACTED };
