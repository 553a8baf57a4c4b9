// The smoke suite's registry: one line per provider. A provider's checks run when the runner
// hands over its config (see sim-config.mjs); `core` needs none and always runs.
import { coreChecks } from "./core.mjs";
import { exchangeChecks } from "./exchange.mjs";
import { lyceumChecks } from "./lyceum.mjs";
import { turbinexChecks } from "./turbinex.mjs";
import { turbostackChecks } from "./turbostack.mjs";

/** @type {Record<string, Array<{ name: string, run(config: any): unknown }>>} */
export const checks = {
  core: coreChecks,
  turbostack: turbostackChecks,
  turbinex: turbinexChecks,
  lyceum: lyceumChecks,
  exchange: exchangeChecks,
};
