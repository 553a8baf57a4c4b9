import { route } from "../core/routes.js";

/**
 * Every Turbine Exchange path, relative to the base URL (`…/api`), as `routes.<resource>.<verb>`.
 * A verb ending in `Signed` is the stateless form of the same call (`/eip712/…`: the body carries
 * an EIP-712 envelope instead of relying on the session cookie).
 */
export const routes = {
  status: { get: route("GET", "/status") },
  config: { get: route("GET", "/config") },
  session: {
    nonce: route("POST", "/nonce"),
    verify: route("POST", "/verify"),
    me: route("GET", "/me"),
    logout: route("POST", "/logout"),
  },
  orders: {
    add: route("POST", "/add_order"),
    addMany: route("POST", "/add_orders"),
    cancel: route("POST", "/cancel_order"),
    states: route("POST", "/order_states", { query: true }),
    list: route("GET", "/orders"),
    fee: route("POST", "/order_fees", { query: true }),
    addSigned: route("POST", "/eip712/add_order"),
    addManySigned: route("POST", "/eip712/add_orders"),
    cancelSigned: route("POST", "/eip712/cancel_order"),
    // Read-only queries, retried like any query — but never as-is: the server spends the
    // envelope's nonce on first read, so every attempt signs a fresh envelope (eip712.ts).
    listSigned: route("POST", "/eip712/orders", { query: true }),
  },
  liquidity: {
    add: route("POST", "/add_liquidity"),
    remove: route("POST", "/remove_liquidity"),
    states: route("POST", "/liquidity_intent_states", { query: true }),
    addSigned: route("POST", "/eip712/add_liquidity"),
    removeSigned: route("POST", "/eip712/remove_liquidity"),
    statesSigned: route("POST", "/eip712/liquidity_intents", { query: true }),
  },
} as const;
