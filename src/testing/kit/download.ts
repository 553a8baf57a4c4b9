/**
 * File downloads as simulated APIs answer them: the bytes streamed in chunks (so a client's
 * streaming read meets more than one chunk), with the length and an attachment file name.
 */

/** 16 KiB: small enough that every simulated file of interest arrives in several chunks. */
const CHUNK_BYTES = 16 * 1024;

/** The bytes as a stream of `size`-byte chunks. */
export function chunkedStream(bytes: Uint8Array, size = CHUNK_BYTES): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.byteLength) {
        controller.close();
        return;
      }
      controller.enqueue(bytes.slice(offset, offset + size));
      offset += size;
    },
  });
}

/** A 200 carrying a file: streamed bytes, `content-length`, `content-disposition: attachment`. */
export function fileResponse(bytes: Uint8Array, contentType: string, fileName: string): Response {
  return new Response(chunkedStream(bytes), {
    status: 200,
    headers: {
      "content-type": contentType,
      "content-length": String(bytes.byteLength),
      "content-disposition": `attachment; filename="${fileName.replace(/["\\\r\n]/g, "_")}"`,
    },
  });
}
