/**
 * `turbokit/exchange`: the Turbine Exchange client — pinned `/config`, SIWE cookie session (or the
 * stateless EIP-712 mode), orders with Permit2, spread curves, fees and liquidity. Every call is
 * also a standalone operation of the client core (`submitOrder(core, intent)`).
 */
export {
  createTurbineExchange,
  createTurbineExchangeCore,
  type TurbineExchangeClient,
  type TurbineExchangeCore,
  type TurbineExchangeOptions,
} from "./client.js";
export {
  DEFAULT_BASE_URL,
  DEFAULT_PINS,
  DEFAULT_SIWE_DOMAIN,
  domainSalt,
  type ExchangePins,
  PERMIT2_ADDRESS,
} from "./config.js";
export { MinimumOrderSizeError } from "./errors.js";
export type { BuildOrderInput, OrderIntent, TimeInput } from "./intent.js";
export {
  type AddLiquidityInput,
  addLiquidity,
  getLiquidityStates,
  LiquidityResource,
  type RemoveLiquidityInput,
  removeLiquidity,
} from "./liquidity.js";
export {
  buildOrder,
  cancelOrder,
  FINAL_ORDER_STATUSES,
  getOrderFee,
  getOrderStates,
  isFinalOrderStatus,
  type ListOrdersParams,
  listOrders,
  type OrderAnnotations,
  OrdersResource,
  PENDING_ORDER_STATUSES,
  type SubmitManyOptions,
  type SubmitOptions,
  type SubmittedOrder,
  submitOrder,
  submitOrders,
  type WaitForOrderOptions,
  waitForOrder,
} from "./orders.js";
export { MAX_UINT160 } from "./permit2.js";
export {
  type Permit2NonceContext,
  type Permit2NonceSource,
  permit2NonceFromChain,
} from "./permit2-nonce.js";
export { getConfig, getStatus } from "./platform.js";
export type { SubmitAccepted, SubmitDropped, SubmitManyResult, SubmitUnknown } from "./reconcile.js";
export type {
  Eip712Domain,
  ExchangeConfig,
  ExchangeToken,
  Execution,
  Fraction,
  LiquidityIntentState,
  LiquidityIntentStatus,
  ListedOrder,
  MeResponse,
  OrderDetails,
  OrderState,
  OrderStatus,
  OrdersPage,
  ResolvedSpreadCurve,
} from "./schemas.js";
export { getMe, loginSession, logoutSession } from "./session.js";
export type { ExchangeSigner, SignerInput } from "./signer.js";
export { SIWE_STATEMENT } from "./siwe-login.js";
export { type SiweSession, type SiweSessionOptions, siweSession } from "./siwe-session.js";
export {
  type AutoSpreadOptions,
  type BuiltSpreadCurve,
  type CurveWindow,
  type DurationSpreadOptions,
  MAX_SPREAD_CURVE_POINTS,
  type SpreadComponents,
  type SpreadCurve,
  type SpreadCurveChart,
  type SpreadPoint,
  spreadCurve,
  type TimeSpreadCurve,
} from "./spread-curve.js";
