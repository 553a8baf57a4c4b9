// Issue 14 point 5 (and 14.8's malformed Location): hostile servers on 127.0.0.1 that redirect
// where they should not. Two node:http servers on two ports are two origins: the "API" and the
// place it sends us. Every case is bounded (short timeouts, a hop cap) and each asserts what
// reached the second server, byte for byte, or that nothing did.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { apiKey, bearer } from "../../src/auth/index.js";
import { isTurbokitError, TurbokitError } from "../../src/core/errors.js";
import { HttpClient } from "../../src/core/http.js";
import { checkServerUrl, UnsafeRedirectError } from "../../src/core/redirect.js";
import { route } from "../../src/core/routes.js";
import { createTurbineX } from "../../src/turbinex/index.js";

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

interface Origin {
  url: string;
  seen: { method: string; path: string; headers: IncomingMessage["headers"] }[];
  handle: Handler;
  server: Server;
}

async function origin(): Promise<Origin> {
  const o = { seen: [], handle: ((_req, res) => res.end()) as Handler } as unknown as Origin;
  o.server = createServer((req, res) => {
    o.seen.push({ method: req.method ?? "", path: req.url ?? "", headers: req.headers });
    o.handle(req, res);
  });
  await new Promise<void>((resolve) => o.server.listen(0, "127.0.0.1", resolve));
  o.url = `http://127.0.0.1:${(o.server.address() as AddressInfo).port}`;
  return o;
}

let api: Origin;
let other: Origin;

beforeAll(async () => {
  api = await origin();
  other = await origin();
});
afterEach(() => {
  api.seen.length = 0;
  other.seen.length = 0;
});
afterAll(async () => {
  for (const o of [api, other]) {
    o.server.closeAllConnections();
    await new Promise((resolve) => o.server.close(resolve));
  }
});

const redirectTo =
  (location: string, status = 302): Handler =>
  (_req, res) => {
    res.writeHead(status, { location });
    res.end();
  };
const answer =
  (body: string, type = "application/json"): Handler =>
  (_req, res) => {
    res.writeHead(200, { "content-type": type, "content-length": String(Buffer.byteLength(body)) });
    res.end(body);
  };

// Every credential-like header the redactor knows, plus one that is not a credential.
const CALLER_HEADERS = {
  Cookie: "session=cookie-secret-1",
  "X-Api-Key": "xapikey-secret-2",
  "X-Access-Token": "access-secret-3",
  "X-Session-Token": "session-secret-4",
  "Api-Key": "apikey-secret-5",
  "X-Amz-Security-Token": "amz-secret-6",
  "X-Trace-Id": "trace-77",
};

/** A core client as a provider that follows redirects (Lyceum, the exchange) builds it. */
function followingClient(options: { fetch?: typeof fetch } = {}) {
  return new HttpClient(
    {
      name: "Hostile",
      defaultBaseUrl: api.url,
      auth: apiKey("lk_hostile_redirect_key", { orgSlug: "acme" }),
    },
    {
      baseUrl: api.url,
      headers: CALLER_HEADERS,
      timeoutMs: 2_000,
      totalTimeoutMs: 5_000,
      maxRetries: 0,
      ...options,
    },
  );
}
const getFile = route("GET", "/file");

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: unknown) => error,
  );
}

describe("a redirect to another origin", () => {
  it("carries none of the credential headers, and keeps the harmless ones", async () => {
    api.handle = redirectTo(`${other.url}/blob?sig=abc`);
    other.handle = answer("hello");
    const response = await followingClient().stream(getFile);
    expect(await response.text()).toBe("hello");
    expect(other.seen).toHaveLength(1);
    const headers = other.seen[0]?.headers ?? {};
    for (const name of [
      "authorization",
      "cookie",
      "x-api-key",
      "x-access-token",
      "x-session-token",
      "api-key",
      "x-amz-security-token",
      "x-org-slug",
    ]) {
      expect(headers[name], name).toBeUndefined();
    }
    expect(headers["x-trace-id"]).toBe("trace-77");
    // The API itself got them all.
    expect(api.seen[0]?.headers.authorization).toBe("Bearer lk_hostile_redirect_key");
    expect(api.seen[0]?.headers["x-amz-security-token"]).toBe("amz-secret-6");
  });

  it("a same-origin hop keeps them", async () => {
    api.handle = (req, res) =>
      req.url === "/file" ? redirectTo("/file-v2", 307)(req, res) : answer("v2")(req, res);
    expect(await (await followingClient().stream(getFile)).text()).toBe("v2");
    expect(api.seen.map((s) => s.path)).toEqual(["/file", "/file-v2"]);
    expect(api.seen[1]?.headers.authorization).toBe("Bearer lk_hostile_redirect_key");
    expect(api.seen[1]?.headers["x-org-slug"]).toBe("acme");
  });
});

