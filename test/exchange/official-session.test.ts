// The session the official TypeScript client (propeller-heads/turbine-sdk 0.31, src/turbineClient.ts)
// makes, replayed request by request against our simulator, in the default and the variant
// dialect. The calls and bodies are written out here by hand from what that client sends: its
// `GET /me` before every authenticated call, SIWE with string yParity/v, bigints as unpadded
// 0x-hex (its bigint replacer), permit signatures {r, s, yParity: boolean} without v, the liquidity
// intents with fee/exact/salt, comma-joined `/orders` filters, and the EIP-712 envelopes of its
// newer commits (src/eip712.ts). Nothing of turbokit's client is used: this pins the simulator to
// the official wire, so the SDK's own tests against it mean something.
import { type Hex, hexToBigInt, parseSignature } from "viem";
import { createSiweMessage } from "viem/siwe";
import { describe, expect, it } from "vitest";
import { DEFAULT_PINS, domainSalt, PERMIT2_ADDRESS } from "../../src/exchange/index.js";
import { useSim } from "../helpers/sim.js";
import { account, BASE, T0, USDC, WETH } from "./helpers.js";

const NULL = "0x0000000000000000000000000000000000000000";
const LP = "0x4444444444444444444444444444444444444444";
const now = T0 / 1000;

/** The official client's JSON: every bigint as `0x${n.toString(16)}`. */
const json = (value: unknown) =>
  JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? `0x${v.toString(16)}` : v));

/** Its `convertSignature`: r and s as bigints (serialized unpadded), yParity a boolean. */
function primitive(signature: Hex) {
  const { r, s, yParity } = parseSignature(signature);
  return { r: hexToBigInt(r), s: hexToBigInt(s), yParity: yParity === 1 };
}

function session() {
  let cookie: string | undefined;
  const calls: string[] = [];
  async function call(method: string, path: string, body?: unknown) {
    calls.push(`${method} ${path.split("?")[0]}`);
    const response = await fetch(`${BASE}/${path}`, {
      method,
      headers: { "Content-Type": "application/json", ...(cookie ? { Cookie: cookie } : {}) },
      body: body === undefined ? undefined : json(body),
    });
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(";")[0]!;
      cookie = pair.endsWith("=") ? undefined : pair;
    }
    const text = await response.text();
    return { status: response.status, text, body: text ? (JSON.parse(text) as unknown) : undefined };
  }
  return { call, calls };
}

const permitSingle = (token: string, expiration: number, nonce: number) => ({
  domain: { name: "Permit2", chainId: 1, verifyingContract: PERMIT2_ADDRESS },
  types: {
    PermitSingle: [
      { name: "details", type: "PermitDetails" },
      { name: "spender", type: "address" },
      { name: "sigDeadline", type: "uint256" },
    ],
    PermitDetails: [
      { name: "token", type: "address" },
      { name: "amount", type: "uint160" },
      { name: "expiration", type: "uint48" },
      { name: "nonce", type: "uint48" },
    ],
  },
  primaryType: "PermitSingle" as const,
  message: {
    details: { token, amount: (1n << 160n) - 1n, expiration, nonce },
    spender: DEFAULT_PINS.settler,
    sigDeadline: BigInt(expiration),
  },
});

async function addOrderPayload(sellAmount: bigint, salt: Hex, nonce = 0) {
  const endTime = now + 3600;
  const order = {
    owner: account.address,
    sellToken: WETH,
    buyToken: USDC,
    sellAmount,
    minBuyAmount: 100_000_000n,
    spreadCurve: {
      startDeltaBps: -1000,
      endDeltaBps: 24,
      points: [
        { windowBps: 1000, deltaBps: -20 },
        { windowBps: 5000, deltaBps: 16 },
      ],
    },
    startTime: BigInt(now),
    endTime: BigInt(endTime),
    partialFill: true,
    callData: "0x",
    callDataTarget: NULL,
    salt,
  };
  const permit = permitSingle(WETH, endTime, nonce);
  const signature = await account.signTypedData(permit as never);
  return {
    order,
    signedPermit: {
      signature: primitive(signature),
      permit: {
        details: permit.message.details,
        spender: permit.message.spender,
        sigDeadline: BigInt(endTime),
      },
    },
  };
}

