/**
 * Secret scrubbing for everything the SDK prints: error messages, error bodies, log lines.
 * Two nets: values registered as secrets (tokens, keys, cookies the SDK has handled) are replaced
 * wherever they appear, and well-known secret shapes (bearer headers, JWTs, `lk_` keys) are
 * replaced even when nobody registered them.
 */
const REDACTED = "[redacted]";
const MAX_REGISTERED = 2000;
const MIN_SECRET_LENGTH = 6;
const registered = new Set<string>();

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

/** Remember a value as secret so it is scrubbed from every message and log line from now on. */
export function registerSecret(value: string | undefined | null): void {
  if (!value || value.length < MIN_SECRET_LENGTH || registered.has(value)) return;
  if (registered.size >= MAX_REGISTERED) {
    const oldest = registered.values().next().value;
    if (oldest !== undefined) registered.delete(oldest);
  }
  registered.add(value);
}

export function redactText(text: string): string {
  let out = text;
  for (const secret of registered) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  for (const pattern of PATTERNS) {
    out = out.replace(pattern, (_match, scheme?: string) =>
      typeof scheme === "string" && /^(bearer|basic)$/i.test(scheme) ? `${scheme} ${REDACTED}` : REDACTED,
    );
  }
  return out;
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
