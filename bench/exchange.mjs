// (7) Turbine Exchange over real HTTP against the simulator in a child process (it verifies SIWE
// and every Permit2 signature): round trips per authenticated call once signed in (must be 1), and signed
// orders per second for a batch of 100 (build + Permit2 signing + two POSTs of 50) vs the same 100
// Permit2 signatures made directly with viem (the signing floor), alternating per run.
import { fork } from "node:child_process";
import { createTurbineExchange } from "turbokit/exchange";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { T0 } from "./lib/exchange-sim.mjs";
import { emit, size, summarize } from "./lib/stats.mjs";

const RUNS = size(5, 2);
const BATCH = 100;
// Anvil's first well-known test key: never a real wallet.
const account = privateKeyToAccount("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");

const simulator = fork(new URL("./lib/exchange-sim.mjs", import.meta.url), [], {
  stdio: ["ignore", "pipe", "inherit", "ipc"],
});
const baseUrl = await new Promise((resolve) =>
  simulator.stdout.on("data", (data) => {
    const match = /BASE (\S+)/.exec(String(data));
    if (match) resolve(match[1]);
  }),
);
const sent = [];
/** Where batch time goes: Permit2 signing inside the SDK, and POST round trips (server included). */
const spent = { signMs: 0, postMs: 0 };
const timedSigner = (account) => ({
  ...account,
  signTypedData: async (definition) => {
    const t0 = performance.now();
    const signature = await account.signTypedData(definition);
    spent.signMs += performance.now() - t0;
    return signature;
  },
});
const client = (signer) =>
  createTurbineExchange({
    baseUrl,
    signer: timedSigner(signer),
    now: () => T0,
    fetch: async (input, init) => {
      const request = input instanceof Request ? input : new Request(input, init);
      sent.push(`${request.method} ${new URL(request.url).pathname}`);
      const t0 = performance.now();
      const response = await fetch(request);
      if (request.method === "POST") spent.postMs += performance.now() - t0;
      return response;
    },
  });
const exchange = client(account);

/** Requests one call puts on the wire. */
async function roundTrips(call) {
  const before = sent.length;
  await call();
  return { count: sent.length - before, paths: sent.slice(before) };
}
const firstCall = await roundTrips(() => exchange.me()); // signs in (SIWE) on the way
const perCall = [];
for (let i = 0; i < 20; i++) perCall.push((await roundTrips(() => exchange.me())).count);
const orderStates = await roundTrips(() => exchange.orders.states([`0x${"ab".repeat(32)}`]));

const input = (i) => ({
  sell: "WETH",
  buy: "USDC",
  sellAmount: 10n ** 17n + BigInt(i),
  minBuyAmount: 100_000_000n,
  curve: { startDeltaBps: -10, endDeltaBps: -10, points: [] },
  durationSecs: 3600,
});

/**
 * 100 orders: built, Permit2-signed and POSTed. The API allows at most 50 orders per POST
 * (MAX_ORDERS_IN_PAYLOAD; submitMany does not split) and 80 active orders per user, so the batch
 * is two wallets × 50, each wallet signed in before the clock starts.
 */
async function sdkBatch() {
  const wallets = [
    client(privateKeyToAccount(generatePrivateKey())),
    client(privateKeyToAccount(generatePrivateKey())),
  ];
  for (const w of wallets) await w.me();
  spent.signMs = 0;
  spent.postMs = 0;
  const t0 = performance.now();
  const before = sent.length;
  const results = [];
  let buildMs = 0;
  for (const w of wallets) {
    const tb = performance.now();
    const intents = [];
    for (let i = 0; i < BATCH / 2; i++) intents.push(await w.orders.build(input(i)));
    buildMs += performance.now() - tb;
    results.push(...(await w.orders.submitMany(intents)));
  }
  const seconds = (performance.now() - t0) / 1000;
  const rejected = results.filter((r) => !r.ok);
  if (rejected.length) throw new Error(`${rejected.length} orders rejected: ${rejected[0].reason}`);
  return { seconds, buildMs, ...spent, requests: sent.length - before };
}

/** The floor: 100 Permit2 PermitSingle signatures with viem alone. */
async function viemBatch() {
  const t0 = performance.now();
  for (let i = 0; i < BATCH; i++) {
    await account.signTypedData({
      domain: {
        name: "Permit2",
        chainId: 1,
        verifyingContract: "0x000000000022D473030F116dDEE9F6B43aC78BA3",
      },
      types: {
        PermitDetails: [
          { name: "token", type: "address" },
          { name: "amount", type: "uint160" },
          { name: "expiration", type: "uint48" },
          { name: "nonce", type: "uint48" },
        ],
        PermitSingle: [
          { name: "details", type: "PermitDetails" },
          { name: "spender", type: "address" },
          { name: "sigDeadline", type: "uint256" },
        ],
      },
      primaryType: "PermitSingle",
      message: {
        details: {
          token: "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2",
          amount: 10n ** 17n,
          expiration: 1_776_051_600,
          nonce: i,
        },
        spender: "0x1111111111111111111111111111111111111111",
        sigDeadline: 1_776_051_600n,
      },
    });
  }
  return { seconds: (performance.now() - t0) / 1000 };
}

await viemBatch(); // warm-up
const ratios = [];
const sdkRates = [];
const viemRates = [];
let batchRequests;
const buildShare = [];
const clientRates = [];
const clientRatios = [];
const signShare = [];
const postShare = [];
for (let r = 0; r < RUNS; r++) {
  const order = r % 2 === 0 ? [viemBatch, sdkBatch] : [sdkBatch, viemBatch];
  const got = {};
  for (const fn of order) got[fn.name] = await fn();
  batchRequests = got.sdkBatch.requests;
  buildShare.push(got.sdkBatch.buildMs / 1000 / got.sdkBatch.seconds);
  // Client side: the batch minus its POST round trips (build, checks, Permit2 signing, bodies).
  const clientSeconds = got.sdkBatch.seconds - got.sdkBatch.postMs / 1000;
  clientRates.push(BATCH / clientSeconds);
  clientRatios.push(clientSeconds / got.viemBatch.seconds);
  signShare.push(got.sdkBatch.signMs / 1000 / got.sdkBatch.seconds);
  postShare.push(got.sdkBatch.postMs / 1000 / got.sdkBatch.seconds);
  sdkRates.push(BATCH / got.sdkBatch.seconds);
  viemRates.push(BATCH / got.viemBatch.seconds);
  ratios.push(got.sdkBatch.seconds / got.viemBatch.seconds);
  console.error(
    `exchange run ${r + 1}/${RUNS}: SDK ${sdkRates.at(-1).toFixed(0)} orders/s, viem signing alone ${viemRates.at(-1).toFixed(0)}/s`,
  );
}
simulator.kill();

emit({
  id: "exchange",
  title: "7. Turbine Exchange: round trips per authenticated call, signed orders per second",
  goal: "1 round trip per authenticated call",
  firstCall,
  perCallRoundTrips: summarize(perCall),
  orderStates,
  batch: BATCH,
  batchRequests,
  sdkOrdersPerSec: summarize(sdkRates),
  viemSignaturesPerSec: summarize(viemRates),
  timeRatioVsViemSigning: summarize(ratios),
  buildShare: summarize(buildShare),
  clientOrdersPerSec: summarize(clientRates),
  clientTimeRatioVsViemSigning: summarize(clientRatios),
  signShare: summarize(signShare),
  postShare: summarize(postShare),
  note: "the simulator runs in its own process; its Permit2 signature recovery is inside the POST share",
});
