import type { ProviderSim, ProviderSimFactory } from "../provider.js";
import { turbinexHandlers } from "./handlers/index.js";
import { createState, type TurbineXSimOptions, type TurbineXSimState } from "./state.js";
import { createTokens } from "./tokens.js";

export interface TurbineXSim extends ProviderSim<TurbineXSimState> {
  readonly name: "turbinex";
  /** Sign an access token for a seeded user (skip the login round-trip in tests). */
  accessTokenFor(email: string): Promise<string>;
}

/**
 * The TurbineX simulator: real HS256 JWTs on the simulated clock, rotating refresh tokens, PATs,
 * plan rate limits, users of each role and verification state, demo and custom turbines, jobs
 * that progress over simulated time, studies with share tokens, artifacts, notes, caps → 402.
 */
export const turbinexSimulator: ProviderSimFactory<TurbineXSimOptions, TurbineXSim> = (ctx, options = {}) => {
  const state = createState(ctx, options ?? {});
  const tokens = createTokens(state);
  return {
    name: "turbinex",
    defaultBaseUrl: "https://api.turbinex.app",
    state,
    handlers: (baseUrl) => turbinexHandlers(state, tokens, baseUrl),
    async accessTokenFor(email) {
      const user = state.userByEmail(email);
      if (!user) throw new Error(`turbinex simulator: no user ${email}`);
      return tokens.accessToken(user);
    },
  };
};

export {
  JOB_ERROR_TEXT,
  jobOutputBytes,
  PLAN_LIMITS,
  TURBINEX_SIM_PASSWORD,
  TURBINEX_SIM_USERS,
  type TurbineXSimOptions,
  type TurbineXSimState,
} from "./state.js";
