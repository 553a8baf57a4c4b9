// The secret registry over a long-running process, and secrets in bodies nobody registered.
import { describe, expect, test } from "vitest";
import { ResponseValidationError } from "../../src/core/errors.js";
import { redactText, registerSecret } from "../../src/core/redact.js";
import { secretRecord } from "../../src/core/secret.js";

/** Registers `n` distinct throwaway secrets (what thousands of credential reads would do). */
function flood(n: number, tag: string) {
  for (let i = 0; i < n; i++) registerSecret(`${tag}-filler-secret-${i}`);
}

describe("secret registry", () => {
  test("a pinned credential stays redacted however many other secrets follow", () => {
    registerSecret("pinned-refresh-token-0001", { pin: true });
    registerSecret("unpinned-first-secret-0001");
    flood(10_500, "pin");
    expect(redactText("token=pinned-refresh-token-0001")).toBe("token=[redacted]");
    // The cap still bounds the unpinned ones: the oldest went first.
    expect(redactText("x unpinned-first-secret-0001")).toBe("x unpinned-first-secret-0001");
  });

  test("registering again makes a secret the most recent, so one in use is not evicted", () => {
    registerSecret("session-cookie-value-0002");
    for (let round = 0; round < 3; round++) {
      flood(6_000, `round${round}`);
      registerSecret("session-cookie-value-0002"); // the cookie jar sees it on every response
    }
    expect(redactText("cookie: session-cookie-value-0002")).toBe("cookie: [redacted]");
  });

  test("short values count when the field is known to be secret, not otherwise", () => {
    registerSecret("abcd");
    expect(redactText("abcd")).toBe("abcd");
    secretRecord({ username: "deploy", password: "pw12" }, "host credentials", {
      secretFields: ["password"],
    });
    expect(redactText("login with pw12")).toBe("login with [redacted]");
    expect(redactText("login as deploy")).toBe("login as deploy");
  });
});

describe("secrets in bodies nobody registered", () => {
  test("a ResponseValidationError keeps the shape of raw but not secret-named string fields", () => {
    const raw = [
      { host: "h1", ssh: { user: "root", password: "hunter2-unregistered" }, api_key: "k-123456" },
    ];
    const error = new ResponseValidationError("bad shape", raw, []);
    expect(error.raw).toEqual([
      { host: "h1", ssh: { user: "root", password: "[redacted]" }, api_key: "[redacted]" },
    ]);
    expect(JSON.stringify(error.raw)).not.toContain("hunter2");
  });

  test("malformed JSON text keeps its text, minus secret-named string values", () => {
    const text =
      '{"access_key":"AKIA1","secret_key":"s3cr3t-unregistered","note":"ok", "session_token": "tok';
    const error = new ResponseValidationError("malformed", text, []);
    expect(error.raw).toBe(
      '{"access_key":"AKIA1","secret_key":"[redacted]","note":"ok", "session_token": "tok',
    );
  });
});
