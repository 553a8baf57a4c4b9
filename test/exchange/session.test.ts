import { HttpResponse, http } from "msw";
import { createWalletClient, custom, type Hex } from "viem";
import { mainnet } from "viem/chains";
import { describe, expect, it } from "vitest";
import { AuthenticationError, InputValidationError, ResponseValidationError } from "../../src/core/errors.js";
import { redactText } from "../../src/core/redact.js";
import { SessionCookieJar } from "../../src/exchange/cookie.js";
import { createTurbineExchange, siweSession } from "../../src/exchange/index.js";
import { useSim } from "../helpers/sim.js";
import { account, BASE } from "./helpers.js";

const HASH = `0x${"12".repeat(32)}`;

describe("SIWE session", () => {
  const t = useSim("exchange");
  /** How many requests the simulator received as `METHOD /path`. */
  const count = (path: string) => t.requests.paths().filter((p) => p === path).length;

  it("logs in lazily, then one round trip per authenticated call (no GET /me)", async () => {
    const exchange = t.client();
    await exchange.orders.states([HASH]);
    await exchange.orders.states([HASH]);
    expect(t.requests.paths()).toEqual([
      "GET /api/config",
      "POST /api/nonce",
      "POST /api/verify",
      "POST /api/order_states",
      "POST /api/order_states",
    ]);
    // The nonce cookie goes to /verify; the rotated session cookie to every call after.
    const [nonceSession] = [...t.provider.state.sessions.values()].filter((s) => s.address);
    const verify = t.requests[2]!;
    expect(verify.headers.get("cookie")).toMatch(/^id=[0-9a-f]{48}$/);
    expect(verify.headers.get("cookie")).not.toBe(`id=${nonceSession!.id}`);
    expect(t.requests[3]!.headers.get("cookie")).toBe(`id=${nonceSession!.id}`);
    expect(nonceSession!.address).toBe(account.address);
    // The cookie is a registered secret: scrubbed wherever it would be printed.
    expect(redactText(`cookie ${nonceSession!.id}`)).toBe("cookie [redacted]");
  });

  it("a /nonce answer larger than maxResponseBytes is refused, not read into memory", async () => {
    t.server.use(
      http.post(`${BASE}/nonce`, () => new HttpResponse(`"${"n".repeat(70_000)}"`, { status: 200 }), {
        once: true,
      }),
    );
    const exchange = t.client({ maxResponseBytes: 64 * 1024 });
    const error = await exchange.me().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect((error as Error).message).toContain("exceeds maxResponseBytes (65536)");
    expect(t.requests.paths()).not.toContain("POST /api/verify");
  });

  it("login is single-flight", async () => {
    const exchange = t.client();
    await Promise.all(Array.from({ length: 6 }, () => exchange.orders.states([HASH])));
    expect(count("POST /api/nonce")).toBe(1);
    expect(count("POST /api/verify")).toBe(1);
    expect(count("POST /api/order_states")).toBe(6);
  });

  it("a 401 mid-session logs in again once and replays the call", async () => {
    const exchange = t.client();
    await exchange.me();
    t.provider.state.expireSessions();
    const me = await exchange.me();
    expect(me).toMatchObject({ authenticated: true, address: account.address });
    expect(t.requests.paths().slice(4)).toEqual([
      "GET /api/me",
      "POST /api/nonce",
      "POST /api/verify",
      "GET /api/me",
    ]);
  });

  it("a second 401 surfaces as AuthenticationError with the server's code", async () => {
    const exchange = t.client();
    await exchange.login();
    t.server.use(
      http.post(`${BASE}/order_states`, () =>
        HttpResponse.json(
          { code: "USER_NOT_AUTHORIZED", message: "User is not authorized" },
          { status: 401 },
        ),
      ),
    );
    const error = await exchange.orders.states([HASH]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, code: "USER_NOT_AUTHORIZED" });
    expect(count("POST /api/verify")).toBe(2);
  });

  it("me() and logout(); the next call logs in again", async () => {
    const exchange = t.client();
    expect(await exchange.me()).toEqual({ authenticated: true, address: account.address });
    await exchange.logout();
    expect([...t.provider.state.sessions.values()].filter((s) => s.address)).toHaveLength(0);
    await exchange.logout(); // already logged out: no call
    expect(t.requests.paths().filter((p) => p === "POST /api/logout")).toHaveLength(1);
    await exchange.me();
    expect(count("POST /api/verify")).toBe(2);
  });

  it("a bad signature is VERIFICATION_FAILED", async () => {
    const badSigner = {
      address: account.address,
      signMessage: async () =>
        "0x0332e8c4ec6a8e8bb1c9b5b502a7e390bf134a96259af71d76d2d05eacb659602da084fd862ac1ec04abc4f76e013aab666e033c7d53b08abd4395957263ef721c" as Hex,
      signTypedData: async () => "0x" as Hex,
    };
    const exchange = t.client({ signer: badSigner });
    await expect(exchange.login()).rejects.toMatchObject({ status: 401, code: "VERIFICATION_FAILED" });
  });

  it("works with a WalletClient (and an explicit siweSession)", async () => {
    const wallet = createWalletClient({
      account,
      chain: mainnet,
      transport: custom({
        request: async () => {
          throw new Error("no RPC in tests");
        },
      }),
    });
    const auth = siweSession(wallet);
    expect(auth.credentials).toBe("include");
    expect(auth.address).toBe(account.address);
    const exchange = t.client({ signer: undefined, auth });
    expect(exchange.address).toBe(account.address);
    expect(await exchange.me()).toMatchObject({ address: account.address });
    expect(auth.isLoggedIn()).toBe(true);
    expect(JSON.stringify(auth)).not.toMatch(/id=/);
  });

  it("browser-style runtime: cookies hidden from scripts, kept by the runtime via credentials: include", async () => {
    let browserCookie: string | undefined;
    const credentials: string[] = [];
    const browserFetch: typeof fetch = async (input, init) => {
      const request = new Request(input as Request, init);
      credentials.push(request.credentials);
      const headers = new Headers(request.headers);
      headers.delete("cookie"); // a forbidden header: browsers drop what scripts set
      if (request.credentials === "include" && browserCookie) headers.set("cookie", browserCookie);
      const response = await fetch(new Request(request, { headers }));
      const set = response.headers.getSetCookie()[0];
      if (set) browserCookie = set.split(";")[0];
      const visible = new Headers(response.headers);
      visible.delete("set-cookie"); // never visible to scripts
      return new Response(response.body, { status: response.status, headers: visible });
    };
    const exchange = createTurbineExchange({
      signer: account,
      now: () => t.sim.clock.now(),
      fetch: browserFetch,
    });
    expect(await exchange.me()).toMatchObject({ address: account.address });
    await exchange.orders.states([HASH]);
    await exchange.orders.states([HASH]);
    expect(count("POST /api/verify")).toBe(1);
    expect(count("POST /api/order_states")).toBe(2);
    expect(new Set(credentials)).toEqual(new Set(["include"]));
  });

  it("without a signer: public calls work, authenticated ones fail before sending", async () => {
    const exchange = createTurbineExchange({ now: () => t.sim.clock.now() });
    expect(await exchange.status()).toBe("OK from Turbine");
    const error = await exchange.me().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputValidationError);
    expect((error as InputValidationError).field).toBe("auth");
    expect(count("GET /api/me")).toBe(0);
  });

  it("rejects things that are not signers", () => {
    expect(() => siweSession({} as never)).toThrow(InputValidationError);
    expect(() => createTurbineExchange({ signer: { address: "0x1" } as never })).toThrow(/signer/);
  });
});