describe("targets that are refused before anything is sent", () => {
  const cases: [string, string][] = [
    ["data:", "data:application/json,%7B%22a%22%3A1%7D"],
    ["file:", "file:///etc/passwd"],
    ["javascript:", "javascript:alert(1)"],
    ["plain http off loopback", "http://example.com/steal"],
    ["user info", "http://user:hunter2secret@127.0.0.1:1/x"],
  ];
  it.each(cases)("%s → UnsafeRedirectError, no request made", async (_label, location) => {
    api.handle = redirectTo(location);
    const requested: string[] = [];
    const recording: typeof fetch = (input, init) => {
      requested.push(input instanceof Request ? input.url : String(input));
      return fetch(input, init);
    };
    const error = await failure(followingClient({ fetch: recording }).stream(getFile));
    expect(error).toBeInstanceOf(UnsafeRedirectError);
    expect(requested).toEqual([`${api.url}/file`]);
    // The refused URL's query and credentials never reach the message.
    expect((error as Error).message).not.toContain("hunter2secret");
  });

  it("a malformed Location is a typed error, with redirects followed or reported", async () => {
    api.handle = redirectTo("http://[::1");
    const followed = await failure(followingClient().stream(getFile));
    expect(followed).toBeInstanceOf(UnsafeRedirectError);
    expect((followed as Error).message).toContain("malformed");

    // A provider that reports redirects (TurbineX, TurboStack) must not throw `TypeError: Invalid URL`.
    const tx = createTurbineX({ baseUrl: api.url, auth: bearer("tx_pat_hostile_0002"), maxRetries: 0 });
    const reported = await failure(tx.jobs.get("job_1"));
    expect(isTurbokitError(reported)).toBe(true);
    expect((reported as { status?: number }).status).toBe(302);
    expect((reported as Error).message).toContain("(malformed location)");
  });

  it("https → http is refused even on a host the client would call over http", () => {
    expect(() => checkServerUrl("http://storage.example/x", "https://api.example/a")).toThrow(
      UnsafeRedirectError,
    );
    expect(() =>
      checkServerUrl("http://storage.example/x", "https://api.example/a", { allowInsecureHttp: true }),
    ).toThrow(/downgrade from https/);
    // Loopback stays allowed (the simulator, a local proxy).
    expect(checkServerUrl("http://127.0.0.1:9/x", "https://api.example/a").href).toBe("http://127.0.0.1:9/x");
  });

  it("a redirect loop ends after a bounded number of hops with an error, not a hang", async () => {
    api.handle = (req, res) => redirectTo(`/loop${api.seen.length}`)(req, res);
    const error = await failure(followingClient().stream(getFile));
    expect(error).toBeInstanceOf(TurbokitError);
    expect((error as { status?: number }).status).toBe(302);
    expect(api.seen.length).toBe(6);
  });
});

describe("absolute URLs the server hands us pass the baseUrl checks", () => {
  it("a streaming URL to plain http off loopback, or to file:, is refused before it is fetched", async () => {
    const client = followingClient();
    for (const url of ["http://stream.example.com/run?token=secret-stream-token", "file:///etc/passwd"]) {
      const error = await failure(client.streamUrl(url, { auth: false }));
      expect(error).toBeInstanceOf(UnsafeRedirectError);
      expect((error as Error).message).not.toContain("secret-stream-token");
    }
    expect(api.seen).toHaveLength(0);
  });
});

describe("downloads (TurbineX, which reports every other redirect as an error)", () => {
  const tx = () =>
    createTurbineX({
      baseUrl: api.url,
      auth: bearer("tx_pat_hostile_0003"),
      maxRetries: 0,
      timeoutMs: 2_000,
    });

  it("follow a 302 to the storage origin without the bearer token", async () => {
    api.handle = redirectTo(`${other.url}/bucket/out.zip?X-Amz-Signature=sig123`);
    other.handle = answer("PK-bytes", "application/zip");
    const download = await tx().jobs.downloadOutput("job_1");
    expect(await new Response(download.body).text()).toBe("PK-bytes");
    expect(other.seen.map((s) => s.path)).toEqual(["/bucket/out.zip?X-Amz-Signature=sig123"]);
    expect(other.seen[0]?.headers.authorization).toBeUndefined();
    expect(api.seen[0]?.headers.authorization).toBe("Bearer tx_pat_hostile_0003");
  });

  it("follow a JSON {url} answer the same way", async () => {
    api.handle = answer(JSON.stringify({ url: `${other.url}/bucket/a.pdf?sig=1`, expires_in: 900 }));
    other.handle = answer("%PDF-1.7", "application/pdf");
    const download = await tx().reports.download("rpt_1");
    expect(await new Response(download.body).text()).toBe("%PDF-1.7");
    expect(download.contentType).toBe("application/pdf");
    expect(other.seen[0]?.headers.authorization).toBeUndefined();
  });

  it("a JSON {url} to file: or to http off loopback is refused, and a JSON file without one is the file", async () => {
    for (const url of ["file:///etc/passwd", "http://evil.example.com/x"]) {
      api.handle = answer(JSON.stringify({ url }));
      // `file:` is not a pointer at all (only http(s) URLs are), so it arrives as the file itself.
      const result = await tx()
        .jobs.downloadOutput("job_1")
        .then(
          async (d) => new Response(d.body).text(),
          (e: unknown) => e,
        );
      if (url.startsWith("file:")) expect(result).toBe(JSON.stringify({ url }));
      else expect(result).toBeInstanceOf(UnsafeRedirectError);
    }
    api.handle = answer(JSON.stringify({ rows: [1, 2, 3] }));
    const file = await tx().jobs.downloadOutput("job_1");
    expect(await new Response(file.body).text()).toBe('{"rows":[1,2,3]}');
    expect(other.seen).toHaveLength(0);
  });

  it("a storage error is a typed ApiError naming the storage origin, not the pre-signed query", async () => {
    api.handle = redirectTo(`${other.url}/bucket/x.zip?X-Amz-Signature=topsecret-signature`);
    other.handle = (_req, res) => {
      res.writeHead(403, { "content-type": "application/xml" });
      res.end("<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>");
    };
    const error = await failure(tx().jobs.downloadOutput("job_1"));
    expect((error as { status?: number }).status).toBe(403);
    expect((error as Error).message).toContain(`${other.url}/bucket/x.zip`);
    expect((error as Error).message).not.toContain("topsecret-signature");
    expect(JSON.stringify(error)).not.toContain("topsecret-signature");
  });
});
