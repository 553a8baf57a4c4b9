import type { HttpHandler } from "msw";
import type { Address, Hex } from "viem";
import { json } from "../../kit/index.js";
import { orderIntentMessage, verifyEnvelope } from "../envelopes.js";
import { isBadRequest, refusal } from "../errors.js";
import { type ParsedAdd, parseAddOrder, parseRestOrder } from "../order-input.js";
import { orderDetailsJson, stateJson } from "../order-json.js";
import { acceptOrder, feeFor, type OrdersQuery, pageOfOrders, refresh, requestCancel } from "../orders.js";
import type { SimOrder } from "../state.js";
import { deserError, list, type Obj, readBody } from "../wire.js";
import type { ExchangeRoutes } from "./context.js";

const MAX_ORDERS_IN_PAYLOAD = 50;

/**
 * Orders, in both modes: the session routes (`/add_order`, `/add_orders`, `/cancel_order`,
 * `/order_states`, `/orders`, `/order_fees`) and their EIP-712 envelope twins under `/eip712`.
 */
export function orderHandlers(routes: ExchangeRoutes): HttpHandler[] {
  const { state, dialect, signedIn, now } = routes;

  const accept = (owner: Address, { order, permit, annotations }: ParsedAdd) =>
    acceptOrder(state, now(), owner, order, permit, annotations);

  const tooMany = () =>
    refusal(400, "MAX_ORDERS_IN_PAYLOAD", `at most ${MAX_ORDERS_IN_PAYLOAD} orders per request`);

  /** Accepts what passes; a per-order check that fails (a 400) just leaves the order out of the answer. */
  async function addEach(adds: (() => Promise<SimOrder>)[]): Promise<Response> {
    if (adds.length > MAX_ORDERS_IN_PAYLOAD) throw tooMany();
    const out: Obj[] = [];
    for (const add of adds) {
      try {
        const stored = await add();
        out.push(dialect.pick<Obj>({ orderHash: stored.hash }, { orderHash: stored.hash, status: "Adding" }));
      } catch (e) {
        if (isBadRequest(e)) continue;
        throw e;
      }
    }
    return json(out);
  }

  function listOrders(owner: Address, query: OrdersQuery): Response {
    const page = pageOfOrders(state, owner, query, now());
    return json({
      ...page,
      orders: page.orders.map((o) => ({
        ...stateJson(o, "camel", { variant: dialect.variant }),
        orderDetails: orderDetailsJson(o, { variant: dialect.variant, echo: state.options.echoSalt }),
      })),
    });
  }

  function cancel(owner: Address, body: unknown, raw: string): Response {
    const o = body as Obj;
    if (typeof o !== "object" || o === null || typeof o.orderHash !== "string") {
      throw deserError(raw, "orderHash", o?.orderHash, "a string");
    }
    requestCancel(state, owner, o.orderHash, now());
    return json({ orderHash: o.orderHash });
  }

  /** `/orders` query parameters, each given at most once (`hash`, `status`: comma lists). */
  function ordersQuery(request: Request): OrdersQuery {
    const params = new URL(request.url).searchParams;
    for (const key of ["hash", "status", "cursor", "limit"]) {
      if (params.getAll(key).length > 1) {
        throw refusal(
          400,
          "INPUT_VALIDATION_ERROR",
          `Failed to deserialize query string: duplicate field \`${key}\``,
        );
      }
    }
    const split = (v: string | null) => (v ? v.split(",").filter(Boolean) : []);
    return {
      hashes: split(params.get("hash")),
      statuses: split(params.get("status")),
      cursor: params.get("cursor") ?? "",
      limit: params.has("limit") ? Number(params.get("limit")) : 50,
    };
  }

  /** An `AddOrder` envelope's signed struct: the order its payload at `path` carries, handed to `keep`. */
  const addOrderStruct = (raw: string, path: string, keep: (add: ParsedAdd) => void) => (payload: Obj) => {
    const add = parseAddOrder(raw, payload, path, true);
    keep(add);
    return orderIntentMessage(add.order);
  };

  return [
    routes.post(
      "/add_order",
      signedIn(async ({ request }, owner) => {
        const { raw, body } = await readBody(request);
        const stored = await accept(owner, parseAddOrder(raw, body, "", false));
        return json({ orderHash: stored.hash });
      }),
    ),
    routes.post(
      "/add_orders",
      signedIn(async ({ request }, owner) => {
        const { raw, body } = await readBody(request);
        const items = list(raw, body, "body");
        return addEach(
          items.map((item, i) => () => accept(owner, parseAddOrder(raw, item, `[${i}]`, false))),
        );
      }),
    ),
    routes.post(
      "/cancel_order",
      signedIn(async ({ request }, owner) => {
        const { raw, body } = await readBody(request);
        return cancel(owner, body, raw);
      }),
    ),
    routes.post(
      "/order_states",
      signedIn(async ({ request }) => {
        const { raw, body } = await readBody(request);
        const hashes = list(raw, (body as Obj)?.orderHashes, "orderHashes");
        return json(
          hashes.map((h) => {
            const o = state.orders.get(String(h).toLowerCase() as Hex);
            // camelCase executions, as the official client reads them; the variant answers in the
            // legacy snake_case some servers still send.
            return o
              ? stateJson(refresh(state, o, now()), dialect.pick<"camel" | "snake">("camel", "snake"), {
                  variant: dialect.variant,
                })
              : { hash: h, status: "Unknown", execution: [] };
          }),
        );
      }),
    ),
    routes.get(
      "/orders",
      signedIn(({ request }, owner) => listOrders(owner, ordersQuery(request))),
    ),
    routes.post("/order_fees", async ({ request }) => {
      const { raw, body } = await readBody(request);
      return json(`0x${feeFor(state, parseRestOrder(raw, body, "")).toString(16)}`);
    }),

    // ── EIP-712 mode: each call is authenticated by its envelope's signer ──
    routes.post("/eip712/add_order", async ({ request }) => {
      let add: ParsedAdd | undefined;
      const { signer } = await routes.signedBody(request, "AddOrder", (payload, raw) =>
        addOrderStruct(raw, "payload", (parsed) => (add = parsed))(payload),
      );
      const stored = await accept(signer, add!);
      return json({ orderHash: stored.hash });
    }),
    // A bare array of AddOrder envelopes, each with its own nonce (there is no batch type).
    routes.post("/eip712/add_orders", async ({ request }) => {
      const { raw, body } = await readBody(request);
      const items = list(raw, body, "body");
      // Refused before any envelope is verified (no signature recovered, no nonce spent).
      if (items.length > MAX_ORDERS_IN_PAYLOAD) throw tooMany();
      const adds: (() => Promise<SimOrder>)[] = [];
      for (const [i, item] of items.entries()) {
        let add: ParsedAdd | undefined;
        const struct = addOrderStruct(raw, `[${i}].payload`, (parsed) => (add = parsed));
        const { signer } = await verifyEnvelope(
          raw,
          item,
          `[${i}]`,
          routes.envelope(request, "AddOrder", struct),
        );
        adds.push(() => accept(signer, add!));
      }
      return addEach(adds);
    }),
    routes.post("/eip712/cancel_order", async ({ request }) => {
      const { signer, payload, raw } = await routes.signedBody(request, "CancelOrder", (p) => ({
        orderHash: p.orderHash,
      }));
      return cancel(signer, payload, raw);
    }),
    routes.post("/eip712/orders", async ({ request }) => {
      const { signer, payload } = await routes.signedBody(request, "QueryOrders", (p) => ({
        hashes: p.hashes,
        statuses: p.statuses,
        cursor: p.cursor,
        limit: BigInt(p.limit as number),
      }));
      return listOrders(signer, {
        hashes: (payload.hashes as string[]) ?? [],
        statuses: (payload.statuses as string[]) ?? [],
        cursor: (payload.cursor as string) ?? "",
        limit: payload.limit as number,
      });
    }),
  ];
}
