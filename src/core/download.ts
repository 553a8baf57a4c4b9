/** Progress of a streamed download, reported as chunks arrive. */
export interface DownloadProgress {
  /** Bytes received so far. */
  transferredBytes: number;
  /** From Content-Length, when the server sent it. */
  totalBytes: number | undefined;
}

/** A streamed download: read `body` (never buffered whole by the SDK). */
export interface Download {
  body: ReadableStream<Uint8Array>;
  /** Content-Length, when known. */
  size: number | undefined;
  contentType: string | undefined;
  /** From Content-Disposition, when present: a bare file name (any directory part removed). */
  fileName: string | undefined;
}

/**
 * Turns a response into a `Download`, counting bytes through a TransformStream so progress is
 * reported as the caller consumes the stream (backpressure intact, nothing buffered).
 */
export function toDownload(response: Response, onProgress?: (progress: DownloadProgress) => void): Download {
  const size = numberOrUndefined(response.headers.get("content-length"));
  const source = response.body ?? new ReadableStream<Uint8Array>({ start: (c) => c.close() });
  let transferred = 0;
  const body = onProgress
    ? source.pipeThrough(
        new TransformStream<Uint8Array, Uint8Array>({
          transform(chunk, controller) {
            transferred += chunk.byteLength;
            controller.enqueue(chunk);
            onProgress({ transferredBytes: transferred, totalBytes: size });
          },
        }),
      )
    : source;
  return {
    body,
    size,
    contentType: response.headers.get("content-type") ?? undefined,
    fileName: fileNameOf(response.headers.get("content-disposition")),
  };
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
