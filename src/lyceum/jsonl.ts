import { AbortedError, InputValidationError, ResponseValidationError } from "../core/errors.js";
import { parseJson } from "../core/json.js";

/** Longest single JSONL line held in memory by default (16 MiB). */
export const DEFAULT_MAX_LINE_BYTES = 16 * 1024 * 1024;

/** One line of a JSONL stream: parsed, or reported with its 1-based line number. */
export type JsonlLine<T = unknown> =
  | { line: number; ok: true; value: T }
  | { line: number; ok: false; error: string; raw: string };

/**
 * Reads a JSONL byte stream line by line without buffering the whole body: lines split across
 * chunks are joined, `\r\n` is accepted, blank lines are skipped, a final line without a newline
 * is read, and a line that is not JSON is yielded as `{ ok: false, line, error, raw }` instead of
 * ending the stream. One line longer than `maxLineBytes` (default 16 MiB) ends the stream with a
 * ResponseValidationError: memory stays bounded whatever the server sends. The body is cancelled
 * however the loop ends (done, `break`, error, abort).
 */
export async function* readJsonl<T = unknown>(
  body: ReadableStream<Uint8Array>,
  signal?: AbortSignal,
  maxLineBytes = DEFAULT_MAX_LINE_BYTES,
): AsyncGenerator<JsonlLine<T>, void, undefined> {
  if (!Number.isSafeInteger(maxLineBytes) || maxLineBytes < 1) {
    throw new InputValidationError("maxLineBytes", "must be a positive whole number of bytes");
  }
  const reader = body
    .pipeThrough(new TextDecoderStream() as unknown as TransformStream<Uint8Array, string>)
    .getReader();
  const onAbort = () => void reader.cancel(signal?.reason).catch(() => {});
  signal?.addEventListener("abort", onAbort, { once: true });
  let buffer = "";
  let lineNo = 0;
  // An abort must not look like the end of the file: the caller would take a cut-off output as whole.
  const checkAborted = () => {
    if (signal?.aborted) throw new AbortedError("reading JSONL lines was aborted", { cause: signal.reason });
  };
  try {
    for (;;) {
      const { value, done } = await reader.read();
      checkAborted();
      if (done) break;
      buffer += value;
      let nl = buffer.indexOf("\n");
      while (nl !== -1) {
        const text = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        lineNo++;
        const parsed = parseLine<T>(text, lineNo);
        if (parsed) yield parsed;
        checkAborted();
        nl = buffer.indexOf("\n");
      }
      // Counted in UTF-16 units, never more than the UTF-8 bytes they came from.
      if (buffer.length > maxLineBytes) {
        throw new ResponseValidationError(`a JSONL line is longer than ${maxLineBytes} bytes`, undefined, [
          { path: [lineNo + 1], message: `line longer than ${maxLineBytes} bytes` },
        ]);
      }
    }
    if (buffer !== "") {
      lineNo++;
      const parsed = parseLine<T>(buffer, lineNo);
      if (parsed) yield parsed;
    }
  } finally {
    signal?.removeEventListener("abort", onAbort);
    await reader.cancel().catch(() => {});
  }
}

function parseLine<T>(text: string, line: number): JsonlLine<T> | undefined {
  const trimmed = text.endsWith("\r") ? text.slice(0, -1) : text;
  if (trimmed.trim() === "") return undefined;
  try {
    return { line, ok: true, value: parseJson(trimmed) as T };
  } catch (error) {
    return { line, ok: false, error: error instanceof Error ? error.message : String(error), raw: trimmed };
  }
}

/** Objects → a JSONL Blob (one JSON document per line), ready for `files.upload`. */
export function toJsonl(records: Iterable<unknown>): Blob {
  const parts: string[] = [];
  for (const record of records) parts.push(`${JSON.stringify(record)}\n`);
  return new Blob(parts, { type: "application/jsonl" });
}
