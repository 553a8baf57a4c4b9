// The simulator's own contract, spoken to with plain fetch (no SDK validation in the way).
import { describe, expect, test } from "vitest";
import { TURBOSTACK_SIM_TOKEN } from "../../src/testing/turbostack/index.js";
import { useSim } from "../helpers/sim.js";
import { API, BASE } from "./helpers.js";

const t = useSim("turbostack", { sim: { hostsPerClient: [20, 25, 2], runMs: { deploy: 1_000 } } });

const headers = { authorization: `Bearer ${TURBOSTACK_SIM_TOKEN}`, accept: "application/json" };
const post = (path: string, body: unknown) =>
  fetch(`${API}${path}`, {
    method: "POST",
    headers: { ...headers, "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

describe("TurboStack simulator", () => {
  test("options shape the world: hosts per client, visible totals", async () => {
    expect(t.provider.state.hosts.size).toBe(47);
    const res = await fetch(`${API}/hosts?size=15&page=3`, { headers });
    const body = await res.json();
    expect(body.meta).toMatchObject({
      current_page: 3,
      last_page: 3,
      per_page: 15,
      total: 45,
      from: 31,
      to: 45,
    });
    expect(body.links.next).toBeNull();
    expect(body.links.prev).toBe(`${API}/hosts?page=2`);
  });

  test("a missing Accept header is redirected to the login page", async () => {
    const res = await fetch(`${API}/hosts`, {
      headers: { authorization: headers.authorization },
      redirect: "manual",
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`${BASE}/login`);
    expect(await res.text()).toContain("<form");
  });

  test("a missing json document or a non-object is a Laravel 422", async () => {
    const missing = await post("/hosts/101", { config: {} });
    expect(missing.status).toBe(422);
    expect(await missing.json()).toEqual({
      message: "The json field is required.",
      errors: { json: ["The json field is required."] },
    });
    const wrong = await post("/hosts/101", { json: "text" });
    expect(wrong.status).toBe(422);
    const garbage = await post("/groups/11", "{not json");
    expect(garbage.status).toBe(422);
  });

  test("deploy types are checked server-side too", async () => {
    const res = await post("/hosts/101/deploy", { type: "nuke" });
    expect(res.status).toBe(422);
    expect((await res.json()).errors.type).toEqual(["The selected type is invalid."]);
  });

  test("a deployment moves queued → running → finished with the sim clock", async () => {
    const res = await post("/hosts/102/deploy", { type: "deploy" });
    expect(res.status).toBe(201);
    const status = async () =>
      (await (await fetch(`${API}/hosts/102/deploy`, { headers })).json()).data.status;
    expect(await status()).toBe("queued");
    t.sim.clock.advance(2_100);
    expect(await status()).toBe("running");
    t.sim.clock.advance(1_000);
    expect(await status()).toBe("finished");
  });

  test("invalid page parameters are a 422; a page past the end is empty", async () => {
    expect((await fetch(`${API}/clients?size=abc`, { headers })).status).toBe(422);
    expect((await fetch(`${API}/clients?page=0`, { headers })).status).toBe(422);
    const past = await (await fetch(`${API}/clients?page=9`, { headers })).json();
    expect(past.data).toEqual([]);
    expect(past.meta.total).toBe(2);
  });
});
