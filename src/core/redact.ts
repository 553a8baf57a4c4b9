import { stringEnd } from "./json-string.js";
import { addRange, mergeRanges, StringSetMatcher } from "./string-set-matcher.js";

/**
 * Secret scrubbing for everything the SDK prints: error messages, error bodies, log lines.
 * Two nets: values registered as secrets (tokens, keys, cookies the SDK has handled) are replaced
 * wherever they appear, and well-known secret shapes (bearer headers, JWTs, `lk_` keys) are
 * replaced even when nobody registered them.
 */
const REDACTED = "[redacted]";
// Secrets learnt from responses (credential records, created keys, cookies) can be many in a
// long-running process, so they are kept up to a cap, least recently registered out first.
// Credentials the caller hands in (tokens, keys, passwords, secret headers) are pinned: kept in a
// tier of their own that nothing a server sends can evict.
const MAX_LEARNED = 10_000;
// The caller's own tier is bounded too (per-call secret headers are pinned as they are sent), but
// only the caller's own values can push one out of it.
const MAX_PINNED = 10_000;
const MIN_SECRET_LENGTH = 6;
// A field known to be secret (a password in a credential record) is registered even when short.
const MIN_KNOWN_SECRET_LENGTH = 4;
// How registered values are indexed, so that neither scanning nor registering grows with the
// registry: a bulk matcher over everything, rebuilt only once the values added since make up a
// quarter of it; a small matcher over those recent values; and the last few (up to 32), looked
// for one by one. A server that makes every answer register new values thus costs a rebuild of
// the small matcher per 32 of them, not of the whole registry.
const MAX_UNINDEXED = 32;
const MIN_RECENT_BEFORE_BULK = 1_024;

/** Both tiers: insertion order is recency, the first entry is the next to be evicted. */
const pinned = new Set<string>();
const learned = new Set<string>();
let bulk = new StringSetMatcher([]);
let recentMatcher = new StringSetMatcher([]);
const recent = new Set<string>();
const unindexed = new Set<string>();

/** How `registerSecret` keeps a value. */
export interface RegisterSecretOptions {
  /**
   * A credential the caller supplied (token, key, password, secret header): kept in the caller's
   * tier, which values learnt from responses never evict.
   */
  pin?: boolean;
  /** The value is known to be secret (a named secret field): short values count too. */
  known?: boolean;
}

/** Remember a value as secret so it is scrubbed from every message and log line from now on. */
export function registerSecret(value: string | undefined | null, options: RegisterSecretOptions = {}): void {
  const min = options.pin || options.known ? MIN_KNOWN_SECRET_LENGTH : MIN_SECRET_LENGTH;
  if (typeof value !== "string" || value.length < min) return;
  // Registering again makes it the most recent in its tier, so a secret in use is never the one
  // evicted. A pinned value stays pinned.
  const tier = options.pin || pinned.has(value) ? pinned : learned;
  const cap = tier === pinned ? MAX_PINNED : MAX_LEARNED;
  const known = pinned.delete(value) || learned.delete(value);
  if (tier.size >= cap) {
    const oldest = tier.values().next().value;
    if (oldest !== undefined) forget(tier, oldest);
  }
  tier.add(value);
  if (!known) unindexed.add(value);
}

function forget(tier: Set<string>, value: string): void {
  tier.delete(value);
  // The matchers keep it until they are rebuilt: until then it is still redacted, the safe side.
  unindexed.delete(value);
  recent.delete(value);
}

/** Where registered secrets occur in `text`, as merged `[start, end)` pairs. */
function registeredRanges(text: string): number[] {
  if (unindexed.size > MAX_UNINDEXED) {
    for (const value of unindexed) recent.add(value);
    unindexed.clear();
    if (recent.size > Math.max(MIN_RECENT_BEFORE_BULK, bulk.size / 4)) {
      bulk = new StringSetMatcher([...pinned, ...learned]);
      recent.clear();
    }
    recentMatcher = new StringSetMatcher(recent);
  }
  let ranges = mergeRanges(bulk.ranges(text), recentMatcher.ranges(text));
  for (const secret of unindexed) {
    const extra: number[] = [];
    for (let at = text.indexOf(secret); at >= 0; at = text.indexOf(secret, at + 1)) {
      addRange(extra, at, at + secret.length);
    }
    ranges = mergeRanges(ranges, extra);
  }
  return ranges;
}

/**
 * `text` with registered secrets and well-known secret shapes (bearer credentials, JWTs, `lk_`
 * keys) replaced. Linear in the length of `text` and flat in the number of registered secrets:
 * one automaton pass, then patterns that cannot backtrack.
 */
export function redactText(text: string): string {
  const ranges = registeredRanges(text);
  let out = text;
  if (ranges.length > 0) {
    const pieces: string[] = [];
    let from = 0;
    for (let i = 0; i < ranges.length; i += 2) {
      pieces.push(text.slice(from, ranges[i]), REDACTED);
      from = ranges[i + 1] as number;
    }
    pieces.push(text.slice(from));
    out = pieces.join("");
  }
  return redactShapes(out);
}

// The shapes below are written so that a match attempt never has to give characters back: each
// quantified run is followed by nothing it could also match, or by nothing at all, and what
// makes a match a secret (segment lengths, dots) is checked on the match afterwards. So a run
// of near-misses (`-eyJ-eyJ…`, `lk_lk_…`) costs one pass, not one pass per starting point.
const AUTH_SCHEME = /\b(Bearer|Basic)(\s+)[A-Za-z0-9._~+/=-]+/gi;
const LK_KEY = /\blk_[A-Za-z0-9_-]*/g;
const MIN_LK_KEY = "lk_".length + 6;
const JWT_LIKE = /\beyJ[A-Za-z0-9_-]{4}[A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]*){0,2}/g;

