// Issue 14 §7: the exchange's session cookie against a hostile server on loopback (node:http).
// The jar honours Domain, Path and Expires; a Set-Cookie from any origin but the API's (a redirect
// hop elsewhere) is ignored; and a cookie that cannot apply never costs a wallet signature per call.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { isTurbokitError } from "../../src/core/errors.js";
import { createTurbineExchange, DEFAULT_PINS } from "../../src/exchange/index.js";

const account = privateKeyToAccount("0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba");

interface Seen {
  path: string;
  cookie: string | undefined;
}

/** What the hostile API does this test: the Set-Cookie its /verify sends, and whether /me redirects away. */
const behaviour = {
  verifyCookie: "id=good; Path=/; HttpOnly" as string | (() => string),
  redirectMe: false,
};
const seen: Seen[] = [];
let api: Server;
let elsewhere: Server;
let apiBase = "";
let elsewhereBase = "";

function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<Server> {
  const server = createServer(handler);
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
};

beforeAll(async () => {
  elsewhere = await listen((req, res) => {
    req.resume();
    // Another origin plants a session cookie on the way back.
    json(res, 200, { authenticated: true, address: account.address }, { "set-cookie": "id=planted; Path=/" });
  });
  elsewhereBase = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}`;
  api = await listen((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    seen.push({ path, cookie: req.headers.cookie });
    req.resume();
    if (path === "/api/config") {
      return json(res, 200, {
        turbineSettlerAddress: DEFAULT_PINS.settler,
        turbineSignerAddress: DEFAULT_PINS.signer,
        lpHookAddress: DEFAULT_PINS.lpHook,
        lpRouterAddress: DEFAULT_PINS.lpRouter,
        poolManagerAddress: DEFAULT_PINS.poolManager,
        siweDomain: "app.turbine.exchange",
        siweUri: apiBase,
        tokens: [],
      });
    }
    if (path === "/api/nonce") return json(res, 200, "n0nce1234abcd", { "set-cookie": "id=pre; Path=/" });
    if (path === "/api/verify") {
      const cookie = behaviour.verifyCookie;
      res.writeHead(200, { "set-cookie": typeof cookie === "function" ? cookie() : cookie });
      return res.end();
    }
    if (path === "/api/me") {
      if (behaviour.redirectMe) {
        res.writeHead(302, { location: `${elsewhereBase}/landing` });
        return res.end();
      }
      return req.headers.cookie === "id=good"
        ? json(res, 200, { authenticated: true, address: account.address })
        : json(res, 401, { code: "USER_NOT_AUTHORIZED", message: "not logged in" });
    }
    json(res, 404, { code: "NOT_FOUND", message: path });
  });
  apiBase = `http://127.0.0.1:${(api.address() as AddressInfo).port}/api`;
});

afterAll(async () => {
  await Promise.all([api, elsewhere].map((s) => new Promise((r) => s.close(r))));
});

beforeEach(() => {
  seen.length = 0;
  behaviour.verifyCookie = "id=good; Path=/; HttpOnly";
  behaviour.redirectMe = false;
});

/** A client of the hostile API whose wallet counts the login messages it signs. */
function exchangeClient(now: () => number = Date.now) {
  const signed = { messages: 0 };
  const exchange = createTurbineExchange({
    baseUrl: apiBase,
    maxRetries: 0,
    timeoutMs: 2_000,
    now,
    signer: {
      address: account.address,
      signMessage: (message: string) => {
        signed.messages++;
        return account.signMessage({ message });
      },
      signTypedData: (definition: unknown) => account.signTypedData(definition as never),
    },
  });
  return { exchange, signed };
}

const failure = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e,
  );
const verifies = () => seen.filter((s) => s.path === "/api/verify").length;

describe("exchange session cookies against a hostile server", () => {
  it("a Set-Cookie from another origin (a redirect hop) is ignored: the API keeps getting its own cookie", async () => {
    const { exchange, signed } = exchangeClient();
    expect(await exchange.me()).toEqual({ authenticated: true, address: account.address });
    behaviour.redirectMe = true;
    await exchange.me(); // ends at the other origin, which plants id=planted
    behaviour.redirectMe = false;
    expect(await exchange.me()).toEqual({ authenticated: true, address: account.address });
    const meCookies = seen.filter((s) => s.path === "/api/me").map((s) => s.cookie);
    expect(meCookies).toEqual(["id=good", "id=good", "id=good"]);
    expect(signed.messages).toBe(1);
  });

  it("a cookie whose Path does not cover the API is never sent, and costs one signature, not one per call", async () => {
    behaviour.verifyCookie = "id=good; Path=/elsewhere";
    const { exchange, signed } = exchangeClient();
    const errors = [await failure(exchange.me()), await failure(exchange.me()), await failure(exchange.me())];
    for (const error of errors)
      expect(isTurbokitError(error) && (error as { status?: number }).status).toBe(401);
    expect(seen.filter((s) => s.path === "/api/me").map((s) => s.cookie)).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect(signed.messages).toBe(1);
    expect(verifies()).toBe(1);
  });

  it("a cookie for another Domain is refused, and costs one signature, not one per call", async () => {
    behaviour.verifyCookie = "id=good; Path=/; Domain=turbine.exchange";
    const { exchange, signed } = exchangeClient();
    for (let i = 0; i < 3; i++) expect(await failure(exchange.me())).toMatchObject({ status: 401 });
    expect(seen.filter((s) => s.path === "/api/me").map((s) => s.cookie)).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect(signed.messages).toBe(1);
  });

  it("a Domain the host matches is kept and sent", async () => {
    behaviour.verifyCookie = "id=good; Path=/api; Domain=127.0.0.1";
    const { exchange, signed } = exchangeClient();
    expect(await exchange.me()).toMatchObject({ authenticated: true });
    expect(await exchange.me()).toMatchObject({ authenticated: true });
    expect(signed.messages).toBe(1);
  });

  it("Expires is honoured: past it the cookie is dropped and the client logs in again, once", async () => {
    let clock = Date.parse("2026-04-13T02:40:00Z");
    // Each login's cookie lives one minute of the client's clock.
    behaviour.verifyCookie = () => `id=good; Path=/; Expires=${new Date(clock + 60_000).toUTCString()}`;
    const { exchange, signed } = exchangeClient(() => clock);
    await exchange.me();
    await exchange.me();
    expect(signed.messages).toBe(1);
    clock += 120_000;
    await exchange.me();
    await exchange.me();
    expect(signed.messages).toBe(2);
    expect(verifies()).toBe(2);
    // Never a cookie from the nonce of a past login, never the expired one after expiry.
    expect(seen.filter((s) => s.path === "/api/me").map((s) => s.cookie)).toEqual([
      "id=good",
      "id=good",
      "id=good",
      "id=good",
    ]);
  });
});
