import { ResponseValidationError } from "./errors.js";
import { stringEnd } from "./json-string.js";

/**
 * The one JSON reader for response bodies (success and error alike) and stored JSON documents,
 * so that every limit on what a server may send is enforced in one place:
 *
 * - **Depth.** Values nested deeper than `MAX_JSON_DEPTH` are refused with a
 *   `ResponseValidationError`. `JSON.parse` itself copes with any depth, but everything that walks
 *   the value afterwards (`JSON.stringify` of an error, `util.inspect`, a schema) recurses, and
 *   100,000 levels end in `RangeError: Maximum call stack size exceeded`.
 * - **Integers past 2^53** (ids, amounts in base units) are kept exact as decimal strings instead
 *   of being rounded to the nearest double (`12345678901234567891` → `"12345678901234567891"`).
 *   Schemas read ids as strings or numbers and money as numbers or decimal strings, so such a
 *   value reads correctly; a field that must be a number reports a `ResponseValidationError`.
 *   Only integer literals are affected: a number written with a fraction or an exponent is a
 *   float by its own writing and is read as one.
 *
 * Text that is not JSON is a `ResponseValidationError` too (never a `SyntaxError`).
 *
 * How, cheaply: the text goes to `JSON.parse` as is, and one walk over the parsed value (bounded
 * by `MAX_JSON_DEPTH`, so it never recurses deeper) checks the depth and looks for a number
 * beyond ±(2^53 − 1). Every integer literal past 2^53 parses to such a number, so when the walk
 * finds none the value is exact; when it finds one, the text is scanned for the integer literals
 * (floats are told apart only by their writing) and parsed again with those quoted. The walk
 * costs ~0.06× the parse on a 10,000-item page, the scan ~1.1×, so only pages that carry a big
 * number pay for it. (`JSON.parse`'s reviver with `context.source` could do the same, but it is
 * missing before Safari 18.4 and Firefox 135, and a reviver made a 17 MB parse about ten times
 * slower in Node 24.)
 */
export function parseJson(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // Deep and malformed at once is reported as too deep, whichever the engine met first.
    if (scanJson(text).tooDeep) throw tooDeep();
    throw malformed();
  }
  const found = typeof value === "object" && value !== null ? walk(value, 1) : numberFlag(value);
  if (found === TOO_DEEP) throw tooDeep();
  if (found === CLEAN) return value;
  // A number past 2^53 somewhere: an integer literal to keep exact, or a float written as one.
  const scan = scanJson(text);
  return scan.bigIntegers.length === 0 ? value : JSON.parse(quoteSpans(text, scan.bigIntegers));
}

function tooDeep(): ResponseValidationError {
  return new ResponseValidationError(`JSON nested deeper than ${MAX_JSON_DEPTH} levels`, undefined, [
    { path: [], message: `nested deeper than ${MAX_JSON_DEPTH} levels` },
  ]);
}

function malformed(): ResponseValidationError {
  // Typed like every other refusal. The engine's message is left out: it quotes the body.
  return new ResponseValidationError("Malformed JSON", undefined, [{ path: [], message: "not valid JSON" }]);
}

const CLEAN = 0;
const BIG_NUMBER = 1;
const TOO_DEEP = 2;
type WalkResult = typeof CLEAN | typeof BIG_NUMBER | typeof TOO_DEEP;

const numberFlag = (v: unknown): WalkResult =>
  typeof v === "number" && (v > Number.MAX_SAFE_INTEGER || v < -Number.MAX_SAFE_INTEGER) ? BIG_NUMBER : CLEAN;

/** `container` is at nesting level `depth` (the outermost array or object is level 1). */
function walk(container: object, depth: number): WalkResult {
  if (depth > MAX_JSON_DEPTH) return TOO_DEEP;
  let found: WalkResult = CLEAN;
  if (Array.isArray(container)) {
    for (let i = 0; i < container.length; i++) {
      const v: unknown = container[i];
      const f = typeof v === "object" && v !== null ? walk(v, depth + 1) : numberFlag(v);
      if (f === TOO_DEEP) return f;
      if (f === BIG_NUMBER) found = f;
    }
  } else {
    const record = container as Record<string, unknown>;
    // A parsed object is plain: for…in visits its own keys (`__proto__` included, as an own key).
    for (const key in record) {
      const v = record[key];
      const f = typeof v === "object" && v !== null ? walk(v, depth + 1) : numberFlag(v);
      if (f === TOO_DEEP) return f;
      if (f === BIG_NUMBER) found = f;
    }
  }
  return found;
}

/** Deepest nesting of arrays and objects `parseJson` accepts. No API response comes close. */
export const MAX_JSON_DEPTH = 512;

/** The character codes the scan looks for. */
const CHAR = {
  quote: 34,
  openBracket: 91,
  openBrace: 123,
  closeBracket: 93,
  closeBrace: 125,
  minus: 45,
  zero: 48,
  nine: 57,
} as const;
/** Largest integer a double holds exactly, as text. */
const MAX_SAFE = String(Number.MAX_SAFE_INTEGER);

interface JsonScan {
  tooDeep: boolean;
  /** `[start, end)` pairs of integer literals beyond ±(2^53 − 1). */
  bigIntegers: number[];
}

function scanJson(text: string): JsonScan {
  const bigIntegers: number[] = [];
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === CHAR.quote) {
      i = stringEnd(text, i + 1);
      if (i < 0) break; // unterminated: JSON.parse reports it
    } else if (c === CHAR.openBracket || c === CHAR.openBrace) {
      if (++depth > MAX_JSON_DEPTH) return { tooDeep: true, bigIntegers };
    } else if (c === CHAR.closeBracket || c === CHAR.closeBrace) {
      depth--;
    } else if (c === CHAR.minus || (c >= CHAR.zero && c <= CHAR.nine)) {
      const end = numberEnd(text, i);
      if (isUnsafeInteger(text, i, end)) bigIntegers.push(i, end);
      i = end - 1;
    }
  }
  return { tooDeep: false, bigIntegers };
}

/** End of a number token: digits, sign, `.`, exponent. */
function numberEnd(text: string, from: number): number {
  let end = from + 1;
  for (; end < text.length; end++) {
    const c = text.charCodeAt(end);
    const numeric =
      (c >= CHAR.zero && c <= CHAR.nine) || c === 46 || c === 43 || c === CHAR.minus || c === 101 || c === 69;
    if (!numeric) break;
  }
  return end;
}

/** A valid JSON integer literal (no fraction, exponent or leading zero) beyond 2^53 − 1. */
function isUnsafeInteger(text: string, start: number, end: number): boolean {
  const digitsFrom = text.charCodeAt(start) === CHAR.minus ? start + 1 : start;
  const length = end - digitsFrom;
  if (length < MAX_SAFE.length || text.charCodeAt(digitsFrom) === CHAR.zero) return false;
  for (let i = digitsFrom; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < CHAR.zero || c > CHAR.nine) return false;
  }
  return length > MAX_SAFE.length || text.slice(digitsFrom, end) > MAX_SAFE;
}

function quoteSpans(text: string, spans: number[]): string {
  let out = "";
  let from = 0;
  for (let i = 0; i < spans.length; i += 2) {
    out += `${text.slice(from, spans[i])}"${text.slice(spans[i], spans[i + 1])}"`;
    from = spans[i + 1] as number;
  }
  return out + text.slice(from);
}
