/**
 * Bytes served as a stream of `size`-byte chunks, so a client meets a body that arrives in pieces
 * (a line or a multibyte character split across reads), as over a real network.
 */
export function chunkedStream(bytes: Uint8Array, size: number): ReadableStream<Uint8Array> {
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
