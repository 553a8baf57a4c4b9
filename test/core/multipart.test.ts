import { createServer, type IncomingMessage } from "node:http";
import { afterEach, describe, expect, test } from "vitest";
import * as z from "zod/mini";
import { CredentialsError } from "../../src/auth/errors.js";
import { none } from "../../src/auth/none.js";
import type { AuthStrategy } from "../../src/auth/types.js";
import { InputValidationError } from "../../src/core/errors.js";
import { HttpClient } from "../../src/core/http.js";
import { formDataBody, multipartBlob, multipartBody } from "../../src/core/multipart.js";
import { route } from "../../src/core/routes.js";
import { createLyceum } from "../../src/lyceum/index.js";
import { createTurbineX } from "../../src/turbinex/index.js";

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

/** The multipart body of a request, parsed as a server would. */
async function readForm(req: IncomingMessage): Promise<FormData> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return parseForm(req, Buffer.concat(chunks));
}

function parseForm(req: IncomingMessage, body: Buffer): Promise<FormData> {
  return new Response(new Uint8Array(body), {
    headers: { "content-type": req.headers["content-type"] ?? "" },
  }).formData();
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
      const form = await parseForm(req, Buffer.concat(chunks));
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

  test("bytes and Blobs are framed into one Blob, with the requested content type", async () => {
    const base = await serve(async (req) => {
      const form = await readForm(req);
      const file = form.get("file") as File;
      return {
        purpose: form.get("purpose"),
        type: file.type,
        size: file.size,
        length: req.headers["content-length"],
      };
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
      expect(upload.body).toBeInstanceOf(Blob);
      expect(upload.headers["Content-Type"]).toMatch(
        /^multipart\/form-data; boundary=turbokit-[0-9a-f]{24}$/,
      );
      const result = await client.json(route("POST", "/upload"), {
        body: upload.body,
        headers: upload.headers,
        schema: z.looseObject({
          purpose: z.string(),
          type: z.string(),
          size: z.number(),
          length: z.string(),
        }),
      });
      // The length is known before sending: a Blob body is never chunked.
      expect(result).toEqual({
        purpose: "batch",
        type: "application/jsonl",
        size: 300,
        length: String((upload.body as Blob).size),
      });
    }
  });

  test("formDataBody frames a FormData with the SDK's boundary; fields and files arrive", async () => {
    const base = await serve(async (req) => {
      const form = await readForm(req);
      const file = form.get("file") as File;
      return {
        contentType: req.headers["content-type"],
        name: form.get("name"),
        file: [file.name, file.type, file.size],
      };
    });
    const client = new HttpClient({ name: "Test", defaultBaseUrl: base, auth: none() });
    const form = new FormData();
    form.append("name", "line one\nline two");
    form.append("file", new Blob([new Uint8Array(500)], { type: "application/zip" }), "in.zip");
    const upload = formDataBody(form);
    const result = await client.json(route("POST", "/upload"), {
      body: upload.body,
      headers: upload.headers,
      schema: z.looseObject({ contentType: z.string(), name: z.string(), file: z.array(z.unknown()) }),
    });
    expect(result.contentType).toMatch(/^multipart\/form-data; boundary=turbokit-[0-9a-f]{24}$/);
    expect(result.name).toBe("line one\r\nline two");
    expect(result.file).toEqual(["in.zip", "application/zip", 500]);
  });

  test("HttpClient refuses a raw FormData body before anything is sent, pointing at formDataBody", async () => {
    let sent = 0;
    const base = await serve(async () => {
      sent++;
      return {};
    });
    const client = new HttpClient({ name: "Test", defaultBaseUrl: base, auth: none() });
    const form = new FormData();
    form.append("file", new Blob(["x"]), "x.bin");
    const error = await client
      .json(route("POST", "/upload"), { body: form as unknown as Blob, schema: z.unknown() })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputValidationError);
    expect((error as InputValidationError).field).toBe("body");
    expect((error as Error).message).toContain("formDataBody(form)");
    expect(sent).toBe(0);
  });

  test("multipartBlob writes what FormData would: CRLF text, escaped names, each file's type; no undefined fields", async () => {
    const upload = multipartBlob([
      { name: "folder_prefix", value: "runs/\nline two\r\nline three" },
      { name: 'we"ird', value: "ok" },
      { name: "absent", value: undefined },
      { name: "files", filename: 'a "1".bin', blob: new Blob([new Uint8Array([1, 2, 3])]) },
      { name: "files", filename: "b.json", blob: new Blob(["{}"], { type: "application/json" }) },
      { name: "files", filename: "c.txt", blob: new Blob(["c"]), type: "text/plain" },
    ]);
    const form = await new Response(upload.body, { headers: upload.headers }).formData();
    expect(form.get("folder_prefix")).toBe("runs/\r\nline two\r\nline three");
    expect(form.get('we"ird')).toBe("ok");
    expect(form.has("absent")).toBe(false);
    const files = form.getAll("files") as File[];
    expect(files.map((f) => [f.name, f.type, f.size])).toEqual([
      ['a "1".bin', "application/octet-stream", 3],
      ["b.json", "application/json", 2],
      ["c.txt", "text/plain", 1],
    ]);
    expect([...new Uint8Array(await files[0]!.arrayBuffer())]).toEqual([1, 2, 3]);
  });
});

