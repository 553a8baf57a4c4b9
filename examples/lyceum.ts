// Lyceum Cloud from Node: run Python on a GPU with its output streamed live, read the run's GPU
// metrics, then bring a VM up, wait until it is reachable, and delete it.
//
// Against the simulator:  npm run sim            (another shell)
//                         npx tsx examples/lyceum.ts
// Against a real account: LYCEUM_BASE_URL=https://api.lyceum.technology/api/v2/external \
//                         LYCEUM_API_KEY=lk_… npx tsx examples/lyceum.ts [--run] [--vm]
// (Runs and VMs are billed, so on a real account they happen only with --run / --vm.)
import { apiKey, isTurbokitError } from "turbokit";
import { CapacityError, createLyceum } from "turbokit/lyceum";
import { LYCEUM_SIM_API_KEY } from "turbokit/testing";

const baseUrl = process.env.LYCEUM_BASE_URL ?? "http://127.0.0.1:4010/lyceum/api/v2/external";
const local = /^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(baseUrl);
const key = process.env.LYCEUM_API_KEY ?? (local ? LYCEUM_SIM_API_KEY : undefined);
if (!key) throw new Error("set LYCEUM_API_KEY (an lk_… API key)");
const machine = process.env.LYCEUM_MACHINE ?? "gpu.h100";
// An example key pair's public half: VMs need one; use your own (~/.ssh/id_ed25519.pub).
const sshKey =
  process.env.LYCEUM_SSH_PUBLIC_KEY ??
  "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGV4YW1wbGVrZXlub3RyZWFsZXhhbXBsZWtleTAwMDAw example@turbokit";

const lyceum = createLyceum({ baseUrl, auth: apiKey(key) });

try {
  console.log(`hardware available: ${(await lyceum.quotas.availableHardware()).join(", ")}`);

  if (local || process.argv.includes("--run")) {
    const run = await lyceum.runs.python({
      code: 'print("epoch 1 loss=0.912")\nprint("epoch 2 loss=0.407")\nprint("epoch 3 loss=0.133")\nprint("saved model.pt")',
      machine,
      timeout: 300,
    });
    console.log(`run ${run.execution_id} on ${machine}; live output:`);
    for await (const event of lyceum.runs.stream(run)) {
      if (event.type === "output") process.stdout.write(`  │ ${event.content}`);
      if (event.type === "finished") console.log(`run finished, return code ${event.returnCode}`);
    }
    const metrics = await lyceum.metrics.forRun(run.execution_id, { step: "1s" });
    const util = metrics.gpuUtilizationPercent.map((p) => p.value).filter(Number.isFinite);
    const avg = util.length ? util.reduce((a, b) => a + b, 0) / util.length : 0;
    console.log(`GPU utilisation: ${util.length} samples, average ${avg.toFixed(1)} %`);
  }

  if (local || process.argv.includes("--vm")) {
    const input = { publicKey: sshKey, hardware: "h100", gpus: 1, instanceType: "on-demand" } as const;
    const vm = await lyceum.vms.create(input).catch((error: unknown) => {
      // No capacity is an answer (HTTP 500 "could not be provisioned"), and never retried.
      if (error instanceof CapacityError) console.log("no H100 capacity right now");
      throw error;
    });
    const ready = await lyceum.vms.waitForReady(vm.vm_id, {
      timeoutMs: 10 * 60_000,
      onProgress: (v) => console.log(`  VM ${v.id.slice(0, 8)}: ${v.status}`),
    });
    console.log(`VM ready: ssh ${ready.port ? `-p ${ready.port} ` : ""}ubuntu@${ready.host}`);
    const deleted = await lyceum.vms.delete(ready.id);
    console.log(`VM deleted (${deleted.status})`);
  }
} catch (error) {
  if (isTurbokitError(error)) console.error(`${error.name}: ${error.message}`);
  else throw error;
  process.exitCode = 1;
}
