// Issue 10 §5: hostile input. Insecure base URLs, ids that try to leave their path segment,
// header injection through org slugs, oversized responses, cross-origin redirects, and an
// exchange server that asks for signatures it should not get.
import { HttpResponse, http } from "msw";
import { privateKeyToAccount } from "viem/accounts";
import { describe, expect, it, vi } from "vitest";
import { apiKey, bearer, jwtSession } from "../../src/auth/index.js";
import {
  ConfigMismatchError,
  InputValidationError,
  isTurbokitError,
  ResponseValidationError,
} from "../../src/core/errors.js";
import { createTurbineExchange } from "../../src/exchange/index.js";
import { createLyceum } from "../../src/lyceum/index.js";
import { createSimulator } from "../../src/testing/index.js";
import { createTurbineX } from "../../src/turbinex/index.js";
import { createTurboStack } from "../../src/turbostack/index.js";
import { useMsw } from "../helpers/msw.js";
import { HOSTILE_IDS, idCalls } from "./support/hostile-calls.js";
import { SEED, Tally, writeFigures } from "./support/report.js";

const server = useMsw();
const tried = new Tally();
/** The id-taking methods whose route keeps slashes (`{key+}`): storage keys and folders. */
const MULTI_SEGMENT = new Set([
  "lyceum.storage.download",
  "lyceum.storage.delete",
  "lyceum.storage.deleteFolder",
]);
const EVIL = "https://evil.example";

const factories = {
  turbinex: (o: object) => createTurbineX({ auth: bearer("tx_pat_hostile_0001"), ...o }),
  turbostack: (o: object) => createTurboStack({ auth: bearer("ts_pat_hostile_0001"), ...o }),
  lyceum: (o: object) => createLyceum({ auth: apiKey("lk_hostile_key_0001"), ...o }),
  exchange: (o: object) => createTurbineExchange(o),
};

describe("base URLs", () => {
  const refused = [
    "http://api.example.com",
    "http://127.0.0.1.evil.example",
    "http://localhost.evil.example",
    "http://10.0.0.1",
    "ftp://127.0.0.1",
    "javascript:alert(1)",
    "file:///etc/passwd",
    "https://api.example.com/?token=x",
    "https://api.example.com/#frag",
    "not a url",
  ];
  const loopback = [
    "http://127.0.0.1:8080",
    "http://localhost:3000",
    "http://[::1]:4000",
    "https://api.example.com",
  ];

  for (const [name, make] of Object.entries(factories)) {
    it(`${name}: plain http off loopback is refused unless allowInsecureHttp`, () => {
      for (const baseUrl of refused) {
        tried.add("baseUrl");
        expect(() => make({ baseUrl }), baseUrl).toThrow(InputValidationError);
      }
      for (const baseUrl of loopback) {
        tried.add("baseUrl");
        expect(() => make({ baseUrl }), baseUrl).not.toThrow();
      }
      tried.add("baseUrl");
      expect(() => make({ baseUrl: "http://api.example.com", allowInsecureHttp: true })).not.toThrow();
    });
  }
});

describe("ids that try to leave their path segment", () => {
  it("every id-taking method of every provider encodes or refuses them", async () => {
    const seen: Request[] = [];
    server.use(
      http.all("*", ({ request }) => {
        seen.push(request);
        return HttpResponse.json({ detail: "Not Found" }, { status: 404 });
      }),
    );
    const calls = await idCalls();
    const escaped: string[] = [];
    const outcomes = new Tally();
    for (const [name, call] of Object.entries(calls)) {
      for (const id of HOSTILE_IDS) {
        tried.add("hostileId");
        seen.length = 0;
        const error = await Promise.resolve()
          .then(() => call(id))
          .then(
            () => undefined,
            (e: unknown) => e,
          );
        if (error !== undefined && !isTurbokitError(error))
          escaped.push(`${name}(${JSON.stringify(id)}): untyped ${String(error)}`);
        if (seen.length === 0) {
          outcomes.add(error instanceof InputValidationError ? "refused" : "refused (other)");
          continue;
        }
        outcomes.add("encoded");
        for (const request of seen) {
          const url = new URL(request.url);
          const segments = url.pathname.split("/").map((s) => decodeURIComponent(s));
          // Only the storage keys (`{key+}` routes) may span segments; everywhere else an id
          // must arrive as exactly one segment.
          const intact =
            segments.includes(id) ||
            (MULTI_SEGMENT.has(name) && id.includes("/") && segments.join("/").includes(id));
          const problems = [
            !intact && "the id did not arrive intact",
            url.searchParams.has("evil") && "the id added a query parameter",
            segments.some((s) => s === ".." || s === ".") && "a dot segment reached the path",
            [...request.headers.keys()].some((k) => k.startsWith("x-evil")) && "a header was injected",
          ].filter(Boolean);
          if (problems.length > 0)
            escaped.push(`${name}(${JSON.stringify(id)}): ${problems.join(", ")} → ${request.url}`);
        }
      }
    }
    expect(escaped).toEqual([]);
    // Nothing sent must mean refused by argument checks, not by some other failure.
    expect(outcomes.counts["refused (other)"] ?? 0).toBe(0);
    expect(outcomes.counts.refused).toBeGreaterThan(0);
    expect(outcomes.counts.encoded).toBeGreaterThan(0);
    figuresOf.ids = {
      methods: Object.keys(calls).length,
      ids: HOSTILE_IDS.length,
      outcomes: outcomes.counts,
    };
  });
});