describe("SessionCookieJar", () => {
  const res = (...cookies: string[]) => {
    const headers = new Headers();
    for (const c of cookies) headers.append("set-cookie", c);
    return new Response(null, { headers });
  };

  it("replays the id cookie only on matching paths", () => {
    const jar = new SessionCookieJar();
    jar.capture(res("other=1", "id=abcdef123; Path=/api; HttpOnly"), "https://x.test/api/verify");
    expect(jar.header("https://x.test/api/orders")).toBe("id=abcdef123");
    expect(jar.header("https://x.test/api")).toBe("id=abcdef123");
    expect(jar.header("https://x.test/apix")).toBeUndefined();
    expect(jar.header("https://x.test/other")).toBeUndefined();
  });

  it("defaults the path to the request's directory", () => {
    const jar = new SessionCookieJar();
    jar.capture(res("id=abcdef123"), "https://x.test/api/verify");
    expect(jar.header("https://x.test/api/me")).toBe("id=abcdef123");
    expect(jar.header("https://x.test/me")).toBeUndefined();
  });

  it("honours Expires and Max-Age", () => {
    let now = 1_000_000;
    const jar = new SessionCookieJar("id", () => now);
    jar.capture(res("id=abcdef123; Max-Age=10; Path=/"), "https://x.test/api/verify");
    expect(jar.has()).toBe(true);
    now += 11_000;
    expect(jar.has()).toBe(false);
    expect(jar.header("https://x.test/api/me")).toBeUndefined();
    jar.capture(
      res(`id=abcdef456; Expires=${new Date(now + 5000).toUTCString()}; Path=/`),
      "https://x.test/",
    );
    expect(jar.header("https://x.test/api/me")).toBe("id=abcdef456");
    jar.capture(res("id=; Max-Age=0; Path=/"), "https://x.test/api/logout");
    expect(jar.has()).toBe(false);
  });

  it("keeps Secure cookies off plain http (except loopback)", () => {
    const jar = new SessionCookieJar();
    jar.capture(res("id=abcdef123; Path=/; Secure"), "https://x.test/api/verify");
    expect(jar.header("http://x.test/api/me")).toBeUndefined();
    expect(jar.header("https://x.test/api/me")).toBe("id=abcdef123");
    // Host-only: never to another host.
    expect(jar.header("http://127.0.0.1:4010/api/me")).toBeUndefined();
    const local = new SessionCookieJar();
    local.capture(res("id=abcdef123; Path=/; Secure"), "http://127.0.0.1:4010/api/verify");
    expect(local.header("http://127.0.0.1:4010/api/me")).toBe("id=abcdef123");
    // A Secure cookie offered over plain http off loopback is refused.
    const plain = new SessionCookieJar();
    plain.capture(res("id=abcdef123; Path=/; Secure"), "http://x.test/api/verify");
    expect(plain.has()).toBe(false);
    expect(plain.refused()).toBe(true);
  });

  it("honours Domain: subdomains when set, refused when the host does not match", () => {
    const jar = new SessionCookieJar();
    jar.capture(
      res("id=abcdef123; Path=/; Domain=.turbine.exchange"),
      "https://api.turbine.exchange/api/verify",
    );
    expect(jar.header("https://api.turbine.exchange/api/me")).toBe("id=abcdef123");
    expect(jar.header("https://staging-api.turbine.exchange/api/me")).toBe("id=abcdef123");
    expect(jar.header("https://turbine.exchange.evil.test/api/me")).toBeUndefined();
    const foreign = new SessionCookieJar();
    foreign.capture(res("id=abcdef123; Path=/; Domain=evil.test"), "https://api.turbine.exchange/api/verify");
    expect(foreign.has()).toBe(false);
  });

  it("ignores Set-Cookie from a response that ended at another origin, or outside the API's", () => {
    const redirected = res("id=planted; Path=/");
    Object.defineProperty(redirected, "url", { value: "https://evil.test/landing" });
    const jar = new SessionCookieJar();
    jar.capture(redirected, "https://api.turbine.exchange/api/me");
    expect(jar.has()).toBe(false);
    const bound = new SessionCookieJar();
    bound.restrictTo("https://api.turbine.exchange/api");
    bound.capture(res("id=other; Path=/"), "https://other.test/api/me");
    expect(bound.has()).toBe(false);
    bound.capture(res("id=mine; Path=/"), "https://api.turbine.exchange/api/verify");
    expect(bound.header("https://api.turbine.exchange/api/me")).toBe("id=mine");
  });

  it("prints redacted", () => {
    const jar = new SessionCookieJar();
    jar.capture(res("id=supersecretvalue; Path=/"), "https://x.test/");
    expect(JSON.stringify({ jar })).toBe('{"jar":"[cookie jar: redacted]"}');
  });
});

describe("a server whose sessions last a minute", () => {
  const t = useSim("exchange", { sim: { sessionTtlMs: 60_000 } });

  it("an expired cookie (Max-Age) means a fresh login before the call, not a 401", async () => {
    const exchange = t.client();
    await exchange.me();
    t.sim.clock.advance(61_000);
    await exchange.me();
    expect(t.requests.paths().slice(4)).toEqual(["POST /api/nonce", "POST /api/verify", "GET /api/me"]);
  });
});
