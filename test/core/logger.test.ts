import { describe, expect, test } from "vitest";
import { createLogger, type Logger } from "../../src/core/logger.js";

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
