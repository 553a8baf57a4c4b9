// End-to-end over real HTTP against the simulator server (no msw in this file).
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { turbostackChapter } from "../../examples/demo/turbostack.js";
import { bearer } from "../../src/auth/index.js";
import { ApiError } from "../../src/index.js";
import { createSimulator, type SimulatorServer, startSimulatorServer } from "../../src/testing/index.js";
import { TURBOSTACK_SIM_TOKEN } from "../../src/testing/turbostack/index.js";
import { createTurboStack } from "../../src/turbostack/index.js";

// The default answers, the variant dialect's first alternatives everywhere (bare objects, ids as
// text, `json` as an object, the flat paginator, bare `{status}` deploy answers saying `success`,
// `ssh_user`/`ssh_password` credentials), and a seeded mix of both.
describe.each([
  { dialect: "default", variant: false },
  { dialect: "variant", variant: true },
  { dialect: "mixed variant (seed 7)", variant: 7 },
])("TurboStack over real HTTP, $dialect answers", ({ variant }) => {
  // Simulated time runs 600× real time: a 22 s deploy takes ~40 ms.
  const sim = createSimulator({ providers: { turbostack: true }, clock: { speed: 600 }, variant });
  let server: SimulatorServer;

  beforeAll(async () => {
    server = await startSimulatorServer(sim);
  });
  afterAll(async () => {
    await server.close();
  });

  test("lists all hosts, edits a config, deploys, waits, reads credentials", async () => {
    const baseUrl = server.baseUrls.turbostack as string;
    expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/turbostack$/);
    const ts = createTurboStack({ baseUrl, auth: bearer(TURBOSTACK_SIM_TOKEN) });

    const hosts = await ts.hosts.list().toArray();
    expect(hosts).toHaveLength(42);

    const updated = await ts.hosts.updateConfig(102, (config) => ({ ...config, timezone: "UTC" }));
    expect(updated.after.timezone).toBe("UTC");
    const host = await ts.hosts.get(102);
    expect(host.config?.timezone).toBe("UTC");
    // ISO with microseconds, or Laravel's `Y-m-d H:i:s` in the variant: the same instant.
    const stored = sim.providers.turbostack.state.hosts.get(102)?.created_at as string;
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
    const ts = createTurboStack({
      baseUrl: server.baseUrls.turbostack as string,
      auth: bearer(TURBOSTACK_SIM_TOKEN),
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
      sim,
      baseUrl: server.baseUrls.turbostack as string,
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
