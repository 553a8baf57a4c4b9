// The README's provider examples, kept here so `npm run typecheck` compiles them against the real
// API (the README shows each function's body). Not meant to be run as a script: each needs a real
// account. The runnable versions are examples/<provider>.ts.
import { createWriteStream, openAsBlob } from "node:fs";
import { Writable } from "node:stream";
import { apiKey, bearer, jwtSession } from "turbokit";
import { createTurbineExchange, MinimumOrderSizeError } from "turbokit/exchange";
import { createLyceum } from "turbokit/lyceum";
import { createTurbineX } from "turbokit/turbinex";
import { createTurboStack } from "turbokit/turbostack";
import { privateKeyToAccount } from "viem/accounts";

declare function saveRefreshToken(token: string): void;

export async function turbinexReadme() {
  const tx = createTurbineX({
    auth: jwtSession({
      credentials: { email: "me@example.com", password: process.env.TURBINEX_PASSWORD! },
      // Refresh tokens rotate (each works once): keep the newest.
      onTokens: (t) => {
        if (t.refreshToken) saveRefreshToken(t.refreshToken);
      },
    }),
  });

  const job = await tx.jobs.submit({ file: await openAsBlob("run.zip"), name: "baseline" }, { dedupe: true });
  const done = await tx.jobs.waitFor(job.id, { onProgress: (j) => console.log(j.status, j.progress) });
  const out = await tx.jobs.downloadOutput(done.id);
  await out.body.pipeTo(Writable.toWeb(createWriteStream("output.zip"))); // streamed, never buffered
}

export async function turbostackReadme() {
  const ts = createTurboStack({ auth: bearer(process.env.TURBOSTACK_TOKEN!) });

  for await (const host of ts.hosts.list()) console.log(host.id, host.name, host.active);

  await ts.hosts.updateConfig(42, (config) => {
    config.timezone = "UTC"; // read-modify-write of the host's JSON document
  });
  const started = await ts.hosts.deploy(42, { type: "deploy" });
  const final = await ts.hosts.waitForDeploy(42, {
    deploymentId: started.id,
    onProgress: (s) => console.log(s.status, s.progress),
  });
  console.log(final.outcome); // "succeeded" | "failed"
}

export async function lyceumReadme() {
  const lyceum = createLyceum({ auth: apiKey(process.env.LYCEUM_API_KEY!) });

  const run = await lyceum.runs.python({ code: 'print("hello from an H100")', machine: "gpu.h100" });
  for await (const event of lyceum.runs.stream(run)) {
    if (event.type === "output") process.stdout.write(event.content);
    if (event.type === "finished") console.log("exit code", event.returnCode);
  }
  const metrics = await lyceum.metrics.forRun(run.execution_id, { step: "15s" });
  console.log(metrics.gpuUtilizationPercent.map((p) => p.value)); // a notebook draws it as a chart
}

export async function exchangeReadme() {
  const exchange = createTurbineExchange({
    signer: privateKeyToAccount(process.env.PRIVATE_KEY as `0x${string}`),
  });

  const intent = await exchange.orders.build({
    sell: "WETH", // an address or a symbol from /config
    buy: "USDC",
    sellAmount: 200_000_000_000_000_000n, // 0.2 WETH, atomic units
    minBuyAmount: 400_000_000n, // at least 400 USDC
    curve: exchange.spreadCurve.auto({ fastSpreadBps: 30 }),
    durationSecs: 1800,
  });
  try {
    const { orderHash } = await exchange.orders.submit(intent); // SIWE login on first use
    const final = await exchange.orders.waitFor(orderHash, { onProgress: (s) => console.log(s.status) });
    console.log(final.status, final.execution);
  } catch (error) {
    if (error instanceof MinimumOrderSizeError) console.log(error.serverMessage);
    else throw error;
  }
}
