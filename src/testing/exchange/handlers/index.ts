import type { HttpHandler } from "msw";
import { guard } from "../../kit/index.js";
import type { SimContext } from "../../provider.js";
import { createSessions } from "../sessions.js";
import type { ExchangeSimState } from "../state.js";
import { configHandlers } from "./config.js";
import { exchangeRoutes } from "./context.js";
import { liquidityHandlers } from "./liquidity.js";
import { orderHandlers } from "./orders.js";
import { sessionHandlers } from "./session.js";

/**
 * Every exchange route under `baseUrl`. The session routes that need a signed-in address go
 * through the one guard (the SIWE cookie); the EIP-712 routes authenticate each call by its
 * envelope's signature instead.
 */
export function exchangeHandlers(
  state: ExchangeSimState,
  sim: Pick<SimContext, "clock" | "random" | "dialect">,
  baseUrl: string,
): HttpHandler[] {
  const sessions = createSessions(state, sim, baseUrl);
  const routes = exchangeRoutes(state, sim, baseUrl, { sessions, signedIn: guard(sessions.authenticate) });
  return [
    ...configHandlers(routes),
    ...sessionHandlers(routes),
    ...orderHandlers(routes),
    ...liquidityHandlers(routes),
  ];
}
