// TurbineX-specific helpers on the one harness (`useSim("turbinex")` from test/helpers/sim.ts).
import { type DefaultBodyType, type HttpResponseResolver, http as route } from "msw";
import { bearer, jwtSession } from "../../src/auth/index.js";
import { TURBINEX_SIM_PASSWORD, TURBINEX_SIM_USERS } from "../../src/testing/turbinex/index.js";
import type { TurbineXOptions } from "../../src/turbinex/index.js";
import type { SimHarness } from "../helpers/sim.js";

export type Who = keyof typeof TURBINEX_SIM_USERS;
type Harness = SimHarness<"turbinex">;

/** A client logged in (through the real /auth/login) as one of the seeded users. */
export function clientAs(t: Harness, who: Who, options: TurbineXOptions = {}) {
  return t.client({
    auth: jwtSession({ credentials: { email: TURBINEX_SIM_USERS[who], password: TURBINEX_SIM_PASSWORD } }),
    ...options,
  });
}

/** A client with a freshly signed access token for a seeded user (no login round-trip). */
export async function bearerClient(t: Harness, who: Who, options: TurbineXOptions = {}) {
  const token = await t.provider.accessTokenFor(TURBINEX_SIM_USERS[who]);
  return t.client({ auth: bearer(token), ...options });
}

/**
 * Answers `method path` (under the production base URL) with `resolve` instead of the simulator,
 * for answers it never gives (another order, another shape, a fault). Each request is logged in
 * `t.requests` as the simulator would, so tests keep one way to see what was sent.
 */
export function answerInstead(
  t: Harness,
  method: "get" | "post" | "put" | "patch" | "delete",
  path: string,
  resolve: HttpResponseResolver<never, DefaultBodyType>,
  options?: { once?: boolean },
): void {
  t.server.use(
    route[method](
      `${BASE}${path}`,
      async (info) => {
        await t.sim.requests.record(info.request);
        return resolve(info as never);
      },
      options,
    ),
  );
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
