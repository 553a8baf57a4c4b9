import { exchangeSimulator } from "./exchange/index.js";
import { lyceumSimulator } from "./lyceum/index.js";
import { turbinexSimulator } from "./turbinex/index.js";
import { turbostackSimulator } from "./turbostack/index.js";

// The registry of provider simulators. One line per provider; each provider's module adds its own.
export const providerFactories = {
  turbinex: turbinexSimulator,
  lyceum: lyceumSimulator,
  turbostack: turbostackSimulator,
  exchange: exchangeSimulator,
} as const;
