import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { bearer } from "../../src/auth/index.js";
import { InputValidationError } from "../../src/core/errors.js";
import { createLyceum } from "../../src/lyceum/index.js";
import { TURBOSTACK_SIM_OTHER_TOKEN, TURBOSTACK_SIM_TOKEN } from "../../src/testing/index.js";
import {
  createTurboStackCore,
  deployHost,
  getHost,
  getHostCredentials,
  listHosts,
  saveGroupConfig,
  updateHostConfig,
  waitForHostDeploy,
} from "../../src/turbostack/index.js";
import { FAST_RETRIES, useSim } from "../helpers/sim.js";

const API = "https://my.turbostack.app/api/v1";

describe("standalone operations", () => {
  const t = useSim("turbostack");
  const core = () => createTurboStackCore({ auth: bearer(TURBOSTACK_SIM_TOKEN), ...FAST_RETRIES });
  /** What one request looked like on the wire (no timing headers). */
  const sent = () =>
    t.requests.map((r) => ({
      method: r.method,
      url: r.url,
      body: r.body,
      accept: r.headers.get("accept"),
      authorization: r.headers.get("authorization"),
    }));

  it("a core has the client's members and nothing else of it", () => {
    const c = core();
    expect(c.baseUrl).toBe("https://my.turbostack.app");
    expect(c.lastRateLimit).toBeUndefined();
    expect(Object.keys(c).sort()).toEqual(["baseUrl", "lastRateLimit"]);
    expect("http" in t.client()).toBe(false);
  });

  it("send exactly the request the client's method sends, on a core and on a full client", async () => {
    const viaCore = await getHost(core(), 101);
    const fromCore = sent();
    t.requests.clear();
    const client = t.client();
    const viaClient = await getHost(client, 101);
    const fromClientFunction = sent();
    t.requests.clear();
    const viaMethod = await client.hosts.get(101);
    expect(fromCore).toEqual([
      {
        method: "GET",
        url: `${API}/hosts/101`,
        body: "",
        accept: "application/json",
        authorization: `Bearer ${TURBOSTACK_SIM_TOKEN}`,
      },
    ]);
    expect(fromClientFunction).toEqual(fromCore);
    expect(sent()).toEqual(fromCore);
    expect(viaCore).toEqual(viaClient);
    expect(viaMethod).toEqual(viaCore);
  });

  it("a write goes out the same way: POST body and path", async () => {
    await saveGroupConfig(core(), 11, { timezone: "UTC" });
    const fromCore = sent();
    t.requests.clear();
    await t.client().groups.saveConfig(11, { timezone: "UTC" });
    expect(fromCore).toMatchObject([
      { method: "POST", url: `${API}/groups/11`, body: '{"json":{"timezone":"UTC"}}' },
    ]);
    expect(sent()).toEqual(fromCore);
  });

  it("listHosts pages with size/page on a core", async () => {
    const page = await listHosts(core(), { size: 5, page: 2 }).firstPage();
    expect(page.items.map((h) => h.id)).toEqual([106, 107, 108, 109, 110]);
    expect(t.requests.map((r) => r.url)).toEqual([`${API}/hosts?size=5&page=2`]);
  });

  it("the deploy a core started is the one its wait follows (per-core state)", async () => {
    const c = core();
    const started = await deployHost(c, 111, { type: "deploy" });
    t.sim.clock.advance(60_000);
    t.requests.clear();
    const final = await waitForHostDeploy(c, 111, { intervalMs: 1, maxIntervalMs: 1 });
    expect(final).toMatchObject({ id: started.id, status: "finished", outcome: "succeeded", host_id: 111 });
    // Its id is known, so the first final poll ends the wait (unknown, it would be skipped as an earlier one).
    expect(t.requests.paths()).toEqual(["GET /api/v1/hosts/111/deploy"]);
  });

  it("bad arguments are refused before anything is sent", async () => {
    await expect(getHost(core(), 0)).rejects.toThrow(InputValidationError);
    await expect(getHostCredentials(core(), "12a")).rejects.toThrow(/id/);
    await expect(updateHostConfig(core(), 101, "x" as never)).rejects.toThrow(/edit/);
    expect(t.requests.length).toBe(0);
  });

  it("refuse a core of another provider, naming the argument", async () => {
    const lyceum = createLyceum({ auth: bearer("x") });
    await expect(getHost(lyceum as never, 101)).rejects.toThrow(/client/);
    await expect(getHost({ baseUrl: "x", lastRateLimit: undefined }, 101)).rejects.toThrow(
      InputValidationError,
    );
    expect(t.requests.length).toBe(0);
  });
});

