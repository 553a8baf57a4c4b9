// Issue 14 §2, §4, §9 against real sockets: small hostile node:http servers on loopback that
// trickle bodies, never answer a refresh, refuse every refresh, and hang — each attack failed on
// the pipeline before it was rebuilt around ky's one attempt loop.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";
import { privateKeyToAccount } from "viem/accounts";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import * as z from "zod/mini";
import { bearer } from "../../src/auth/bearer.js";
import { jwtSession } from "../../src/auth/jwt-session.js";
import {
  AbortedError,
  ApiError,
  AuthenticationError,
  ConnectionError,
  TimeoutError,
} from "../../src/core/errors.js";
import { HttpClient } from "../../src/core/http.js";
import { route } from "../../src/core/routes.js";
import { BIND_SIWE, siweSession } from "../../src/exchange/siwe-session.js";
import { createTurbineX } from "../../src/turbinex/index.js";
import { makeJwt } from "../helpers/jwt.js";
import { writeFigures } from "./support/report.js";

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
const open: Server[] = [];
/** Measured outcomes, for RELIABILITY.md (section `hostile-pipeline`). */
const figures: Record<string, number> = {};
afterAll(() => writeFigures("hostile-pipeline", figures));

/** A loopback server answering with `handler`; every request is logged as "METHOD /path". */
async function hostile(handler: Handler) {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    handler(req, res);
  });
  open.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { baseUrl: `http://127.0.0.1:${port}`, seen };
}

