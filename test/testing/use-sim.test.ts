import { describe, expect, it } from "vitest";
import { useSim } from "../helpers/sim.js";

describe("useSim: the one test harness", () => {
  const t = useSim("turbostack");
  let firstSim: unknown;

  it("serves a fresh simulator and logs what it received", async () => {
    firstSim = t.sim;
    const client = t.client();
    const host = await client.hosts.get(101);
    expect(host.id).toBe(101);
    expect(t.requests.paths()).toEqual(["GET /api/v1/hosts/101"]);
    expect(t.requests[0]?.headers.get("authorization")).toMatch(/^Bearer /);
  });

  it("gives the next test its own simulator and an empty log", () => {
    expect(t.sim).not.toBe(firstSim);
  });
});

describe("useSim: serve() over real HTTP", () => {
  const t = useSim("turbostack");
  let firstOrigin = "";

  it("serves this test's simulator on 127.0.0.1; what it receives lands in requests", async () => {
    const server = await t.serve();
    firstOrigin = server.origin;
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.baseUrls.turbostack).toBe(`${server.origin}/turbostack`);
    const host = await t.client({ baseUrl: server.baseUrls.turbostack }).hosts.get(101);
    expect(host.id).toBe(101);
    expect(t.requests.paths()).toEqual(["GET /turbostack/api/v1/hosts/101"]);
    expect(t.requests[0]?.url).toBe(`${server.origin}/turbostack/api/v1/hosts/101`);
  });

  it("closes the server after the test: the first test's origin refuses", async () => {
    expect(firstOrigin).not.toBe("");
    const error = await fetch(`${firstOrigin}/turbostack/api/v1/hosts/101`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(((error as TypeError).cause as { code?: string }).code).toBe("ECONNREFUSED");
  });
  it("logs at most the first MiB of a body", async () => {
    const big = "x".repeat(3 * 1024 * 1024);
    await fetch(`${t.sim.baseUrl("turbostack")}/api/v1/hosts/101`, {
      method: "POST",
      body: big,
      headers: { accept: "application/json" },
    });
    expect(t.requests).toHaveLength(1);
    expect(t.requests[0]!.body).toBe(big.slice(0, 1024 * 1024));
  });
});
