import { InputValidationError } from "./errors.js";

/** What upload methods accept. */
export type UploadBody = Blob | Uint8Array | ArrayBuffer | ReadableStream<Uint8Array>;

/**
 * A Blob for a multipart part. Blobs and Files pass through untouched (they stream from disk in
 * Node and browsers); bytes are wrapped without copying; a ReadableStream is collected, because
 * a part of a Blob-framed body must have a size (use a Blob or `fs.openAsBlob` to stream large
 * files).
 */
export async function toBlob(body: UploadBody, field: string, type?: string): Promise<Blob> {
  if (body instanceof Blob) return body;
  if (body instanceof Uint8Array) return new Blob([body as Uint8Array<ArrayBuffer>], type ? { type } : {});
  if (body instanceof ArrayBuffer) return new Blob([body], type ? { type } : {});
  if (typeof ReadableStream !== "undefined" && body instanceof ReadableStream) {
    return new Response(body).blob().then((b) => (type ? new Blob([b], { type }) : b));
  }
  throw new InputValidationError(field, "expected a Blob, File, Uint8Array, ArrayBuffer or ReadableStream");
}

/** Bytes of an upload body (for hashing). */
export async function toBytes(body: UploadBody, field: string): Promise<Uint8Array> {
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  const blob = await toBlob(body, field);
  return new Uint8Array(await blob.arrayBuffer());
}

/** Lowercase hex SHA-256 through WebCrypto (every runtime has it). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}
