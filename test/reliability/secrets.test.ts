// Issue 10 §4: every kind of secret the SDK handles is planted in requests and responses (echoed
// back in error bodies, headers and malformed answers); no error message, JSON.stringify,
// util.inspect, String() or debug-level log line may contain any of them.
import { inspect } from "node:util";
import { HttpResponse, http } from "msw";
import { privateKeyToAccount } from "viem/accounts";
import { describe, expect, it } from "vitest";
import { apiKey, bearer, jwtSession, type TokenPair } from "../../src/auth/index.js";
import type { Logger } from "../../src/core/logger.js";
import { createTurbineExchange } from "../../src/exchange/index.js";
import { createLyceum } from "../../src/lyceum/index.js";
import {
  createSimulator,
  LYCEUM_SIM_API_KEY,
  LYCEUM_SIM_USER,
  TURBINEX_SIM_PASSWORD,
  TURBINEX_SIM_USERS,
  TURBOSTACK_SIM_TOKEN,
} from "../../src/testing/index.js";
import { createTurbineX } from "../../src/turbinex/index.js";
import { createTurboStack } from "../../src/turbostack/index.js";
import { useMsw } from "../helpers/msw.js";
import { SEED, Tally, writeFigures } from "./support/report.js";

const server = useMsw();
const PRIVATE_KEY = "0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a" as const;
const URLS = {
  turbinex: "https://api.turbinex.app",
  turbostack: "https://my.turbostack.app/api/v1",
  lyceum: "https://api.lyceum.technology/api/v2/external",
  exchange: "https://api.turbine.exchange/api",
};

/** Every secret the run handled, by kind. */
const planted = new Map<string, Set<string>>();
function plant(kind: string, value: unknown): void {
  if (typeof value !== "string" || value.length === 0) return;
  const set = planted.get(kind) ?? new Set<string>();
  set.add(value);
  planted.set(kind, set);
}

/** Everything the SDK printed or could be printed: the haystack. */
const outputs: string[] = [];
const logLines: string[] = [];
const logger: Logger = {
  debug: (m, f) => void logLines.push(`${m} ${f ? JSON.stringify(f) : ""}`),
  info: (m, f) => void logLines.push(`${m} ${f ? JSON.stringify(f) : ""}`),
  warn: (m, f) => void logLines.push(`${m} ${f ? JSON.stringify(f) : ""}`),
  error: (m, f) => void logLines.push(`${m} ${f ? JSON.stringify(f) : ""}`),
};
const common = { logger, logLevel: "debug" as const, retryDelay: { baseMs: 1, maxMs: 2 } };

/** How a value shows when printed every usual way. */
function show(value: unknown): void {
  outputs.push(inspect(value, { depth: Number.POSITIVE_INFINITY, showHidden: false }));
  try {
    outputs.push(JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v)) ?? "");
  } catch {
    /* circular: inspect above covered it */
  }
  try {
    outputs.push(String(value));
  } catch {
    /* no string form */
  }
  if (value instanceof Error) {
    outputs.push(value.message, value.stack ?? "");
    const e = value as Error & { rawBody?: unknown; body?: unknown; headers?: Headers; raw?: unknown };
    outputs.push(JSON.stringify(e.body ?? null), String(e.rawBody ?? ""));
    if (e.headers) outputs.push(JSON.stringify([...e.headers.entries()]));
    const issues = (value as { issues?: unknown }).issues;
    if (issues !== undefined) outputs.push(JSON.stringify(issues));
  }
}

async function failure(promise: Promise<unknown>): Promise<void> {
  const error = await promise.then(
    () => new Error("expected a failure"),
    (e: unknown) => e,
  );
  show(error);
}

/** What a server could know: everything but the wallet's private key, which never leaves the client. */
function echoable(): string[] {
  return [...planted].filter(([kind]) => kind !== "privateKey").flatMap(([, s]) => [...s]);
}

