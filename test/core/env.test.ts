import { readFileSync } from "node:fs";
import { afterEach, describe, expect, test, vi } from "vitest";
import {
  envLogLevel,
  envVariableHint,
  identificationHeaders,
  type RuntimeGlobals,
  readEnv,
  withEnvDefaults,
} from "../../src/core/env.js";
import { InputValidationError } from "../../src/core/errors.js";
import type { ClientOptions } from "../../src/core/http.js";
import { VERSION } from "../../src/core/version.js";
import { createTurbineExchange } from "../../src/exchange/index.js";
import { apiKey, bearer } from "../../src/index.js";
import { createLyceum } from "../../src/lyceum/index.js";
import { createTurbineX } from "../../src/turbinex/index.js";
import { createTurboStack } from "../../src/turbostack/index.js";

afterEach(() => {
  vi.unstubAllEnvs();
});

/** A fetch that records what it was asked and answers 404, so a call ends without a server. */
function recordingFetch() {
  const seen: Request[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    seen.push(new Request(input, init));
    return Response.json({ detail: "not here" }, { status: 404 });
  };
  return { seen, fetch: fetch as typeof globalThis.fetch };
}

/** A stand-in for Deno's globals: `env.get` throws without --allow-env, as Deno 2 does. */
function denoWithoutEnv(state = "prompt"): RuntimeGlobals {
  return {
    Deno: {
      env: {
        get() {
          throw new Error('Requires env access to "LYCEUM_API_KEY", run again with the --allow-env flag');
        },
      },
      version: { deno: "2.5.0" },
      permissions: { querySync: () => ({ state }) },
    },
  };
}

describe("VERSION", () => {
  test("is package.json's version", () => {
    expect(VERSION).toBe(JSON.parse(readFileSync("package.json", "utf8")).version);
  });
});

describe("readEnv", () => {
  test("reads process.env in Node, treats empty as unset", () => {
    vi.stubEnv("TURBOKIT_TEST_VAR", "value-1");
    expect(readEnv("TURBOKIT_TEST_VAR")).toBe("value-1");
    vi.stubEnv("TURBOKIT_TEST_VAR", "");
    expect(readEnv("TURBOKIT_TEST_VAR")).toBeUndefined();
  });

  test("reads Deno.env, and answers undefined when Deno refuses", () => {
    const deno: RuntimeGlobals = { Deno: { env: { get: (n) => (n === "A" ? "from-deno" : undefined) } } };
    expect(readEnv("A", deno)).toBe("from-deno");
    expect(readEnv("LYCEUM_API_KEY", denoWithoutEnv())).toBeUndefined();
  });

  test("answers undefined in a browser (no process, no Deno)", () => {
    expect(readEnv("ANYTHING", {})).toBeUndefined();
  });
});