describe("withResponse()", () => {
  const t = useSim("turbostack");

  it("gives the data with the status and request id of its response", async () => {
    t.server.use(
      http.get(`${API}/hosts/:id`, () =>
        HttpResponse.json({ data: { id: 7, name: "h" } }, { headers: { "x-request-id": "req_ts_1" } }),
      ),
    );
    const { data, response, requestId } = await t.client().hosts.get(7).withResponse();
    expect(data).toMatchObject({ id: 7, name: "h" });
    expect(response.status).toBe(200);
    expect(response.url).toBe(`${API}/hosts/7`);
    expect(requestId).toBe("req_ts_1");
  });

  it("a deploy reports its 201 from the simulator, on a core too", async () => {
    const c = createTurboStackCore({ auth: bearer(TURBOSTACK_SIM_TOKEN) });
    const { data, response, requestId } = await deployHost(c, 112, { type: "deploy" }).withResponse();
    expect(data.status).toBe("queued");
    expect(response.status).toBe(201);
    expect(response.method).toBe("POST");
    expect(requestId).toBeUndefined();
  });

  it("updateConfig reports the response it read last: the save", async () => {
    const { response } = await t
      .client()
      .hosts.updateConfig(108, (config) => {
        config.timezone = "UTC";
      })
      .withResponse();
    expect(response.method).toBe("POST");
    expect(t.requests.paths()).toEqual(["GET /api/v1/hosts/108", "POST /api/v1/hosts/108"]);
  });

  it("waitForDeploy reports the last poll's response", async () => {
    const ts = t.client();
    await ts.hosts.deploy(111, { type: "deploy" });
    t.sim.clock.advance(60_000);
    const { data, response } = await ts.hosts.waitForDeploy(111, { intervalMs: 1 }).withResponse();
    expect(data.status).toBe("finished");
    expect(response).toMatchObject({ method: "GET", status: 200, url: `${API}/hosts/111/deploy` });
  });

  it("asResponse() gives the body the SDK read", async () => {
    const response = await t.client().clients.get(1).asResponse();
    expect(response.status).toBe(200);
    expect(JSON.parse(await response.text())).toMatchObject({ data: { id: 1, firstname: "Anna" } });
  });
});

describe("lastRateLimit", () => {
  const t = useSim("turbostack");

  it("a client and its core read the rate-limit headers of the last response", async () => {
    t.server.use(
      http.get(`${API}/hosts/:id`, () =>
        HttpResponse.json(
          { data: { id: 7 } },
          { headers: { "x-ratelimit-limit": "60", "x-ratelimit-remaining": "41" } },
        ),
      ),
    );
    const client = t.client();
    expect(client.lastRateLimit).toBeUndefined();
    await client.hosts.get(7);
    expect(client.lastRateLimit).toMatchObject({ limit: 60, remaining: 41 });
    const c = createTurboStackCore({ auth: bearer(TURBOSTACK_SIM_TOKEN) });
    await getHost(c, 7);
    expect(c.lastRateLimit).toMatchObject({ limit: 60, remaining: 41 });
  });
});

describe("withOptions", () => {
  const t = useSim("turbostack");

  it("keeps the auth and the other options, changing only what it is given", async () => {
    const client = t.client({ pageSize: 5, headers: { "X-Trace": "a" } });
    const changed = client.withOptions({ headers: { "X-Trace": "b" } });
    expect(changed).not.toBe(client);
    expect(changed.baseUrl).toBe(client.baseUrl);
    const page = await changed.hosts.list().firstPage();
    expect(page.items).toHaveLength(5);
    const request = t.requests[0];
    expect(request?.headers.get("authorization")).toBe(`Bearer ${TURBOSTACK_SIM_TOKEN}`);
    expect(request?.headers.get("x-trace")).toBe("b");
    expect(request?.url).toBe(`${API}/hosts?size=5&page=1`);
  });

  it("can change the auth, and the original client keeps its own", async () => {
    const client = t.client();
    const other = client.withOptions({ auth: bearer(TURBOSTACK_SIM_OTHER_TOKEN) });
    await expect(other.hosts.get(101)).rejects.toMatchObject({ status: 403 });
    expect((await client.hosts.get(101)).id).toBe(101);
  });
});
