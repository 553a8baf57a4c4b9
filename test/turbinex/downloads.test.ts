// Issue 17.3 and 17.4: downloads that a real server sends through pre-signed storage, and
// downloads that fail while the caller is reading them.
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { bearer } from "../../src/auth/index.js";
import { AbortedError, type ApiError, ConnectionError, TimeoutError } from "../../src/core/errors.js";
import { STORAGE_SIM_BASE_URL } from "../../src/testing/storage.js";
import { jobOutputBytes } from "../../src/testing/turbinex/index.js";
import { createTurbineX } from "../../src/turbinex/index.js";
import { useSim } from "../helpers/sim.js";
import { bearerClient, readAll, zip } from "./helpers.js";

describe("downloads in the variant dialect go through the storage origin", () => {
  // `variant: true`: every download is answered with a 302 to a pre-signed storage URL.
  const t = useSim("turbinex", { sim: { outputBytes: 40_000 }, simulator: { variant: true } });
  const storageRequests = () => t.requests.filter((r) => r.url.startsWith(STORAGE_SIM_BASE_URL));

  it("job output, study artifacts and public share artifacts arrive intact, and storage never sees a credential", async () => {
    const tx = await bearerClient(t, "owner");
    const study = await tx.studies.create({ name: "storage" });
    const job = await tx.jobs.submit({ file: zip("in"), studyId: study.id });
    t.sim.clock.advance(120_000);
    const output = await tx.jobs.downloadOutput(job.id);
    expect(await readAll(output.body)).toEqual(jobOutputBytes(job.id, 40_000));
    expect(output.fileName).toBe(`${job.id}-output.zip`);

    const artifact = await tx.studies.artifacts.upload(study.id, {
      file: new TextEncoder().encode("a,b\n1,2\n"),
      filename: "table.csv",
      contentType: "text/csv",
    });
    const file = await tx.studies.artifacts.download(study.id, artifact.id);
    expect(await new Response(file.body).text()).toBe("a,b\n1,2\n");
    expect(file.contentType).toBe("text/csv");

    const shared = await tx.studies.enableSharing(study.id);
    const viewer = t.client({ auth: undefined }).public.viewer(shared.share.token as string);
    const publicFile = await viewer.download(artifact.id);
    expect(await new Response(publicFile.body).text()).toBe("a,b\n1,2\n");

    expect(storageRequests().map((r) => r.path)).toEqual([
      `/o/obj-1/${job.id}-output.zip`,
      "/o/obj-2/table.csv",
      "/o/obj-3/table.csv",
    ]);
    for (const request of storageRequests()) {
      expect(request.headers.get("authorization")).toBeNull();
      expect(request.headers.get("accept")).toBe("*/*");
    }
    expect(new URL(STORAGE_SIM_BASE_URL).origin).not.toBe(new URL(t.sim.baseUrl("turbinex")).origin);
  });

  it("the variant answers are the other legal shapes (what the SDK is tested against)", async () => {
    const token = await t.provider.accessTokenFor("owner@acme.test");
    const get = async (path: string) =>
      (
        await fetch(`${t.sim.baseUrl("turbinex")}${path}`, { headers: { authorization: `Bearer ${token}` } })
      ).json();
    const usage = await get("/usage");
    expect(typeof usage.spend_usd).toBe("string");
    expect(usage.spend_usd).toMatch(/^\d+\.\d{2}$/);
    const me = await get("/auth/me");
    expect(me).not.toHaveProperty("verified");
    expect(me).toMatchObject({ email_verified: true, org: { plan: "pro" } });
    const turbines = await get("/turbines");
    for (const t of turbines.items) {
      expect(t).not.toHaveProperty("kind");
      expect(typeof t.id).toBe("number");
      expect(t.etag).toMatch(/^W\//);
      expect(typeof t.created_at).toBe("number");
    }
    const study = await t.client({ auth: bearer(token) }).studies.create({ name: "raw" });
    expect((await get(`/studies/${study.id}`)).share).toBeNull();
  });

  it("the storage origin refuses a request that carries Authorization, as S3 does", async () => {
    const url = t.sim.storage.presign({ bytes: new Uint8Array([1]), contentType: "x/y", fileName: "f" });
    const response = await fetch(url, { headers: { authorization: "Bearer leaked" } });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("<Code>InvalidArgument</Code>");
    expect((await fetch(url)).status).toBe(200);
  });
});

describe("a download that fails while it is being read (issue 17.4)", () => {
  let server: Server;
  let base: string;
  let serve: (res: ServerResponse) => void = () => {};
  beforeAll(async () => {
    server = createServer((_req, res) => serve(res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(() => server.closeAllConnections());
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const client = () => createTurbineX({ baseUrl: base, auth: bearer("tx_pat_download_01"), maxRetries: 0 });

  it("a body cut off mid-stream rejects the reader with ConnectionError (not undici's TypeError: terminated)", async () => {
    serve = (res) => {
      res.writeHead(200, { "content-type": "application/zip", "content-length": "100000" });
      res.write(Buffer.alloc(10_000, 1));
      setTimeout(() => res.destroy(), 20);
    };
    const download = await client().jobs.downloadOutput("job_1");
    const error = await readAll(download.body).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toContain("connection lost while reading");
  });

  it("a body that ends cleanly but short of its Content-Length is a ConnectionError too", async () => {
    // A proxy that closes the stream early without an error: only the declared length tells.
    const short: typeof fetch = async () =>
      new Response(
        new ReadableStream({
          start(controller) {
            controller.enqueue(new Uint8Array(5));
            controller.close();
          },
        }),
        { headers: { "content-type": "application/zip", "content-length": "100" } },
      );
    const tx = createTurbineX({ baseUrl: base, auth: bearer("tx_pat_download_01"), fetch: short });
    const download = await tx.jobs.downloadOutput("job_1");
    const error = await readAll(download.body).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toContain("body cut off after 5 of 100 bytes");
  });

  it("the caller's abort while reading rejects the reader with AbortedError", async () => {
    serve = (res) => {
      res.writeHead(200, { "content-type": "application/zip" });
      res.write(Buffer.alloc(1_000, 3));
      // …and then nothing more: the caller gives up.
    };
    const controller = new AbortController();
    const download = await client().jobs.downloadOutput("job_1", { signal: controller.signal });
    const reader = download.body.getReader();
    const first = await reader.read();
    expect(first.value?.byteLength).toBe(1_000);
    const pending = reader.read().catch((e: unknown) => e);
    controller.abort();
    expect(await pending).toBeInstanceOf(AbortedError);
  });
});

describe("in a browser, a download's redirect is followed by fetch itself", () => {
  it("an opaque redirect is sent again once with redirect: 'follow' and the caller's credentials", async () => {
    const g = globalThis as { window?: unknown };
    g.window = { document: {} };
    try {
      const calls: { url: string; redirect: string | undefined; auth: string | null }[] = [];
      const browserFetch: typeof fetch = async (input, init) => {
        const request = input instanceof Request ? input : new Request(input, init);
        const redirect = init?.redirect ?? request.redirect;
        calls.push({ url: request.url, redirect, auth: request.headers.get("authorization") });
        if (redirect === "manual") {
          // What a browser hands back for a redirect it was told not to follow.
          const opaque = new Response(null, { status: 200 });
          Object.defineProperties(opaque, {
            status: { value: 0 },
            ok: { value: false },
            type: { value: "opaqueredirect" },
          });
          return opaque;
        }
        return new Response("PK-from-storage", { headers: { "content-type": "application/zip" } });
      };
      const tx = createTurbineX({
        baseUrl: "https://api.turbinex.app",
        auth: bearer("tx_pat_browser_01"),
        fetch: browserFetch,
        maxRetries: 0,
      });
      const download = await tx.jobs.downloadOutput("job_9");
      expect(await new Response(download.body).text()).toBe("PK-from-storage");
      expect(calls).toEqual([
        {
          url: "https://api.turbinex.app/jobs/job_9/output",
          redirect: "manual",
          auth: "Bearer tx_pat_browser_01",
        },
        {
          url: "https://api.turbinex.app/jobs/job_9/output",
          redirect: "follow",
          auth: "Bearer tx_pat_browser_01",
        },
      ]);
    } finally {
      delete g.window;
    }
  });
});

describe("in a browser, a strategy whose credential is not Authorization", () => {
  it("is not handed to the redirect target: the download is refused", async () => {
    const g = globalThis as { window?: unknown };
    g.window = { document: {} };
    try {
      let follows = 0;
      const browserFetch: typeof fetch = async (input, init) => {
        const request = input instanceof Request ? input : new Request(input, init);
        if ((init?.redirect ?? request.redirect) === "follow") follows++;
        const opaque = new Response(null, { status: 200 });
        Object.defineProperties(opaque, { status: { value: 0 }, ok: { value: false } });
        return opaque;
      };
      const keyAuth = {
        kind: "test-key",
        authorize(request: Request) {
          request.headers.set("X-Api-Key", "key-browser-0001");
        },
      };
      const tx = createTurbineX({
        baseUrl: "https://api.turbinex.app",
        auth: keyAuth,
        fetch: browserFetch,
        maxRetries: 0,
      });
      const error = await tx.jobs.downloadOutput("job_9").catch((e: unknown) => e);
      expect((error as Error).name).toBe("UnsafeRedirectError");
      expect((error as Error).message).toContain("x-api-key");
      expect(follows).toBe(0);
    } finally {
      delete g.window;
    }
  });
});

describe("a storage answer that never ends cannot hold the caller", () => {
  let server: Server;
  let base: string;
  const open = new Set<ServerResponse>();
  beforeAll(async () => {
    server = createServer((req, res) => {
      open.add(res);
      const drip = () => {
        const timer = setInterval(() => res.write(" "), 20);
        res.on("close", () => clearInterval(timer));
      };
      if (req.url?.startsWith("/store")) {
        // A 500 whose error page trickles forever.
        res.writeHead(500, { "content-type": "text/plain" });
        res.write("storage failed");
        drip();
      } else if (req.url?.startsWith("/pointer")) {
        res.writeHead(200, { "content-type": "application/json" });
        res.write('{"url": ');
        drip();
      } else {
        res.writeHead(302, { location: `${base}/store/k1` });
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    for (const res of open) res.destroy();
    return new Promise((resolve) => server.close(resolve));
  });

  it("a storage error page trickled forever ends in its ApiError within the attempt's time", async () => {
    const tx = createTurbineX({
      baseUrl: base,
      auth: bearer("tx_pat_download_02"),
      maxRetries: 0,
      timeoutMs: 300,
    });
    const started = Date.now();
    const error = await tx.jobs.downloadOutput("job_1").catch((e: unknown) => e);
    expect((error as ApiError).status).toBe(500);
    expect((error as Error).message).toContain("storage failed");
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("a JSON {url} answer trickled forever ends in a TimeoutError", async () => {
    const tx = createTurbineX({
      baseUrl: `${base}/pointer`,
      auth: bearer("tx_pat_download_03"),
      maxRetries: 0,
      timeoutMs: 300,
    });
    const error = await tx.jobs.downloadOutput("job_1").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
  });
});
