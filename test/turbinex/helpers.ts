import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll } from "vitest";
import { bearer, jwtSession } from "../../src/auth/index.js";
import { createSimulator, type Simulator } from "../../src/testing/index.js";
import {
  TURBINEX_SIM_PASSWORD,
  TURBINEX_SIM_USERS,
  type TurbineXSimOptions,
} from "../../src/testing/turbinex/index.js";
import { createTurbineX, type TurbineXOptions } from "../../src/turbinex/index.js";

export type Who = keyof typeof TURBINEX_SIM_USERS;

/** A simulator with only TurbineX, served by msw for this test file. */
export function useTurbineXSim(options: TurbineXSimOptions = {}) {
  const sim = createSimulator({ providers: { turbinex: options } });
  const server = setupServer(...sim.handlers);
  beforeAll(() => server.listen({ onUnhandledFrame: "error" }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return { sim, server, state: sim.providers.turbinex.state };
}

/** A client logged in (through the real /auth/login) as one of the seeded users. */
export function clientAs(who: Who, options: TurbineXOptions = {}) {
  return createTurbineX({
    auth: jwtSession({ credentials: { email: TURBINEX_SIM_USERS[who], password: TURBINEX_SIM_PASSWORD } }),
    retryDelay: { baseMs: 1, maxMs: 5 },
    ...options,
  });
}

/** A client with a freshly signed access token (no login round-trip). */
export async function bearerClient(sim: Simulator, who: Who, options: TurbineXOptions = {}) {
  const token = await sim.providers.turbinex.accessTokenFor(TURBINEX_SIM_USERS[who]);
  return createTurbineX({ auth: bearer(token), retryDelay: { baseMs: 1, maxMs: 5 }, ...options });
}

/** Bytes that pass for a ZIP: the `PK\x03\x04` signature, then `content`. */
export function zip(content: string): Uint8Array {
  const body = new TextEncoder().encode(content);
  const out = new Uint8Array(4 + body.length);
  out.set([0x50, 0x4b, 0x03, 0x04]);
  out.set(body, 4);
  return out;
}

export async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export const BASE = "https://api.turbinex.app";