const batchTypes = {
  PermitBatchTransferFrom: [
    { name: "permitted", type: "TokenPermissions[]" },
    { name: "spender", type: "address" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
  TokenPermissions: [
    { name: "token", type: "address" },
    { name: "amount", type: "uint256" },
  ],
};
const transferTypes = {
  PermitTransferFrom: [
    { name: "permitted", type: "TokenPermissions" },
    { name: "spender", type: "address" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
  TokenPermissions: batchTypes.TokenPermissions,
};

const TURBINE_DOMAIN = {
  name: "Turbine",
  version: "1",
  chainId: 1,
  verifyingContract: DEFAULT_PINS.settler as Hex,
  salt: domainSalt(BASE),
};
const ORDER_TYPES = {
  AddOrder: [
    { name: "order", type: "OrderIntent" },
    { name: "nonce", type: "uint64" },
    { name: "deadline", type: "uint64" },
  ],
  OrderIntent: [
    { name: "owner", type: "address" },
    { name: "sellToken", type: "address" },
    { name: "buyToken", type: "address" },
    { name: "sellAmount", type: "uint256" },
    { name: "minBuyAmount", type: "uint256" },
    { name: "startDeltaBps", type: "int32" },
    { name: "endDeltaBps", type: "int32" },
    { name: "points", type: "SpreadCurvePoint[]" },
    { name: "startTime", type: "uint256" },
    { name: "endTime", type: "uint256" },
    { name: "partialFill", type: "bool" },
    { name: "callData", type: "bytes" },
    { name: "callDataTarget", type: "address" },
    { name: "salt", type: "bytes32" },
  ],
  SpreadCurvePoint: [
    { name: "timeSecs", type: "uint64" },
    { name: "deltaBps", type: "int32" },
  ],
};

/** `{payload, auth}` as the official EIP-712 mode builds it: decimal nonce, deadline now+60-5. */
async function envelope(
  types: Record<string, unknown>,
  primaryType: string,
  message: object,
  payload: unknown,
  nonce: bigint,
) {
  const deadline = now + 60 - 5;
  const signature = await account.signTypedData({
    domain: TURBINE_DOMAIN,
    types,
    primaryType,
    message: { ...message, nonce, deadline: BigInt(deadline) },
  } as never);
  return {
    payload,
    auth: { signer: account.address, nonce: nonce.toString(10), deadline, signature: primitive(signature) },
  };
}

describe.each([false, true])(
  "the official client's session against the simulator (variant: %s)",
  (variant) => {
    useSim("exchange", { simulator: { variant, seed: 11 } });

    it("config, SIWE, orders, batch, reads, cancel, fees, liquidity, logout, and the EIP-712 mode", async () => {
      const { call, calls } = session();
      const ok = <R extends { status: number; text: string }>(r: R): R => {
        expect(r.status, r.text).toBe(200);
        return r;
      };

      // 1. fetchConfig.
      const config = ok(await call("GET", "config")).body as Record<string, unknown>;
      expect(config.siweUri).toBe(BASE);
      // The official client accepts only these classes (validateTurbineToken).
      expect((config.tokens as { symbol: string; class: string }[]).map((t) => [t.symbol, t.class])).toEqual([
        ["WETH", "Regular"],
        ["USDC", "Stable"],
        ["WBTC", "Regular"],
        ["DAI", "Stable"],
      ]);

      // 2–5. addOrder: ensureAuthenticated (GET /me → 401), authenticate (/nonce, /verify), GET /me.
      expect((await call("GET", "me")).status).toBe(401);
      const nonce = ok(await call("POST", "nonce")).body as string;
      const message = createSiweMessage({
        address: account.address,
        chainId: 1,
        domain: config.siweDomain as string,
        statement: "Sign in to Turbine with your Ethereum wallet",
        nonce,
        uri: config.siweUri as string,
        version: "1",
        issuedAt: new Date(T0),
      });
      const siwe = parseSignature(await account.signMessage({ message }));
      ok(
        await call("POST", "verify", {
          message,
          signature: {
            r: siwe.r,
            s: siwe.s,
            yParity: siwe.yParity === 1 ? "0x1" : "0x0",
            v: siwe.yParity === 1 ? "0x1c" : "0x1b",
          },
        }),
      );
      expect(ok(await call("GET", "me")).body).toMatchObject({
        authenticated: true,
        address: account.address,
      });

      // 6. add_order (one GET /me first, as before every authenticated call).
      ok(await call("GET", "me"));
      const first = ok(
        await call("POST", "add_order", await addOrderPayload(10n ** 17n, `0x${"01".repeat(32)}`)),
      ).body as {
        orderHash: Hex;
      };
      expect(first.orderHash).toMatch(/^0x[0-9a-f]{64}$/);

      // 7. add_orders: every permit with the wallet's current nonce (0), one below the $30 minimum.
      ok(await call("GET", "me"));
      const batch = ok(
        await call("POST", "add_orders", [
          await addOrderPayload(2n * 10n ** 17n, `0x${"02".repeat(32)}`),
          await addOrderPayload(1000n, `0x${"03".repeat(32)}`),
          {
            ...(await addOrderPayload(3n * 10n ** 17n, `0x${"04".repeat(32)}`)),
            annotations: { spreadAtSubmissionHbp: 250 },
          },
        ]),
      ).body as { orderHash: Hex }[];
      expect(batch).toHaveLength(2);

      // 8. getOrderStates.
      ok(await call("GET", "me"));
      const states = ok(await call("POST", "order_states", { orderHashes: [first.orderHash] })).body as {
        hash: string;
        status: string;
        execution: unknown[];
      }[];
      expect(states.map((s) => [s.hash, s.status])).toEqual([[first.orderHash, "Active"]]);

      // 9. getOrders with comma-joined filters; the official validator's fields are all there.
      ok(await call("GET", "me"));
      const hashes = [first.orderHash, ...batch.map((b) => b.orderHash)];
      const page = ok(await call("GET", `orders?hash=${hashes.join(",")}&status=Active,Filled&limit=50`))
        .body as {
        orders: {
          hash: string;
          status: string;
          execution: unknown[];
          orderDetails: Record<string, unknown>;
        }[];
        cursor?: string | null;
        hasMore: boolean;
      };
      expect(page.orders).toHaveLength(3);
      expect(page.hasMore).toBe(false);
      for (const o of page.orders) {
        expect(Object.keys(o.orderDetails)).toEqual(
          expect.arrayContaining([
            "sellToken",
            "buyToken",
            "sellAmount",
            "limitPrice",
            "startTime",
            "endTime",
            "spreadCurve",
            "createdTimestamp",
          ]),
        );
        const curve = o.orderDetails.spreadCurve as Record<string, unknown>;
        expect(Object.keys(curve)).toEqual([
          "startSecs",
          "endSecs",
          "startDeltaBps",
          "endDeltaBps",
          "points",
        ]);
        expect(curve.points).toEqual([
          { timeSecs: now + 360, deltaBps: -20 },
          { timeSecs: now + 1800, deltaBps: 16 },
        ]);
        // Its parser appends a Z unless one is there.
        const created = o.orderDetails.createdTimestamp as string;
        expect(new Date(created.endsWith("Z") ? created : `${created}Z`).getTime()).toBe(T0);
      }
      expect(page.orders.find((o) => o.hash === batch[1]!.orderHash)?.orderDetails.annotations).toEqual({
        spreadAtSubmissionHbp: 250,
      });

      // 10. getOrderFee (no session needed).
      const fee = ok(
        await call("POST", "order_fees", (await addOrderPayload(10n ** 17n, `0x${"05".repeat(32)}`)).order),
      ).body as string;
      expect(fee).toMatch(/^0x[0-9a-f]+$/);

      // 11. cancelOrder.
      ok(await call("GET", "me"));
      expect(ok(await call("POST", "cancel_order", { orderHash: first.orderHash })).body).toMatchObject({
        orderHash: first.orderHash,
      });

      // 12. addLiquidity (createAddLiquidityData: SignatureTransfer batch permit, deadline now+300).
      const deadline = BigInt(now + 300);
      const addPermit = {
        permitted: [
          { token: USDC, amount: 1_000_000n },
          { token: WETH, amount: 10n ** 15n },
        ],
        nonce: 77n,
        deadline,
      };
      const addSig = await account.signTypedData({
        domain: { name: "Permit2", chainId: 1, verifyingContract: PERMIT2_ADDRESS },
        types: batchTypes,
        primaryType: "PermitBatchTransferFrom",
        message: { ...addPermit, spender: DEFAULT_PINS.lpRouter as Hex },
      });
      const addLiquidity = {
        owner: account.address,
        token0: USDC,
        token1: WETH,
        fee: 3000,
        token0Amount: 1_000_000n,
        token1Amount: 10n ** 15n,
        exact: false,
        salt: `0x${"06".repeat(32)}`,
      };
      ok(await call("GET", "me"));
      const added = ok(
        await call("POST", "add_liquidity", {
          addLiquidity,
          permitTokens: { signature: primitive(addSig), permit: addPermit },
        }),
      ).body as { intentHash: Hex };

      // 13. removeLiquidity.
      const removePermit = { permitted: { token: LP, amount: 500n }, nonce: 78n, deadline };
      const removeSig = await account.signTypedData({
        domain: { name: "Permit2", chainId: 1, verifyingContract: PERMIT2_ADDRESS },
        types: transferTypes,
        primaryType: "PermitTransferFrom",
        message: { ...removePermit, spender: DEFAULT_PINS.lpRouter as Hex },
      });
      const removeLiquidity = {
        owner: account.address,
        token0: USDC,
        token1: WETH,
        fee: 3000,
        lpToken: LP,
        lpTokenAmount: 500n,
        salt: `0x${"07".repeat(32)}`,
      };
      ok(await call("GET", "me"));
      const removed = ok(
        await call("POST", "remove_liquidity", {
          removeLiquidity,
          permitLpToken: { signature: primitive(removeSig), permit: removePermit },
        }),
      ).body as { intentHash: Hex };

      // 14. getLiquidityIntents.
      ok(await call("GET", "me"));
      const intents = ok(
        await call("POST", "liquidity_intent_states", {
          intentHashes: [added.intentHash, removed.intentHash],
        }),
      ).body as { hash: string; status: string }[];
      expect(intents.map((i) => i.status)).toEqual(["Pending", "Pending"]);

      // 15. logout.
      ok(await call("POST", "logout"));
      expect((await call("GET", "me")).status).toBe(401);

      // 16–19. The EIP-712 mode: add_order, add_orders (a bare array), orders (limit 0), cancel.
      const signedOrder = (p: Awaited<ReturnType<typeof addOrderPayload>>) => ({
        order: {
          ...p.order,
          startDeltaBps: p.order.spreadCurve.startDeltaBps,
          endDeltaBps: p.order.spreadCurve.endDeltaBps,
          points: [
            { timeSecs: BigInt(now + 360), deltaBps: -20 },
            { timeSecs: BigInt(now + 1800), deltaBps: 16 },
          ],
        },
      });
      const wire = (p: Awaited<ReturnType<typeof addOrderPayload>>) => {
        const { spreadCurve, ...order } = p.order;
        return { order, spreadCurve, signedPermit: p.signedPermit };
      };
      const one = await addOrderPayload(4n * 10n ** 17n, `0x${"08".repeat(32)}`);
      const e1 = ok(
        await call(
          "POST",
          "eip712/add_order",
          await envelope(ORDER_TYPES, "AddOrder", signedOrder(one), wire(one), 1n),
        ),
      ).body as { orderHash: Hex };
      const two = [
        await addOrderPayload(5n * 10n ** 17n, `0x${"09".repeat(32)}`),
        await addOrderPayload(6n * 10n ** 17n, `0x${"0a".repeat(32)}`),
      ];
      const e2 = ok(
        await call("POST", "eip712/add_orders", [
          await envelope(ORDER_TYPES, "AddOrder", signedOrder(two[0]!), wire(two[0]!), 2n),
          await envelope(ORDER_TYPES, "AddOrder", signedOrder(two[1]!), wire(two[1]!), 3n),
        ]),
      ).body as { orderHash: Hex }[];
      expect(e2).toHaveLength(2);
      const queryTypes = {
        QueryOrders: [
          { name: "hashes", type: "bytes32[]" },
          { name: "statuses", type: "string[]" },
          { name: "cursor", type: "string" },
          { name: "limit", type: "uint64" },
          { name: "nonce", type: "uint64" },
          { name: "deadline", type: "uint64" },
        ],
      };
      const query = { hashes: [], statuses: [], cursor: "", limit: 0 };
      const listed = ok(
        await call(
          "POST",
          "eip712/orders",
          await envelope(queryTypes, "QueryOrders", { ...query, limit: 0n }, query, 4n),
        ),
      ).body as { orders: { hash: string }[] };
      expect(listed.orders.map((o) => o.hash)).toEqual(
        expect.arrayContaining([e1.orderHash, ...e2.map((e) => e.orderHash)]),
      );
      const cancelTypes = {
        CancelOrder: [
          { name: "orderHash", type: "bytes32" },
          { name: "nonce", type: "uint64" },
          { name: "deadline", type: "uint64" },
        ],
      };
      ok(
        await call(
          "POST",
          "eip712/cancel_order",
          await envelope(
            cancelTypes,
            "CancelOrder",
            { orderHash: e1.orderHash },
            { orderHash: e1.orderHash },
            5n,
          ),
        ),
      );

      expect(calls).toHaveLength(28);
      expect(calls.filter((c) => c === "GET me")).toHaveLength(11);
    });
  },
);
