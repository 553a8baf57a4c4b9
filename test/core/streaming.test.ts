import { HttpResponse, http } from "msw";
import { describe, expect, test } from "vitest";
import * as z from "zod/mini";
import { toDownload } from "../../src/core/download.js";
import { ConnectionError, ResponseValidationError, TimeoutError } from "../../src/core/errors.js";
import { route } from "../../src/core/routes.js";
import { readSse, StreamIdleError } from "../../src/core/sse.js";
import { sha256Hex, toBlob, toBytes } from "../../src/core/upload.js";
import { BASE, testClient } from "../helpers/client.js";
import { useMsw } from "../helpers/msw.js";

const server = useMsw();

function chunked(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    pull(controller) {
      const next = chunks.shift();
      if (next) controller.enqueue(next);
      else controller.close();
    },
  });
}

describe("downloads", () => {
  test("a stream with byte progress, file name and size; nothing buffered by the SDK", async () => {
    const parts = [new Uint8Array(1000).fill(1), new Uint8Array(500).fill(2), new Uint8Array(24).fill(3)];
    server.use(
      http.get(
        `${BASE}/out`,
        () =>
          new HttpResponse(chunked([...parts]), {
            headers: {
              "content-type": "application/zip",
              "content-length": "1524",
              "content-disposition": `attachment; filename*=UTF-8''r%C3%A9sultats.zip`,
            },
          }),
      ),
    );
    const response = await testClient().stream(route("GET", "/out"));
    const progress: number[] = [];
    const download = toDownload(response, (p) => {
      progress.push(p.transferredBytes);
      expect(p.totalBytes).toBe(1524);
    });
    expect(download.fileName).toBe("résultats.zip");
    expect(download.size).toBe(1524);
    expect(download.contentType).toBe("application/zip");
    expect(progress).toEqual([]); // nothing read until the caller reads
    const bytes = new Uint8Array(await new Response(download.body).arrayBuffer());
    expect(bytes.length).toBe(1524);
    expect(bytes[0]).toBe(1);
    expect(bytes[1523]).toBe(3);
    expect(progress.at(-1)).toBe(1524);
    expect(progress.length).toBeGreaterThanOrEqual(1);
  });

  test("a server-chosen file name is reduced to a bare name: no directories, no control characters", () => {
    const nameOf = (disposition: string) =>
      toDownload(new Response("x", { headers: { "content-disposition": disposition } })).fileName;
    expect(nameOf(`attachment; filename*=UTF-8''..%2F..%2Fetc%2Fcron.d%2Fjob`)).toBe("job");
    expect(nameOf(`attachment; filename="C:\\temp\\..\\evil.exe"`)).toBe("evil.exe");
    expect(nameOf(`attachment; filename*=UTF-8''re%07port%0A.zip`)).toBe("report.zip");
    expect(nameOf(`attachment; filename=".."`)).toBeUndefined();
    expect(nameOf(`attachment; filename*=UTF-8''%2F`)).toBeUndefined();
    expect(nameOf(`attachment; filename="plain.zip"`)).toBe("plain.zip");
  });
});

describe("bodies", () => {
  test("a body cut off mid-way is a ConnectionError", async () => {
    server.use(
      http.get(`${BASE}/cut`, () => {
        let sent = false;
        const body = new ReadableStream<Uint8Array>({
          pull(controller) {
            if (!sent) {
              sent = true;
              controller.enqueue(new TextEncoder().encode('{"items": [1, 2'));
            } else controller.error(new Error("socket hang up"));
          },
        });
        return new HttpResponse(body, { headers: { "content-type": "application/json" } });
      }),
    );
    const error: any = await testClient(undefined, { maxRetries: 0 })
      .json(route("GET", "/cut"), { schema: z.unknown() })
      .catch((e) => e);
    expect(error).toBeInstanceOf(ConnectionError);
  });

  test("malformed JSON is a ResponseValidationError keeping the raw text", async () => {
    server.use(
      http.get(
        `${BASE}/bad`,
        () => new HttpResponse('{"a": ', { headers: { "content-type": "application/json" } }),
      ),
    );
    const error: any = await testClient()
      .json(route("GET", "/bad"), { schema: z.unknown() })
      .catch((e) => e);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error.raw).toBe('{"a": ');
  });

  test("a body over maxResponseBytes fails cleanly without being read whole", async () => {
    let pulled = 0;
    server.use(
      http.get(`${BASE}/huge`, () => {
        const body = new ReadableStream<Uint8Array>({
          pull(controller) {
            pulled++;
            controller.enqueue(new Uint8Array(64 * 1024).fill(32));
          },
        });
        return new HttpResponse(body, { headers: { "content-type": "application/json" } });
      }),
    );
    const client = testClient(undefined, { maxResponseBytes: 256 * 1024 });
    const error: any = await client.json(route("GET", "/huge"), { schema: z.unknown() }).catch((e) => e);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error.message).toContain("exceeds maxResponseBytes (262144)");
    expect(pulled).toBeLessThan(16);
  });
});

