import { SiweMessage } from "siwe";
import {
  createWalletClient,
  custom,
  type Hex,
  numberToHex,
  recoverTypedDataAddress,
  serializeSignature,
  verifyMessage,
} from "viem";
import { mainnet } from "viem/chains";
import { createSiweMessage, parseSiweMessage } from "viem/siwe";
import { describe, expect, it } from "vitest";
import { MAX_UINT160, SIWE_STATEMENT, type TurbineExchangeClient } from "../../src/exchange/index.js";
import {
  permitSignatureForm,
  permitSingleTypedData,
  verifySignatureForm,
  wirePermitSingle,
} from "../../src/exchange/permit2.js";
import { useSim } from "../helpers/sim.js";
import { account, BASE, USDC, WETH } from "./helpers.js";

const t = useSim("exchange");
/** A wire scalar (unpadded 0x-hex) as the 32 bytes a signature holds. */
const pad32 = (h: Hex): Hex => numberToHex(BigInt(h), { size: 32 });
const SETTLER = "0xbb3e81c0563dc61719696475f5c7b5e011a73f8a";

const PERMIT = {
  token: WETH,
  amount: MAX_UINT160,
  expiration: 1_776_051_600,
  nonce: 0n,
  spender: SETTLER,
  sigDeadline: 1_776_051_600n,
} as const;
const PERMIT_SIGNATURE =
  "0x1e466602267641933010dfd4905403417c41b497250dfdfd27b659c3d53f94c71563b4b690fd3930cf51c18c3f5486fa52905b791dfd6c03ea6398cc7f52ad381c";

const SIWE_MESSAGE = [
  "app.turbine.exchange wants you to sign in with your Ethereum account:",
  "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
  "",
  "Sign in to Turbine with your Ethereum wallet",
  "",
  "URI: https://api.turbine.exchange/api",
  "Version: 1",
  "Chain ID: 1",
  "Nonce: b3a9f0e1c8d7a6b5",
  "Issued At: 2026-04-13T02:40:00.000Z",
].join("\n");
const SIWE_SIGNATURE =
  "0x0332e8c4ec6a8e8bb1c9b5b502a7e390bf134a96259af71d76d2d05eacb659602da084fd862ac1ec04abc4f76e013aab666e033c7d53b08abd4395957263ef721c";

