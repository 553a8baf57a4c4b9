// End-to-end over real HTTP: each test's simulator served on 127.0.0.1 (the harness's serve()).
import { describe, expect, test } from "vitest";
import { turbostackChapter } from "../../examples/demo/turbostack.js";
import { ApiError } from "../../src/index.js";
import { TURBOSTACK_SIM_TOKEN } from "../../src/testing/turbostack/index.js";
import { useSim } from "../helpers/sim.js";

// The default answers, the variant dialect's first alternatives everywhere (bare objects, ids as
// text, `json` as an object, the flat paginator, bare `{status}` deploy answers saying `success`,
// `ssh_user`/`ssh_password` credentials), and a seeded mix of both.
describe.each([
  { dialect: "default", variant: false },
  { dialect: "variant", variant: true },
  { dialect: "mixed variant (seed 7)", variant: 7 },
])("TurboStack over real HTTP, $dialect answers", ({ variant }) => {
  // Simulated time runs 600× real time: a 22 s deploy takes ~40 ms. Seed 1: createSimulator's own.
  const t = useSim("turbostack", { simulator: { clock: { speed: 600 }, variant, seed: 1 } });

  test("lists all hosts, edits a config, deploys, waits, reads credentials", async () => {
    const baseUrl = (await t.serve()).baseUrls.turbostack as string;
    expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/turbostack$/);
    const ts = t.client({ baseUrl });

    const hosts = await ts.hosts.list().toArray();
    expect(hosts).toHaveLength(42);

    const updated = await ts.hosts.updateConfig(102, (config) => ({ ...config, timezone: "UTC" }));
    expect(updated.after.timezone).toBe("UTC");
    const host = await ts.hosts.get(102);
    expect(host.config?.timezone).toBe("UTC");
    // ISO with microseconds, or Laravel's `Y-m-d H:i:s` in the variant: the same instant.
    const stored = t.provider.state.hosts.get(102)?.created_at as string;
    expect(host.created_at?.getTime()).toBe(Date.parse(stored));
    if (variant === true) expect(host.updated_at).toBeUndefined();

    const started = await ts.hosts.deploy(102, { type: "deploy" });
    expect(started.status).toBe("queued");
    const seen: string[] = [];
    const final = await ts.hosts.waitForDeploy(102, {
      deploymentId: started.id,
      intervalMs: 10,
      maxIntervalMs: 20,
      timeoutMs: 10_000,
      onProgress: (s) => seen.push(s.status),
    });
    expect(final).toMatchObject({ outcome: "succeeded", id: started.id });
    expect(seen.at(-1)).toBe(final.status);
    expect(final.status).toBe(variant === true ? "success" : variant === false ? "finished" : final.status);

    if (variant === true) {
      // What the SDK just read: a bare status with another final word, no id, no timestamps.
      const raw = await fetch(`${baseUrl}/api/v1/hosts/102/deploy`, {
        headers: { accept: "application/json", authorization: `Bearer ${TURBOSTACK_SIM_TOKEN}` },
      });
      expect(await raw.json()).toEqual({ status: "success" });
    }

    const creds = await ts.hosts.credentials(102);
    const login = creds.login;
    expect(login?.username).toBe("ts102");
    expect(login?.password).toBeTypeOf("string");
    expect(JSON.stringify(creds)).not.toContain(login?.password as string);
    expect(creds.config?.timezone).toBe("UTC");
  });

  test("the login redirect is reported, not followed, over real HTTP", async () => {
    const ts = t.client({
      baseUrl: (await t.serve()).baseUrls.turbostack as string,
      headers: { Accept: "text/html" },
    });
    const error = (await ts.clients.get(1).catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(302);
    expect(error.rawBody).toContain("Login | TurboStack");
  });

  test("the demo chapter runs and reports", async () => {
    const lines: string[] = [];
    const summary = await turbostackChapter({
      sim: t.sim,
      baseUrl: (await t.serve()).baseUrls.turbostack as string,
      log: (line) => lines.push(line),
      status: () => {},
    });
    expect(summary[0]).toMatch(
      /^42 hosts over 3 pages; host \d+ reconfigured and deployed \((finished|success)\)$/,
    );
    expect(summary[1]).toContain("redacted");
    expect(lines.some((l) => l.includes("refused before sending"))).toBe(true);
    expect(lines.join("\n")).not.toMatch(/password/i);
  });
});
