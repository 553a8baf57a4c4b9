// Issue 10 §3: concurrency storms. Many callers hit an expired session at once: exactly one
// refresh (or one SIWE login) happens; a failed refresh reaches every waiter as the same typed
// error, and the next call tries again.
import { HttpResponse, http } from "msw";
import { privateKeyToAccount } from "viem/accounts";
import { describe, expect, it } from "vitest";
import { jwtSession } from "../../src/auth/index.js";
import { InternalServerError, isTurbokitError } from "../../src/core/errors.js";
import { createTurbineExchange } from "../../src/exchange/index.js";
import { createSimulator, TURBINEX_SIM_PASSWORD, TURBINEX_SIM_USERS } from "../../src/testing/index.js";
import { createTurbineX } from "../../src/turbinex/index.js";
import { useMsw } from "../helpers/msw.js";
import { SEED, writeFigures } from "./support/report.js";

const server = useMsw();
const figures: Record<string, unknown> = {};

/** A fetch that counts requests by "METHOD /path". */
function countingFetch() {
  const counts = new Map<string, number>();
  const fetchImpl: typeof fetch = (input, init) => {
    const request = new Request(input, init);
    const key = `${request.method} ${new URL(request.url).pathname}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    return globalThis.fetch(request);
  };
  return { fetch: fetchImpl, count: (key: string) => counts.get(key) ?? 0 };
}

function turbinexSim() {
  const sim = createSimulator({ seed: SEED, providers: { turbinex: { rateLimits: false } } });
  server.use(...sim.handlers);
  return sim;
}

describe("JWT refresh storm (TurbineX jwtSession)", () => {
  it("1,000 concurrent calls on an expired access token cause exactly one refresh", async () => {
    const sim = turbinexSim();
    const counter = countingFetch();
    const rotations: string[] = [];
    const tx = createTurbineX({
      fetch: counter.fetch,
      auth: jwtSession({
        credentials: { email: TURBINEX_SIM_USERS.enterprise, password: TURBINEX_SIM_PASSWORD },
        now: () => sim.clock.now(),
        onTokens: (t) => void rotations.push(t.refreshToken ?? ""),
      }),
    });
    await tx.auth.me();
    expect(counter.count("POST /auth/login")).toBe(1);

    sim.clock.advance(20 * 60_000); // the 15-minute access token is now expired
    const results = await Promise.all(Array.from({ length: 1000 }, () => tx.auth.me()));

    expect(results.every((me) => me.email === TURBINEX_SIM_USERS.enterprise)).toBe(true);
    expect(counter.count("POST /auth/refresh")).toBe(1);
    expect(counter.count("POST /auth/login")).toBe(1);
    expect(counter.count("GET /auth/me")).toBe(1001);
    expect(rotations).toHaveLength(2);
    expect(rotations[1]).not.toBe(rotations[0]);
    figures.jwtStorm = { callers: 1000, refreshes: counter.count("POST /auth/refresh") };
  });

  it("a failed refresh reaches every waiter as the same typed error, and the next call tries again", async () => {
    const sim = turbinexSim();
    const counter = countingFetch();
    const login = createTurbineX({ fetch: counter.fetch, auth: jwtSession() });
    const pair = (await login.auth.login(TURBINEX_SIM_USERS.enterprise, TURBINEX_SIM_PASSWORD)).reveal();
    const tx = createTurbineX({
      fetch: counter.fetch,
      auth: jwtSession({ ...pair, now: () => sim.clock.now() }),
    });
    sim.clock.advance(20 * 60_000);

    let failures = 0;
    server.use(
      http.post(
        "https://api.turbinex.app/auth/refresh",
        () => {
          failures++;
          return HttpResponse.json({ detail: "refresh backend down" }, { status: 500 });
        },
        { once: true },
      ),
    );
    const settled = await Promise.allSettled(Array.from({ length: 200 }, () => tx.auth.me()));
    const reasons = settled.map((s) => (s.status === "rejected" ? s.reason : undefined));
    expect(failures).toBe(1);
    expect(reasons.every((r) => r instanceof InternalServerError && isTurbokitError(r))).toBe(true);
    // One refresh failed once: every waiter holds that very error object.
    expect(new Set(reasons).size).toBe(1);
    expect(counter.count("GET /auth/me")).toBe(0);

    // Nothing is cached from the failure: the next call refreshes again and succeeds.
    const me = await tx.auth.me();
    expect(me.email).toBe(TURBINEX_SIM_USERS.enterprise);
    expect(counter.count("POST /auth/refresh")).toBe(2);
    figures.failedRefresh = { waiters: 200, distinctErrors: new Set(reasons).size, retriedAfter: true };
  });
});

describe("SIWE login storm (Turbine Exchange session)", () => {
  const account = privateKeyToAccount("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");

  function exchangeSim() {
    const sim = createSimulator({ seed: SEED, providers: { exchange: true } });
    server.use(...sim.handlers);
    const counter = countingFetch();
    const exchange = createTurbineExchange({
      signer: account,
      fetch: counter.fetch,
      now: () => sim.clock.now(),
    });
    return { sim, counter, exchange };
  }

  it("200 concurrent calls with no session yet cause exactly one SIWE login", async () => {
    const { counter, exchange } = exchangeSim();
    const results = await Promise.all(Array.from({ length: 200 }, () => exchange.me()));
    expect(results.every((me) => me.address === account.address)).toBe(true);
    expect(counter.count("POST /api/nonce")).toBe(1);
    expect(counter.count("POST /api/verify")).toBe(1);
    figures.siweAbsent = { callers: 200, logins: counter.count("POST /api/verify") };
  });

  it("200 concurrent calls after the session expired cause exactly one new SIWE login", async () => {
    const { sim, counter, exchange } = exchangeSim();
    await exchange.me();
    expect(counter.count("POST /api/verify")).toBe(1);
    sim.clock.advance(25 * 60 * 60_000); // past the 24 h session
    const results = await Promise.all(Array.from({ length: 200 }, () => exchange.me()));
    expect(results.every((me) => me.address === account.address)).toBe(true);
    expect(counter.count("POST /api/verify")).toBe(2);
    expect(counter.count("POST /api/nonce")).toBe(2);
    figures.siweExpired = { callers: 200, logins: counter.count("POST /api/verify") - 1 };
    writeFigures("storms", figures);
  });
});