describe("no header injection through a multipart part", () => {
  const bytes = () => new Blob([new Uint8Array([1, 2, 3])]);
  const refusal = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      return error as InputValidationError;
    }
    throw new Error("expected an InputValidationError");
  };

  test("a CR, LF or NUL in a file name, a content type or a FormData name is refused, naming the field", async () => {
    expect(
      refusal(() => multipartBlob([{ name: "file", filename: "a.bin\r\nX-Injected: 1", blob: bytes() }]))
        .field,
    ).toBe("filename");
    const typed = refusal(() =>
      multipartBlob([
        { name: "file", filename: "a.bin", blob: bytes(), type: "text/plain\r\nX-Injected: 1" },
      ]),
    );
    expect(typed).toBeInstanceOf(InputValidationError);
    expect(typed.field).toBe("contentType");
    expect(typed.message).toBe(
      "contentType: contains CR, LF or NUL, which would break the multipart headers",
    );
    expect(refusal(() => multipartBlob([{ name: "x\ny", value: "v" }])).field).toBe("form");
    const form = new FormData();
    form.append("file", new File(["x"], "a\u0000.bin"));
    expect(refusal(() => formDataBody(form)).field).toBe("form.file.name");
    await expect(
      multipartBody({}, { field: "file", filename: "a\rb", body: bytes(), arguments: { filename: "name" } }),
    ).rejects.toMatchObject({ field: "name" });
  });

  test("Lyceum uploads with such a contentType or filename send nothing", async () => {
    let sent = 0;
    const baseUrl = await serve(async () => {
      sent++;
      return {};
    });
    const lyceum = createLyceum({ baseUrl, auth: none() });
    const upload = await lyceum.storage
      .upload("runs/a.bin", new Uint8Array([1]), { contentType: "text/plain\r\nX-Injected: 1" })
      .catch((e: unknown) => e);
    expect(upload).toBeInstanceOf(InputValidationError);
    expect((upload as InputValidationError).field).toBe("contentType");
    const file = await lyceum.files
      .upload(new Blob(['{"a":1}\n']), { filename: "batch.jsonl\r\nContent-Type: text/html" })
      .catch((e: unknown) => e);
    expect((file as InputValidationError).field).toBe("filename");
    expect(sent).toBe(0);
  });
});

describe("an upload that fails before it is sent", () => {
  // Node's fetch pumps a FormData body from a promise nobody awaits; ky cancels an unsent body, and
  // the pump's next write used to reject unhandled (fatal to a Node process by default).
  const failingAuth: AuthStrategy = {
    kind: "failing",
    async authorize() {
      throw new Error("vault offline");
    },
  };
  // Several parts, so that a pump would still be writing when the call fails.
  const zipBytes = () =>
    new Blob([
      new Uint8Array([0x50, 0x4b, 0x03, 0x04]),
      ...Array.from({ length: 8 }, () => new Uint8Array(8192)),
    ]);
  const uploads: Array<[string, (base: string) => Promise<unknown>]> = [
    [
      "HttpClient with formDataBody(form)",
      (base) => {
        const form = new FormData();
        form.append("name", "n");
        form.append("file", zipBytes(), "a.zip");
        const client = new HttpClient({ name: "Test", defaultBaseUrl: base, auth: failingAuth });
        const upload = formDataBody(form);
        return client.json(route("POST", "/upload"), {
          body: upload.body,
          headers: upload.headers,
          schema: z.unknown(),
        });
      },
    ],
    [
      "turbinex.jobs.submit",
      (baseUrl) =>
        createTurbineX({ baseUrl, auth: failingAuth }).jobs.submit({ file: zipBytes(), name: "n" }),
    ],
    [
      "turbinex.parametric.submit",
      (baseUrl) =>
        createTurbineX({ baseUrl, auth: failingAuth }).parametric.submit({
          file: zipBytes(),
          parameters: [{ name: "wind_speed", values: [8, 10] }],
        }),
    ],
    [
      "turbinex.studies.artifacts.upload",
      (baseUrl) =>
        createTurbineX({ baseUrl, auth: failingAuth }).studies.artifacts.upload("1", {
          file: zipBytes(),
          filename: "a.zip",
        }),
    ],
    [
      "lyceum.storage.upload",
      (baseUrl) => createLyceum({ baseUrl, auth: failingAuth }).storage.upload("runs/a.bin", zipBytes()),
    ],
    [
      "lyceum.storage.uploadBulk",
      (baseUrl) =>
        createLyceum({ baseUrl, auth: failingAuth }).storage.uploadBulk("runs/", [
          { name: "a.bin", body: zipBytes() },
          { name: "b.bin", body: zipBytes() },
        ]),
    ],
    [
      "lyceum.files.upload",
      (baseUrl) => createLyceum({ baseUrl, auth: failingAuth }).files.upload(new Blob(['{"a":1}\n'])),
    ],
  ];
  for (const [name, upload] of uploads) {
    test(`${name}: a CredentialsError, nothing sent, no unhandled rejection`, async () => {
      const unhandled: unknown[] = [];
      const record = (reason: unknown) => void unhandled.push(reason);
      process.on("unhandledRejection", record);
      try {
        let sent = 0;
        const base = await serve(async () => {
          sent++;
          return {};
        });
        const error = await upload(base).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(CredentialsError);
        expect((error as CredentialsError).cause).toEqual(new Error("vault offline"));
        // Long enough for a body pump to have written its next chunk.
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(sent).toBe(0);
        expect(unhandled).toEqual([]);
      } finally {
        process.off("unhandledRejection", record);
      }
    });
  }
});