describe("server-sent events", () => {
  test("events are parsed across chunk boundaries", async () => {
    const text = 'data: {"output":{"content":"he"}}\n\nevent: status\ndata: {"a":1}\nid: 7\n\ndata: tail\n\n';
    const bytes = new TextEncoder().encode(text);
    const body = chunked([bytes.slice(0, 10), bytes.slice(10, 37), bytes.slice(37)]);
    const events = [];
    for await (const e of readSse(body)) events.push(e);
    expect(events).toEqual([
      { event: undefined, data: '{"output":{"content":"he"}}', id: undefined },
      { event: "status", data: '{"a":1}', id: "7" },
      { event: undefined, data: "tail", id: undefined },
    ]);
  });

  test("one event over the size cap ends the stream with a ResponseValidationError; many small ones do not", async () => {
    const small = new TextEncoder().encode("data: 0123456789\n\n");
    const many = chunked(Array.from({ length: 200 }, () => small.slice()));
    let count = 0;
    for await (const _ of readSse(many, undefined, 256)) count++;
    expect(count).toBe(200); // 3.6 KB in all, each event well under 256 bytes

    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new TextEncoder().encode(pulled === 1 ? "data: ok\n\ndata: " : "x".repeat(100)));
      },
    });
    const seen: string[] = [];
    const error = await (async () => {
      for await (const e of readSse(endless, undefined, 1024)) seen.push(e.data);
    })().catch((e: unknown) => e);
    expect(seen).toEqual(["ok"]);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect((error as Error).message).toContain("exceeds 1024 bytes");
    expect(pulled).toBeLessThan(20);
  });
});

describe("server-sent events: the source is always cancelled", () => {
  /** An endless SSE source that records why it was cancelled. */
  function endless(): { body: ReadableStream<Uint8Array>; cancelled: () => unknown[] } {
    const reasons: unknown[] = [];
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new TextEncoder().encode("data: tick\n\n"));
      },
      cancel(reason) {
        reasons.push(reason ?? "cancelled");
      },
    });
    return { body, cancelled: () => reasons };
  }

  test("when the consumer breaks", async () => {
    const { body, cancelled } = endless();
    for await (const e of readSse(body)) {
      expect(e.data).toBe("tick");
      break;
    }
    expect(cancelled()).toHaveLength(1);
  });

  test("when the consumer throws", async () => {
    const { body, cancelled } = endless();
    await expect(
      (async () => {
        for await (const _ of readSse(body)) throw new Error("consumer");
      })(),
    ).rejects.toThrow("consumer");
    expect(cancelled()).toHaveLength(1);
  });

  test("when the stream ends by itself (the source is done: nothing left to cancel)", async () => {
    const events: string[] = [];
    for await (const e of readSse(chunked([new TextEncoder().encode("data: a\n\n")]))) events.push(e.data);
    expect(events).toEqual(["a"]);
  });

  test("when one event is too large: the error names the cap and the source is cancelled", async () => {
    const reasons: unknown[] = [];
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new TextEncoder().encode("x".repeat(100)));
      },
      cancel(reason) {
        reasons.push(reason);
      },
    });
    const error = await (async () => {
      for await (const _ of readSse(body, undefined, { maxEventBytes: 256 })) {
        /* drain */
      }
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(reasons).toHaveLength(1);
  });

  test("a consumer slower than idleTimeoutMs is not an idle server: the clock runs only while waiting", async () => {
    // The server answers every pull at once (never silent) but the consumer takes its time.
    let n = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new TextEncoder().encode(`data: e${n++}\n\n`));
      },
    });
    const seen: string[] = [];
    for await (const e of readSse(body, undefined, { idleTimeoutMs: 40 })) {
      seen.push(e.data);
      if (seen.length === 3) break;
      await new Promise((resolve) => setTimeout(resolve, 80)); // slow work per event
    }
    expect(seen).toEqual(["e0", "e1", "e2"]);
  });

  test("when nothing arrives for idleTimeoutMs: StreamIdleError, source cancelled, no timer left", async () => {
    const reasons: unknown[] = [];
    const silent = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode("data: one\n\n"));
      },
      cancel(reason) {
        reasons.push(reason);
      },
    });
    const seen: string[] = [];
    const started = Date.now();
    const error = await (async () => {
      for await (const e of readSse(silent, undefined, { idleTimeoutMs: 80 })) seen.push(e.data);
    })().catch((e: unknown) => e);
    expect(seen).toEqual(["one"]);
    expect(error).toBeInstanceOf(StreamIdleError);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(Date.now() - started).toBeGreaterThanOrEqual(75);
    expect(reasons).toHaveLength(1);
  });
});

describe("uploads", () => {
  test("every accepted body becomes the same bytes and hash", async () => {
    const data = new TextEncoder().encode("PK\u0003\u0004zipdata");
    // Known answer (computed independently with node:crypto).
    const hash = "bf623c88aeeeff294e3c2e74003603d6c3adafc7c1b5e38eab290ca13572b3f9";
    for (const body of [data, data.buffer, new Blob([data]), chunked([data.slice(0, 3), data.slice(3)])]) {
      const bytes = await toBytes(body as never, "file");
      expect(await sha256Hex(bytes)).toBe(hash);
    }
    expect((await toBlob(data, "file", "application/zip")).type).toBe("application/zip");
    await expect(toBlob("nope" as never, "file")).rejects.toThrow("file: expected a Blob");
  });

  test("sha256 matches a known vector", async () => {
    expect(await sha256Hex(new TextEncoder().encode("abc"))).toBe(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
  });
});
