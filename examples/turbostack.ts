// TurboStack from Node: list every host across pages, read one host's configuration, deploy it
// and follow the deployment, fetch its credentials (printed redacted).
//
// Against the simulator:  npm run sim            (another shell)
//                         npx tsx examples/turbostack.ts
// Against a real account: TURBOSTACK_BASE_URL=https://my.turbostack.app TURBOSTACK_TOKEN=… \
//                         npx tsx examples/turbostack.ts [--deploy]
// (A real deploy changes a live host, so there it runs only with --deploy.)
import { bearer, isTurbokitError } from "turbokit";
import { TURBOSTACK_SIM_TOKEN } from "turbokit/testing";
import { createTurboStack } from "turbokit/turbostack";

const baseUrl = process.env.TURBOSTACK_BASE_URL ?? "http://127.0.0.1:4010/turbostack";
const local = /^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(baseUrl);
// The simulator's demo token stands in for a personal access token when talking to it.
const token = process.env.TURBOSTACK_TOKEN ?? (local ? TURBOSTACK_SIM_TOKEN : undefined);
if (!token) throw new Error("set TURBOSTACK_TOKEN (a personal access token)");

const ts = createTurboStack({ baseUrl, auth: bearer(token) });

try {
  let count = 0;
  for await (const host of ts.hosts.list()) {
    count += 1;
    if (count <= 5) console.log(`host ${host.id}  ${host.name}  active=${host.active}`);
  }
  console.log(`${count} hosts in total`);

  const target = (await ts.hosts.list().toArray()).find((h) => h.active && h.configValid);
  if (!target) throw new Error("no active host with a valid configuration");
  const host = await ts.hosts.get(target.id);
  console.log(`host ${host.id} config keys: ${Object.keys(host.config ?? {}).join(", ")}`);

  if (local || process.argv.includes("--deploy")) {
    const started = await ts.hosts.deploy(host.id, { type: "deploy" });
    const final = await ts.hosts.waitForDeploy(host.id, {
      deploymentId: started.id,
      timeoutMs: 120_000,
      onProgress: (s) => console.log(`  deploy #${String(s.id)}: ${s.status} ${s.progress ?? 0}%`),
    });
    console.log(`deploy #${String(final.id)} ${final.status}`);
  }

  const creds = await ts.hosts.credentials(host.id);
  console.log(`credentials of host ${host.id}: ${String(creds)}`); // redacted; creds.reveal() to use them
  // The login, whatever names the answer used (ssh_user/ssh_password, username/password, …).
  console.log(`ssh login found: ${creds.login ? `yes, user ${creds.login.username}` : "no"}`);
} catch (error) {
  if (isTurbokitError(error)) console.error(`${error.name}: ${error.message}`);
  else throw error;
  process.exitCode = 1;
}
