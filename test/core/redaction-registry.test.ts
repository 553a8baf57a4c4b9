// The secret registry over a long-running process, and secrets in bodies nobody registered.
import { describe, expect, test } from "vitest";
import { bearer } from "../../src/auth/bearer.js";
import { ResponseValidationError } from "../../src/core/errors.js";
import { registerHeaderSecrets } from "../../src/core/http-checks.js";
import { redactBodyText, redactText, registerSecret } from "../../src/core/redact.js";
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

describe("a registry a server cannot flush", () => {
  test("the caller's token and header credentials outlive 10,001 secret-looking values from responses", () => {
    const token = "caller-bearer-token-7f3a9c";
    bearer(token);
    registerHeaderSecrets({
      "X-Api-Key": "caller-header-key-55e1",
      Cookie: "sid=caller-cookie-9b2d; theme=dark",
    });
    for (let i = 0; i <= 10_000; i++) registerSecret(`server-planted-${i}-zz`);
    expect(redactText(`Authorization: ${token}`)).toBe("Authorization: [redacted]");
    expect(redactText("key caller-header-key-55e1 cookie caller-cookie-9b2d")).toBe(
      "key [redacted] cookie [redacted]",
    );
    // A short cookie value is not a credential: it stays readable.
    expect(redactText("theme dark")).toBe("theme dark");
  });

  test("the caller's tier is bounded too, and only the caller's own values move through it", () => {
    registerSecret("oldest-pinned-value-0001", { pin: true });
    registerSecret("reused-pinned-value-0002", { pin: true });
    for (let i = 0; i < 10_000; i++) {
      registerSecret(`per-call-header-${i}`, { pin: true });
      if (i % 1_000 === 0) registerSecret("reused-pinned-value-0002"); // stays pinned, made recent
    }
    expect(redactText("a oldest-pinned-value-0001 b reused-pinned-value-0002")).toBe(
      "a oldest-pinned-value-0001 b [redacted]",
    );
  });

  test("redaction cost stays flat with the registry's size (10,000 entries, 1 MiB of text)", () => {
    const secret = (i: number) => `flat-${i.toString(36)}-${"k".repeat(i % 20)}x9Q`;
    for (let i = 0; i < 10_000; i++) registerSecret(secret(i));
    const text = `${"The quick brown fox jumps over the lazy dog. ".repeat(23_000)}${secret(9_997)} end`;
    redactText("warm-up (builds the matcher once)");
    const started = performance.now();
    const out = redactText(text);
    // One automaton pass: milliseconds. A loop over 10,000 entries took about 5 s here.
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(out.endsWith("dog. [redacted] end")).toBe(true);
  });
});

describe("registering stays cheap however large the registry", () => {
  test("a server making every answer register 33 new values does not rebuild the whole index each time", () => {
    for (let i = 0; i < 10_000; i++) registerSecret(`base-${i.toString(36)}-${"k".repeat(i % 20)}x9Q`);
    redactText("warm-up");
    const text = "The quick brown fox jumps over the lazy dog. ".repeat(25);
    const started = performance.now();
    for (let round = 0; round < 50; round++) {
      for (let j = 0; j < 33; j++) registerSecret(`round-${round}-value-${j}-${"z".repeat(j)}`);
      redactText(text);
    }
    // About 0.6 s here; rebuilding all 10,000+ entries each round took about 11 s.
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(redactText("x round-49-value-32-zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz y")).toBe("x [redacted] y");
    expect(redactText("x base-0-x9Q y")).toBe("x [redacted] y");
  });
});

describe("redaction in linear time", () => {
  // Near-misses of every shape the pattern net knows. The old JWT pattern re-scanned the rest of a
  // run from every `eyJ` (40 KB of `-eyJ` took 0.5 s, 100 KB 5 s, growing with the square); each
  // of these 1 MiB inputs now takes milliseconds. The bound is generous on purpose (shared CI).
  const MiB = 1024 * 1024;
  const fill = (unit: string) => unit.repeat(Math.ceil(MiB / unit.length));
  test.each([
    ["-eyJ repeated", fill("-eyJ"), redactText],
    ["eyJ segments that never form a JWT", fill("eyJab.c."), redactText],
    ["lk_ prefixes", fill("lk_-"), redactText],
    ["Bearer then endless whitespace", `Bearer ${" ".repeat(MiB)}!`, redactText],
    ["a secret-looking JSON name that never closes", `"${fill("pass")}`, redactBodyText],
    ["a secret member whose value never closes", `"token":"${fill('\\"')}`, redactBodyText],
  ])("%s (1 MiB) finishes in linear time", (_name, text, redact) => {
    const started = performance.now();
    redact(text);
    expect(performance.now() - started).toBeLessThan(3_000);
  });

  test("a body kept as text keeps its first 64 KiB; a secret member straddling the cut is masked whole", () => {
    const secret = "straddling-secret-value-9z8y7x";
    const prefix = `{"pad":"${"p".repeat(64 * 1024 - 30)}","password":"`;
    const text = `${prefix}${secret}","more":"${"m".repeat(1024 * 1024)}"}`;
    const kept = redactBodyText(text);
    expect(kept.endsWith(`… (${text.length} characters in all)`)).toBe(true);
    expect(kept.length).toBeLessThan(64 * 1024 + 40);
    expect(kept).not.toContain("straddling");
    expect(kept).toContain('"password":"[red');
  });

  test("the shapes still redact what they did", () => {
    const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl";
    expect(redactText(`a ${jwt} b`)).toBe("a [redacted] b");
    expect(redactText(`-eyJ-eyJ-${jwt}`)).toBe("-[redacted]");
    expect(redactText(`eyJab.c.${jwt}`)).toBe("eyJab.c.[redacted]");
    expect(redactText("eyJabcd.efgh")).toBe("eyJabcd.efgh");
    expect(redactText("use lk_abcdef1 not lk_abc")).toBe("use [redacted] not lk_abc");
    expect(redactText("Authorization: Bearer abc.def~ghi, Basic dXNlcjpwYXNz")).toBe(
      "Authorization: Bearer [redacted], Basic [redacted]",
    );
    expect(redactBodyText('{"api_key": "a\\"b", "name": "x", "Session": "s"}')).toBe(
      '{"api_key": "[redacted]", "name": "x", "Session": "[redacted]"}',
    );
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

  test("a value nested deeper than 32 levels is cut, not kept unredacted", () => {
    registerSecret("deep-registered-secret-31", { pin: true });
    let raw: unknown = { note: "deep-registered-secret-31" };
    for (let i = 0; i < 40; i++) raw = [raw];
    const error = new ResponseValidationError("bad shape", raw, []);
    const text = JSON.stringify(error.raw);
    expect(text).not.toContain("deep-registered-secret-31");
    expect(text).toContain('"[nested too deep]"');
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
