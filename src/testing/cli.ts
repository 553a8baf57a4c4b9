// `npm run sim`: the simulator as a real HTTP server on localhost, for examples and manual tries.

import { simulatorBanner } from "./banner.js";
import { startSimulatorServer } from "./server.js";
import { createSimulator } from "./simulator.js";

const port = Number(process.env.PORT ?? process.argv[2] ?? 4010);
const speed = Number(process.env.SIM_SPEED ?? 30);
// Interactive clients (the README's code) sign times from the wall clock while this clock runs fast.
const sim = createSimulator({
  clock: { speed },
  providers: { turbinex: true, turbostack: true, lyceum: true, exchange: { wallClockClients: true } },
});
const server = await startSimulatorServer(sim, { port });
process.stdout.write(`${simulatorBanner(server, speed).join("\n")}\n`);
process.on("SIGINT", () => void server.close().then(() => process.exit(0)));
