import type { ProviderSim, SimContext } from "../provider.js";
import { turbostackHandlers } from "./handlers/index.js";
import { type TurboStackSimOptions, TurboStackSimState } from "./state.js";

export {
  type SimClient,
  type SimDeployment,
  type SimGroup,
  type SimHost,
  type SimToken,
  TURBOSTACK_SIM_EXPIRED_TOKEN,
  TURBOSTACK_SIM_OTHER_TOKEN,
  TURBOSTACK_SIM_TOKEN,
  type TurboStackSimOptions,
  TurboStackSimState,
} from "./state.js";

/** The TurboStack simulator as `createSimulator` registers it (`sim.providers.turbostack`). */
export type TurboStackSim = ProviderSim<TurboStackSimState> & { readonly name: "turbostack" };

/**
 * The TurboStack simulator: 3 clients, 48 hosts (42 visible to `TURBOSTACK_SIM_TOKEN`), groups,
 * config saves, deployments that progress over simulated time, credentials.
 */
export function turbostackSimulator(ctx: SimContext, options?: TurboStackSimOptions | null): TurboStackSim {
  const state = new TurboStackSimState(ctx.clock, ctx.random, options ?? {}, ctx.dialect);
  return {
    name: "turbostack",
    defaultBaseUrl: "https://my.turbostack.app",
    state,
    handlers: (baseUrl) => turbostackHandlers(state, baseUrl),
  };
}