describe("known-answer signatures (fixed key)", () => {
  it("Permit2 PermitSingle", async () => {
    const definition = permitSingleTypedData(1, PERMIT);
    expect(definition.domain).toEqual({
      name: "Permit2",
      chainId: 1,
      verifyingContract: "0x000000000022D473030F116dDEE9F6B43aC78BA3",
    });
    const signature = await account.signTypedData(definition);
    expect(signature).toBe(PERMIT_SIGNATURE);
    expect(await recoverTypedDataAddress({ ...definition, signature })).toBe(account.address);
  });

  it("Permit2 wire form: {r, s, yParity: boolean} without v, bigints 0x-hex, expiration/nonce numbers", () => {
    // The official client: convertSignature → {r: bigint, s: bigint, yParity: boolean}, serialized
    // by its bigint replacer as `0x${n.toString(16)}` (turbine-sdk src/turbineClient.ts).
    expect(permitSignatureForm(PERMIT_SIGNATURE)).toEqual({
      r: "0x1e466602267641933010dfd4905403417c41b497250dfdfd27b659c3d53f94c7",
      s: "0x1563b4b690fd3930cf51c18c3f5486fa52905b791dfd6c03ea6398cc7f52ad38",
      yParity: true,
    });
    expect(wirePermitSingle(PERMIT)).toEqual({
      details: {
        token: WETH,
        amount: "0xffffffffffffffffffffffffffffffffffffffff",
        expiration: 1_776_051_600,
        nonce: 0,
      },
      spender: SETTLER,
      sigDeadline: `0x${(1_776_051_600).toString(16)}`,
    });
  });

  it("SIWE message and personal_sign", async () => {
    const message = createSiweMessage({
      domain: "app.turbine.exchange",
      address: account.address,
      statement: SIWE_STATEMENT,
      uri: BASE,
      version: "1",
      chainId: 1,
      nonce: "b3a9f0e1c8d7a6b5",
      issuedAt: new Date(1_776_048_000_000),
    });
    expect(message).toBe(SIWE_MESSAGE);
    const signature = await account.signMessage({ message });
    expect(signature).toBe(SIWE_SIGNATURE);
    expect(await verifyMessage({ address: account.address, message, signature })).toBe(true);
    const verified = await new SiweMessage(message).verify({ signature });
    expect(verified.success).toBe(true);
    expect(verified.data.address).toBe(account.address);
  });

  it("/verify form: yParity and v as strings", () => {
    expect(verifySignatureForm(SIWE_SIGNATURE)).toEqual({
      r: "0x0332e8c4ec6a8e8bb1c9b5b502a7e390bf134a96259af71d76d2d05eacb65960",
      s: "0x2da084fd862ac1ec04abc4f76e013aab666e033c7d53b08abd4395957263ef72",
      yParity: "0x1",
      v: "0x1c",
    });
    const even = serializeSignature({
      r: "0x0000000000000000000000000000000000000000000000000000000000000001",
      s: "0x0000000000000000000000000000000000000000000000000000000000000002",
      yParity: 0,
    });
    expect(verifySignatureForm(even)).toMatchObject({
      r: "0x0000000000000000000000000000000000000000000000000000000000000001",
      s: "0x0000000000000000000000000000000000000000000000000000000000000002",
      yParity: "0x0",
      v: "0x1b",
    });
    // A permit signature drops leading zero bytes, as every bigint on the wire; /verify keeps 32 bytes.
    expect(permitSignatureForm(even)).toEqual({ r: "0x1", s: "0x2", yParity: false });
    const leadingZero = serializeSignature({
      r: "0x00ff000000000000000000000000000000000000000000000000000000000001",
      s: "0x0000000000000000000000000000000000000000000000000000000000000abc",
      yParity: 1,
    });
    expect(permitSignatureForm(leadingZero)).toEqual({
      r: "0xff000000000000000000000000000000000000000000000000000000000001",
      s: "0xabc",
      yParity: true,
    });
  });
});

describe("what the SDK sends", () => {
  it("every SIWE message it builds parses and verifies with the siwe package", async () => {
    for (let i = 0; i < 3; i++) {
      const sim = t.sim;
      sim.clock.advance(i * 3_600_000);
      const exchange = t.client();
      const requests = t.requests;
      requests.clear();
      await exchange.login();
      const verify = requests.find((r) => r.url.endsWith("/verify"))!;
      const body = JSON.parse(verify.body) as {
        message: string;
        signature: { r: Hex; s: Hex; yParity: string; v: string };
      };
      expect(Object.keys(body.signature).sort()).toEqual(["r", "s", "v", "yParity"]);
      expect(typeof body.signature.yParity).toBe("string");
      const signature = serializeSignature({
        r: body.signature.r,
        s: body.signature.s,
        yParity: body.signature.yParity === "0x1" ? 1 : 0,
      });
      const siwe = new SiweMessage(body.message);
      expect(siwe.domain).toBe("app.turbine.exchange");
      expect(siwe.statement).toBe(SIWE_STATEMENT);
      expect(siwe.uri).toBe(BASE);
      expect(siwe.version).toBe("1");
      expect(siwe.chainId).toBe(1);
      expect(siwe.expirationTime).toBeUndefined();
      expect(siwe.issuedAt).toBe(new Date(sim.clock.now()).toISOString());
      const result = await siwe.verify({ signature, time: siwe.issuedAt });
      expect(result.success).toBe(true);
      expect(parseSiweMessage(body.message).address).toBe(account.address);
    }
  });

  it("the /add_order permit recovers to the owner with the settler as spender", async () => {
    const exchange = t.client();
    const requests = t.requests;
    const intent = await exchange.orders.build({
      sell: WETH,
      buy: USDC,
      sellAmount: 16_000_000_000_000_000n,
      minBuyAmount: 33_000_000n,
      curve: exchange.spreadCurve.constant(-10),
      durationSecs: 3600,
    });
    await exchange.orders.submit(intent);
    const sent = JSON.parse(requests.find((r) => r.url.endsWith("/add_order"))!.body);
    expect(sent.order).toEqual({
      owner: account.address,
      sellToken: WETH,
      buyToken: USDC,
      sellAmount: "0x38d7ea4c680000",
      minBuyAmount: "0x1f78a40",
      spreadCurve: { startDeltaBps: -10, endDeltaBps: -10, points: [] },
      startTime: `0x${(1_776_048_000).toString(16)}`,
      endTime: `0x${(1_776_051_600).toString(16)}`,
      partialFill: true,
      callData: "0x",
      callDataTarget: "0x0000000000000000000000000000000000000000",
      salt: intent.salt,
    });
    expect(Object.keys(sent.signedPermit.signature)).toEqual(["r", "s", "yParity"]);
    expect(typeof sent.signedPermit.signature.yParity).toBe("boolean");
    expect(sent.signedPermit.permit).toEqual({
      details: {
        token: WETH,
        amount: "0xffffffffffffffffffffffffffffffffffffffff",
        expiration: 1_776_051_600,
        nonce: 0,
      },
      spender: SETTLER,
      sigDeadline: `0x${(1_776_051_600).toString(16)}`,
    });
    const { r, s, yParity } = sent.signedPermit.signature;
    const recovered = await recoverTypedDataAddress({
      ...permitSingleTypedData(1, { ...PERMIT, spender: SETTLER }),
      signature: serializeSignature({ r: pad32(r), s: pad32(s), yParity: yParity ? 1 : 0 }),
    });
    expect(recovered).toBe(account.address);
  });
});

