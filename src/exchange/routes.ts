import { route } from "../core/routes.js";

/** Every Turbine Exchange path, relative to the base URL (`…/api`). */
export const routes = {
  status: route("GET", "/status"),
  config: route("GET", "/config"),
  nonce: route("POST", "/nonce"),
  verify: route("POST", "/verify"),
  me: route("GET", "/me"),
  logout: route("POST", "/logout"),
  addOrder: route("POST", "/add_order"),
  addOrders: route("POST", "/add_orders"),
  cancelOrder: route("POST", "/cancel_order"),
  orderStates: route("POST", "/order_states", { query: true }),
  orders: route("GET", "/orders"),
  orderFees: route("POST", "/order_fees", { query: true }),
  addLiquidity: route("POST", "/add_liquidity"),
  removeLiquidity: route("POST", "/remove_liquidity"),
  liquidityIntentStates: route("POST", "/liquidity_intent_states", { query: true }),
  eip712: {
    addOrder: route("POST", "/eip712/add_order"),
    addOrders: route("POST", "/eip712/add_orders"),
    cancelOrder: route("POST", "/eip712/cancel_order"),
    // Read-only queries, retried like any query — but never as-is: the server spends the
    // envelope's nonce on first read, so every attempt signs a fresh envelope (eip712.ts).
    orders: route("POST", "/eip712/orders", { query: true }),
    liquidityIntents: route("POST", "/eip712/liquidity_intents", { query: true }),
    addLiquidity: route("POST", "/eip712/add_liquidity"),
    removeLiquidity: route("POST", "/eip712/remove_liquidity"),
  },
} as const;
