/**
 * `turbokit/testing`: a stateful, spec-faithful simulator of all four APIs, usable under msw in
 * tests (`setupServer(...sim.handlers)`) and as a real HTTP server on localhost.
 */
export { type ClockOptions, createClock, type SimClock } from "./clock.js";
export type { FaultController, FaultCounts, FaultKind, FaultOptions } from "./faults.js";
export type { ProviderName, ProviderSim, ProviderSimFactory, SimContext } from "./provider.js";
export { seededRandom } from "./random.js";
export { type SimulatorServer, type SimulatorServerOptions, startSimulatorServer } from "./server.js";
export { createSimulator, localBaseUrl, type Simulator, type SimulatorOptions } from "./simulator.js";
