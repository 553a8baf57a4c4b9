import type { Address } from "viem";
import type { SimContext } from "../provider.js";
import { randomHex } from "../random.js";
import { refusal } from "./errors.js";
import type { ExchangeSimState, SimSession } from "./state.js";

/** Loopback hosts: served there, the simulator answers under any of these names. */
export const LOOPBACK_HOST = /^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/i;

/** SIWE cookie sessions (`id=…`): opened by `/nonce`, signed in by `/verify`, expiring on the clock. */
export interface Sessions {
  /** The session of the request's cookie, if it exists and has not expired. */
  current(request: Request): SimSession | undefined;
  /** A new session with no address yet. */
  open(): SimSession;
  /** Forget the request's session (logout). */
  close(request: Request): void;
  /** The `Set-Cookie` value that hands a session to the client. */
  cookie(id: string): string;
  /** The signed-in address of the request's session, or the API's 401 (the auth guard's check). */
  authenticate(request: Request): Address | Response;
}

export function createSessions(
  state: ExchangeSimState,
  sim: Pick<SimContext, "clock" | "random">,
  baseUrl: string,
): Sessions {
  const baseAt = new URL(baseUrl);
  const cookieId = (request: Request): string | undefined => {
    for (const part of (request.headers.get("cookie") ?? "").split(";")) {
      const [k, ...v] = part.trim().split("=");
      if (k === "id") return v.join("=");
    }
    return undefined;
  };
  const current = (request: Request) => {
    const id = cookieId(request);
    const s = id ? state.sessions.get(id) : undefined;
    if (s && s.expiresAt <= sim.clock.now()) {
      state.sessions.delete(s.id);
      return undefined;
    }
    return s;
  };
  return {
    current,
    open() {
      const s: SimSession = {
        id: randomHex(sim.random, 24),
        nonce: undefined,
        address: undefined,
        expiresAt: sim.clock.now() + state.options.sessionTtlMs,
      };
      state.sessions.set(s.id, s);
      return s;
    },
    close(request) {
      const id = cookieId(request);
      if (id) state.sessions.delete(id);
    },
    /**
     * Over https or on loopback the cookie is `SameSite=None; Secure`, so a page on `localhost` can
     * log in to a simulator on `127.0.0.1` (another site to the browser) with `credentials:
     * "include"`; browsers accept Secure cookies from loopback over plain http.
     */
    cookie(id) {
      const maxAge = Math.floor(state.options.sessionTtlMs / 1000);
      const crossSite = baseAt.protocol === "https:" || LOOPBACK_HOST.test(baseAt.host);
      return `id=${id}; Path=/; HttpOnly; ${crossSite ? "Secure; SameSite=None" : "SameSite=Lax"}; Max-Age=${maxAge}`;
    },
    authenticate(request) {
      const address = current(request)?.address;
      return address ?? refusal(401, "USER_NOT_AUTHORIZED", "User is not authorized").response;
    },
  };
}
