import { HttpResponse, http } from "msw";
import { describe, expect, test } from "vitest";
import * as z from "zod/mini";
import { apiKey } from "../../src/auth/api-key.js";
import { ApiError } from "../../src/core/errors.js";
import { UnsafeRedirectError } from "../../src/core/redirect.js";
import { route } from "../../src/core/routes.js";
import { BASE, testClient } from "../helpers/client.js";
import { useMsw } from "../helpers/msw.js";

const server = useMsw();
const get = route("GET", "/file");
const schema = z.object({ where: z.string() });

function record(url: string, where: string) {
  const seen: Headers[] = [];
  server.use(
    http.get(url, ({ request }) => {
      seen.push(request.headers);
      return HttpResponse.json({ where });
    }),
  );
  return seen;
}

describe("redirects", () => {
  test("a cross-origin redirect carries neither Authorization, Cookie nor the org header", async () => {
    server.use(
      http.get(
        `${BASE}/file`,
        () => new HttpResponse(null, { status: 302, headers: { location: "https://cdn.other.test/blob" } }),
      ),
    );
    const seen = record("https://cdn.other.test/blob", "cdn");
    const client = testClient(apiKey("lk_secretkey_123456", { orgSlug: "acme" }), {
      headers: { Cookie: "id=abc123456" },
    });
    expect(await client.json(get, { schema })).toEqual({ where: "cdn" });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.get("authorization")).toBeNull();
    expect(seen[0]?.get("cookie")).toBeNull();
    expect(seen[0]?.get("x-org-slug")).toBeNull();
  });

  test("a cross-origin redirect drops every header the redactor calls secret, keeps the rest", async () => {
    server.use(
      http.get(
        `${BASE}/file`,
        () => new HttpResponse(null, { status: 307, headers: { location: "https://storage.other.test/o" } }),
      ),
    );
    const seen = record("https://storage.other.test/o", "storage");
    const client = testClient(undefined, {
      headers: {
        "X-Amz-Security-Token": "amz-token-123456",
        "X-Session-Token": "session-123456",
        "Api-Key": "apikey-123456",
        "X-Request-Source": "ci",
      },
    });
    expect(await client.json(get, { schema })).toEqual({ where: "storage" });
    const sent = [...(seen[0]?.keys() ?? [])];
    for (const name of ["x-amz-security-token", "x-session-token", "api-key"])
      expect(sent).not.toContain(name);
    expect(seen[0]?.get("x-request-source")).toBe("ci");
  });

  test("a Location with another scheme or a malformed one is refused with UnsafeRedirectError", async () => {
    for (const location of ["file:///etc/passwd", "data:text/plain,hi", "https://[bad"]) {
      server.use(
        http.get(`${BASE}/file`, () => new HttpResponse(null, { status: 302, headers: { location } })),
      );
      const error = await testClient()
        .json(get, { schema })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UnsafeRedirectError);
    }
  });

  test("a same-origin redirect keeps credentials", async () => {
    server.use(
      http.get(
        `${BASE}/file`,
        () => new HttpResponse(null, { status: 307, headers: { location: "/file-v2" } }),
      ),
    );
    const seen = record(`${BASE}/file-v2`, "v2");
    const client = testClient(apiKey("lk_secretkey_123456"));
    expect(await client.json(get, { schema })).toEqual({ where: "v2" });
    expect(seen[0]?.get("authorization")).toBe("Bearer lk_secretkey_123456");
  });

  test("with the 'error' policy a redirect is reported, never followed", async () => {
    server.use(
      http.get(
        `${BASE}/file`,
        () =>
          new HttpResponse("<html><title>Login</title></html>", {
            status: 302,
            headers: { location: "https://api.example.test/login", "content-type": "text/html" },
          }),
      ),
    );
    const seen = record(`${BASE}/login`, "login");
    const client = testClient(apiKey("lk_secretkey_123456"), { maxRetries: 0 }, { redirects: "error" });
    const error = await client.json(get, { schema }).catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(302);
    expect(error.message).toContain("redirect to /login not followed");
    expect(error.rawBody).toContain("<title>Login</title>");
    expect(seen).toHaveLength(0);
  });
});