describe("envVariableHint", () => {
  test("names the variable; in Deno without permission, also the flag", () => {
    expect(envVariableHint("LYCEUM_API_KEY", {})).toBe("set LYCEUM_API_KEY");
    expect(envVariableHint("LYCEUM_API_KEY", denoWithoutEnv("granted"))).toBe("set LYCEUM_API_KEY");
    expect(envVariableHint("LYCEUM_API_KEY", denoWithoutEnv("prompt"))).toBe(
      "set LYCEUM_API_KEY (Deno does not let turbokit read it: run with --allow-env=LYCEUM_API_KEY or --allow-env)",
    );
  });

  test("the missing-credentials error of a Deno client without --allow-env names the flag", async () => {
    vi.stubGlobal("Deno", denoWithoutEnv().Deno);
    try {
      const { fetch, seen } = recordingFetch();
      const error = await createLyceum({ fetch })
        .machineTypes.list()
        .firstPage()
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputValidationError);
      expect((error as InputValidationError).field).toBe("auth");
      expect((error as Error).message).toBe(
        "auth: no credentials configured: pass auth (apiKey or jwtSession) or set LYCEUM_API_KEY " +
          "(Deno does not let turbokit read it: run with --allow-env=LYCEUM_API_KEY or --allow-env)",
      );
      expect(seen).toHaveLength(0);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe("TURBOKIT_LOG", () => {
  test("sets the level, case-insensitively; unset or empty is no level", () => {
    vi.stubEnv("TURBOKIT_LOG", " Debug ");
    expect(envLogLevel()).toBe("debug");
    vi.stubEnv("TURBOKIT_LOG", "");
    expect(envLogLevel()).toBeUndefined();
  });

  test("an unknown level is an InputValidationError naming the variable", () => {
    vi.stubEnv("TURBOKIT_LOG", "verbose");
    expect(() => envLogLevel()).toThrow(
      new InputValidationError("TURBOKIT_LOG", "must be one of debug, info, warn, error, silent"),
    );
  });

  test("turns on debug lines to the console when no logger was given", async () => {
    vi.stubEnv("TURBOKIT_LOG", "debug");
    const debug = vi.spyOn(console, "debug").mockImplementation(() => {});
    try {
      const { fetch } = recordingFetch();
      await createTurboStack({ auth: bearer("tok-log"), fetch, maxRetries: 0 })
        .hosts.get(7)
        .catch(() => undefined);
      const lines = debug.mock.calls.map((call) => String(call[0]));
      expect(lines.some((line) => line.includes("/api/v1/hosts/7"))).toBe(true);
      expect(JSON.stringify(debug.mock.calls)).not.toContain("tok-log");
    } finally {
      debug.mockRestore();
    }
  });

  test("an explicit logLevel or logger wins over the variable", () => {
    vi.stubEnv("TURBOKIT_LOG", "debug");
    const logger = { debug() {}, info() {}, warn() {}, error() {} };
    const withLevel = withEnvDefaults<ClientOptions>({ logLevel: "error" }, "X_BASE_URL");
    expect(withLevel.logLevel).toBe("error");
    expect(withLevel.logger).toBeUndefined();
    const withLogger = withEnvDefaults<ClientOptions>({ logger }, "X_BASE_URL");
    expect(withLogger.logger).toBe(logger);
    expect(withLogger.logLevel).toBe("debug");
  });
});

describe("base URLs from the environment", () => {
  const cases = [
    {
      variable: "TURBOSTACK_BASE_URL",
      call: (fetch: typeof globalThis.fetch) => createTurboStack({ auth: bearer("t"), fetch }).hosts.get(7),
      path: "/api/v1/hosts/7",
    },
    {
      variable: "TURBINEX_BASE_URL",
      call: (fetch: typeof globalThis.fetch) =>
        createTurbineX({ auth: bearer("t"), fetch }).jobs.get("job_1"),
      path: "/jobs/job_1",
    },
    {
      variable: "LYCEUM_BASE_URL",
      call: (fetch: typeof globalThis.fetch) =>
        createLyceum({ auth: apiKey("lk_test"), fetch })
          .machineTypes.list()
          .firstPage(),
      path: "/machine-types",
    },
    {
      variable: "TURBINE_EXCHANGE_BASE_URL",
      call: (fetch: typeof globalThis.fetch) => createTurbineExchange({ fetch }).config(),
      path: "/config",
    },
  ];

  for (const { variable, call, path } of cases) {
    test(`${variable} sets the base URL; an explicit baseUrl wins`, async () => {
      vi.stubEnv(variable, "http://127.0.0.1:4999/from-env/");
      const first = recordingFetch();
      await call(first.fetch).catch(() => undefined);
      expect(first.seen[0]?.url).toBe(`http://127.0.0.1:4999/from-env${path}`);
    });
  }

  test("an explicit baseUrl wins over the variable", async () => {
    vi.stubEnv("TURBOSTACK_BASE_URL", "http://127.0.0.1:4999/from-env");
    const { fetch, seen } = recordingFetch();
    await createTurboStack({ auth: bearer("t"), fetch, baseUrl: "http://127.0.0.1:5000" })
      .hosts.get(7)
      .catch(() => undefined);
    expect(seen[0]?.url).toBe("http://127.0.0.1:5000/api/v1/hosts/7");
  });

  test("a bad variable is an InputValidationError naming it, at creation", () => {
    vi.stubEnv("TURBINEX_BASE_URL", "http://example.com");
    expect(() => createTurbineX({ auth: bearer("t") })).toThrow(
      new InputValidationError(
        "TURBINEX_BASE_URL",
        "plain http is only allowed to loopback hosts (set allowInsecureHttp to override)",
      ),
    );
    vi.stubEnv("TURBINEX_BASE_URL", "not a url");
    expect(() => createTurbineX({ auth: bearer("t") })).toThrow(
      new InputValidationError("TURBINEX_BASE_URL", "must be an absolute URL"),
    );
  });
});

describe("identification headers", () => {
  test("every provider sends User-Agent and X-Turbokit-Version in Node", async () => {
    const { fetch, seen } = recordingFetch();
    await createTurboStack({ auth: bearer("t"), fetch })
      .hosts.get(7)
      .catch(() => undefined);
    await createTurbineX({ auth: bearer("t"), fetch })
      .jobs.get("job_1")
      .catch(() => undefined);
    await createLyceum({ auth: apiKey("lk_test"), fetch })
      .machineTypes.list()
      .firstPage()
      .catch(() => undefined);
    await createTurbineExchange({ fetch })
      .config()
      .catch(() => undefined);
    expect(seen).toHaveLength(4);
    for (const request of seen) {
      expect(request.headers.get("user-agent")).toBe(`turbokit/${VERSION} (node/${process.versions.node})`);
      expect(request.headers.get("x-turbokit-version")).toBe(VERSION);
    }
  });

  test("the caller's headers win", async () => {
    const { fetch, seen } = recordingFetch();
    await createTurboStack({ auth: bearer("t"), fetch, headers: { "User-Agent": "my-app/2.0" } })
      .hosts.get(7)
      .catch(() => undefined);
    expect(seen[0]?.headers.get("user-agent")).toBe("my-app/2.0");
    expect(seen[0]?.headers.get("x-turbokit-version")).toBe(VERSION);
  });

  test("name the runtime in Deno and Bun, and are left out in a browser", () => {
    expect(identificationHeaders({ Deno: { version: { deno: "2.5.0" } } })).toEqual({
      "User-Agent": `turbokit/${VERSION} (deno/2.5.0)`,
      "X-Turbokit-Version": VERSION,
    });
    expect(identificationHeaders({ process: { versions: { node: "24.0.0", bun: "1.2.0" } } })).toEqual({
      "User-Agent": `turbokit/${VERSION} (bun/1.2.0)`,
      "X-Turbokit-Version": VERSION,
    });
    expect(identificationHeaders({})).toEqual({});
  });
});
