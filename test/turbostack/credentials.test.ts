import { inspect } from "node:util";
import { HttpResponse, http } from "msw";
import { describe, expect, test, vi } from "vitest";
import { ApiError, NotFoundError, PermissionDeniedError, ResponseValidationError } from "../../src/index.js";
import { useSim } from "../helpers/sim.js";
import { API } from "./helpers.js";

const t = useSim("turbostack");
const { server, client } = t;

describe("hosts.credentials", () => {
  test("fields read normally, with the related configuration parsed", async () => {
    const creds = await client().hosts.credentials(120);
    const stored = t.provider.state.hosts.get(120)?.credentials;
    expect(creds.password).toBe(stored?.password);
    expect(creds.username).toBe("ts120");
    expect(creds.db_password).toBe(stored?.db_password);
    expect(creds.host_id).toBe(120);
    expect(creds.hostname).toBe(t.provider.state.hosts.get(120)?.name);
    expect(creds.configValid).toBe(true);
    expect(creds.config?.timezone).toBe("Europe/Berlin");
  });

  test("redacted in String, template literals, JSON and util.inspect", async () => {
    const creds = await client().hosts.credentials(120);
    const password = creds.password as string;
    for (const printed of [
      String(creds),
      `${creds}`,
      JSON.stringify(creds),
      JSON.stringify({ creds }),
      inspect(creds),
    ]) {
      expect(printed).not.toContain(password);
      expect(printed).toContain("redacted");
    }
    expect(creds.reveal().password).toBe(password);
    expect(JSON.stringify(creds.reveal())).toContain(password);
  });

  test("credential values are scrubbed from later errors and logs", async () => {
    const ts = client();
    const creds = await ts.hosts.credentials(122);
    const password = creds.db_password as string;
    server.use(
      http.get(`${API}/hosts/:id`, () =>
        HttpResponse.json({ message: `database refused user with password ${password}` }, { status: 500 }),
      ),
    );
    const warn = vi.fn();
    const logged = client({
      maxRetries: 1,
      logger: { debug: warn, info: warn, warn, error: warn },
    });
    const error = (await logged.hosts.get(122).catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(500);
    expect(error.message).not.toContain(password);
    expect(error.rawBody).not.toContain(password);
    expect(JSON.stringify(error)).not.toContain(password);
    expect(inspect(error)).not.toContain(password);
    expect(warn).toHaveBeenCalled();
    expect(JSON.stringify(warn.mock.calls)).not.toContain(password);
  });

  test("never cached: every call asks the API", async () => {
    const ts = client();
    const before = t.requests.length;
    const a = await ts.hosts.credentials(123);
    t.provider.state.hosts.get(123)!.credentials.password = "rotated-password-123";
    const b = await ts.hosts.credentials(123);
    expect(t.requests.paths().slice(before)).toEqual([
      "GET /api/v1/hosts/123/credentials",
      "GET /api/v1/hosts/123/credentials",
    ]);
    expect(a.password).not.toBe(b.password);
    expect(b.password).toBe("rotated-password-123");
  });

  test("bare answers, nested objects and a `config` key are accepted; nested strings are scrubbed", async () => {
    server.use(
      http.get(`${API}/hosts/:id/credentials`, () =>
        HttpResponse.json({ ssh: { user: "root", password: "nested-secret-42" }, config: { a: 1 } }),
      ),
    );
    const creds = await client().hosts.credentials(124);
    expect((creds.ssh as { password: string }).password).toBe("nested-secret-42");
    expect(creds.config).toEqual({ a: 1 });
    expect(creds.host_id).toBe(124);
    const error = new ApiError({
      status: 500,
      headers: new Headers(),
      body: "nested-secret-42",
      rawBody: "nested-secret-42",
      message: "failed with nested-secret-42",
      method: "GET",
      url: "",
    });
    expect(error.message).not.toContain("nested-secret-42");
  });

  test("an answer of an unexpected shape (or cut short) fails without carrying the credentials along", async () => {
    server.use(
      http.get(`${API}/hosts/:id/credentials`, () =>
        HttpResponse.json([{ username: "deploy", password: "shape-changed-secret-7" }]),
      ),
    );
    const shaped = await client()
      .hosts.credentials(124)
      .catch((e: unknown) => e);
    expect(shaped).toBeInstanceOf(ResponseValidationError);
    expect((shaped as ResponseValidationError).raw).toBeUndefined();
    server.use(
      http.get(`${API}/hosts/:id/credentials`, () =>
        HttpResponse.text('{"data":{"password":"cut-short-secret-8', {
          headers: { "content-type": "application/json" },
        }),
      ),
    );
    const cut = await client()
      .hosts.credentials(124)
      .catch((e: unknown) => e);
    expect(cut).toBeInstanceOf(ResponseValidationError);
    expect(JSON.stringify(cut) + inspect(cut) + String((cut as ResponseValidationError).raw)).not.toContain(
      "cut-short-secret-8",
    );
  });

  test("403 for a host of another client, 404 for an unknown host", async () => {
    await expect(client().hosts.credentials(143)).rejects.toBeInstanceOf(PermissionDeniedError);
    await expect(client().hosts.credentials(999)).rejects.toBeInstanceOf(NotFoundError);
  });
});
