import { privateKeyToAccount } from "viem/accounts";
import { createSiweMessage } from "viem/siwe";
import { describe, expect, it } from "vitest";
import { MAX_UINT160 } from "../../src/exchange/index.js";
import {
  permitSignatureForm,
  permitSingleTypedData,
  verifySignatureForm,
} from "../../src/exchange/permit2.js";
import { useSim } from "../helpers/sim.js";
import { account, BASE, OTHER_KEY, T0, USDC, WETH } from "./helpers.js";

const SETTLER = "0xbb3e81c0563dc61719696475f5c7b5e011a73f8a";

async function rawLogin(signer = account) {
  const nonceRes = await fetch(`${BASE}/nonce`, { method: "POST" });
  const cookie = nonceRes.headers.getSetCookie()[0]!.split(";")[0]!;
  const nonce = (await nonceRes.json()) as string;
  const message = createSiweMessage({
    domain: "app.turbine.exchange",
    address: signer.address,
    statement: "Sign in to Turbine with your Ethereum wallet",
    uri: BASE,
    version: "1",
    chainId: 1,
    nonce,
    issuedAt: new Date(T0),
  });
  const signature = verifySignatureForm(await signer.signMessage({ message }));
  return { cookie, nonce, message, signature };
}

async function verify(cookie: string | undefined, message: string, signature: unknown) {
  return fetch(`${BASE}/verify`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ message, signature }),
  });
}

async function session(): Promise<string> {
  const { cookie, message, signature } = await rawLogin();
  const res = await verify(cookie, message, signature);
  expect(res.status).toBe(200);
  return res.headers.getSetCookie()[0]!.split(";")[0]!;
}

async function signedOrder(
  over: { sellAmount?: bigint; spender?: string; signer?: ReturnType<typeof privateKeyToAccount> } = {},
) {
  const endTime = T0 / 1000 + 3600;
  const sellAmount = over.sellAmount ?? 10n ** 17n;
  const values = {
    token: WETH,
    amount: MAX_UINT160,
    expiration: endTime,
    nonce: 0n,
    spender: (over.spender ?? SETTLER) as `0x${string}`,
    sigDeadline: BigInt(endTime),
  } as const;
  const sig = await (over.signer ?? account).signTypedData(permitSingleTypedData(1, values));
  return {
    order: {
      owner: account.address,
      sellToken: WETH,
      buyToken: USDC,
      sellAmount: `0x${sellAmount.toString(16)}`,
      minBuyAmount: "0x1",
      spreadCurve: { startDeltaBps: -10, endDeltaBps: -10, points: [] },
      startTime: String(T0 / 1000),
      endTime: String(endTime),
      partialFill: true,
      callData: "0x",
      callDataTarget: "0x0000000000000000000000000000000000000000",
      salt: `0x${"11".repeat(32)}`,
    },
    signedPermit: {
      signature: permitSignatureForm(sig),
      permit: {
        details: { token: WETH, amount: `0x${MAX_UINT160.toString(16)}`, expiration: endTime, nonce: 0 },
        spender: values.spender,
        sigDeadline: `0x${BigInt(endTime).toString(16)}`,
      },
    },
  };
}

