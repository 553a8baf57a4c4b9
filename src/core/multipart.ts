import { InputValidationError } from "./errors.js";
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
  /** The caller's names for `filename` and `type`, for an InputValidationError (defaults: `filename`, `contentType`). */
  arguments?: { filename?: string; type?: string } | undefined;
}

/**
 * One part of a multipart body the SDK frames itself: a text field (left out when its value is
 * undefined, like an absent optional argument) or a file.
 */
export type MultipartPart =
  | { name: string; value: string | undefined }
  | {
      name: string;
      filename: string;
      blob: Blob;
      type?: string | undefined;
      /** The caller's names for `filename` and `type`, for an InputValidationError. */
      arguments?: { filename?: string; type?: string } | undefined;
    };

/** A request body plus the headers it needs. */
export interface MultipartBody {
  body: Blob | ReadableStream<Uint8Array>;
  /** The Content-Type with the boundary the SDK framed the body with. */
  headers: Record<string, string>;
}

const encoder = new TextEncoder();

/**
 * A multipart/form-data body of text fields and one file. A Blob or bytes are framed into one
 * Blob (see `multipartBlob`). A ReadableStream is framed here and streamed as it is read, never
 * collected, in server runtimes; browsers cannot stream a request body over HTTP/1.1, so there it
 * becomes a Blob first. A streamed body is never retried (it cannot be replayed).
 */
export async function multipartBody(fields: Record<string, string>, file: FilePart): Promise<MultipartBody> {
  checkPartHeaders({ name: file.field, filename: file.filename, type: file.type, arguments: file.arguments });
  for (const name of Object.keys(fields)) checkPartHeaders({ name });
  const textParts = Object.entries(fields).map(([name, value]) => ({ name, value }));
  const streamed =
    typeof ReadableStream !== "undefined" && file.body instanceof ReadableStream && !isBrowser();
  if (!streamed) {
    const blob = await toBlob(file.body, file.argument ?? file.field, file.type);
    return multipartBlob([
      ...textParts,
      { name: file.field, filename: file.filename, blob, type: file.type },
    ]);
  }
  const boundary = newBoundary();
  const head = textParts.map((part) => textPart(boundary, part.name, part.value)).join("");
  const fileHead = partHead(boundary, { name: file.field, filename: file.filename, type: file.type });
  return {
    body: concatStreams(
      encoder.encode(head + fileHead),
      file.body as ReadableStream<Uint8Array>,
      encoder.encode(`\r\n${closing(boundary)}`),
    ),
    headers: contentType(boundary),
  };
}

/**
 * multipart/form-data framed by the SDK into one Blob, instead of handing fetch a FormData.
 * Node's fetch (undici) pumps a FormData body from a promise nobody awaits: when a request fails
 * before it is sent (a credential or rate-limit step throws, the caller aborts), ky cancels the
 * unsent body and the pump's next write rejects unhandled, which ends a Node process by default.
 * A Blob has no pump. File parts still stream from their source (`fs.openAsBlob` reads from disk)
 * and the length is known up front.
 */
export function multipartBlob(parts: MultipartPart[]): MultipartBody {
  for (const part of parts) checkPartHeaders(part);
  const boundary = newBoundary();
  const chunks: BlobPart[] = [];
  for (const part of parts) {
    if ("blob" in part) {
      chunks.push(partHead(boundary, { ...part, type: part.type || part.blob.type }), part.blob, "\r\n");
    } else if (part.value !== undefined) chunks.push(textPart(boundary, part.name, part.value));
  }
  chunks.push(closing(boundary));
  return { body: new Blob(chunks), headers: contentType(boundary) };
}

/** A FormData as `multipartBlob` frames it (files keep their names and types). */
export function formDataBody(form: FormData): MultipartBody {
  return multipartBlob(
    [...form].map(([name, value]) =>
      typeof value === "string"
        ? { name, value }
        : {
            name,
            filename: value.name,
            blob: value,
            arguments: { filename: `form.${name}.name`, type: `form.${name}.type` },
          },
    ),
  );
}

// Part names, file names and content types become header lines inside the body: a CR or LF
// would end the line and start a header (or a part) of the caller's making, and NUL is never
// legal in a header. Refused, naming the argument, before anything is framed or sent.
const HEADER_BREAKING = /[\r\n\0]/;

function checkPartHeaders(part: {
  name: string;
  filename?: string | undefined;
  type?: string | undefined;
  arguments?: { filename?: string; type?: string } | undefined;
}): void {
  const refuse = (field: string) => {
    throw new InputValidationError(field, "contains CR, LF or NUL, which would break the multipart headers");
  };
  if (HEADER_BREAKING.test(part.name)) refuse("form");
  if (part.filename !== undefined && HEADER_BREAKING.test(part.filename))
    refuse(part.arguments?.filename ?? "filename");
  if (part.type !== undefined && HEADER_BREAKING.test(part.type))
    refuse(part.arguments?.type ?? "contentType");
}

function textPart(boundary: string, name: string, value: string): string {
  return `${partHead(boundary, { name })}${crlf(value)}\r\n`;
}

/** The delimiter and headers of one part, as FormData writes them. */
function partHead(
  boundary: string,
  part: { name: string; filename?: string | undefined; type?: string | undefined },
): string {
  const disposition = `Content-Disposition: form-data; name="${quote(crlf(part.name))}"`;
  if (part.filename === undefined) return `--${boundary}\r\n${disposition}\r\n\r\n`;
  return (
    `--${boundary}\r\n${disposition}; filename="${quote(part.filename)}"\r\n` +
    `Content-Type: ${part.type || "application/octet-stream"}\r\n\r\n`
  );
}

function closing(boundary: string): string {
  return `--${boundary}--\r\n`;
}

function contentType(boundary: string): Record<string, string> {
  return { "Content-Type": `multipart/form-data; boundary=${boundary}` };
}

/** Field names and file names as the HTML spec escapes them inside quotes. */
function quote(text: string): string {
  return text.replace(/"/g, "%22").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** Line breaks in text normalised to CRLF, as FormData serialisation does. */
function crlf(text: string): string {
  return text.replace(/\r?\n|\r/g, "\r\n");
}

function newBoundary(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `turbokit-${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
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
