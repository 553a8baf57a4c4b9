/**
 * `turbokit/exchange`: the Turbine Exchange client — pinned `/config`, SIWE cookie session (or the
 * stateless EIP-712 mode), orders with Permit2, spread curves, fees and liquidity. Every call is
 * also a standalone operation of the client core (`submitOrder(core, intent)`).
 */

import { defineClient } from "../core/client.js";
import type { RequestOptions } from "../core/http.js";
import {
  buildInternals,
  coreOf,
  type ExchangeInternals,
  type TurbineExchangeCore,
  type TurbineExchangeOptions,
} from "./client.js";
import { LiquidityResource } from "./liquidity.js";
import { OrdersResource } from "./orders.js";
import { getConfig, getStatus } from "./platform.js";
import { getMe, loginSession, logoutSession } from "./session.js";
import { spreadCurve } from "./spread-curve.js";

export {
  createTurbineExchangeCore,
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

/** A Turbine Exchange client (see `createTurbineExchange`). */
export interface TurbineExchangeClient extends TurbineExchangeCore {
  /** Health check: the server's text ("OK from Turbine"). */
  status: OmitCore<typeof getStatus>;
  /** `/config`, validated against the pins once and cached; `refresh: true` re-reads it. */
  config: OmitCore<typeof getConfig>;
  /** Log in now (SIWE). Normally implicit on the first authenticated call. */
  login: OmitCore<typeof loginSession>;
  /** The signed-in address (logs in first when needed). */
  me: OmitCore<typeof getMe>;
  /** End the SIWE session on the server and forget it locally. */
  logout: OmitCore<typeof logoutSession>;
  /** Orders: build, sign and submit, cancel, states, list, wait, fee quotes. */
  readonly orders: OrdersResource;
  /** Liquidity intents (Permit2-signed adds and removes). */
  readonly liquidity: LiquidityResource;
  /** Spread-curve builders and checks (the same as the `spreadCurve` export). */
  readonly spreadCurve: typeof spreadCurve;
  /**
   * A client with some options changed. It keeps this client's signer and its SIWE session (unless
   * `auth`, `signer`, `mode`, `baseUrl` or `siweDomain` change) and its Permit2 nonce allocation
   * (unless `auth`, `signer`, `chainId` or the Permit2 nonce options change), so the two clients
   * never log in twice nor hand out one nonce twice.
   */
  withOptions(options: TurbineExchangeOptions): TurbineExchangeClient;
}

type OmitCore<F> = F extends (core: TurbineExchangeCore, ...rest: infer A) => infer R
  ? (...rest: A) => R
  : never;

// Options that change who signs or where: a client made with any of them starts its own session
// and nonce allocation.
const SESSION_KEYS = ["auth", "signer", "mode", "baseUrl", "siweDomain"] as const;
const NONCE_KEYS = ["signer", "auth", "chainId", "permit2Nonce", "permit2NonceAllocation"] as const;

function clientOf(inner: ExchangeInternals): TurbineExchangeClient {
  const core = coreOf(inner);
  return defineClient(core, {
    mode: core.mode,
    address: core.address,
    status: (options?: RequestOptions) => getStatus(core, options),
    config: (options?: RequestOptions & { refresh?: boolean }) => getConfig(core, options),
    login: (options?: RequestOptions) => loginSession(core, options),
    me: (options?: RequestOptions) => getMe(core, options),
    logout: (options?: RequestOptions) => logoutSession(core, options),
    orders: new OrdersResource(core),
    liquidity: new LiquidityResource(core),
    spreadCurve,
    withOptions(changes: TurbineExchangeOptions): TurbineExchangeClient {
      const touches = (keys: readonly string[]) => keys.some((key) => key in (changes ?? {}));
      return clientOf(
        buildInternals(
          { ...inner.options, ...changes },
          {
            auth: touches(SESSION_KEYS) ? undefined : inner.auth,
            permit2Nonces: touches(NONCE_KEYS) ? undefined : inner.permit2Nonces,
          },
        ),
      );
    },
  });
}

/**
 * A Turbine Exchange client. `/config` is read once and checked against the pinned contract addresses
 * before anything is signed; with a `signer`, authenticated calls log in with SIWE on first use (or sign
 * each call in `eip712` mode). Needs `viem`.
 */
export function createTurbineExchange(options: TurbineExchangeOptions = {}): TurbineExchangeClient {
  return clientOf(buildInternals(options));
}