const post = (path: string, cookie: string, body: unknown) =>
  fetch(`${BASE}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

describe("exchange simulator", () => {
  useSim("exchange"); // the raw requests below go to a fresh simulator per test

  it("/status and /config answer values matching the default pins and its own base", async () => {
    expect(await (await fetch(`${BASE}/status`)).text()).toBe("OK from Turbine");
    const config = await (await fetch(`${BASE}/config`)).json();
    expect(config).toMatchObject({
      turbineSettlerAddress: SETTLER,
      siweUri: BASE,
      siweDomain: "app.turbine.exchange",
    });
  });

  it("nonces are single-use and bound to the id cookie", async () => {
    const { cookie, message, signature } = await rawLogin();
    // Without the nonce's cookie: no nonce for this session.
    const anonymous = await verify(undefined, message, signature);
    expect(anonymous.status).toBe(400);
    expect(await anonymous.json()).toMatchObject({ code: "NO_NONCE_GENERATED" });
    // Another session's cookie does not carry this nonce.
    const other = await rawLogin();
    const crossed = await verify(other.cookie, message, signature);
    expect(crossed.status).toBe(401);
    expect(await crossed.json()).toMatchObject({ code: "VERIFICATION_FAILED" });
    // The right cookie works once …
    const ok = await verify(cookie, message, signature);
    expect(ok.status).toBe(200);
    expect(ok.headers.getSetCookie()[0]).toMatch(/^id=[0-9a-f]+; Path=\//);
    // … and never again.
    const again = await verify(cookie, message, signature);
    expect(again.status).toBe(400);
  });

  it("/verify wants string yParity/v and a signature of the message's address", async () => {
    const a = await rawLogin();
    const boolParity = await verify(a.cookie, a.message, { ...a.signature, yParity: false });
    expect(boolParity.status).toBe(422);
    expect(await boolParity.text()).toMatch(
      /signature\.yParity: invalid type: boolean `false`, expected a string/,
    );
    const b = await rawLogin();
    const mismatched = await verify(b.cookie, b.message, {
      ...b.signature,
      v: b.signature.v === "0x1b" ? "0x1c" : "0x1b",
    });
    expect(mismatched.status).toBe(401);
    const c = await rawLogin(privateKeyToAccount(OTHER_KEY));
    const forged = await verify(
      c.cookie,
      c.message.replace(privateKeyToAccount(OTHER_KEY).address, account.address),
      c.signature,
    );
    expect(forged.status).toBe(401);
    expect(await forged.json()).toMatchObject({ code: "VERIFICATION_FAILED" });
  });

  it("authenticated routes answer 401 USER_NOT_AUTHORIZED without a session", async () => {
    const res = await fetch(`${BASE}/me`);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ code: "USER_NOT_AUTHORIZED", message: "User is not authorized" });
  });

  it("a string permit yParity is the plain-text 422", async () => {
    const cookie = await session();
    const body = await signedOrder();
    (body.signedPermit.signature as unknown as { yParity: string }).yParity = "0x0";
    const res = await post("/add_order", cookie, body);
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await res.text()).toMatch(
      /^Failed to deserialize the JSON body into the target type: signedPermit\.signature\.yParity: invalid type: string "0x0", expected a boolean at line 1 column \d+$/,
    );
  });

  it("Permit2 signatures are recovered: wrong spender or wrong signer is refused", async () => {
    const cookie = await session();
    const wrongSpender = await post(
      "/add_order",
      cookie,
      await signedOrder({ spender: "0x1111111111111111111111111111111111111111" }),
    );
    expect(wrongSpender.status).toBe(400);
    expect(await wrongSpender.json()).toMatchObject({ message: "permit spender is not the settler" });
    const wrongSigner = await post(
      "/add_order",
      cookie,
      await signedOrder({ signer: privateKeyToAccount(OTHER_KEY) }),
    );
    expect(wrongSigner.status).toBe(400);
    expect((await wrongSigner.json()).message).toMatch(/does not recover to the order owner/);
    const good = await post("/add_order", cookie, await signedOrder());
    expect(good.status).toBe(200);
    expect((await good.json()).orderHash).toMatch(/^0x[0-9a-f]{64}$/);
    // Same salt again: the order exists already (and the permit nonce is taken).
    const dup = await post("/add_order", cookie, await signedOrder());
    expect(dup.status).toBe(400);
  });

  it("/add_orders silently drops orders that fail per-order checks", async () => {
    const cookie = await session();
    const small = await signedOrder({ sellAmount: 9_100_000_000_000_000n });
    const res = await post("/add_orders", cookie, [small, await signedOrder()]);
    expect(res.status).toBe(200);
    const hashes = await res.json();
    expect(hashes).toHaveLength(1);
    const single = await post("/add_order", cookie, {
      ...small,
      order: { ...small.order, salt: `0x${"22".repeat(32)}` },
    });
    expect(await single.json()).toEqual({
      code: "INPUT_VALIDATION_ERROR",
      message: "Sell amount 9100000000000000 is worth ~$19.971542 which is less than $30",
    });
  });

  it("/orders: one comma-joined param, ≤ 30 hashes, limit ≤ 200", async () => {
    const cookie = await session();
    const get = (q: string) => fetch(`${BASE}/orders?${q}`, { headers: { cookie } });
    const h = (i: number) => `0x${i.toString(16).padStart(64, "0")}`;
    const repeated = await get(`hash=${h(1)}&hash=${h(2)}`);
    expect(repeated.status).toBe(400);
    const tooMany = await get(`hash=${Array.from({ length: 31 }, (_, i) => h(i)).join(",")}`);
    expect(await tooMany.json()).toMatchObject({ code: "TOO_MANY_HASHES" });
    const tooHigh = await get("limit=201");
    expect(await tooHigh.json()).toMatchObject({ code: "LIMIT_TOO_HIGH" });
    const empty = await get("limit=5");
    expect(await empty.json()).toEqual({ orders: [], cursor: null, hasMore: false });
  });

  it("/order_fees answers a hex JSON string", async () => {
    const { order } = await signedOrder();
    const res = await fetch(`${BASE}/order_fees`, { method: "POST", body: JSON.stringify(order) });
    expect(await res.json()).toBe("0x1aca5");
  });
});

for (const variant of [false, true]) {
  describe(`exchange simulator${variant ? " (variant)" : ""}`, () => {
    const t = useSim("exchange", { simulator: { variant } });

    it("/order_states reports executions in camelCase hex (the official shape); the variant in legacy snake_case", async () => {
      const exchange = t.client();
      const intent = await exchange.orders.build({
        sell: WETH,
        buy: USDC,
        sellAmount: 10n ** 17n,
        minBuyAmount: 1n,
        curve: exchange.spreadCurve.constant(5),
        durationSecs: 600,
      });
      const { orderHash } = await exchange.orders.submit(intent);
      const cookie = `id=${[...t.provider.state.sessions.values()].find((s) => s.address)!.id}`;
      t.sim.clock.advance(1000);
      const res = await post("/order_states", cookie, { orderHashes: [orderHash] });
      const [state] = await res.json();
      expect(state.hash).toBe(orderHash);
      expect(state.status).toBe("Filled");
      const [execution] = state.execution;
      const names = variant
        ? ["block_number", "bought_amount", "sold_amount", "surplus_buy_amount", "tx_hash"]
        : ["blockNumber", "boughtAmount", "soldAmount", "surplusBuyAmount", "txHash"];
      expect(Object.keys(execution).sort()).toEqual(names);
      const [block, bought, sold, , tx] = names as [string, string, string, string, string];
      expect(execution[sold]).toBe("0x16345785d8a0000");
      expect(execution[bought]).toMatch(/^0x[0-9a-f]+$/);
      expect(typeof execution[block]).toBe("number");
      expect(execution[tx]).toMatch(/^0x[0-9a-f]{64}$/);
      // The client reads either.
      const [read] = await exchange.orders.states([orderHash]);
      expect(read!.execution[0]!.soldAmount).toBe(10n ** 17n);
    });
  });
}