describe("header injection through org slugs and tokens", () => {
  const slugs = ["acme\r\nX-Evil: 1", "acme\nX-Evil: 1", "Acme", "acme lab", "acme/../x", "", "acme\u0000"];
  it("refuses hostile org slugs before anything is sent", async () => {
    let sent = 0;
    server.use(http.all("*", () => void sent++));
    for (const orgSlug of slugs) {
      tried.add("orgSlug", 3);
      expect(() => apiKey("lk_hostile_key_0001", { orgSlug })).toThrow(InputValidationError);
      const session = jwtSession({ credentials: { email: "a@b.c", password: "pw-hostile-1" } });
      const lyceum = (() => {
        try {
          return createLyceum({ auth: session, orgSlug });
        } catch (error) {
          expect(error).toBeInstanceOf(InputValidationError);
          return undefined;
        }
      })();
      if (lyceum) await expect(lyceum.vms.availability()).rejects.toBeInstanceOf(InputValidationError);
      const ly = createLyceum({ auth: apiKey("lk_hostile_key_0001") });
      await expect(ly.orgs.get(orgSlug)).rejects.toBeInstanceOf(InputValidationError);
    }
    for (const token of ["tok\r\nX-Evil: 1", "tok\n", "tok\u0000"]) {
      tried.add("token");
      expect(() => bearer(token)).toThrow(InputValidationError);
    }
    expect(sent).toBe(0);
  });
});

describe("responses over maxResponseBytes", () => {
  const CAP = 256 * 1024;
  const CHUNK = 16 * 1024;
  /** An endless JSON-looking body that counts how much was pulled from it. */
  function endless(pulled: { bytes: number }) {
    const chunk = new TextEncoder().encode(`{"pad":"${"x".repeat(CHUNK - 10)}`);
    return new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled.bytes += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
  }
  const cases: Array<[string, string, () => Promise<unknown>]> = [
    [
      "turbinex",
      "https://api.turbinex.app/jobs/job_1",
      () => factories.turbinex({ maxResponseBytes: CAP }).jobs.get("job_1"),
    ],
    [
      "turbostack",
      "https://my.turbostack.app/api/v1/hosts/1",
      () => factories.turbostack({ maxResponseBytes: CAP }).hosts.get(1),
    ],
    [
      "lyceum",
      "https://api.lyceum.technology/api/v2/external/vms/availability",
      () => factories.lyceum({ maxResponseBytes: CAP }).vms.availability(),
    ],
    [
      "exchange",
      "https://api.turbine.exchange/api/config",
      () => factories.exchange({ maxResponseBytes: CAP }).config(),
    ],
  ];
  for (const [name, url, call] of cases) {
    it(`${name}: an endless body fails cleanly after about the cap, never read whole`, async () => {
      const pulled = { bytes: 0 };
      server.use(
        http.get(
          url,
          () => new HttpResponse(endless(pulled), { headers: { "content-type": "application/json" } }),
        ),
      );
      tried.add("oversizedBody");
      const error = await call().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ResponseValidationError);
      expect((error as Error).message).toContain("maxResponseBytes");
      expect(pulled.bytes).toBeLessThan(CAP + 8 * CHUNK);
    });
    it(`${name}: a declared Content-Length over the cap is refused before reading`, async () => {
      const pulled = { bytes: 0 };
      server.use(
        http.get(
          url,
          () =>
            new HttpResponse(endless(pulled), {
              headers: { "content-type": "application/json", "content-length": String(10 * CAP) },
            }),
        ),
      );
      tried.add("oversizedBody");
      const error = await call().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ResponseValidationError);
      expect((error as Error).message).toContain("maxResponseBytes");
      // The transport may prefetch a little; the SDK itself reads nothing and cancels the body.
      expect(pulled.bytes).toBeLessThan(CAP);
    });
  }
});