afterEach(async () => {
  for (const server of open.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** Sends `body` one byte every `everyMs`, as a 200 JSON answer. */
function trickle(body: string, everyMs: number): Handler {
  return (_req, res) => {
    res.writeHead(200, { "content-type": "application/json", "content-length": String(body.length) });
    let i = 0;
    const timer = setInterval(() => {
      if (i >= body.length || res.destroyed) {
        clearInterval(timer);
        res.end();
        return;
      }
      res.write(body[i++]);
    }, everyMs);
    res.on("close", () => clearInterval(timer));
  };
}

const hang: Handler = () => {};
const ok = z.object({ ok: z.boolean() });

function client(
  baseUrl: string,
  options: ConstructorParameters<typeof HttpClient>[1] = {},
  auth = bearer("tk_hostile_token_0001"),
) {
  return new HttpClient(
    { name: "Hostile", defaultBaseUrl: baseUrl, auth },
    { retryDelay: { baseMs: 1, maxMs: 5 }, ...options },
  );
}

/** How long `promise` takes to settle, and what it settled with. */
async function timed<T>(promise: Promise<T>) {
  const started = Date.now();
  const outcome = await promise.then(
    (value) => ({ value, error: undefined as unknown }),
    (error: unknown) => ({ value: undefined, error }),
  );
  return { ...outcome, ms: Date.now() - started };
}

describe("§9 timeoutMs covers the body", () => {
  it("a GET whose body trickles at 1 byte per 100 ms fails each attempt at timeoutMs and is retried", async () => {
    const { baseUrl, seen } = await hostile(trickle(JSON.stringify({ ok: true, pad: "x".repeat(64) }), 100));
    const { error, ms } = await timed(
      client(baseUrl, { timeoutMs: 300, maxRetries: 1, totalTimeoutMs: 20_000 }).json(route("GET", "/slow"), {
        schema: ok,
      }),
    );
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toBe("Hostile GET /slow timed out (per-attempt timeout)");
    expect(seen).toEqual(["GET /slow", "GET /slow"]); // retried once: a GET is idempotent
    expect(ms).toBeLessThan(3_000); // two attempts of 300 ms, not the 20 s deadline
    figures.trickledGetTwoAttemptsOf300MsMs = ms;
  });

  it("the same trickle to a POST fails once, at timeoutMs, and is never sent again", async () => {
    const { baseUrl, seen } = await hostile(trickle(JSON.stringify({ ok: true, pad: "x".repeat(64) }), 100));
    const { error, ms } = await timed(
      client(baseUrl, { timeoutMs: 300, totalTimeoutMs: 20_000 }).json(route("POST", "/jobs"), {
        schema: ok,
        json: { a: 1 },
      }),
    );
    expect(error).toBeInstanceOf(TimeoutError);
    expect(seen).toEqual(["POST /jobs"]);
    expect(ms).toBeLessThan(2_000);
  });

  it("a body that keeps trickling under timeoutMs per chunk still ends at timeoutMs overall", async () => {
    // 30 ms per byte never looks idle, but the whole body takes 6 s.
    const { baseUrl } = await hostile(trickle(JSON.stringify({ ok: true, pad: "x".repeat(200) }), 30));
    const { error, ms } = await timed(
      client(baseUrl, { timeoutMs: 400, maxRetries: 0 }).json(route("GET", "/slow"), { schema: ok }),
    );
    expect(error).toBeInstanceOf(TimeoutError);
    expect(ms).toBeLessThan(2_000);
  });
});

describe("§2 auth steps obey the caller", () => {
  /** A TurbineX API whose `/auth/refresh` never answers and whose other routes say 401. */
  async function refreshNeverAnswers() {
    return hostile((req, res) => {
      if (req.url === "/auth/refresh") return; // hangs
      res.writeHead(401, { "content-type": "application/json" }).end('{"detail":"expired"}');
    });
  }

  it("a caller with totalTimeoutMs 1000 leaves a refresh that never answers at 1 s (TimeoutError)", async () => {
    const { baseUrl, seen } = await refreshNeverAnswers();
    const expired = await makeJwt("u1", -60);
    const tx = createTurbineX({
      baseUrl,
      auth: jwtSession({ accessToken: expired, refreshToken: "rt-0001" }),
    });
    const { error, ms } = await timed(tx.jobs.get("job-1", { totalTimeoutMs: 1000 }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toBe("TurbineX GET /jobs/job-1 exceeded its total timeout of 1000 ms");
    expect(ms).toBeGreaterThanOrEqual(950);
    expect(ms).toBeLessThan(2_500);
    figures.hungRefreshCallerDeadline1000MsLeftAtMs = ms;
    expect(seen).toEqual(["POST /auth/refresh"]); // the GET itself never went out
  });

  it("each waiter leaves on its own signal while the others keep waiting", async () => {
    const { baseUrl } = await refreshNeverAnswers();
    const expired = await makeJwt("u1", -60);
    const tx = createTurbineX({
      baseUrl,
      auth: jwtSession({ accessToken: expired, refreshToken: "rt-0002", refreshTimeoutMs: 1_500 }),
    });
    const early = new AbortController();
    setTimeout(() => early.abort(new Error("user left")), 200);
    const [first, second] = await Promise.all([
      timed(tx.jobs.get("job-1", { signal: early.signal })),
      timed(tx.jobs.get("job-2")),
    ]);
    expect(first.error).toBeInstanceOf(AbortedError);
    expect(first.ms).toBeLessThan(1_000);
    // The other waiter is released by the refresh's own bound, not the client's 60 s timeout.
    expect(second.error).toBeInstanceOf(TimeoutError);
    expect((second.error as Error).message).toBe(
      "jwtSession: the token refresh did not finish within 1500 ms",
    );
    expect(second.ms).toBeGreaterThanOrEqual(1_400);
    expect(second.ms).toBeLessThan(3_500);
  });

  it("100 concurrent 401s answered by one refused refresh make exactly one refresh", async () => {
    // The 401s come back spread over 300 ms; the refused refresh is answered at once, so most
    // 401s arrive after it failed — each of them used to start a refresh of its own.
    let calls = 0;
    const { baseUrl, seen } = await hostile((req, res) => {
      const refuse = () =>
        res.writeHead(401, { "content-type": "application/json" }).end('{"detail":"revoked"}');
      if (req.url === "/auth/refresh") return refuse();
      setTimeout(refuse, 3 * calls++);
    });
    const revoked = await makeJwt("u1", 900); // looks valid locally; the server revoked it
    const tx = createTurbineX({
      baseUrl,
      auth: jwtSession({ accessToken: revoked, refreshToken: "rt-0003" }),
    });
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => timed(tx.jobs.get(`job-${i}`))));
    expect(results.every((r) => r.error instanceof AuthenticationError)).toBe(true);
    expect(seen.filter((line) => line === "POST /auth/refresh")).toHaveLength(1);
    expect(seen.filter((line) => line.startsWith("GET /jobs/"))).toHaveLength(100); // none replayed
    figures.refreshesFor100Concurrent401s = seen.filter((line) => line === "POST /auth/refresh").length;
  });

  it("SIWE: a /verify that never answers releases a caller at its deadline; refused logins are one login", async () => {
    const { baseUrl, seen } = await hostile((_req, res) => {
      res.writeHead(401, { "content-type": "application/json" }).end('{"code":"UNAUTHORIZED"}');
    });
    const account = privateKeyToAccount(`0x${"11".repeat(32)}`);
    // The login's own requests hang (a /verify that never answers), bounded by loginTimeoutMs.
    const hanging = siweSession(account, { loginTimeoutMs: 1_200 });
    let logins = 0;
    hanging[BIND_SIWE]({
      login: (_signer, _jar, options) =>
        new Promise((_, reject) => {
          logins++;
          options?.signal?.addEventListener("abort", () => reject(options.signal?.reason));
        }),
    });
    const api = client(baseUrl, {}, hanging);
    const caller = await timed(
      api.json(route("GET", "/me"), { schema: ok, options: { totalTimeoutMs: 400 } }),
    );
    expect(caller.error).toBeInstanceOf(TimeoutError);
    expect(caller.ms).toBeLessThan(1_000);
    const bounded = await timed(api.json(route("GET", "/me"), { schema: ok }));
    expect(bounded.error).toBeInstanceOf(TimeoutError);
    expect((bounded.error as Error).message).toBe(
      "siweSession: the SIWE login did not finish within 1200 ms",
    );
    expect(seen).toEqual([]); // nothing was sent without a session
    expect(logins).toBe(1);

    // A session the server refuses: the first login "works", every call says 401, the re-login is refused.
    const refusing = siweSession(account);
    let attempts = 0;
    refusing[BIND_SIWE]({
      login: async () => {
        attempts++;
        await new Promise((resolve) => setTimeout(resolve, 20));
        if (attempts > 1) throw new AuthenticationError(refusedInit());
      },
    });
    await refusing.login();
    const refused = client(baseUrl, {}, refusing);
    const results = await Promise.all(
      Array.from({ length: 100 }, () => timed(refused.json(route("GET", "/me"), { schema: ok }))),
    );
    expect(results.every((r) => r.error instanceof AuthenticationError)).toBe(true);
    expect(attempts).toBe(2); // the first login, then exactly one refused re-login
  });
});

function refusedInit() {
  return {
    status: 401,
    headers: new Headers(),
    body: { code: "UNAUTHORIZED" },
    rawBody: '{"code":"UNAUTHORIZED"}',
    message: "login refused",
    method: "POST",
    url: "http://127.0.0.1/verify",
  };
}

describe("§4 no secret reachable from an error", () => {
  const TOKEN = "tk_cause_secret_0042";

  /** Every object on an error's cause chain. */
  function causes(error: unknown): unknown[] {
    const chain: unknown[] = [];
    for (let c = (error as { cause?: unknown }).cause; c !== undefined && chain.length < 10; ) {
      chain.push(c);
      c = (c as { cause?: unknown } | null)?.cause;
    }
    return chain;
  }

  function expectNoCredentials(error: unknown) {
    for (const cause of causes(error)) {
      for (const value of Object.values(cause as object)) {
        expect(value).not.toBeInstanceOf(Request);
        expect(value).not.toBeInstanceOf(Headers);
      }
      expect(inspect(cause, { showHidden: true, depth: 8 })).not.toContain(TOKEN);
    }
    expect(inspect(error, { showHidden: true, depth: 8 })).not.toContain(TOKEN);
    expect(JSON.stringify(error)).not.toContain(TOKEN);
  }

  it("a timed-out attempt's error carries no Request (with its Authorization) in its cause", async () => {
    const { baseUrl } = await hostile(hang);
    const { error } = await timed(
      client(baseUrl, { timeoutMs: 150, maxRetries: 0 }, bearer(TOKEN)).json(route("GET", "/x"), {
        schema: ok,
      }),
    );
    expect(error).toBeInstanceOf(TimeoutError);
    expectNoCredentials(error);
  });

  it("a refused connection gives a ConnectionError whose cause holds no Request", async () => {
    const { baseUrl } = await hostile(hang);
    const server = open.pop() as Server;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    const { error } = await timed(
      client(baseUrl, { maxRetries: 0 }, bearer(TOKEN)).json(route("GET", "/x"), { schema: ok }),
    );
    expect(error).toBeInstanceOf(ConnectionError);
    expectNoCredentials(error);
  });

  it("a ?token= in a stream URL the server handed us never reaches a message, cause or inspect", async () => {
    const { baseUrl } = await hostile(hang);
    const server = open.pop() as Server;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    const streamToken = "st_live_7c1e9a0b2d4f6e8a";
    const { error } = await timed(
      client(baseUrl, { maxRetries: 0 }).streamUrl(`${baseUrl}/runs/r1/stream?token=${streamToken}`, {
        auth: false,
      }),
    );
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message.startsWith("Hostile GET /runs/r1/stream: ")).toBe(true);
    for (const printed of [
      (error as Error).message,
      JSON.stringify(error),
      inspect(error, { showHidden: true, depth: 8 }),
      ...causes(error).map((c) => inspect(c, { showHidden: true, depth: 8 })),
    ]) {
      expect(printed).not.toContain(streamToken);
    }
  });

  it("a share token in the path is masked in the message, url, JSON and inspect of an error", async () => {
    const share = "Sh4re_".padEnd(64, "k9");
    const { baseUrl, seen } = await hostile((_req, res) => {
      res.writeHead(500, { "content-type": "application/json" }).end('{"detail":"boom"}');
    });
    const tx = createTurbineX({ baseUrl, auth: bearer("tx_pat_share_test_01"), maxRetries: 0 });
    const { error } = await timed(tx.public.study(share));
    expect(error).toBeInstanceOf(ApiError);
    expect(seen).toEqual([`GET /api/public/studies/${share}`]); // sent as it is
    const apiError = error as ApiError;
    expect(apiError.message).toBe(
      "TurbineX GET /api/public/studies/[redacted] failed: 500 Internal Server Error: boom",
    );
    expect(apiError.url).toBe(`${baseUrl}/api/public/studies/[redacted]`);
    expect(JSON.stringify(apiError)).not.toContain(share);
    expect(inspect(apiError, { depth: 8 })).not.toContain(share);
  });
});

describe("§8 always a TurbokitError", () => {
  it("a redirect with a malformed Location, not followed, is an ApiError (not a raw TypeError)", async () => {
    const { baseUrl } = await hostile((_req, res) => {
      res.writeHead(302, { location: "http://[not-a-host/login" }).end();
    });
    const api = new HttpClient(
      { name: "Hostile", defaultBaseUrl: baseUrl, auth: bearer("tk_hostile_token_0002"), redirects: "error" },
      { maxRetries: 0 },
    );
    const { error } = await timed(api.json(route("GET", "/me"), { schema: ok }));
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(302);
    expect((error as Error).message).toBe(
      "Hostile GET /me failed: 302 Found: redirect to (malformed location) not followed ((empty body))",
    );
  });
});
