// Turbine Exchange chapter of `npm run demo`: pinned /config, a SIWE login, an auto-spread order
// that fills, a batch where one order is below the $30 minimum, a cancel, liquidity, and the
// stateless EIP-712 mode — against the local simulator, over real HTTP.
import { privateKeyToAccount } from "viem/accounts";
import { ConfigMismatchError } from "../../src/core/errors.js";
import { createTurbineExchange, MinimumOrderSizeError } from "../../src/exchange/index.js";
import type { DemoChapter } from "./context.js";

// Anvil's first well-known test key: never a real wallet.
const DEMO_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

export const exchangeChapter: DemoChapter = async (ctx) => {
  const signer = privateKeyToAccount(DEMO_KEY);
  const now = () => ctx.sim.clock.now();
  const exchange = createTurbineExchange({ baseUrl: ctx.baseUrl, signer, now });

  ctx.log(`health: ${await exchange.status()}`);
  const config = await exchange.config();
  ctx.log(
    `/config v${config.version}: settler ${config.turbineSettlerAddress} matches the pin; ${config.tokens.length} tokens (${config.tokens.map((t) => t.symbol).join(", ")})`,
  );

  // A client pinned to another settler refuses the server before signing anything.
  const wary = createTurbineExchange({
    baseUrl: ctx.baseUrl,
    signer,
    now,
    pins: { settler: "0x1111111111111111111111111111111111111111" },
  });
  try {
    await wary.orders.build({} as never);
  } catch (error) {
    if (!(error instanceof ConfigMismatchError)) throw error;
    ctx.log(`pinned to another settler: ${error.name} (${error.field}), nothing signed`);
  }

  const me = await exchange.me();
  ctx.log(`signed in with SIWE as ${me.address}`);

  const intent = await exchange.orders.build({
    sell: "WETH",
    buy: "USDC",
    sellAmount: 2n * 10n ** 17n,
    minBuyAmount: 400_000_000n,
    curve: exchange.spreadCurve.auto({ fastSpreadBps: 30 }),
    durationSecs: 900,
  });
  const fee = await exchange.orders.fee(intent);
  ctx.log(
    `order: sell 0.2 WETH for ≥ 400 USDC over 15 min, auto spread; fee quote ${Number(fee) / 1e6} USDC`,
  );
  const { orderHash, permitNonce } = await exchange.orders.submit(intent);
  ctx.log(`submitted ${orderHash.slice(0, 18)}… (Permit2 nonce ${permitNonce})`);
  const filled = await exchange.orders.waitFor(orderHash, {
    intervalMs: 250,
    maxIntervalMs: 500,
    timeoutMs: 60_000,
    onProgress: (s) => {
      const t = Math.floor(now() / 1000) - intent.startTime;
      const delta = exchange.spreadCurve.deltaAtTime(intent.spreadCurve, intent, intent.startTime + t);
      ctx.status(`order ${s.status} at +${t}s, curve delta ${delta.toFixed(1)} bps`);
    },
  });
  const execution = filled.execution[0];
  ctx.log(
    `order ${filled.status}: sold ${execution?.soldAmount} wei, bought ${execution?.boughtAmount} USDC units (surplus ${execution?.surplusBuyAmount})`,
  );

  const make = (sellAmount: bigint) =>
    exchange.orders.build({
      sell: "WETH",
      buy: "USDC",
      sellAmount,
      minBuyAmount: 1n,
      curve: exchange.spreadCurve.constant(-10),
      durationSecs: 3600,
    });
  const results = await exchange.orders.submitMany([
    await make(10n ** 17n),
    await make(9_100_000_000_000_000n),
    await make(3n * 10n ** 17n),
  ]);
  for (const r of results) {
    ctx.log(
      `batch #${r.index}: ${r.ok ? `accepted ${r.orderHash.slice(0, 18)}…` : `${r.outcome} — ${r.reason}`}`,
    );
  }
  try {
    await exchange.orders.submit(await make(9_100_000_000_000_000n));
  } catch (error) {
    if (!(error instanceof MinimumOrderSizeError)) throw error;
    ctx.log(`single submit of the small order: ${error.name}: "${error.serverMessage}"`);
  }

  const first = results.find((r) => r.ok);
  if (first?.ok) {
    await exchange.orders.cancel(first.orderHash);
    const final = await exchange.orders.waitFor(first.orderHash, { intervalMs: 200, timeoutMs: 30_000 });
    ctx.log(`canceled ${first.orderHash.slice(0, 18)}…: ${final.status}`);
  }

  const listed = await exchange.orders.list({ limit: 2 }).toArray();
  ctx.log(`orders (newest first, 2 per page): ${listed.map((o) => o.status).join(", ")}`);

  const { intentHash } = await exchange.liquidity.add({
    token0: "USDC",
    token1: "WETH",
    fee: 3000, // the pool's fee, hundredths of a basis point (0.3 %)
    token0Amount: 500_000_000n,
    token1Amount: 2n * 10n ** 17n,
  });
  const [liq] = await exchange.liquidity.states([intentHash]);
  ctx.log(`liquidity intent ${intentHash.slice(0, 18)}…: ${liq?.status}`);
  await exchange.logout();

  // The stateless mode: every call carries its own EIP-712 signature, no session.
  const stateless = createTurbineExchange({ baseUrl: ctx.baseUrl, signer, now, mode: "eip712" });
  const signed = await stateless.orders.submit(
    await stateless.orders.build({
      sell: "WBTC",
      buy: "USDC",
      sellAmount: 100_000n,
      minBuyAmount: 1n,
      curve: stateless.spreadCurve.constant(-5),
      durationSecs: 600,
    }),
  );
  const [signedState] = await stateless.orders.states([signed.orderHash]);
  ctx.log(`EIP-712 mode: order ${signed.orderHash.slice(0, 18)}… ${signedState?.status}, no cookie involved`);

  return [
    `auto-spread order ${filled.status}; batch ${results.filter((r) => r.ok).length}/${results.length} accepted (one below $30)`,
    `cancel, list, liquidity (${liq?.status}) and an EIP-712-mode order (${signedState?.status})`,
  ];
};
