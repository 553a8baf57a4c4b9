// Lyceum chapter of `npm run demo`: log in, look at the hardware and prices, run Python on a GPU
// with live output, read its logs and GPU metrics, round-trip a file through storage, set a
// secret, meet the capacity error, then create a VM, wait until it is ready, and delete it; then
// the org side: balance, an org API key, an invite accepted by a teammate, an MFA login, billing,
// a Batch API job with its output lines, a dedicated deployment and a streamed inference —
// against the local simulator, over real HTTP.
import { apiKey, jwtSession } from "../../src/auth/index.js";
import { CapacityError, createLyceum, MfaRequiredError, toJsonl } from "../../src/lyceum/index.js";
import {
  DEFAULT_USER,
  MFA_USER,
  MFA_USER_SECRET,
  SECOND_USER,
  totpCode,
} from "../../src/testing/lyceum/index.js";
import type { DemoChapter } from "./context.js";

const DEMO_SSH_KEY =
  "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGRlbW9rZXlub3RyZWFsZGVtb2tleW5vdHJlYWwwMDAw demo@turbokit";

export const lyceumChapter: DemoChapter = async (ctx) => {
  const lyceum = createLyceum({
    baseUrl: ctx.baseUrl,
    auth: jwtSession({ credentials: { email: DEFAULT_USER.email, password: DEFAULT_USER.password } }),
    orgSlug: "ada-lab",
  });

  const hardware = await lyceum.quotas.availableHardware();
  ctx.log(`logged in (JWT, org ada-lab); hardware available: ${hardware.join(", ")}`);
  const prices = await lyceum.pricing.list().toArray();
  const h100 = prices.find(
    (p) => p.meter_slug === "execution_runtime" && p.applies_to.hardware_profile === "gpu.h100",
  );
  ctx.log(
    `price book: ${prices.length} rows; gpu.h100 runs cost ${h100?.unit_price_per_hour} per hour (decimal string)`,
  );

  const run = await lyceum.runs.python({
    code: 'import torch\nprint("cuda available: True")\nprint("epoch 1 loss=0.912")\nprint("epoch 2 loss=0.407")\nprint("epoch 3 loss=0.133")\nprint("saved model.pt")',
    machine: "gpu.h100",
    timeout: 300,
    requirements: ["torch"],
  });
  ctx.log(`run ${run.execution_id} submitted (${run.status}); live output:`);
  let returnCode: number | string | null = null;
  for await (const event of lyceum.runs.stream(run)) {
    if (event.type === "output") ctx.log(`  │ ${event.content.trimEnd()}`);
    if (event.type === "finished") returnCode = event.returnCode;
  }
  const status = await lyceum.runs.status(run.execution_id);
  ctx.log(`run finished: ${status.status}, return code ${returnCode}`);

  const logs = await lyceum.logs.forRun(run.execution_id, { limit: 100, hours: 1 });
  const metrics = await lyceum.metrics.forRun(run.execution_id, { step: "1s" });
  const util = metrics.gpuUtilizationPercent.map((p) => p.value);
  const avg = util.length ? util.reduce((a, b) => a + b, 0) / util.length : 0;
  ctx.log(`logs: ${logs.total} lines; GPU utilisation over ${util.length} samples: avg ${avg.toFixed(1)}%`);

  const csv = new TextEncoder().encode("step,loss\n1,0.912\n2,0.407\n3,0.133\n");
  await lyceum.storage.upload("results/run-1/loss.csv", csv, { contentType: "text/csv" });
  const download = await lyceum.storage.download("results/run-1/loss.csv");
  const text = await new Response(download.body).text();
  ctx.log(
    `storage: uploaded and downloaded results/run-1/loss.csv (${text.split("\n").length - 2} rows back)`,
  );
  const creds = await lyceum.storage.credentials();
  ctx.log(`S3 credentials for bucket ${creds.bucket_name}: printed as ${String(creds)}`);

  await lyceum.env.set({ HF_TOKEN: "hf_demo_not_a_real_token" });
  const vars = await lyceum.env.list().toArray();
  ctx.log(`env vars: ${vars.map((v) => `${v.key}${v.is_secret ? " (secret)" : ""}`).join(", ")}`);

  try {
    await lyceum.vms.create({
      publicKey: DEMO_SSH_KEY,
      hardware: "b300",
      gpus: 8,
      instanceType: "on-demand",
    });
  } catch (error) {
    if (!(error instanceof CapacityError)) throw error;
    ctx.log("8×B300 VM: CapacityError (HTTP 500 'could not be provisioned'), not retried");
  }
  const vm = await lyceum.vms.create({
    publicKey: DEMO_SSH_KEY,
    hardware: "h100",
    gpus: 1,
    instanceType: "on-demand",
  });
  ctx.log(`VM ${vm.id} requested (${vm.hardware_profile} × ${vm.gpu_count})`);
  const ready = await lyceum.vms.waitForReady(vm.vm_id, {
    intervalMs: 200,
    maxIntervalMs: 500,
    timeoutMs: 60_000,
    onProgress: (v) => ctx.status(`VM ${v.id.slice(0, 8)}: ${v.status}${v.host ? ` at ${v.host}` : ""}`),
  });
  ctx.log(`VM ready: ssh ${ready.port ? `-p ${ready.port} ` : ""}ubuntu@${ready.host}`);
  const deleted = await lyceum.vms.delete(ready.id);
  const again = await lyceum.vms.delete(ready.id);
  ctx.log(`VM deleted (${deleted.status}); deleting again says alreadyGone=${again.alreadyGone}`);

  // ── Organisations, keys, invites ──
  const balance = await lyceum.orgs.balance("ada-lab");
  ctx.log(`org ada-lab balance: ${balance.balance} ${balance.currency ?? ""} (decimal string)`);
  const key = await lyceum.orgs.apiKeys.create("ada-lab", { name: "demo-ci" });
  ctx.log(`org API key created, printed as ${String(key)}`);
  const ci = createLyceum({ baseUrl: ctx.baseUrl, auth: apiKey(key.plaintext_key) });
  ctx.log(`the key carries its org (no X-Org-Slug sent): quotas for ${(await ci.quotas.get()).org_slug}`);
  const invite = await lyceum.orgs.invites.create("ada-lab", { email: SECOND_USER.email, role: "member" });
  const grace = createLyceum({
    baseUrl: ctx.baseUrl,
    auth: jwtSession({ credentials: { email: SECOND_USER.email, password: SECOND_USER.password } }),
  });
  await grace.orgs.invites.accept(invite.token ?? "");
  const members = await lyceum.orgs.members("ada-lab").toArray();
  ctx.log(`invite accepted; ada-lab members: ${members.map((m) => `${m.email} (${m.role})`).join(", ")}`);

  // ── MFA login ──
  const alanCredentials = { email: MFA_USER.email, password: MFA_USER.password };
  try {
    await lyceum.auth.login(alanCredentials);
  } catch (error) {
    if (!(error instanceof MfaRequiredError)) throw error;
    ctx.log(`${MFA_USER.email}: login answered MfaRequiredError (methods: ${error.methods.join(", ")})`);
  }
  const alan = createLyceum({
    baseUrl: ctx.baseUrl,
    auth: jwtSession({ credentials: alanCredentials }),
    mfaCode: () => totpCode(MFA_USER_SECRET, ctx.sim.clock.now()), // an authenticator app, in real life
  });
  ctx.log(`…completed with a TOTP through mfaCode: signed in to ${(await alan.quotas.get()).org_slug}`);

  // ── Billing ──
  const credits = await lyceum.billing.credits();
  const history = await lyceum.billing.history({ pageSize: 5 }).firstPage();
  ctx.log(
    `billing: ${credits.credits} credits; last execution billed ${history.items[0]?.billed} (${history.total} billed in total)`,
  );

  // ── Chat (OpenAI-compatible: the serverless router, or model = a deployment_id) ──
  const reply = await lyceum.chat.create({
    model: "lyceum/router",
    messages: [{ role: "user", content: "Which GPU for a 7B model?" }],
  });
  ctx.log(`chat: ${String(reply.choices[0]?.message?.content)}`);

  // ── Batch API ──
  const questions = ["What is a turbine?", "Why GPUs?", "Say hi"];
  const file = await lyceum.files.upload(
    toJsonl(
      questions.map((q, i) => ({
        custom_id: `q${i + 1}`,
        method: "POST",
        url: "/v1/chat/completions",
        body: { model: "llama-3.1-8b", messages: [{ role: "user", content: q }] },
      })),
    ),
    { filename: "questions.jsonl" },
  );
  const batch = await lyceum.batches.create({ inputFileId: file.id, endpoint: "/v1/chat/completions" });
  const finished = await lyceum.batches.waitFor(batch.id, {
    intervalMs: 100,
    maxIntervalMs: 200,
    timeoutMs: 30_000,
    onProgress: (b) =>
      ctx.status(
        `batch ${b.id.slice(0, 14)}: ${b.status} ${b.request_counts.completed}/${b.request_counts.total}`,
      ),
  });
  let answers = 0;
  for await (const line of lyceum.batches.output(finished)) {
    if (!line.ok) ctx.log(`  line ${line.line} malformed: ${line.error}`);
    else answers++;
  }
  ctx.log(`batch ${finished.status}: ${answers} answers read from the output file, line by line`);

  // ── Dedicated deployment + streaming inference ──
  const deployment = await lyceum.deployments.create({
    model: "meta-llama/Llama-3.1-8B-Instruct",
    hardware: "gpu.h100",
    targetRps: 2,
    targetLatencyP95Ms: 800,
    stabilisationWindow: 300,
  });
  const serving = await lyceum.deployments.waitForReady(deployment.deployment_id, {
    intervalMs: 200,
    maxIntervalMs: 400,
    timeoutMs: 30_000,
    onProgress: (d) => ctx.status(`deployment ${d.deployment_id}: ${d.status}`),
  });
  ctx.log(`deployment ${serving.deployment_id} ${serving.status} with ${serving.replicas} replica(s)`);
  await lyceum.deployments.stop(serving.deployment_id);
  const inferenceId = ctx.sim.providers.lyceum.submitInference({ org: "ada-lab", queueMs: 20_000 });
  const events: string[] = [];
  for await (const event of lyceum.inference.stream(inferenceId)) events.push(event.type);
  ctx.log(`inference ${inferenceId} streamed: ${events.join(" → ")}`);

  return [
    `run ${status.status} with return code ${returnCode}, ${logs.total} log lines, ${util.length} GPU samples`,
    "file round-trip through storage, secret set, capacity error recognised",
    `VM ${ready.id.slice(0, 8)} ready at ${ready.host} and deleted`,
    `org key used without X-Org-Slug, invite accepted (${members.length} members), MFA login completed`,
    `batch ${finished.status} with ${answers} answers, deployment ${serving.status}, inference ${events.at(-1)}`,
  ];
};
