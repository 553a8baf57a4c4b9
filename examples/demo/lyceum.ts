// Lyceum chapter of `npm run demo`: log in, look at the hardware and prices, run Python on a GPU
// with live output, read its logs and GPU metrics, round-trip a file through storage, set a
// secret, meet the capacity error, then create a VM, wait until it is ready, and delete it —
// against the local simulator, over real HTTP.
import { jwtSession } from "../../src/auth/index.js";
import { CapacityError, createLyceum } from "../../src/lyceum/index.js";
import { DEFAULT_USER } from "../../src/testing/lyceum/index.js";
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

  return [
    `run ${status.status} with return code ${returnCode}, ${logs.total} log lines, ${util.length} GPU samples`,
    "file round-trip through storage, secret set, capacity error recognised",
    `VM ${ready.id.slice(0, 8)} ready at ${ready.host} and deleted`,
  ];
};
