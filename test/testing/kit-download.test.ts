import { describe, expect, it } from "vitest";
import { chunkedStream, fileResponse } from "../../src/testing/kit/index.js";

async function chunks(stream: ReadableStream<Uint8Array>): Promise<number[]> {
  const sizes: number[] = [];
  for await (const chunk of stream) sizes.push(chunk.byteLength);
  return sizes;
}

describe("kit: file downloads", () => {
  it("streams the bytes in chunks of the given size", async () => {
    expect(await chunks(chunkedStream(new Uint8Array(10), 4))).toEqual([4, 4, 2]);
    expect(await chunks(chunkedStream(new Uint8Array(40_000)))).toEqual([16_384, 16_384, 7_232]);
  });

  it("answers a 200 attachment with the length, the type and a header-safe file name", async () => {
    const bytes = new Uint8Array([1, 2, 3]);
    const response = fileResponse(bytes, "application/zip", 'a"b\\c\r\nd.zip');
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/zip");
    expect(response.headers.get("content-length")).toBe("3");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="a_b_c__d.zip"');
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(bytes);
  });
});
