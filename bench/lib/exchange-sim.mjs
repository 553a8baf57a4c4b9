// The exchange simulator over real HTTP in its own process (it recovers every SIWE and Permit2
// signature, CPU the client's figures must not pay for). Prints `BASE <url>` when listening.
import { createSimulator, startSimulatorServer } from "turbokit/testing";

export const T0 = 1_776_048_000_000; // the simulator's frozen clock: 2026-04-13T02:40:00Z

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const sim = createSimulator({ providers: { exchange: true }, clock: { start: T0 }, seed: 9 });
  const server = await startSimulatorServer(sim);
  console.log(`BASE ${server.baseUrls.exchange}`);
  process.on("disconnect", () => process.exit(0));
}
