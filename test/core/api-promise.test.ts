import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { HttpResponse, http, passthrough } from "msw";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod/mini";
import { APIPromise, apiPromise, withSinkOf } from "../../src/core/api-promise.js";
import { TurbokitError } from "../../src/core/errors.js";
import { route } from "../../src/core/routes.js";
import { BASE, testClient } from "../helpers/client.js";
import { useMsw } from "../helpers/msw.js";

const server = useMsw();
const getThing = route("GET", "/things/{id}");
const thing = z.object({ id: z.string() });

function getIt(id: string, options?: Parameters<typeof apiPromise>[0]) {
  const client = testClient();
  return apiPromise(options, (o) => client.json(getThing, { params: { id }, schema: thing, options: o }));
}

describe("APIPromise", () => {
  it("awaits to the data and offers the response with its request id", async () => {
    server.use(
      http.get(`${BASE}/things/:id`, ({ params }) =>
        HttpResponse.json(
          { id: params.id },
          { headers: { "x-request-id": "req_42", "x-ratelimit-remaining": "9" } },
        ),
      ),
    );
    const promise = getIt("a1");
    expect(promise).toBeInstanceOf(APIPromise);
    expect(await promise).toEqual({ id: "a1" });
    const { data, response, requestId } = await getIt("b2").withResponse();
    expect(data).toEqual({ id: "b2" });
    expect(requestId).toBe("req_42");
    expect(response.status).toBe(200);
    expect(response.method).toBe("GET");
    expect(response.url).toBe(`${BASE}/things/b2`);
    expect(response.headers.get("x-request-id")).toBe("req_42");
  });

  it("asResponse() is the response read, with the body text", async () => {
    server.use(http.get(`${BASE}/things/:id`, () => HttpResponse.json({ id: "z" }, { status: 201 })));
    const response = await getIt("z").asResponse();
    expect(response.status).toBe(201);
    expect(await response.text()).toBe('{"id":"z"}');
  });

  it("reports the response of the last attempt after a retry", async () => {
    let n = 0;
    server.use(
      http.get(`${BASE}/things/:id`, () =>
        ++n === 1
          ? HttpResponse.json({ detail: "busy" }, { status: 503, headers: { "x-request-id": "first" } })
          : HttpResponse.json({ id: "r" }, { headers: { "x-request-id": "second" } }),
      ),
    );
    const { requestId, response } = await getIt("r").withResponse();
    expect(requestId).toBe("second");
    expect(response.attempt).toBe(2);
  });

  it("rejects both ways with the same typed error, and `then` returns a plain promise", async () => {
    server.use(http.get(`${BASE}/things/:id`, () => HttpResponse.json({ detail: "no" }, { status: 404 })));
    const promise = getIt("gone", { maxRetries: 0 });
    const chained = promise.then((x) => x);
    expect(chained).not.toBeInstanceOf(APIPromise);
    await expect(promise.withResponse()).rejects.toMatchObject({ status: 404 });
    await expect(chained).rejects.toMatchObject({ status: 404 });
  });

  it("withSinkOf: options built afresh for a request still report to the operation's response", async () => {
    server.use(
      http.get(`${BASE}/things/:id`, () =>
        HttpResponse.json({ id: "p" }, { headers: { "x-request-id": "poll" } }),
      ),
    );
    const client = testClient();
    const op = apiPromise(undefined, (traced) =>
      client.json(getThing, {
        params: { id: "p" },
        schema: thing,
        options: withSinkOf(traced, { timeoutMs: 5_000 }),
      }),
    );
    expect((await op.withResponse()).requestId).toBe("poll");
    expect(withSinkOf(undefined, { timeoutMs: 1 })).toEqual({ timeoutMs: 1 });
  });

  it("an operation run inside another reports into the outer call's response", async () => {
    server.use(
      http.get(`${BASE}/things/:id`, ({ params }) =>
        HttpResponse.json({ id: params.id }, { headers: { "x-request-id": `req-${params.id}` } }),
      ),
    );
    const outer = apiPromise(undefined, async (traced) => {
      const first = await getIt("one", traced);
      const second = await getIt("two", traced);
      return [first.id, second.id];
    });
    const { data, requestId } = await outer.withResponse();
    expect(data).toEqual(["one", "two"]);
    expect(requestId).toBe("req-two");
  });

  it("asResponse() keeps no body for an answer holding secrets", async () => {
    server.use(http.get(`${BASE}/things/:id`, () => HttpResponse.json({ id: "s3cr3t-token-value" })));
    const client = testClient();
    const op = apiPromise(undefined, (o) =>
      client.json(getThing, { params: { id: "k" }, schema: thing, options: o, sensitive: true }),
    );
    const response = await op.asResponse();
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("");
  });

  it("asResponse() reports a status a Response cannot hold (an opaque redirect's 0) as 200", async () => {
    const last = {
      method: "GET",
      url: `${BASE}/x`,
      status: 0,
      headers: new Headers(),
      rateLimit: undefined,
      attempt: 1,
    };
    const promise = new APIPromise(Promise.resolve({ data: 1, sink: { last } }));
    expect((await promise.asResponse()).status).toBe(200);
    expect((await promise.withResponse()).response.status).toBe(0);
  });

  it("a method answered without a request resolves its data; withResponse says why it has none", async () => {
    const cached = apiPromise(undefined, async () => "held");
    expect(await cached).toBe("held");
    await expect(cached.withResponse()).rejects.toBeInstanceOf(TurbokitError);
  });
});

describe("upload progress", () => {
  let local: Server;
  let origin = "";
  const received: number[] = [];
  beforeAll(async () => {
    local = createServer((req, res) => {
      let size = 0;
      req.on("data", (chunk: Buffer) => {
        size += chunk.length;
      });
      req.on("end", () => {
        received.push(size);
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ id: String(size) }));
      });
    });
    await new Promise<void>((resolve) => local.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${(local.address() as AddressInfo).port}`;
  });
  afterAll(() => local.close());
  // A real socket: msw lets these requests through to the local server.
  const letThrough = () => server.use(http.all(`${origin}/*`, () => passthrough()));

  it("reports the bytes of a body as it is sent, ending at its size", async () => {
    letThrough();
    const client = testClient(undefined, { baseUrl: origin, allowInsecureHttp: true });
    const bytes = new Uint8Array(300_000).fill(7);
    const seen: Array<{ transferredBytes: number; totalBytes: number | undefined }> = [];
    const answer = await client.json(route("POST", "/upload"), {
      body: new Blob([bytes]),
      schema: thing,
      options: { onUploadProgress: (p) => seen.push(p) },
    });
    expect(answer).toEqual({ id: "300000" });
    expect(received).toEqual([300_000]);
    expect(seen.at(-1)).toEqual({ transferredBytes: 300_000, totalBytes: 300_000 });
    const sent = seen.map((p) => p.transferredBytes);
    expect(sent).toEqual([...sent].sort((a, b) => a - b));
  });

  it("refuses a progress callback that is not a function before sending", async () => {
    letThrough();
    const client = testClient(undefined, { baseUrl: origin, allowInsecureHttp: true });
    const before = received.length;
    await expect(
      client.json(route("POST", "/upload"), {
        body: new Blob(["x"]),
        schema: thing,
        options: { onUploadProgress: "yes" as never },
      }),
    ).rejects.toMatchObject({ field: "options.onUploadProgress" });
    expect(received.length).toBe(before);
  });
});
