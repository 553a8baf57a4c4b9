// TurbineX chapter of `npm run demo`: log in, submit a ZIP (and dedupe a resubmit), watch the job,
// stream its output, share a study and read it back through the public viewer with no credentials.
import { jwtSession } from "../../src/auth/index.js";
import { TURBINEX_SIM_PASSWORD, TURBINEX_SIM_USERS } from "../../src/testing/turbinex/index.js";
import { createTurbineX, PermissionDeniedError } from "../../src/turbinex/index.js";
import type { DemoChapter } from "./context.js";

function demoZip(text: string): Uint8Array {
  const body = new TextEncoder().encode(text);
  const bytes = new Uint8Array(4 + body.length);
  bytes.set([0x50, 0x4b, 0x03, 0x04]);
  bytes.set(body, 4);
  return bytes;
}

export const turbinexChapter: DemoChapter = async (ctx) => {
  let refreshes = -1;
  const tx = createTurbineX({
    baseUrl: ctx.baseUrl,
    auth: jwtSession({
      credentials: { email: TURBINEX_SIM_USERS.owner, password: TURBINEX_SIM_PASSWORD },
      onTokens: () => void refreshes++,
      now: () => ctx.sim.clock.now(),
    }),
  });

  const me = await tx.auth.me();
  ctx.log(`logged in as ${me.email} (${me.role}, ${me.plan} plan, verified: ${me.verified})`);

  const demo = (await tx.turbines.list().toArray()).find((t) => t.kind === "demo");
  if (!demo) throw new Error("no demo turbine");
  const turbine = await tx.turbines.clone(demo.id, { name: `Demo copy ${Date.now()}` });
  ctx.log(`cloned demo turbine "${demo.name}" → ${turbine.id} (editable: ${!turbine.demo_derived})`);

  const study = await tx.studies.create({ name: "Demo wake study", description: "npm run demo" });
  const input = demoZip(`turbine=${turbine.id}\nwind_speed=10\n`);
  const job = await tx.jobs.submit({
    file: input,
    name: "demo run",
    turbineId: turbine.id,
    studyId: study.id,
  });
  ctx.log(`submitted job ${job.id} (sha256 ${job.input_sha256?.slice(0, 12)}…)`);
  const again = await tx.jobs.submit({ file: input, name: "demo run" }, { dedupe: true });
  ctx.log(`resubmitted the same ZIP with dedupe → ${again.id === job.id ? "reused" : "NEW"} job ${again.id}`);

  const done = await tx.jobs.waitFor(job.id, {
    intervalMs: 200,
    maxIntervalMs: 500,
    onProgress: (j) => ctx.status(`job ${j.id}: ${j.status} ${Math.round((j.progress ?? 0) * 100)}%`),
  });
  ctx.log(`job ${done.id} ${done.status} (${done.output_size_bytes} bytes of output)`);

  // Let the 15-minute access token lapse: the next call refreshes it first (one refresh, the
  // rotated refresh token handed to onTokens), with no 401 seen by the caller.
  ctx.sim.clock.advance(16 * 60_000);
  const stillMe = await tx.auth.me();
  ctx.log(`16 simulated minutes later: the session refreshed its token first, still ${stillMe.email}`);

  let lastPct = -1;
  const output = await tx.jobs.downloadOutput(done.id, {
    onProgress: ({ transferredBytes, totalBytes }) => {
      const pct = totalBytes ? Math.floor((transferredBytes / totalBytes) * 100) : 0;
      if (pct !== lastPct) ctx.status(`downloading output: ${pct}%`);
      lastPct = pct;
    },
  });
  let received = 0;
  let header = "";
  for await (const chunk of output.body) {
    if (received === 0) header = String.fromCharCode(chunk[0] ?? 0, chunk[1] ?? 0);
    received += chunk.byteLength;
  }
  ctx.log(`streamed ${output.fileName}: ${received} bytes, starts with "${header}"`);

  await tx.studies.artifacts.upload(study.id, {
    file: new TextEncoder().encode("AEP: 14.2 GWh\nwake loss: 6.1 %\n"),
    filename: "summary.txt",
    contentType: "text/plain",
  });
  const shared = await tx.studies.enableSharing(study.id);
  const token = shared.share.token ?? "";
  ctx.log(`shared study ${study.id}: ${shared.share.url?.replace(token, `${token.slice(0, 8)}…`)}`);

  const viewer = createTurbineX({ baseUrl: ctx.baseUrl }).public.viewer(token);
  const publicStudy = await viewer.study();
  const files = await viewer.artifacts().toArray();
  const text = await new Response((await viewer.download(files[0]?.id ?? "")).body).text();
  ctx.log(
    `public viewer (no credentials): "${publicStudy.name}", ${files.length} file(s), first line "${text.split("\n")[0]}"`,
  );

  const member = createTurbineX({
    baseUrl: ctx.baseUrl,
    auth: jwtSession({ credentials: { email: TURBINEX_SIM_USERS.member, password: TURBINEX_SIM_PASSWORD } }),
  });
  const denied = await member.org.update({ name: "Hijacked" }).catch((e: unknown) => e);
  ctx.log(
    `member changing org settings → ${denied instanceof PermissionDeniedError ? "403 PermissionDeniedError" : String(denied)}`,
  );

  const usage = await tx.usage.get();
  return [
    `job ${done.id}: ${done.status}, ${received} output bytes streamed; dedupe reused it: ${again.id === job.id}`,
    `study shared and read back anonymously (${files.length} artifact); token refreshes: ${Math.max(0, refreshes)}`,
    `usage: ${usage.tokens_used?.toLocaleString("en-US") ?? "?"} of ${usage.token_cap?.toLocaleString("en-US") ?? "∞"} tokens`,
  ];
};
