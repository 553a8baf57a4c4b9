// End to end over real HTTP: each test's simulator served on 127.0.0.1 (the harness's serve()).
import { beforeEach, describe, expect, it } from "vitest";
import { jwtSession } from "../../src/auth/index.js";
import { CapacityError, type LyceumClient, type RunEvent } from "../../src/lyceum/index.js";
import { DEFAULT_USER } from "../../src/testing/lyceum/index.js";
import { useSim } from "../helpers/sim.js";
import { SSH_KEY } from "./helpers.js";

// Issue 17: the same journey against the default answers and the variant dialect (the other
// legal readings of the docs: numeric ids, absent optional fields, nulls, text money, …).
describe.each([
  ["default", undefined],
  ["variant", true],
] as const)("%s dialect", (_dialect, variant) => {
  // 100x: a 2.5-minute VM provisioning takes 1.5 s of real time.
  const t = useSim("lyceum", { simulator: { clock: { speed: 100 }, variant, seed: 3 } });
  let client: LyceumClient;
  let baseUrl: string;

  // Each test's own simulator, served; a client with the seeded API key.
  beforeEach(async () => {
    baseUrl = (await t.serve()).baseUrls.lyceum as string;
    client = t.client({ baseUrl });
  });

  describe("Lyceum end to end over HTTP", () => {
    it("runs Python, streams its output to the end, reads logs and metrics", async () => {
      const run = await client.runs.python({
        code: 'print("epoch 1 loss=0.9")\nprint("epoch 2 loss=0.5")\nprint("done")',
        machine: "gpu.a100",
        timeout: 60,
      });
      expect(run.streaming_url?.startsWith(baseUrl)).toBe(true);
      const events: RunEvent[] = [];
      for await (const event of client.runs.stream(run)) events.push(event);
      expect(
        events.filter((e) => e.type === "output").map((e) => (e as { content: string }).content),
      ).toEqual(["epoch 1 loss=0.9\n", "epoch 2 loss=0.5\n", "done\n"]);
      expect(events.at(-1)).toMatchObject({ type: "finished", returnCode: 0, synthesized: false });
      expect((await client.runs.status(run.execution_id)).status).toBe("completed");

      const logs = await client.logs.forRun(run.execution_id, { limit: 10, hours: 1 });
      expect(logs.logs.map((l) => l.message)).toEqual(["epoch 1 loss=0.9", "epoch 2 loss=0.5", "done"]);
      const metrics = await client.metrics.forRun(run.execution_id, { step: "1s" });
      expect(metrics.gpuUtilizationPercent.length).toBeGreaterThan(0);
      expect(metrics.gpuUtilizationPercent[0]!.timestamp).toBeInstanceOf(Date);
    });

    it("uploads and downloads a file (streamed)", async () => {
      const payload = new Uint8Array(256 * 1024).map((_, i) => i % 251);
      const uploaded = await client.storage.upload("datasets/e2e/blob.bin", new Blob([payload]));
      expect(uploaded.size).toBe(payload.byteLength);
      const download = await client.storage.download("datasets/e2e/blob.bin");
      expect(download.size).toBe(payload.byteLength);
      const back = new Uint8Array(await new Response(download.body).arrayBuffer());
      expect(back).toEqual(payload);
    });

    it("uploads from a ReadableStream without collecting it first, and reads the same bytes back", async () => {
      const chunk = (n: number) => new Uint8Array(64 * 1024).map((_, i) => (i + n) % 253);
      let pulls = 0;
      const source = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (pulls < 4) controller.enqueue(chunk(pulls++));
          else controller.close();
        },
      });
      // A client whose fetch notes how much of the source had been pulled when the request left:
      // a collected upload would have pulled all of it first.
      let pullsWhenSent = -1;
      const streaming = t.client({
        baseUrl,
        fetch: (input, init) => {
          if (pullsWhenSent < 0) pullsWhenSent = pulls;
          return fetch(input, init);
        },
      });
      const uploaded = await streaming.storage.upload("datasets/e2e/streamed.bin", source, {
        contentType: "application/x-test",
      });
      expect(pullsWhenSent).toBeLessThan(4);
      expect(pulls).toBe(4);
      expect(uploaded.size).toBe(4 * 64 * 1024);
      const download = await client.storage.download("datasets/e2e/streamed.bin");
      const back = new Uint8Array(await new Response(download.body).arrayBuffer());
      expect(back.length).toBe(4 * 64 * 1024);
      expect(back.subarray(64 * 1024, 64 * 1024 + 8)).toEqual(chunk(1).subarray(0, 8));
      expect(back.at(-1)).toBe(chunk(3).at(-1));
    });

    it("creates a VM, waits until ready, deletes it", async () => {
      await expect(
        client.vms.create({ publicKey: SSH_KEY, hardware: "b300", gpus: 8, instanceType: "on-demand" }),
      ).rejects.toBeInstanceOf(CapacityError);
      const vm = await client.vms.create({
        publicKey: SSH_KEY,
        hardware: "h100",
        gpus: 1,
        instanceType: "spot",
      });
      const statuses = new Set<string>();
      const ready = await client.vms.waitForReady(vm.vm_id, {
        intervalMs: 50,
        maxIntervalMs: 100,
        timeoutMs: 15_000,
        onProgress: (v) => statuses.add(v.status),
      });
      expect(ready.status).toBe("ready");
      expect(ready.host).not.toBeNull();
      expect(statuses.has("provisioning")).toBe(true);
      const deleted = await client.vms.delete(ready.id);
      expect(deleted).toMatchObject({ deleted: true, status: "terminated" });
      expect(await client.vms.delete(ready.id)).toMatchObject({ deleted: false, alreadyGone: true });
    });

    it("reads billing, env vars, storage lists, active workloads, VM GPU type and chat in either dialect", async () => {
      const [billed] = await client.billing.history({ pageSize: 5 }).toArray();
      expect(typeof billed!.billed).toBe("number");
      const [invoice] = await client.billing.invoices().toArray();
      expect(invoice!.invoice_pdf).toMatch(/^https:\/\//);
      const voucher = await client.billing.validateVoucher({ email: DEFAULT_USER.email, code: "WELCOME50" });
      expect(voucher).toMatchObject({ voucher_amount: "50.00", isValid: true });

      await client.env.set([{ key: "E2E_TOKEN", value: "v1", isSecret: true }]);
      const [saved] = (await client.env.list().toArray()).filter((e) => e.key === "E2E_TOKEN");
      expect(typeof saved!.id).toBe("string"); // a numeric id is read as its text
      await client.env.delete(saved!.id);
      expect((await client.env.list().toArray()).some((e) => e.key === "E2E_TOKEN")).toBe(false);

      await client.storage.upload("e2e/list.txt", new TextEncoder().encode("12345"));
      const listed = await client.storage.list({ prefix: "e2e/" }).toArray();
      expect(listed.map((f) => [f.key, f.size])).toEqual([["e2e/list.txt", 5]]);
      await client.storage.deleteFolder("e2e");

      const live = await client.runs.python({ code: 'while True:\n  print("tick")', machine: "cpu" });
      const active = await client.runs.list().toArray();
      expect(active.find((w) => w.execution_id === live.execution_id)?.hardware_profile).toBe("cpu");
      await client.runs.abortWorkload(live.execution_id);

      const vm = await client.vms.create({
        publicKey: SSH_KEY,
        hardware: "l40s",
        gpus: 2,
        instanceType: "on-demand",
      });
      expect([vm.hardware_profile, vm.gpu_type, vm.gpu_count]).toEqual(["l40s", "l40s", 2]);
      await client.vms.delete(vm.id);

      const reply = await client.chat.create({
        model: "lyceum/router",
        messages: [{ role: "user", content: "hi" }],
      });
      expect(reply.choices[0]!.message!.content).toBe("You said: hi");
    });

    it("logs in with a JWT session and pins an org over HTTP", async () => {
      const session = t.client({
        baseUrl,
        auth: jwtSession({ credentials: { email: DEFAULT_USER.email, password: DEFAULT_USER.password } }),
        orgSlug: "shared-team",
      });
      const quotas = await session.quotas.get();
      expect(quotas.org_slug).toBe("shared-team");
    });
  });
});
