import { type HttpHandler, http } from "msw";
import type { Address } from "viem";
import type { Eip712PrimaryType } from "../../../exchange/eip712-types.js";
import type { SimDialect } from "../../dialect.js";
import { type guard, handle, type ResolverArgs } from "../../kit/index.js";
import type { SimContext } from "../../provider.js";
import { type EnvelopeCheck, verifyEnvelope } from "../envelopes.js";
import { LOOPBACK_HOST, type Sessions } from "../sessions.js";
import type { ExchangeSimState } from "../state.js";
import { type Obj, readBody } from "../wire.js";

type Resolver = (args: ResolverArgs) => Response | Promise<Response>;

/** What every exchange route is built with (`handlers/index.ts` makes one per base URL). */
export interface ExchangeRoutes {
  readonly state: ExchangeSimState;
  readonly dialect: SimDialect;
  readonly random: () => number;
  readonly sessions: Sessions;
  /** The provider's one auth guard: runs a resolver only for a signed-in session, with its address. */
  readonly signedIn: ReturnType<typeof guard<Address>>;
  now(): number;
  /**
   * The base URL as this request reached it. Served on loopback, the simulator answers under
   * `localhost` as well as `127.0.0.1` (a page on either can log in): `siweUri`, the EIP-712 domain
   * salt and the SIWE URI check follow the name the client used.
   */
  publicBase(request: Request): string;
  /** What an EIP-712 envelope of this request is checked against (`verifyEnvelope`). */
  envelope(
    request: Request,
    primaryType: Eip712PrimaryType,
    message: EnvelopeCheck["message"],
  ): EnvelopeCheck;
  /** The request's body as one EIP-712 envelope, verified (`message` gets the raw body too). */
  signedBody(
    request: Request,
    primaryType: Eip712PrimaryType,
    message: (payload: Obj, raw: string) => Record<string, unknown>,
  ): Promise<{ signer: Address; payload: Obj; raw: string }>;
  /** A route under the base; a thrown `Reject` is answered with its response. */
  get(path: string, resolver: Resolver): HttpHandler;
  post(path: string, resolver: Resolver): HttpHandler;
}

export function exchangeRoutes(
  state: ExchangeSimState,
  sim: Pick<SimContext, "clock" | "random" | "dialect">,
  baseUrl: string,
  auth: Pick<ExchangeRoutes, "sessions" | "signedIn">,
): ExchangeRoutes {
  const base = baseUrl.replace(/\/$/, "");
  const baseAt = new URL(base);
  const route = (method: "get" | "post") => (path: string, resolver: Resolver) =>
    http[method](`${base}${path}`, (args) => handle(() => resolver(args)));
  /** See `ExchangeRoutes.publicBase`. */
  function publicBase(request: Request): string {
    const host = request.headers.get("host");
    if (!host || !LOOPBACK_HOST.test(baseAt.host) || !LOOPBACK_HOST.test(host)) return base;
    if (new URL(`${baseAt.protocol}//${host}`).port !== baseAt.port) return base;
    return `${baseAt.protocol}//${host}${baseAt.pathname.replace(/\/$/, "")}`;
  }
  const envelope: ExchangeRoutes["envelope"] = (request, primaryType, message) => ({
    state,
    nowMs: sim.clock.now(),
    apiBase: publicBase(request),
    primaryType,
    message,
  });
  return {
    state,
    dialect: sim.dialect,
    random: sim.random,
    ...auth,
    now: () => sim.clock.now(),
    publicBase,
    envelope,
    async signedBody(request, primaryType, message) {
      const { raw, body } = await readBody(request);
      const check = envelope(request, primaryType, (payload) => message(payload, raw));
      return { raw, ...(await verifyEnvelope(raw, body, "", check)) };
    },
    get: route("get"),
    post: route("post"),
  };
}