function redactShapes(text: string): string {
  let out = text.includes("eyJ") ? redactJwts(text) : text;
  if (out.includes("lk_")) out = out.replace(LK_KEY, (key) => (key.length >= MIN_LK_KEY ? REDACTED : key));
  return out.replace(AUTH_SCHEME, `$1 ${REDACTED}`);
}

/** JWT-shaped tokens: `eyJ` + at least 4, then `.` + at least 4, then `.` + the signature. */
function redactJwts(text: string): string {
  const pattern = new RegExp(JWT_LIKE);
  let out = "";
  let from = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    const token = m[0];
    const dot1 = token.indexOf(".");
    const dot2 = dot1 < 0 ? -1 : token.indexOf(".", dot1 + 1);
    if (dot2 >= 0 && dot1 >= 7 && dot2 - dot1 - 1 >= 4) {
      out += text.slice(from, m.index) + REDACTED;
      from = pattern.lastIndex;
    } else if (dot1 >= 0) {
      // Not a JWT from here; one may still start at the next segment.
      pattern.lastIndex = m.index + dot1 + 1;
    }
  }
  return from === 0 ? text : out + text.slice(from);
}

// Headers whose values are credentials whatever they hold: masked on errors and logs, and (see
// `redirect.ts`) dropped when a redirect leaves the API's origin.
const SENSITIVE_HEADERS = new Set([
  "authorization",
  "proxy-authorization",
  "cookie",
  "set-cookie",
  "x-api-key",
  "api-key",
  "x-auth-token",
  "x-access-token",
  "x-session-token",
  "x-amz-security-token",
]);

// Names (body fields, header names) whose values are secrets even when nobody registered them: a
// response whose shape changed still carries its password or token into an error's `raw`, and a
// caller's `X-Session-Token` header is a credential whatever it is called.
const SECRET_NAME_PARTS =
  "pass|secret|token|api[_-]?key|private[_-]?key|credential|cookie|authorization|session|signature";
const SECRET_NAME = new RegExp(SECRET_NAME_PARTS, "i");
// A JSON string member whose name says secret: `"api_key": "…"`. The lookahead checks the name
// (up to its closing quote or first escape). Values without escapes (nearly all) are replaced by
// one native `replace`; a value with escapes is found by a pattern that stops at its first
// backslash and then ended by hand (a regex loop over escapes would grow V8's backtrack stack
// with the value's length).
const NAME = `"(?=[^"\\\\]*?(?:${SECRET_NAME_PARTS}))([^"\\\\]*)"(\\s*:\\s*)"`;
const SECRET_MEMBER_PLAIN = new RegExp(`${NAME}[^"\\\\]*"`, "gi");
const SECRET_MEMBER_ESCAPED_START = new RegExp(`${NAME}(?=[^"\\\\]*\\\\)`, "gi");

/** Whether a field or header name says its value is a secret (`password`, `api_key`, `X-Auth-Token`…). */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

const MAX_REDACT_DEPTH = 32;
const NESTED_TOO_DEEP = "[nested too deep]";

/**
 * A copy of a parsed body with registered secrets replaced and, with `secretFields`, the string
 * values of secret-named fields too. (An API error's body keeps its named fields: providers read
 * protocol values such as a login's MFA challenge token from it.)
 */
export function redactValue(value: unknown, secretFields = true, depth = 0): unknown {
  if (typeof value === "string") return redactText(value);
  if (value === null || typeof value !== "object") return value;
  // Deeper than any real body: not walked further, and not kept either (its strings would go
  // unredacted).
  if (depth > MAX_REDACT_DEPTH) return NESTED_TOO_DEEP;
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

// A body kept as text on an error (`ResponseValidationError.raw`) keeps what a reader needs: its
// first 64 KiB. Redaction runs over a little more (the margin), so a secret or a secret member
// straddling the cut is recognised whole before the cut is made.
const MAX_BODY_TEXT = 64 * 1024;
const BODY_TEXT_MARGIN = 4 * 1024;

/**
 * Body text (JSON or not) with secret-named JSON string fields and registered secrets replaced;
 * past 64 KiB, only its beginning is kept (work and result bounded whatever the body's size).
 */
export function redactBodyText(text: string): string {
  if (text.length <= MAX_BODY_TEXT) return redactWholeBody(text);
  const head = redactWholeBody(text.slice(0, MAX_BODY_TEXT + BODY_TEXT_MARGIN)).slice(0, MAX_BODY_TEXT);
  return `${head}… (${text.length} characters in all)`;
}

function redactWholeBody(text: string): string {
  return redactText(text.includes(":") ? maskSecretMembers(text) : text);
}

function maskSecretMembers(text: string): string {
  const plain = text.replace(SECRET_MEMBER_PLAIN, `"$1"$2"${REDACTED}"`);
  return plain.includes("\\") ? maskEscapedMembers(plain) : plain;
}

function maskEscapedMembers(text: string): string {
  const start = new RegExp(SECRET_MEMBER_ESCAPED_START);
  let out = "";
  let from = 0;
  while (start.exec(text) !== null) {
    const end = stringEnd(text, start.lastIndex);
    if (end < 0) break; // an unterminated value (a cut-off body) is left to the other nets
    out += text.slice(from, start.lastIndex) + REDACTED;
    from = end;
    start.lastIndex = end + 1;
  }
  return from === 0 ? text : out + text.slice(from);
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
