import { HttpResponse, http } from "msw";
import { privateKeyToAccount } from "viem/accounts";
import { describe, expect, it } from "vitest";
import { apiKey } from "../../src/auth/index.js";
import { APIPromise } from "../../src/core/api-promise.js";
import {
  buildOrder,
  cancelOrder,
  createTurbineExchangeCore,
  getOrderFee,
  getOrderStates,
  getStatus,
  listOrders,
  type OrderIntent,
  submitOrder,
  type TurbineExchangeOptions,
  waitForOrder,
} from "../../src/exchange/index.js";
import { createLyceumCore } from "../../src/lyceum/index.js";
import { EXCHANGE_TEST_KEY, FAST_RETRIES, useSim } from "../helpers/sim.js";
import { BASE, USDC, WETH, wethOrder } from "./helpers.js";

const t = useSim("exchange");

/** A bare client core with the harness's defaults (test key, simulator clock, fast retries). */
const core = (options: TurbineExchangeOptions = {}) =>
  createTurbineExchangeCore({
    ...FAST_RETRIES,
    signer: privateKeyToAccount(EXCHANGE_TEST_KEY),
    now: () => t.sim.clock.now(),
    ...options,
  });

const order = wethOrder({ salt: `0x${"ab".repeat(32)}` });

/** What a request says, less what differs per session (its cookie). */
const sent = (path: string) =>
  t.requests
    .filter((r) => r.path === `/api${path}`)
    .map((r) => ({
      method: r.method,
      url: r.url,
      contentType: r.headers.get("content-type"),
      body: r.body,
    }));

describe("standalone operations", () => {
  it("an operation on a core sends exactly what the client's method sends", async () => {
    const bare = core();
    const client = t.client();
    const intent: OrderIntent = await buildOrder(bare, order);
    expect(await client.orders.build(order)).toEqual(intent);

    const fromCore = await getOrderFee(bare, intent);
    const fromClient = await client.orders.fee(intent);
    expect(fromCore).toBe(fromClient);
    const fees = sent("/order_fees");
    expect(fees).toHaveLength(2);
    expect(fees[0]).toEqual(fees[1]);
    expect(JSON.parse(fees[0]!.body)).toMatchObject({ sellToken: WETH, buyToken: USDC, salt: order.salt });

    const { orderHash } = await submitOrder(bare, intent);
    expect(await getOrderStates(bare, [orderHash])).toEqual(await client.orders.states([orderHash]));
    const reads = sent("/order_states");
    expect(reads).toHaveLength(2);
    expect(reads[0]).toEqual(reads[1]);
    expect(JSON.parse(reads[0]!.body)).toEqual({ orderHashes: [orderHash] });

    await cancelOrder(bare, orderHash);
    expect(JSON.parse(sent("/cancel_order")[0]!.body)).toEqual({ orderHash });
  });

  it("takes the full client as well as a core", async () => {
    const client = t.client();
    const intent = await buildOrder(client, order);
    const { orderHash } = await submitOrder(client, intent);
    expect(t.provider.state.orders.get(orderHash)?.status).toBe("Active");
    expect(t.requests.paths()).toEqual([
      "GET /api/config",
      "POST /api/nonce",
      "POST /api/verify",
      "POST /api/add_order",
    ]);
  });

  it("refuses anything that is not a turbokit client or core, before sending", async () => {
    await expect(
      getOrderFee({ baseUrl: BASE, lastRateLimit: undefined } as never, {} as never),
    ).rejects.toMatchObject({
      field: "client",
    });
    expect(t.requests.length).toBe(0);
    // Another provider's real core would send these paths to that provider's API.
    const lyceum = createLyceumCore({ auth: apiKey("lk_other_provider_key") });
    await expect(getStatus(lyceum as never)).rejects.toMatchObject({ field: "client" });
    await expect(getOrderFee(lyceum as never, {} as never)).rejects.toMatchObject({ field: "client" });
    expect(t.requests.length).toBe(0);
  });

  it("the core carries baseUrl, mode and address; never the HTTP client", () => {
    const bare = core({ mode: "eip712" });
    expect(bare.baseUrl).toBe(BASE);
    expect(bare.mode).toBe("eip712");
    expect(bare.address).toBe(privateKeyToAccount(EXCHANGE_TEST_KEY).address);
    expect("http" in bare).toBe(false);
    expect("http" in t.client()).toBe(false);
  });
});

