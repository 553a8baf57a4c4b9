// End to end over real HTTP (part 2): orgs, keys, invites, MFA, batches, deployments, inference.
// Each test's simulator is served on 127.0.0.1 (the harness's serve()).
import { beforeEach, describe, expect, it } from "vitest";
import { apiKey, jwtSession } from "../../src/auth/index.js";
import { ConflictError, PermissionDeniedError } from "../../src/core/errors.js";
import { type InferenceEvent, type LyceumClient, toJsonl } from "../../src/lyceum/index.js";
import {
  DEFAULT_USER,
  MFA_USER,
  MFA_USER_SECRET,
  SECOND_USER,
  totpCode,
} from "../../src/testing/lyceum/index.js";
import { useSim } from "../helpers/sim.js";

// Issue 17: the same journey against the default answers and the variant dialect (the other
// legal readings of the docs: numeric ids, absent optional fields, nulls, text money, …).
describe.each([
  ["default", undefined],
  ["variant", true],
] as const)("%s dialect", (_dialect, variant) => {
  // 100x: a 60 s deployment scale-up takes 0.6 s of real time.
  const t = useSim("lyceum", { simulator: { clock: { speed: 100 }, variant, seed: 11 } });
  let baseUrl: string;
  let ada: LyceumClient;

  // Each test's own simulator, served; Ada logged in with ada-lab pinned.
  beforeEach(async () => {
    baseUrl = (await t.serve()).baseUrls.lyceum as string;
    ada = t.client({
      baseUrl,
      auth: jwtSession({ credentials: { email: DEFAULT_USER.email, password: DEFAULT_USER.password } }),
      orgSlug: "ada-lab",
    });
  });

  describe("Lyceum end to end over HTTP: organisations", () => {
    it("creates an org API key and uses it without X-Org-Slug; a member gets 403", async () => {
      const key = await ada.orgs.apiKeys.create("ada-lab", { name: "e2e" });
      expect(String(key)).not.toContain(key.plaintext_key);
      const seen: (string | null)[] = [];
      const withKey = t.client({
        baseUrl,
        auth: apiKey(key.plaintext_key),
        fetch: (input, init) => {
          seen.push(new Request(input, init).headers.get("x-org-slug"));
          return fetch(input, init);
        },
      });
      expect((await withKey.quotas.get()).org_slug).toBe("ada-lab");
      expect((await withKey.orgs.balance("ada-lab")).balance).toMatch(/^\d+\.\d{2}$/);
      expect(seen).toEqual([null, null]);

      const memberKey = t.client({ baseUrl, auth: apiKey("lk_sim_shared_team_0001") });
      await expect(memberKey.orgs.apiKeys.create("shared-team", { name: "x" })).rejects.toBeInstanceOf(
        PermissionDeniedError,
      );
    });

    it("invites a member who accepts once", async () => {
      const invite = await ada.orgs.invites.create("ada-lab", { email: SECOND_USER.email });
      const grace = t.client({
        baseUrl,
        auth: jwtSession({ credentials: { email: SECOND_USER.email, password: SECOND_USER.password } }),
      });
      expect((await grace.orgs.invites.mine().toArray()).map((i) => i.org_slug)).toEqual(["ada-lab"]);
      expect(await grace.orgs.invites.accept(invite.token!)).toMatchObject({
        org_slug: "ada-lab",
        role: "member",
      });
      await expect(grace.orgs.invites.accept(invite.token!)).rejects.toBeInstanceOf(ConflictError);
      const members = await ada.orgs.members("ada-lab").toArray();
      expect(members.map((m) => m.email).sort()).toEqual([DEFAULT_USER.email, SECOND_USER.email]);
    });

    it("logs in an MFA account with mfaCode", async () => {
      const alan = t.client({
        baseUrl,
        auth: jwtSession({ credentials: { email: MFA_USER.email, password: MFA_USER.password } }),
        mfaCode: () => totpCode(MFA_USER_SECRET, t.sim.clock.now()),
      });
      expect((await alan.mfa.status()).enabled).toBe(true);
      expect((await alan.quotas.get()).org_slug).toBe("alan-co");
    });
  });

  describe("Lyceum end to end over HTTP: batches, deployments, inference", () => {
    it("runs a batch to completion and reads its output lines", async () => {
      const records = ["alpha", "beta", "gamma"].map((word, i) => ({
        custom_id: `req-${i}`,
        method: "POST",
        url: "/v1/chat/completions",
        body: { model: "llama", messages: [{ role: "user", content: word }] },
      }));
      const file = await ada.files.upload(toJsonl(records), { filename: "words.jsonl" });
      const batch = await ada.batches.create({ inputFileId: file.id, endpoint: "/v1/chat/completions" });
      const statuses = new Set<string>();
      const done = await ada.batches.waitFor(batch.id, {
        intervalMs: 20,
        maxIntervalMs: 50,
        timeoutMs: 15_000,
        onProgress: (b) => statuses.add(b.status),
      });
      expect(done.status).toBe("completed");
      expect(done.request_counts).toEqual({ total: 3, completed: 3, failed: 0 });
      expect(statuses.has("in_progress") || statuses.has("validating")).toBe(true);
      const contents: string[] = [];
      for await (const line of ada.batches.output(done)) {
        expect(line.ok).toBe(true);
        if (line.ok) {
          const body = line.value.response?.body as { choices: { message: { content: string } }[] };
          contents.push(`${line.line}:${line.value.custom_id}:${body.choices[0]!.message.content}`);
        }
      }
      expect(contents).toEqual(["1:req-0:Echo: alpha", "2:req-1:Echo: beta", "3:req-2:Echo: gamma"]);
      const listed = await ada.batches.list({ pageSize: 1 }).toArray();
      expect(listed.map((b) => b.id)).toContain(batch.id);
    });

    it("creates a deployment and waits for it", async () => {
      const created = await ada.deployments.create({
        model: "mistralai/Mistral-7B-Instruct-v0.3",
        hardware: "gpu.a100",
        targetRps: 1,
        targetLatencyP95Ms: 1000,
        stabilisationWindow: 60,
      });
      const statuses = new Set<string>();
      const ready = await ada.deployments.waitForReady(created.deployment_id, {
        intervalMs: 50,
        maxIntervalMs: 100,
        timeoutMs: 15_000,
        onProgress: (d) => statuses.add(d.status),
      });
      expect(ready).toMatchObject({ status: "running", replicas: 1 });
      expect(statuses.has("scaling_up")).toBe(true);
      expect((await ada.deployments.stop(ready.deployment_id)).status).toBe("stopping");
    });

    it("streams an inference over SSE", async () => {
      const id = t.provider.submitInference({ queueMs: 20_000 });
      const events: InferenceEvent[] = [];
      for await (const event of ada.inference.stream(id)) events.push(event);
      expect(events.map((e) => e.type)).toEqual(["queued", "finished"]);
    });
  });
});
