// End to end over real HTTP: the simulator behind node:http on 127.0.0.1 (msw lets it through).
import { createWriteStream } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jwtSession, type TokenPair } from "../../src/auth/index.js";
import { finalOutcome } from "../../src/core/polling.js";
import {
  jobOutputBytes,
  TURBINEX_SIM_PASSWORD,
  TURBINEX_SIM_USERS,
} from "../../src/testing/turbinex/index.js";
import { createTurbineX, type Job } from "../../src/turbinex/index.js";
import { useSim } from "../helpers/sim.js";
import { zip } from "./helpers.js";

// The default answers, the variant dialect's first alternatives everywhere (integer ids, decimal
// money, `completed`, downloads redirected to storage), and a seeded mix of both.
describe.each([
  { dialect: "default", variant: false },
  { dialect: "variant", variant: true },
  { dialect: "mixed variant (seed 7)", variant: 7 },
])("TurbineX end to end over HTTP, $dialect answers", ({ variant }) => {
  const t = useSim("turbinex", { sim: { outputBytes: 300_000 }, simulator: { variant } });
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "turbinex-e2e-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("logs in, survives token expiry, runs a job, streams its output to a file, shares a study", async () => {
    const server = await t.serve();
    const baseUrl = server.baseUrls.turbinex!;
    const tokens: TokenPair[] = [];
    const tx = createTurbineX({
      baseUrl,
      auth: jwtSession({
        credentials: { email: TURBINEX_SIM_USERS.owner, password: TURBINEX_SIM_PASSWORD },
        onTokens: (t) => void tokens.push({ ...t }),
      }),
    });

    const me = await tx.auth.me();
    expect(me.email).toBe(TURBINEX_SIM_USERS.owner);
    // Top-level in the default answer, nested (`email_verified`, `org.plan`) in the variant one.
    expect(me).toMatchObject({ verified: true, plan: "pro" });
    const turbines = await tx.turbines.list().toArray();
    expect(turbines.length).toBeGreaterThan(0);
    for (const t of turbines) expect(typeof t.id).toBe("string");
    expect(tokens).toHaveLength(1);

    // The 15-minute access token expires on the simulated clock mid-run.
    t.sim.clock.advance(20 * 60_000);
    const study = await tx.studies.create({ name: "E2E study" });
    expect(tokens).toHaveLength(2);
    expect(tokens[1]?.refreshToken).not.toBe(tokens[0]?.refreshToken);

    const input = zip("e2e simulation inputs");
    const job = await tx.jobs.submit({
      file: new Blob([input as Uint8Array<ArrayBuffer>]),
      name: "e2e",
      studyId: study.id,
    });
    expect(job.status).toBe("queued");
    expect(typeof job.id).toBe("string");

    const seen: Job[] = [];
    const done = await tx.jobs.waitFor(job.id, {
      intervalMs: 1,
      maxIntervalMs: 2,
      onProgress: (j) => {
        seen.push(j);
        t.sim.clock.advance(15_000);
      },
    });
    expect(finalOutcome(done.status)).toBe("succeeded");
    expect(seen.map((j) => j.status)).toContain("running");

    const progress: number[] = [];
    const download = await tx.jobs.downloadOutput(job.id, {
      onProgress: (p) => progress.push(p.transferredBytes),
    });
    const path = join(dir, "output.zip");
    await pipeline(
      Readable.fromWeb(download.body as import("node:stream/web").ReadableStream),
      createWriteStream(path),
    );
    const written = new Uint8Array(await readFile(path));
    expect(written.byteLength).toBe(300_000);
    expect(written).toEqual(jobOutputBytes(job.id, 300_000));
    expect(progress.at(-1)).toBe(300_000);

    await tx.studies.artifacts.upload(study.id, {
      file: new TextEncoder().encode("summary: 42 MWh"),
      filename: "summary.txt",
      contentType: "text/plain",
    });
    const shared = await tx.studies.enableSharing(study.id);
    const token = shared.share.token!;

    // No credentials at all.
    const viewer = createTurbineX({ baseUrl, auth: undefined }).public.viewer(token);
    expect((await viewer.study()).name).toBe("E2E study");
    const [artifact] = await viewer.artifacts().toArray();
    expect(artifact?.filename).toBe("summary.txt");
    const usage = await tx.usage.get();
    // A number whether the server sent 0.02 or "0.02".
    expect(usage.spend_usd).toBe(0.02);
    expect(usage.tokens_used).toBe(1000);
    const file = await viewer.download(artifact!.id);
    expect(await new Response(file.body).text()).toBe("summary: 42 MWh");

    // The variant answers redirected both downloads to the storage origin, which never saw a credential.
    if (variant === true) {
      const storage = t.requests.filter((r) => r.path.startsWith("/storage/"));
      expect(storage.map((r) => r.path.split("/").at(-1))).toEqual([`${job.id}-output.zip`, "summary.txt"]);
      expect(storage.map((r) => r.headers.get("authorization"))).toEqual([null, null]);
    }
  });
});