describe("raw responses per call", () => {
  it("withResponse() gives an exchange call's status and request id", async () => {
    t.server.use(
      http.get(`${BASE}/status`, () =>
        HttpResponse.text("OK from Turbine", { headers: { "x-request-id": "req_ex_42" } }),
      ),
    );
    const promise = getStatus(core());
    expect(promise).toBeInstanceOf(APIPromise);
    const { data, response, requestId } = await promise.withResponse();
    expect(data).toBe("OK from Turbine");
    expect(requestId).toBe("req_ex_42");
    expect(response.status).toBe(200);
    expect(response.method).toBe("GET");
    expect(response.url).toBe(`${BASE}/status`);
  });

  it("a call that makes several requests reports the last one", async () => {
    const client = t.client();
    const intent = await client.orders.build(order);
    const { data, response } = await client.orders.submit(intent).withResponse();
    // /nonce and /verify (the login) went first; /config was already read by build.
    expect(t.requests.paths().slice(-3)).toEqual([
      "POST /api/nonce",
      "POST /api/verify",
      "POST /api/add_order",
    ]);
    expect(response.url).toBe(`${BASE}/add_order`);
    expect(response.method).toBe("POST");
    expect(response.status).toBe(200);
    expect(data.orderHash).toMatch(/^0x[0-9a-f]{64}$/);
    const raw = await client.orders.cancel(data.orderHash).asResponse();
    expect(await raw.json()).toEqual({ orderHash: data.orderHash });
  });

  it("waitFor reports its last poll; a list page goes where the client's list goes", async () => {
    const bare = core();
    // At -10 bps from mid it never fills: it stays Active over several polls, then expires.
    const { orderHash } = await submitOrder(bare, await buildOrder(bare, order));
    const waited = await waitForOrder(bare, orderHash, {
      intervalMs: 1,
      onProgress: () => t.sim.clock.advance(600_000),
    }).withResponse();
    expect(waited.data.status).toBe("Expired");
    expect(waited.response.url).toBe(`${BASE}/order_states`);
    const polls = t.requests.filter((r) => r.path === "/api/order_states");
    expect(polls.length).toBeGreaterThanOrEqual(2);
    expect(JSON.parse(polls.at(-1)!.body)).toEqual({ orderHashes: [orderHash] });

    const listed = await listOrders(bare, { statuses: ["Expired"], limit: 5 }).toArray();
    expect(listed.map((o) => o.hash)).toEqual([orderHash]);
    await t
      .client()
      .orders.list({ statuses: ["Expired"], limit: 5 })
      .toArray();
    const lists = t.requests.filter((r) => r.path === "/api/orders").map((r) => r.url);
    expect(lists).toEqual([`${BASE}/orders?status=Expired&limit=5`, `${BASE}/orders?status=Expired&limit=5`]);
  });

  it("login() reports /verify; a cached /config has no response to report", async () => {
    const client = t.client();
    const { response } = await client.login().withResponse();
    expect(response.url).toBe(`${BASE}/verify`);
    const first = await client.config({ refresh: true }).withResponse();
    expect(first.response.url).toBe(`${BASE}/config`);
    await expect(client.config().withResponse()).rejects.toThrow(/without a request/);
  });
});

describe("withOptions", () => {
  it("keeps the signer, the SIWE session and the Permit2 nonce allocation", async () => {
    const client = t.client({ permit2NonceAllocation: "sequential" });
    const first = await client.orders.submit(await client.orders.build(order));
    const other = client.withOptions({ timeoutMs: 5_000 });
    expect(other.address).toBe(client.address);
    expect(other.mode).toBe("session");
    const second = await other.orders.submit(
      await other.orders.build({ ...order, salt: `0x${"cd".repeat(32)}` }),
    );
    expect([first.permitNonce, second.permitNonce]).toEqual([0n, 1n]);
    expect(t.provider.state.orders.get(second.orderHash)?.owner.toLowerCase()).toBe(
      client.address?.toLowerCase(),
    );
    // One login serves both clients.
    expect(t.requests.paths().filter((p) => p === "POST /api/verify")).toHaveLength(1);
  });

  it("a changed signer or mode starts afresh", async () => {
    const client = t.client();
    const other = client.withOptions({
      signer: privateKeyToAccount("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d"),
    });
    expect(other.address).not.toBe(client.address);
    const signed = client.withOptions({ mode: "eip712" });
    expect(signed.mode).toBe("eip712");
    expect(signed.address).toBe(client.address);
    await signed.orders.states([`0x${"11".repeat(32)}`]);
    expect(t.requests.paths()).toEqual(["GET /api/config", "POST /api/eip712/orders"]);
  });
});
