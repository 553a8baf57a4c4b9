import type { HttpHandler } from "msw";
import type { SimClock } from "./clock.js";
import type { SimDialect } from "./dialect.js";
import type { StorageSim } from "./storage.js";

/** The four simulated platforms. */
export type ProviderName = "turbinex" | "turbostack" | "lyceum" | "exchange";

/** Built-in provider names, or the name of an `extra` simulator. */
export type SimName = ProviderName | (string & {});

/** What every provider simulator receives from the harness. */
export interface SimContext {
  clock: SimClock;
  /** Seeded PRNG: use it (not Math.random) so runs can be repeated. */
  random: () => number;
  /** The dialect to answer in (`createSimulator({ variant })`): default or variant shapes. */
  dialect: SimDialect;
  /**
   * The storage origin (pre-signed download URLs) that variant answers redirect downloads to.
   * `createSimulator` always passes one; optional so hand-built contexts keep compiling.
   */
  storage?: StorageSim;
}

/**
 * One provider's fake: its state plus msw handlers for its routes. `handlers(baseUrl)` builds the
 * routes under any base (the production URL inside tests, a localhost prefix for the real server);
 * both sets share the same state.
 */
export interface ProviderSim<State = unknown> {
  readonly name: SimName;
  /** The SDK's default base URL for this provider (what msw intercepts in unit tests). */
  readonly defaultBaseUrl: string;
  readonly state: State;
  /** msw handlers for every route, mounted under `baseUrl`. */
  handlers(baseUrl: string): HttpHandler[];
}

/** Builds one provider's simulator from the shared clock/PRNG and its own options. */
export type ProviderSimFactory<Options, Sim extends ProviderSim = ProviderSim> = (
  ctx: SimContext,
  options: Options,
) => Sim;
