import { HttpResponse, http } from "msw";
import { describe, expect, test } from "vitest";
import * as z from "zod/mini";
import { createLogger, type Logger } from "../../src/core/logger.js";
import { route } from "../../src/core/routes.js";
import { BASE, testClient } from "../helpers/client.js";
import { useMsw } from "../helpers/msw.js";

const server = useMsw();

function recorder() {
  const lines: string[] = [];
  const at = (level: string) => (message: string, fields?: Record<string, unknown>) =>
    lines.push(`${level}: ${message}${fields ? ` ${JSON.stringify(fields)}` : ""}`);
  const target: Logger = { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
  return { target, lines };
}

describe("logger", () => {
  test("drops lines under the level (default warn) and passes the rest through", () => {
    const { target, lines } = recorder();
    const log = createLogger(target);
    log.debug("d");
    log.info("i");
    log.warn("w", { attempt: 2 });
    log.error("e");
    expect(lines).toEqual(['warn: w {"attempt":2}', "error: e"]);
  });

  test("debug shows everything, silent shows nothing", () => {
    const verbose = recorder();
    const log = createLogger(verbose.target, "debug");
    for (const level of ["debug", "info", "warn", "error"] as const) log[level](level);
    expect(verbose.lines).toEqual(["debug: debug", "info: info", "warn: warn", "error: error"]);

    const quiet = recorder();
    createLogger(quiet.target, "silent").error("nothing");
    expect(quiet.lines).toEqual([]);
    createLogger(undefined, "debug").error("x"); // no target: nothing to call, nothing thrown
  });

  test("messages and nested fields are scrubbed of secrets", () => {
    const { target, lines } = recorder();
    createLogger(target, "debug").info("sent Bearer abc.def.ghi", {
      auth: { header: "Bearer sk_123456789" },
    });
    expect(lines).toEqual(['info: sent Bearer [redacted] {"auth":{"header":"Bearer [redacted]"}}']);
  });
});

describe("the client's per-request debug lines", () => {
  const call = async (logLevel: "debug" | "info" | "warn" | undefined) => {
    server.use(http.get(`${BASE}/jobs/:id`, () => HttpResponse.json({ id: "j1" })));
    const { target, lines } = recorder();
    const value = await testClient(undefined, { logger: target, ...(logLevel ? { logLevel } : {}) }).json(
      route("GET", "/jobs/{id}"),
      { params: { id: "j1" }, schema: z.object({ id: z.string() }) },
    );
    expect(value).toEqual({ id: "j1" });
    return lines;
  };

  test("are written at level debug: the request, then its status and time", async () => {
    const lines = await call("debug");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe("debug: Test GET /jobs/j1 →");
    expect(lines[1]).toMatch(/^debug: Test GET \/jobs\/j1 → 200 \(\d+ ms\)$/);
  });

  test("are not written at any other level", async () => {
    for (const level of [undefined, "info", "warn"] as const) expect(await call(level)).toEqual([]);
  });
});