/** An answer that repeats every secret planted so far: in the body, in headers, as a cookie. */
function echo(status: number, shape: "json" | "text" | "malformed" | "fastapi" | "laravel" = "json") {
  const all = echoable();
  const text = all.join(" | ");
  const headers = new Headers({
    "x-debug-token": all[0] ?? "none",
    "www-authenticate": `Bearer error="invalid_token" token="${all[0] ?? ""}"`,
  });
  for (const value of all.slice(0, 5))
    headers.append("set-cookie", `leak=${encodeURIComponent(value)}; Path=/`);
  if (shape === "fastapi") {
    const detail = all.map((value) => ({
      loc: ["body", "token"],
      msg: `invalid token ${value}`,
      input: value,
    }));
    return HttpResponse.json({ detail }, { status, headers });
  }
  if (shape === "laravel")
    return HttpResponse.json(
      { message: `The token ${all[0]} is invalid.`, errors: { token: all.map((v) => `bad ${v}`) } },
      { status, headers },
    );
  if (shape === "text") return new HttpResponse(`error: ${text}`, { status, headers });
  if (shape === "malformed")
    return HttpResponse.json({ unexpected: all, nested: { deeper: { secrets: all } } }, { status, headers });
  return HttpResponse.json(
    { detail: `denied for ${text}`, message: text, errors: { token: all } },
    { status, headers },
  );
}

function where(value: string): string {
  const hit = [...outputs, ...logLines].find((o) => o.includes(value)) ?? "";
  const at = hit.indexOf(value);
  return JSON.stringify(hit.slice(Math.max(0, at - 120), at)).replaceAll(value, "<secret>");
}

