import { HttpResponse, http } from "msw";
import { describe, expect, test } from "vitest";
import { InputValidationError, PermissionDeniedError, ResponseValidationError } from "../../src/index.js";
import { readConfig } from "../../src/turbostack/index.js";
import { useSim } from "../helpers/sim.js";
import { API } from "./helpers.js";

const t = useSim("turbostack");
const { server, client } = t;

describe("config saves", () => {
  test("hosts.saveConfig POSTs {json: document}; the host reads it back as a string", async () => {
    const ts = client();
    const doc = { hostname: "web-03", php: { version: "8.4" }, packages: ["nginx"] };
    const result = await ts.hosts.saveConfig(103, doc);
    expect(t.requests.paths()).toEqual(["POST /api/v1/hosts/103"]);
    expect(JSON.parse(t.requests[0]?.body ?? "")).toEqual({ json: doc });
    expect(result.id).toBe(103);
    expect(t.provider.state.hosts.get(103)?.json).toBe(JSON.stringify(doc));
    const host = await ts.hosts.get(103);
    expect(host.json).toBe(JSON.stringify(doc));
    expect(host.config).toEqual(doc);
  });

  test("saveConfig refuses non-documents before sending, naming the field", async () => {
    const ts = client();
    const before = t.requests.length;
    const cases: [unknown, string][] = [
      [null, "config"],
      [[1, 2], "config"],
      ["{}", "config"],
      [new Map(), "config"],
      [{ a: { b: 10n } }, "config.a.b"],
      [{ f: () => 1 }, "config.f"],
      [{ n: Number.NaN }, "config.n"],
      [{ list: [1, new Date()] }, "config.list.1"],
    ];
    for (const [config, field] of cases) {
      const error = await ts.hosts.saveConfig(101, config as never).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputValidationError);
      expect((error as InputValidationError).field).toBe(field);
    }
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    await expect(ts.hosts.saveConfig(101, cyclic)).rejects.toThrow(/circular/);
    expect(t.requests.length).toBe(before);
  });

  test("updateConfig reads, applies the edit to a copy, and POSTs the whole document", async () => {
    const ts = client();
    const result = await ts.hosts.updateConfig(104, (config) => ({
      ...config,
      php: { ...(config.php as object), version: "8.4" },
    }));
    expect((result.before.php as { version: string }).version).toBe("8.2");
    expect((result.after.php as { version: string }).version).toBe("8.4");
    expect(result.after.hostname).toBe("worker-04.client1.turbostack.net");
    const stored = JSON.parse(t.provider.state.hosts.get(104)?.json ?? "{}");
    expect(stored).toEqual(result.after);
    expect(t.requests.paths().slice(-2)).toEqual(["GET /api/v1/hosts/104", "POST /api/v1/hosts/104"]);
  });

  test("updateConfig accepts an in-place edit (returning nothing) and async editors", async () => {
    const ts = client();
    const result = await ts.hosts.updateConfig(106, async (config) => {
      config.timezone = "UTC";
    });
    expect(result.after.timezone).toBe("UTC");
    expect(result.before.timezone).toBe("Europe/Berlin");
    expect(JSON.parse(t.provider.state.hosts.get(106)?.json ?? "{}").timezone).toBe("UTC");
  });

  test("updateConfig refuses to overwrite a stored document that is not valid JSON", async () => {
    const before = t.requests.length;
    const error = await client()
      .hosts.updateConfig(105, (c) => c)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect((error as ResponseValidationError).raw).toBe('{"hostname": "broken');
    expect(t.requests.paths().slice(before)).toEqual(["GET /api/v1/hosts/105"]);
  });

  test("updateConfig checks the edited document before POSTing it", async () => {
    const before = t.requests.length;
    const error = await client()
      .hosts.updateConfig(108, () => [] as never)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputValidationError);
    expect((error as InputValidationError).field).toBe("edit(config)");
    expect(t.requests.paths().slice(before)).toEqual(["GET /api/v1/hosts/108"]);
    await expect(client().hosts.updateConfig(108, "x" as never)).rejects.toThrow(/edit/);
  });

  test("a config POST that fails with 503 is never retried", async () => {
    let posts = 0;
    server.use(
      http.post(`${API}/hosts/:id`, () => {
        posts += 1;
        return HttpResponse.json({ message: "Service Unavailable" }, { status: 503 });
      }),
    );
    await expect(client({ maxRetries: 5 }).hosts.saveConfig(101, { a: 1 })).rejects.toMatchObject({
      status: 503,
    });
    expect(posts).toBe(1);
  });

  test("groups.saveConfig answers the saved group id", async () => {
    const ts = client();
    const result = await ts.groups.saveConfig(12, { timezone: "UTC", ssh_keys: [] });
    expect(result).toEqual({ id: 12, raw: { id: 12 } });
    const group = await ts.groups.get(12);
    expect(group.config).toEqual({ timezone: "UTC", ssh_keys: [] });
  });

  test("the saved id is read from any answer shape", async () => {
    for (const answer of [31, "31", { data: { id: 31 } }, { data: 31 }]) {
      server.use(http.post(`${API}/groups/:id`, () => HttpResponse.json(answer)));
      const result = await client().groups.saveConfig(11, { a: 1 });
      expect(result.id).toBe(31);
    }
    server.use(http.post(`${API}/groups/:id`, () => HttpResponse.json({ message: "Saved" })));
    expect((await client().groups.saveConfig("11", { a: 1 })).id).toBe("11");
  });

  test("platform groups are read-only: 403", async () => {
    const ts = client();
    const group = await ts.groups.get(1);
    expect(group.client_id).toBeUndefined();
    await expect(ts.groups.saveConfig(1, { a: 1 })).rejects.toBeInstanceOf(PermissionDeniedError);
  });
});

describe("readConfig", () => {
  test("every stored form is read without throwing", () => {
    expect(readConfig('{"a":1}')).toEqual({ config: { a: 1 }, configValid: true });
    expect(readConfig({ a: 1 })).toEqual({ config: { a: 1 }, configValid: true });
    expect(readConfig(null)).toEqual({ config: undefined, configValid: true });
    expect(readConfig(undefined).configValid).toBe(true);
    expect(readConfig("")).toEqual({ config: undefined, configValid: true });
    expect(readConfig([])).toEqual({ config: {}, configValid: true });
    expect(readConfig("[]")).toEqual({ config: {}, configValid: true });
    expect(readConfig("{oops")).toEqual({ config: undefined, configValid: false });
    expect(readConfig("42")).toEqual({ config: undefined, configValid: false });
    expect(readConfig("hostname: web\n")).toMatchObject({ configValid: false });
    expect(readConfig(7)).toEqual({ config: undefined, configValid: false });
  });
});