describe("a viem WalletClient as the signer (typed data)", () => {
  /** A WalletClient over the local test account; its transport records any RPC it is asked for. */
  function wallet() {
    const rpc: string[] = [];
    const walletClient = createWalletClient({
      account,
      chain: mainnet,
      transport: custom({
        request: async ({ method }) => {
          rpc.push(method);
          throw new Error("no RPC in tests");
        },
      }),
    });
    return { walletClient, rpc };
  }
  // The known-answer permit above: WETH, unlimited, nonce 0, expiring one hour after T0.
  const buildKnownOrder = (exchange: TurbineExchangeClient) =>
    exchange.orders.build({
      sell: WETH,
      buy: USDC,
      sellAmount: 10n ** 17n,
      minBuyAmount: 1n,
      curve: exchange.spreadCurve.constant(-10),
      durationSecs: 3600,
    });
  const signatureOf = (wire: { r: Hex; s: Hex; yParity: boolean }) =>
    serializeSignature({ r: pad32(wire.r), s: pad32(wire.s), yParity: wire.yParity ? 1 : 0 });

  it("signs an order's PermitSingle (session mode), locally, with the known-answer signature", async () => {
    const { walletClient, rpc } = wallet();
    const exchange = t.client({ signer: walletClient });
    const requests = t.requests;
    const state = t.provider.state;

    const { orderHash } = await exchange.orders.submit(await buildKnownOrder(exchange));

    const sent = JSON.parse(requests.find((r) => r.url.endsWith("/add_order"))!.body);
    expect(signatureOf(sent.signedPermit.signature)).toBe(PERMIT_SIGNATURE);
    expect(state.orders.get(orderHash)?.status).toBe("Active"); // the simulator recovered it
    expect(rpc).toEqual([]);
  });

  it("signs the EIP-712 envelope and the permit inside it", async () => {
    const { walletClient, rpc } = wallet();
    const exchange = t.client({ mode: "eip712", signer: walletClient });
    const requests = t.requests;
    const state = t.provider.state;

    const { orderHash } = await exchange.orders.submit(await buildKnownOrder(exchange));

    const sent = JSON.parse(requests.find((r) => r.url.endsWith("/eip712/add_order"))!.body);
    expect(signatureOf(sent.payload.signedPermit.signature)).toBe(PERMIT_SIGNATURE);
    expect(sent.auth.signer).toBe(account.address);
    expect(state.orders.get(orderHash)?.owner).toBe(account.address); // envelope recovered to it
    expect(rpc).toEqual([]);
  });
});