describe("secrets never reach messages, printing or logs", () => {
  it("plants every secret kind and finds none of them in any output", async () => {
    const sim = createSimulator({
      seed: SEED,
      providers: { turbinex: { rateLimits: false }, turbostack: true, lyceum: true, exchange: true },
    });
    server.use(...sim.handlers);
    const now = () => sim.clock.now();

    // TurbineX: password login → JWT + rotating refresh token; a PAT created and used.
    const tokens: TokenPair[] = [];
    plant("password", TURBINEX_SIM_PASSWORD);
    const txAuth = jwtSession({
      credentials: { email: TURBINEX_SIM_USERS.enterprise, password: TURBINEX_SIM_PASSWORD },
      now,
      onTokens: (t) => void tokens.push({ ...t }),
    });
    const tx = createTurbineX({ ...common, auth: txAuth });
    show(await tx.auth.me());
    sim.clock.advance(20 * 60_000);
    show(await tx.auth.me()); // refreshed
    for (const t of tokens) {
      plant("jwt", t.accessToken);
      plant("refreshToken", t.refreshToken);
    }
    const pat = await tx.auth.pats.create({ name: "reliability" });
    plant("pat", pat.token);
    show(pat);
    show(txAuth);
    const manual = await tx.auth.login(TURBINEX_SIM_USERS.enterprise, TURBINEX_SIM_PASSWORD);
    plant("jwt", manual.accessToken);
    plant("refreshToken", manual.refreshToken);
    show(manual);

    // TurboStack: the PAT, host credentials.
    plant("pat", TURBOSTACK_SIM_TOKEN);
    const ts = createTurboStack({ ...common, auth: bearer(TURBOSTACK_SIM_TOKEN) });
    const creds = await ts.hosts.credentials(102);
    for (const v of Object.values(creds.reveal()))
      if (typeof v === "string" && v.length >= 8) plant("turbostackCredentials", v);
    show(creds);

    // Lyceum: lk_ key, a JWT session, an MFA enrolment, a created key, storage credentials.
    plant("lkKey", LYCEUM_SIM_API_KEY);
    plant("password", LYCEUM_SIM_USER.password);
    const lyKeyClient = createLyceum({ ...common, auth: apiKey(LYCEUM_SIM_API_KEY) });
    const storage = await lyKeyClient.storage.credentials();
    for (const key of ["access_key", "secret_key", "session_token"] as const)
      plant("storageCredentials", storage[key]);
    show(storage);
    const lyTokens: TokenPair[] = [];
    const ly = createLyceum({
      ...common,
      auth: jwtSession({
        credentials: { email: LYCEUM_SIM_USER.email, password: LYCEUM_SIM_USER.password },
        now,
        onTokens: (t) => void lyTokens.push({ ...t }),
      }),
    });
    const created = await ly.apiKeys.create({ name: "reliability" });
    plant("lkKey", created.api_key);
    show(created);
    const enrollment = await ly.mfa.enroll();
    plant("mfaSecret", enrollment.secret);
    plant("mfaSecret", enrollment.qr_code_url);
    for (const code of enrollment.backup_codes) plant("mfaBackupCode", code);
    show(enrollment);
    for (const t of lyTokens) {
      plant("jwt", t.accessToken);
      plant("refreshToken", t.refreshToken);
    }

    // Exchange: SIWE session cookie; the signer's private key must never appear anywhere.
    plant("privateKey", PRIVATE_KEY);
    plant("privateKey", PRIVATE_KEY.slice(2));
    const account = privateKeyToAccount(PRIVATE_KEY);
    const ex = createTurbineExchange({ ...common, signer: account, now });
    show(await ex.me());
    for (const session of sim.providers.exchange.state.sessions.values()) {
      if (session.address) plant("cookie", session.id);
    }
    show(ex);
    show(account);
    for (const client of [tx, ts, ly, lyKeyClient]) show(client);

    // Now every provider answers with all of them echoed: errors of every status and shape.
    const failures = new Tally();
    const statuses = [400, 401, 403, 404, 409, 422, 429, 500, 503];
    for (const status of statuses) {
      for (const shape of ["json", "text", "fastapi", "laravel"] as const) {
        server.use(
          http.get(`${URLS.turbinex}/usage`, () => echo(status, shape)),
          http.get(`${URLS.turbostack}/hosts/:id`, () => echo(status, shape)),
          http.get(`${URLS.lyceum}/vms/availability`, () => echo(status, shape)),
          http.get(`${URLS.exchange}/me`, () => echo(status, shape)),
        );
        await failure(tx.usage.get({ maxRetries: 0 }));
        await failure(ts.hosts.get(102, { maxRetries: 0 }));
        await failure(ly.vms.availability({ maxRetries: 0 }));
        await failure(lyKeyClient.vms.availability({ maxRetries: 0 }));
        await failure(ex.me({ maxRetries: 0 }));
        failures.add(`${status}/${shape}`, 5);
        server.resetHandlers(...sim.handlers);
      }
    }
    // 200 answers that fail validation while carrying the secrets.
    server.use(
      http.get(`${URLS.turbinex}/usage`, () => echo(200, "malformed")),
      http.get(`${URLS.turbostack}/hosts/:id`, () => echo(200, "malformed")),
      http.get(`${URLS.lyceum}/vms/availability`, () => HttpResponse.json(echoable())),
      http.get(`${URLS.exchange}/me`, () => echo(200, "malformed")),
    );
    await failure(tx.usage.get());
    await failure(ts.hosts.get(102));
    await failure(ly.vms.availability());
    await failure(ex.me());
    failures.add("200/malformed", 4);

    const haystack = [...outputs, ...logLines].join("\n");
    const found: string[] = [];
    let count = 0;
    for (const [kind, values] of planted) {
      for (const value of values) {
        count++;
        if (haystack.includes(value)) found.push(`${kind}: …${value.slice(-6)} in ${where(value)}`);
      }
    }
    writeFigures("secrets", {
      seed: SEED,
      kinds: Object.fromEntries([...planted].map(([k, v]) => [k, v.size])),
      secretsPlanted: count,
      echoedFailures: failures.total,
      outputsScanned: outputs.length,
      logLinesScanned: logLines.length,
      found: found.length,
    });
    expect(found).toEqual([]);
    // The echoes did reach the outputs, scrubbed (so the search above is not vacuous).
    expect(haystack.split("[redacted]").length).toBeGreaterThan(1000);
    for (const kind of [
      "jwt",
      "refreshToken",
      "pat",
      "lkKey",
      "cookie",
      "turbostackCredentials",
      "storageCredentials",
      "mfaSecret",
      "privateKey",
      "password",
    ]) {
      expect(planted.get(kind)?.size ?? 0, kind).toBeGreaterThan(0);
    }
    expect(logLines.length).toBeGreaterThan(50);
  });
});