describe("cross-origin redirects", () => {
  const CREDENTIAL_HEADERS = ["authorization", "cookie", "x-api-key", "x-org-slug", "x-auth-token"];

  it("lyceum follows them without the key or the org header", async () => {
    const base = "https://api.lyceum.technology/api/v2/external";
    const atEvil: Request[] = [];
    const sameOrigin: Request[] = [];
    server.use(
      http.get(`${base}/vms/availability`, () => HttpResponse.redirect(`${EVIL}/steal`, 307)),
      http.get(`${base}/machine-types`, () => HttpResponse.redirect(`${base}/vms/availability2`, 302)),
      http.get(`${base}/vms/availability2`, ({ request }) => {
        sameOrigin.push(request);
        return HttpResponse.json({});
      }),
      http.get(`${EVIL}/steal`, ({ request }) => {
        atEvil.push(request);
        return HttpResponse.json({});
      }),
    );
    const ly = createLyceum({ auth: apiKey("lk_redirect_key_0001", { orgSlug: "acme" }) });
    tried.add("redirect", 2);
    await ly.vms.availability().catch(() => undefined);
    expect(atEvil).toHaveLength(1);
    for (const name of CREDENTIAL_HEADERS) expect(atEvil[0]!.headers.has(name), name).toBe(false);
    // Same origin keeps them (so the check above is not vacuous).
    await ly.machineTypes
      .list()
      .firstPage()
      .catch(() => undefined);
    expect(sameOrigin[0]?.headers.get("authorization")).toBe("Bearer lk_redirect_key_0001");
  });

  it("exchange follows them without the session cookie", async () => {
    const sim = createSimulator({ seed: SEED, providers: { exchange: true } });
    const account = privateKeyToAccount("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
    const atEvil: Request[] = [];
    let redirect = false;
    server.use(
      http.get("https://api.turbine.exchange/api/orders", () =>
        redirect ? HttpResponse.redirect(`${EVIL}/orders`, 302) : undefined,
      ),
      http.get(`${EVIL}/orders`, ({ request }) => {
        atEvil.push(request);
        return HttpResponse.json({ orders: [], cursor: null, hasMore: false });
      }),
      ...sim.handlers,
    );
    const exchange = createTurbineExchange({ signer: account, now: () => sim.clock.now() });
    await exchange.me();
    redirect = true;
    tried.add("redirect");
    await exchange.orders
      .list()
      .firstPage()
      .catch(() => undefined);
    expect(atEvil).toHaveLength(1);
    for (const name of CREDENTIAL_HEADERS) expect(atEvil[0]!.headers.has(name), name).toBe(false);
  });

  for (const [name, url, call] of [
    ["turbinex", "https://api.turbinex.app/jobs/job_1", () => factories.turbinex({}).jobs.get("job_1")],
    ["turbostack", "https://my.turbostack.app/api/v1/hosts/1", () => factories.turbostack({}).hosts.get(1)],
  ] as const) {
    it(`${name} reports a redirect as an error and never follows it`, async () => {
      let followed = 0;
      server.use(
        http.get(url, () => HttpResponse.redirect(`${EVIL}/login`, 302)),
        http.all(`${EVIL}/*`, () => {
          followed++;
          return HttpResponse.json({});
        }),
      );
      tried.add("redirect");
      const error = await call().catch((e: unknown) => e);
      expect(isTurbokitError(error)).toBe(true);
      expect(followed).toBe(0);
    });
  }
});

describe("exchange: nothing is signed for a server that does not match", () => {
  const OTHER = "0x1111111111111111111111111111111111111111";

  function setup(
    simOptions: object,
    rewriteConfig?: (config: Record<string, unknown>) => unknown,
    mode?: "eip712",
  ) {
    const sim = createSimulator({ seed: SEED, providers: { exchange: simOptions } });
    server.use(...sim.handlers);
    const account = privateKeyToAccount("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
    const signMessage = vi.spyOn(account, "signMessage");
    const signTypedData = vi.spyOn(account, "signTypedData");
    const exchange = createTurbineExchange({
      signer: account,
      mode,
      now: () => sim.clock.now(),
      // A man in the middle rewriting /config, for the fields the simulator has no option for.
      fetch: async (input, init) => {
        const response = await globalThis.fetch(input, init);
        if (!rewriteConfig || !new Request(input, init).url.endsWith("/api/config")) return response;
        const config = (await response.json()) as Record<string, unknown>;
        rewriteConfig(config);
        return HttpResponse.json(config);
      },
    });
    return { exchange, signed: () => signMessage.mock.calls.length + signTypedData.mock.calls.length };
  }

  async function everySigningPath(exchange: ReturnType<typeof createTurbineExchange>) {
    const errors: unknown[] = [];
    const attempt = async (f: () => Promise<unknown>) => errors.push(await f().catch((e: unknown) => e));
    await attempt(() =>
      exchange.mode === "session" ? exchange.login() : Promise.reject(new ConfigMismatchError("x", "", "")),
    );
    await attempt(async () =>
      exchange.orders.submit(
        await exchange.orders.build({
          sell: "WETH",
          buy: "USDC",
          sellAmount: 10n ** 17n,
          minBuyAmount: 1n,
          curve: exchange.spreadCurve.constant(-10),
          durationSecs: 3600,
        }),
      ),
    );
    await attempt(() =>
      exchange.liquidity.add({
        token0: "USDC",
        token1: "WETH",
        fee: 3000,
        token0Amount: 1_000_000n,
        token1Amount: 10n,
      }),
    );
    await attempt(() => exchange.orders.list().firstPage());
    return errors;
  }

  const cases: Array<
    [string, object, ((c: Record<string, unknown>) => void) | undefined, "eip712" | undefined, string]
  > = [
    [
      "settler pin mismatch (the Permit2 spender)",
      { pins: { settler: OTHER } },
      undefined,
      undefined,
      "turbineSettlerAddress",
    ],
    [
      "lpRouter pin mismatch (the liquidity spender)",
      { pins: { lpRouter: OTHER } },
      undefined,
      undefined,
      "lpRouterAddress",
    ],
    ["signer pin mismatch", { pins: { signer: OTHER } }, undefined, undefined, "turbineSignerAddress"],
    ["SIWE uri mismatch", { siweUriOverride: "https://evil.example/api" }, undefined, undefined, "siweUri"],
    [
      "SIWE domain mismatch",
      {},
      (c) => Object.assign(c, { siweDomain: "app.uniswap.org" }),
      undefined,
      "siweDomain",
    ],
    [
      "spender rewritten in transit",
      {},
      (c) => Object.assign(c, { turbineSettlerAddress: OTHER }),
      undefined,
      "turbineSettlerAddress",
    ],
    [
      "EIP-712 domain salt mismatch",
      { saltOverride: `0x${"ab".repeat(32)}` },
      undefined,
      "eip712",
      "eip712Domain.salt",
    ],
  ];
  for (const [title, simOptions, rewrite, mode, field] of cases) {
    it(`${title}: refused with ConfigMismatchError before signing`, async () => {
      const { exchange, signed } = setup(simOptions, rewrite, mode);
      const errors = await everySigningPath(exchange);
      tried.add("exchangeMismatch", errors.length);
      for (const error of errors) {
        expect(error).toBeInstanceOf(ConfigMismatchError);
      }
      expect(errors.some((e) => (e as ConfigMismatchError).field === field)).toBe(true);
      expect(signed()).toBe(0);
    });
  }

  it("the same client signs once the server matches (the spies do see signatures)", async () => {
    const { exchange, signed } = setup({});
    await exchange.login();
    expect(signed()).toBe(1);
    writeFigures("hostile", { seed: SEED, inputsTried: tried.counts, ...figuresOf });
  });
});

const figuresOf: Record<string, unknown> = {};
