/**
 * `turbokit/testing`: a stateful, spec-faithful simulator of all four APIs, usable under msw in
 * tests (`setupServer(...sim.handlers)`) and as a real HTTP server on localhost.
 */
export { type ClockOptions, createClock, type SimClock } from "./clock.js";
export type { SimDialect, VariantOption } from "./dialect.js";
// Each provider's simulator, with the credentials and fixtures its seeded state starts with.
export {
  DEFAULT_SIM_TOKENS as EXCHANGE_SIM_TOKENS,
  type ExchangeSim,
  type ExchangeSimOptions,
  exchangeSimulator,
} from "./exchange/index.js";
export type { FaultController, FaultCounts, FaultKind, FaultOptions } from "./faults.js";
export type { LoggedRequest, RequestLog } from "./kit/request-log.js";
export {
  DEFAULT_API_KEY as LYCEUM_SIM_API_KEY,
  DEFAULT_USER as LYCEUM_SIM_USER,
  type LyceumSim,
  type LyceumSimOptions,
  lyceumSimulator,
  MFA_USER as LYCEUM_SIM_MFA_USER,
  MFA_USER_SECRET as LYCEUM_SIM_MFA_SECRET,
  SECOND_USER as LYCEUM_SIM_SECOND_USER,
  totpCode,
} from "./lyceum/index.js";
export type { ProviderName, ProviderSim, ProviderSimFactory, SimContext } from "./provider.js";
export { seededRandom } from "./random.js";
export { type SimulatorServer, type SimulatorServerOptions, startSimulatorServer } from "./server.js";
export { createSimulator, localBaseUrl, type Simulator, type SimulatorOptions } from "./simulator.js";
export type { StorageRequestRecord, StorageSim } from "./storage.js";
export {
  TURBINEX_SIM_PASSWORD,
  TURBINEX_SIM_USERS,
  type TurbineXSim,
  type TurbineXSimOptions,
  turbinexSimulator,
} from "./turbinex/index.js";
export {
  TURBOSTACK_SIM_EXPIRED_TOKEN,
  TURBOSTACK_SIM_OTHER_TOKEN,
  TURBOSTACK_SIM_TOKEN,
  type TurboStackSim,
  type TurboStackSimOptions,
  turbostackSimulator,
} from "./turbostack/index.js";
