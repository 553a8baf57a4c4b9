import { DEFAULT_BASE_URL } from "../../exchange/config.js";
import type { ProviderSim, ProviderSimFactory } from "../provider.js";
import { exchangeHandlers } from "./handlers/index.js";
import { createState, type ExchangeSimOptions, type ExchangeSimState } from "./state.js";

/**
 * The exchange simulator as `createSimulator` registers it (`sim.providers.exchange`): its live state and
 * handlers.
 */
export type ExchangeSim = ProviderSim<ExchangeSimState>;

/**
 * The Turbine Exchange simulator: pinned `/config`, SIWE sessions verified with viem, Permit2
 * signatures recovered, the $30 minimum, silent drops in `/add_orders`, orders that fill, expire
 * or get canceled over simulated time, liquidity intents, and the EIP-712 envelope endpoints.
 */
export const exchangeSimulator: ProviderSimFactory<ExchangeSimOptions, ExchangeSim> = (ctx, options = {}) => {
  const state = createState(options);
  return {
    name: "exchange",
    defaultBaseUrl: DEFAULT_BASE_URL,
    state,
    handlers: (baseUrl) => exchangeHandlers(state, ctx, baseUrl),
  };
};

export {
  DEFAULT_SIM_TOKENS,
  type ExchangeSimOptions,
  type ExchangeSimState,
  type SimOrder,
  type SimToken,
} from "./state.js";
