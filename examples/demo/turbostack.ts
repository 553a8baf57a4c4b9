// TurboStack chapter of `npm run demo`: list hosts, edit a host's configuration, deploy it, wait for
// the deployment, read the host's credentials — against the local simulator, over real HTTP.
import { bearer } from "../../src/auth/index.js";
import { InputValidationError } from "../../src/index.js";
import { TURBOSTACK_SIM_TOKEN } from "../../src/testing/turbostack/index.js";
import { createTurboStack, type DeployStatus } from "../../src/turbostack/index.js";
import type { DemoChapter } from "./context.js";

export const turbostackChapter: DemoChapter = async (ctx) => {
  const ts = createTurboStack({ baseUrl: ctx.baseUrl, auth: bearer(TURBOSTACK_SIM_TOKEN) });

  const clients = await ts.clients.list().toArray();
  ctx.log(
    `clients visible to this token: ${clients.map((c) => `${c.id} ${c.firstname} ${c.lastname}`).join(", ")}`,
  );

  let pages = 0;
  let hostCount = 0;
  let broken = 0;
  let inactive = 0;
  for await (const page of ts.hosts.list().pages()) {
    pages += 1;
    hostCount += page.items.length;
    broken += page.items.filter((h) => !h.configValid).length;
    inactive += page.items.filter((h) => h.active === false).length;
    ctx.status(`reading hosts: page ${pages}, ${hostCount}/${page.total ?? "?"} hosts`);
  }
  ctx.log(
    `hosts: ${hostCount} in ${pages} pages (${inactive} inactive, ${broken} with an unparseable config kept raw)`,
  );

  const target = (await ts.clients.hosts(clients[0]?.id ?? 1).toArray()).find(
    (h) => h.active && h.configValid,
  );
  if (!target) throw new Error("no active host with a valid configuration");
  const { before, after } = await ts.hosts.updateConfig(target.id, (config) => {
    config.php = { ...(config.php as object), version: "8.4" };
  });
  ctx.log(
    `host ${target.id} (${target.name}): php ${(before.php as { version?: string })?.version} → ${(after.php as { version?: string }).version}, whole document saved`,
  );

  try {
    await ts.hosts.deploy(target.id, { type: "fullResetDeploy" } as never);
  } catch (error) {
    if (!(error instanceof InputValidationError)) throw error;
    ctx.log(`fullResetDeploy without confirmation refused before sending (${(error as Error).message})`);
  }

  const started = await ts.hosts.deploy(target.id, { type: "deploy" });
  ctx.log(`deploy #${String(started.id)} started: ${started.status}`);
  const final: DeployStatus = await ts.hosts.waitForDeploy(target.id, {
    deploymentId: started.id,
    intervalMs: 100,
    maxIntervalMs: 250,
    timeoutMs: 60_000,
    onProgress: (s) =>
      ctx.status(
        `deploy #${String(s.id)}: ${s.status} ${s.progress ?? 0}%${s.message ? ` (${s.message})` : ""}`,
      ),
  });
  ctx.log(`deploy #${String(final.id)} ${final.status} (${final.outcome})`);

  const creds = await ts.hosts.credentials(target.id);
  ctx.log(
    `credentials for ${creds.login?.host ?? creds.host_id}: user ${creds.login?.username}, printed as ${String(creds)}`,
  );

  return [
    `${hostCount} hosts over ${pages} pages; host ${target.id} reconfigured and deployed (${final.status})`,
    `credentials fetched and kept redacted: ${JSON.stringify(creds)}`,
  ];
};
