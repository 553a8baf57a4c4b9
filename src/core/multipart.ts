import { isBrowser } from "./redirect.js";
import { toBlob, type UploadBody } from "./upload.js";

/** The file part of a multipart upload. */
export interface FilePart {
  /** Form field name (e.g. "file"). */
  field: string;
  filename: string;
  /** Content type (default: the Blob's own, else application/octet-stream). */
  type?: string | undefined;
  body: UploadBody;
  /** The caller's argument name, for a bad-body InputValidationError (default: `field`). */
  argument?: string | undefined;
}

/** A request body plus the headers it needs. */
export interface MultipartBody {
  body: BodyInit;
  /** Set when the SDK wrote the multipart framing itself (streamed body). */
  headers: Record<string, string>;
}

const encoder = new TextEncoder();

/**
 * A multipart/form-data body of text fields and one file. A Blob or bytes go through FormData
 * (the runtime streams a Blob from disk). A ReadableStream is framed here and streamed as it is
 * read, never collected, in server runtimes; browsers cannot stream a request body over HTTP/1.1,
 * so there it becomes a Blob first. A streamed body is never retried (it cannot be replayed).
 */
export async function multipartBody(fields: Record<string, string>, file: FilePart): Promise<MultipartBody> {
  const streamed =
    typeof ReadableStream !== "undefined" && file.body instanceof ReadableStream && !isBrowser();
  if (!streamed) {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    let blob = await toBlob(file.body, file.argument ?? file.field, file.type);
    // A Blob keeps its own type unless the caller named one (re-wrapping copies no bytes).
    if (file.type && blob.type !== file.type) blob = new Blob([blob], { type: file.type });
    form.append(file.field, blob, file.filename);
    return { body: form, headers: {} };
  }
  const boundary = `turbokit-${randomToken()}`;
  const head = Object.entries(fields)
    .map(
      ([name, value]) =>
        `--${boundary}\r\nContent-Disposition: form-data; name="${quote(name)}"\r\n\r\n${value}\r\n`,
    )
    .join("");
  const fileHead =
    `--${boundary}\r\nContent-Disposition: form-data; name="${quote(file.field)}"; filename="${quote(file.filename)}"\r\n` +
    `Content-Type: ${file.type ?? "application/octet-stream"}\r\n\r\n`;
  const tail = `\r\n--${boundary}--\r\n`;
  return {
    body: concatStreams(
      encoder.encode(head + fileHead),
      file.body as ReadableStream<Uint8Array>,
      encoder.encode(tail),
    ),
    headers: { "Content-Type": `multipart/form-data; boundary=${boundary}` },
  };
}

/** Field names and file names as the HTML spec encodes them inside quotes. */
function quote(text: string): string {
  return text.replace(/"/g, "%22").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** prefix, then every chunk of `middle` as it is pulled, then suffix: backpressure kept. */
function concatStreams(
  prefix: Uint8Array,
  middle: ReadableStream<Uint8Array>,
  suffix: Uint8Array,
): ReadableStream<Uint8Array> {
  const reader = middle.getReader();
  let stage: "prefix" | "middle" | "done" = "prefix";
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (stage === "prefix") {
        stage = "middle";
        controller.enqueue(prefix);
        return;
      }
      const { value, done } = await reader.read();
      if (!done) {
        controller.enqueue(value);
        return;
      }
      stage = "done";
      controller.enqueue(suffix);
      controller.close();
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}
