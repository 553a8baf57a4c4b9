import { createServer, type IncomingMessage } from "node:http";
import { afterEach, describe, expect, test } from "vitest";
import * as z from "zod/mini";
import { none } from "../../src/auth/none.js";
import { HttpClient } from "../../src/core/http.js";
import { multipartBody } from "../../src/core/multipart.js";
import { route } from "../../src/core/routes.js";

const closers: Array<() => void> = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

/** A real localhost server (msw would read the whole body before answering). */
async function serve(handler: (req: IncomingMessage) => Promise<unknown>) {
  const server = createServer((req, res) => {
    handler(req).then(
      (body) => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      },
      (error) => {
        res.writeHead(500);
        res.end(String(error));
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  closers.push(() => server.close());
  const { port } = server.address() as { port: number };
  return `http://127.0.0.1:${port}`;
}

async function readAll(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe("multipart uploads", () => {
  test("a ReadableStream is streamed: the server has the first bytes before the rest is produced", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let produced = 0;
    const source = new ReadableStream<Uint8Array>({
      async pull(controller) {
        produced++;
        if (produced === 1) controller.enqueue(new TextEncoder().encode("first-chunk;"));
        else if (produced === 2) {
          // Produced only after the server saw the first chunk: a client that collected the
          // body before sending would wait here forever.
          await gate;
          controller.enqueue(new TextEncoder().encode("second-chunk"));
        } else controller.close();
      },
    });
    const base = await serve(async (req) => {
      let seen = "";
      const chunks: Buffer[] = [];
      for await (const chunk of req) {
        chunks.push(chunk as Buffer);
        seen = Buffer.concat(chunks).toString();
        if (seen.includes("first-chunk;")) release();
      }
      const form = await new Response(Buffer.concat(chunks), {
        headers: { "content-type": req.headers["content-type"] ?? "" },
      }).formData();
      const file = form.get("file") as File;
      return { key: form.get("key"), name: file.name, type: file.type, text: await file.text() };
    });
    const client = new HttpClient({ name: "Test", defaultBaseUrl: base, auth: none() });
    const upload = await multipartBody(
      { key: "runs/a b.txt" },
      { field: "file", filename: 'a "b".txt', type: "text/plain", body: source },
    );
    const result = await client.json(route("POST", "/upload"), {
      body: upload.body,
      headers: upload.headers,
      schema: z.looseObject({ key: z.string(), name: z.string(), type: z.string(), text: z.string() }),
      options: { timeoutMs: 5000 },
    });
    expect(result).toEqual({
      key: "runs/a b.txt",
      name: 'a "b".txt',
      type: "text/plain",
      text: "first-chunk;second-chunk",
    });
  });

  test("bytes and Blobs go through FormData, with the requested content type", async () => {
    const base = await serve(async (req) => {
      const body = await readAll(req);
      const form = await new Response(new Uint8Array(body), {
        headers: { "content-type": req.headers["content-type"] ?? "" },
      }).formData();
      const file = form.get("file") as File;
      return { purpose: form.get("purpose"), type: file.type, size: file.size };
    });
    const client = new HttpClient({ name: "Test", defaultBaseUrl: base, auth: none() });
    for (const body of [
      new Uint8Array(300).fill(7),
      new Blob([new Uint8Array(300)], { type: "application/octet-stream" }),
    ]) {
      const upload = await multipartBody(
        { purpose: "batch" },
        { field: "file", filename: "x.jsonl", type: "application/jsonl", body },
      );
      expect(upload.headers).toEqual({});
      const result = await client.json(route("POST", "/upload"), {
        body: upload.body,
        schema: z.looseObject({ purpose: z.string(), type: z.string(), size: z.number() }),
      });
      expect(result).toEqual({ purpose: "batch", type: "application/jsonl", size: 300 });
    }
  });
});
