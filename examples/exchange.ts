// Turbine Exchange from Node: check the pinned /config, sign in with SIWE, build an order with an
// auto spread curve, quote its fee, sign + submit it (Permit2), follow it until it settles, and
// list recent orders.
//
// Against the simulator:  npm run sim            (another shell)
//                         npx tsx examples/exchange.ts
// Against a real account: TURBINE_EXCHANGE_BASE_URL=https://api.turbine.exchange/api PRIVATE_KEY=0x… \
//                         RPC_URL=https://… npx tsx examples/exchange.ts [--submit]
// (A real order trades real tokens, so there it is only built and quoted unless --submit.)
import { isTurbokitError } from "turbokit";
import { createTurbineExchange, MinimumOrderSizeError, permit2NonceFromChain } from "turbokit/exchange";
import { createPublicClient, http } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { mainnet } from "viem/chains";

const baseUrl = process.env.TURBINE_EXCHANGE_BASE_URL ?? "http://127.0.0.1:4010/exchange/api";
const local = /^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(baseUrl);
// Anvil's first well-known test key stands in for a wallet against the simulator: never a real one.
const TEST_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
const key = process.env.PRIVATE_KEY ?? (local ? TEST_KEY : undefined);
if (!key) throw new Error("set PRIVATE_KEY (the wallet that signs in and signs orders)");
const signer = privateKeyToAccount(key as `0x${string}`);

// Order windows are signed in unix seconds. The simulator's clock runs faster than the wall clock
// and says where it is in an `x-sim-now` header; a real exchange runs on the wall clock.
let skewMs = 0;
if (local) {
  const answer = await fetch(`${baseUrl}/config`);
  skewMs = Number(answer.headers.get("x-sim-now") ?? Date.now()) - Date.now();
}
// A wallet that used Permit2 before needs its current allowance nonce, read on chain (RPC_URL).
// The simulator has no chain: its nonces start at 0, the default.
const rpcUrl = process.env.RPC_URL;
const exchange = createTurbineExchange({
  baseUrl,
  signer,
  now: () => Date.now() + skewMs,
  permit2Nonce: rpcUrl
    ? permit2NonceFromChain(createPublicClient({ chain: mainnet, transport: http(rpcUrl) }))
    : undefined,
});

try {
  const config = await exchange.config(); // checked against the pinned contract addresses
  console.log(`exchange v${config.version}, tokens: ${config.tokens.map((t) => t.symbol).join(", ")}`);
  // The first authenticated call signs the SIWE login; `.withResponse()` adds the response it read.
  const { data: me, response } = await exchange.me().withResponse();
  console.log(`signed in with SIWE as ${me.address} (GET /me: ${response.status})`);

  const curve = exchange.spreadCurve.auto({ fastSpreadBps: 30 });
  const intent = await exchange.orders.build({
    sell: "WETH",
    buy: "USDC",
    sellAmount: 2n * 10n ** 17n, // 0.2 WETH, in wei
    minBuyAmount: 400_000_000n, // at least 400 USDC (6 decimals)
    curve,
    durationSecs: 900,
  });
  const fee = await exchange.orders.fee(intent);
  console.log(
    `order: 0.2 WETH → ≥ 400 USDC over 15 min, curve ${curve.startDeltaBps} → ${curve.endDeltaBps} bps; fee ${Number(fee) / 1e6} USDC`,
  );

  if (local || process.argv.includes("--submit")) {
    const { orderHash, permitNonce } = await exchange.orders.submit(intent);
    console.log(`submitted ${orderHash} (Permit2 nonce ${permitNonce})`);
    let last = "";
    const final = await exchange.orders.waitFor(orderHash, {
      timeoutMs: 20 * 60_000,
      onProgress: (s) => {
        if (s.status !== last) console.log(`  ${s.status}`);
        last = s.status;
      },
    });
    const fill = final.execution[0];
    console.log(`order ${final.status}${fill ? `: bought ${fill.boughtAmount} USDC units` : ""}`);
  }

  const recent = await exchange.orders.list({ limit: 5 }).firstPage();
  console.table(recent.items.map((o) => ({ hash: `${o.hash.slice(0, 14)}…`, status: o.status })));
  await exchange.logout();
} catch (error) {
  if (error instanceof MinimumOrderSizeError) console.error(`below the minimum: ${error.serverMessage}`);
  else if (isTurbokitError(error)) console.error(`${error.name}: ${error.message}`);
  else throw error;
  process.exitCode = 1;
}
