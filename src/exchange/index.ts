/**
 * `turbokit/exchange`: the Turbine Exchange client — pinned `/config`, SIWE cookie session (or the
 * stateless EIP-712 mode), orders with Permit2, spread curves, fees and liquidity.
 */
import type { Address } from "viem";
import { createSiweMessage } from "viem/siwe";
import { missingAuth, none } from "../auth/none.js";
import type { AuthStrategy } from "../auth/types.js";
import { withEnvDefaults } from "../core/env.js";
import { InputValidationError } from "../core/errors.js";
import { type ClientOptions, HttpClient, type RequestOptions } from "../core/http.js";
import { parseJson } from "../core/json.js";
import { parseResponse } from "../core/schema.js";
import {
  checkConfig,
  DEFAULT_BASE_URL,
  DEFAULT_PINS,
  DEFAULT_SIWE_DOMAIN,
  type ExchangePins,
  PERMIT2_ADDRESS,
} from "./config.js";
import type { ExchangeContext } from "./context.js";
import type { SessionCookieJar } from "./cookie.js";
import { createEnvelopes, isUsedEnvelopeNonce } from "./eip712.js";
import { mapExchangeError } from "./errors.js";
import { createLiquidity, type LiquidityResource } from "./liquidity.js";
import { createOrders, type OrdersResource } from "./orders.js";
import { MAX_UINT48, verifySignatureForm } from "./permit2.js";
import type { Permit2NonceSource } from "./permit2-nonce.js";
import { routes } from "./routes.js";
import { configSchema, type ExchangeConfig, type MeResponse, meSchema, stringSchema } from "./schemas.js";
import { type ExchangeSigner, type SignerInput, toSigner } from "./signer.js";
import { BIND_SIWE, isSiweSession, siweSession } from "./siwe-session.js";
import { spreadCurve } from "./spread-curve.js";

/** The statement line of the SIWE (EIP-4361) message the wallet signs to log in. */
export const SIWE_STATEMENT = "Sign in to Turbine with your Ethereum wallet";

/** Options of `createTurbineExchange`: every core client option, plus signer, mode and pins. */
export interface TurbineExchangeOptions extends ClientOptions {
  /** `"session"` (SIWE cookie, default) or `"eip712"` (every call carries a signed envelope). */
  mode?: "session" | "eip712";
  /**
   * The wallet: a viem `LocalAccount` (`privateKeyToAccount`) or a `WalletClient` with an account.
   * In session mode it also becomes the default auth (`siweSession(signer)`).
   */
  signer?: SignerInput;
  /** Contract addresses `/config` must match (defaults: the production values). */
  pins?: Partial<ExchangePins>;
  /** The domain SIWE logins are signed for; `/config` must name it (default `app.turbine.exchange`). */
  siweDomain?: string;
  /** Chain id for signatures (default 1, Ethereum mainnet). */
  chainId?: number;
  /**
   * The owner's current Permit2 allowance nonce for (token, settler): `permit2NonceFromChain(publicClient)`
   * reads it on chain. Default `() => 0n` (a wallet that never used Permit2 with the settler).
   */
  permit2Nonce?: Permit2NonceSource;
  /**
   * How permits of several open orders for one sell token get their Permit2 allowance nonce.
   * `"current"` (default, what the official client does): every permit carries the nonce
   * `permit2Nonce` reports now, so open orders of one token share it. `"sequential"`: the client
   * hands out max(reported, last + 1), i.e. n, n+1, … — RISK: a permit whose nonce is ahead of the
   * chain only becomes valid once every earlier one is used; if an earlier order is canceled or
   * expires unfilled, its nonce is never consumed and the later permits never become valid.
   */
  permit2NonceAllocation?: "current" | "sequential";
  /** Clock in epoch ms (tests, simulators). Default `Date.now`. */
  now?: () => number;
}

/** A Turbine Exchange client (see `createTurbineExchange`). */
export interface TurbineExchange {
  /** The API base URL this client talks to. */
  readonly baseUrl: string;
  /** `session` (SIWE cookie) or `eip712` (every call signed, no session). */
  readonly mode: "session" | "eip712";
  /** The signer's address, when the client has a signer. */
  readonly address: Address | undefined;
  /** Health check: the server's text ("OK from Turbine"). */
  status(options?: RequestOptions): Promise<string>;
  /** `/config`, validated against the pins once and cached; `refresh: true` re-reads it. */
  config(options?: RequestOptions & { refresh?: boolean }): Promise<ExchangeConfig>;
  /** Log in now (SIWE). Normally implicit on the first authenticated call. */
  login(options?: RequestOptions): Promise<void>;
  /** The signed-in address (logs in first when needed). */
  me(options?: RequestOptions): Promise<MeResponse>;
  /** End the SIWE session on the server and forget it locally. */
  logout(options?: RequestOptions): Promise<void>;
  /** Orders: build, sign and submit, cancel, states, list, wait, fee quotes. */
  readonly orders: OrdersResource;
  /** Liquidity intents (Permit2-signed adds and removes). */
  readonly liquidity: LiquidityResource;
  /** Spread-curve builders and checks (the same as the `spreadCurve` export). */
  readonly spreadCurve: typeof spreadCurve;
}

/**
 * A Turbine Exchange client. `/config` is read once and checked against the pinned contract addresses
 * before anything is signed; with a `signer`, authenticated calls log in with SIWE on first use (or sign
 * each call in `eip712` mode). Needs `viem`.
 */
export function createTurbineExchange(options: TurbineExchangeOptions = {}): TurbineExchange {
  const mode = options.mode ?? "session";
  if (mode !== "session" && mode !== "eip712")
    throw new InputValidationError("mode", 'must be "session" or "eip712"');
  const chainId = options.chainId ?? 1;
  if (!Number.isSafeInteger(chainId) || chainId <= 0)
    throw new InputValidationError("chainId", "must be a positive integer");
  const pins: ExchangePins = { ...DEFAULT_PINS };
  for (const [key, value] of Object.entries(options.pins ?? {}) as [keyof ExchangePins, unknown][]) {
    if (value === undefined) continue;
    if (!(key in DEFAULT_PINS)) throw new InputValidationError(`pins.${key}`, "is not a known pin");
    if (typeof value !== "string" || !/^0x[0-9a-fA-F]{40}$/.test(value)) {
      throw new InputValidationError(`pins.${key}`, "must be a 0x-prefixed 20-byte address");
    }
    pins[key] = value;
  }
  const now = options.now ?? Date.now;
  const siweDomain = options.siweDomain ?? DEFAULT_SIWE_DOMAIN;
  if (typeof siweDomain !== "string" || !/^[a-z0-9.-]+(:\d+)?$/i.test(siweDomain))
    throw new InputValidationError("siweDomain", "must be a host name (with an optional port)");

  let signer: ExchangeSigner | undefined = options.signer ? toSigner(options.signer) : undefined;
  let auth: AuthStrategy;
  if (mode === "eip712") {
    if (!signer) throw new InputValidationError("signer", "EIP-712 mode signs every call: pass a signer");
    auth = none();
  } else if (options.auth) {
    auth = options.auth;
    if (isSiweSession(auth)) signer ??= auth.signer;
  } else if (signer) {
    auth = siweSession(signer, { now });
  } else {
    auth = missingAuth("pass signer (a viem Account or WalletClient) or auth: siweSession(signer)");
  }
  if (isSiweSession(auth) && signer && auth.address !== signer.address) {
    throw new InputValidationError("signer", "differs from the siweSession's signer");
  }

  const http = new HttpClient(
    {
      name: "Turbine Exchange",
      defaultBaseUrl: DEFAULT_BASE_URL,
      auth,
      mapError: mapExchangeError,
      replayOnce: isUsedEnvelopeNonce,
    },
    withEnvDefaults(options, "TURBINE_EXCHANGE_BASE_URL"),
  );

  let configPromise: Promise<ExchangeConfig> | undefined;
  function config(opts: RequestOptions & { refresh?: boolean } = {}): Promise<ExchangeConfig> {
    if (opts.refresh) configPromise = undefined;
    configPromise ??= (async () => {
      const value = await http.json(routes.config, { schema: configSchema(), auth: false, options: opts });
      checkConfig(value, { pins, baseUrl: http.baseUrl, mode, chainId, siweDomain });
      return value;
    })().catch((error: unknown) => {
      configPromise = undefined;
      throw error;
    });
    return configPromise;
  }

  const requireSigner = (): ExchangeSigner => {
    if (!signer)
      throw new InputValidationError(
        "signer",
        "this call signs: pass signer (a viem Account or WalletClient)",
      );
    return signer;
  };

  const allocation = options.permit2NonceAllocation ?? "current";
  if (allocation !== "current" && allocation !== "sequential") {
    throw new InputValidationError("permit2NonceAllocation", 'must be "current" or "sequential"');
  }
  // Permit2 allowance nonces: the reported one, or (sequential) never the same one twice per token.
  const nextNonce = new Map<string, bigint>();
  const nonceLocks = new Map<string, Promise<unknown>>();
  const permit2Nonce = options.permit2Nonce ?? (() => 0n);
  function allocatePermit2Nonce(token: Address, spender: Address): Promise<bigint> {
    const key = token.toLowerCase();
    const owner = requireSigner().address;
    const run = (nonceLocks.get(key) ?? Promise.resolve()).then(async () => {
      const base = await permit2Nonce(token, { owner, spender, permit2: PERMIT2_ADDRESS, chainId });
      if (typeof base !== "bigint" || base < 0n) {
        throw new InputValidationError("permit2Nonce", "must return a non-negative bigint");
      }
      const local = allocation === "sequential" ? (nextNonce.get(key) ?? 0n) : 0n;
      const nonce = base > local ? base : local;
      if (nonce > MAX_UINT48) throw new InputValidationError("permit2Nonce", "exceeds uint48");
      if (allocation === "sequential") nextNonce.set(key, nonce + 1n);
      return nonce;
    });
    nonceLocks.set(
      key,
      run.catch(() => undefined),
    );
    return run;
  }
  function releasePermit2Nonce(token: Address, nonce: bigint): void {
    const key = token.toLowerCase();
    if (allocation === "sequential" && nextNonce.get(key) === nonce + 1n) nextNonce.set(key, nonce);
  }

  const envelopes =
    mode === "eip712"
      ? createEnvelopes({
          http,
          config,
          signer: requireSigner,
          now,
        })
      : undefined;
  const ctx: ExchangeContext = {
    http,
    mode,
    chainId,
    now,
    config: (opts) => config(opts),
    signer: requireSigner,
    maybeSigner: () => signer,
    allocatePermit2Nonce,
    releasePermit2Nonce,
    envelopes,
    send({ schema, options, session, eip712 }) {
      return envelopes
        ? envelopes.call(eip712.route, eip712.primaryType, eip712.message, eip712.payload, schema, options)
        : http.json(session.route, { json: session.json, schema, options });
    },
  };

  // SIWE: /nonce → EIP-4361 message → personal_sign → /verify, cookies captured by the strategy.
  async function siweLogin(
    who: ExchangeSigner,
    jar: SessionCookieJar,
    bound: { signal?: AbortSignal } = {},
  ): Promise<void> {
    const options = { signal: bound.signal };
    const cfg = await config(options);
    const nonceUrl = `${http.baseUrl}/nonce`;
    const nonceResponse = await http.stream(routes.nonce, { auth: false, options });
    jar.capture(nonceResponse, nonceUrl);
    const nonceText = await nonceResponse.text();
    let nonceValue: unknown;
    try {
      nonceValue = parseJson(nonceText);
    } catch {
      nonceValue = nonceText;
    }
    const nonce = parseResponse(stringSchema(), nonceValue, "Turbine Exchange POST /nonce");
    const message = createSiweMessage({
      domain: cfg.siweDomain,
      address: who.address,
      statement: SIWE_STATEMENT,
      uri: cfg.siweUri,
      version: "1",
      chainId,
      nonce,
      issuedAt: new Date(now()),
    });
    const signature = verifySignatureForm(await who.signMessage(message));
    const verifyUrl = `${http.baseUrl}/verify`;
    const cookie = jar.header(verifyUrl);
    const verified = await http.stream(routes.verify, {
      auth: false,
      json: { message, signature },
      headers: cookie ? { Cookie: cookie } : undefined,
      options,
    });
    jar.capture(verified, verifyUrl);
    await verified.body?.cancel();
  }
  if (isSiweSession(auth)) auth[BIND_SIWE]({ login: siweLogin, baseUrl: http.baseUrl });

  const sessionOnly = (what: string) => {
    if (mode === "eip712")
      throw new InputValidationError("mode", `${what} is a session-mode call (no session in eip712 mode)`);
  };

  return {
    baseUrl: http.baseUrl,
    mode,
    address: signer?.address,
    status: (opts) => http.text(routes.status, { auth: false, options: opts }),
    config,
    async login() {
      sessionOnly("login");
      if (!isSiweSession(auth)) throw new InputValidationError("auth", "login() needs a siweSession");
      await auth.login();
    },
    async me(opts) {
      sessionOnly("me");
      return http.json(routes.me, { schema: meSchema(), options: opts });
    },
    async logout(opts) {
      sessionOnly("logout");
      if (isSiweSession(auth) && !auth.isLoggedIn()) return;
      try {
        await http.void(routes.logout, { options: opts });
      } finally {
        if (isSiweSession(auth)) auth.clear();
      }
    },
    orders: createOrders(ctx),
    liquidity: createLiquidity(ctx),
    spreadCurve,
  };
}

export {
  DEFAULT_BASE_URL,
  DEFAULT_PINS,
  DEFAULT_SIWE_DOMAIN,
  domainSalt,
  type ExchangePins,
  PERMIT2_ADDRESS,
} from "./config.js";
export { MinimumOrderSizeError } from "./errors.js";
export type { BuildOrderInput, OrderIntent, TimeInput } from "./intent.js";
export type { AddLiquidityInput, LiquidityResource, RemoveLiquidityInput } from "./liquidity.js";
export {
  FINAL_ORDER_STATUSES,
  isFinalOrderStatus,
  type ListOrdersParams,
  type OrderAnnotations,
  type OrdersResource,
  PENDING_ORDER_STATUSES,
  type SubmitManyOptions,
  type SubmitOptions,
  type SubmittedOrder,
  type WaitForOrderOptions,
} from "./orders.js";
export { MAX_UINT160 } from "./permit2.js";
export {
  type Permit2NonceContext,
  type Permit2NonceSource,
  permit2NonceFromChain,
} from "./permit2-nonce.js";
export type { SubmitAccepted, SubmitDropped, SubmitManyResult, SubmitUnknown } from "./reconcile.js";
export type {
  Eip712Domain,
  ExchangeConfig,
  ExchangeToken,
  Execution,
  Fraction,
  LiquidityIntentState,
  LiquidityIntentStatus,
  ListedOrder,
  MeResponse,
  OrderDetails,
  OrderState,
  OrderStatus,
  OrdersPage,
  ResolvedSpreadCurve,
} from "./schemas.js";
export type { ExchangeSigner, SignerInput } from "./signer.js";
export { type SiweSession, type SiweSessionOptions, siweSession } from "./siwe-session.js";
export {
  type AutoSpreadOptions,
  type BuiltSpreadCurve,
  type CurveWindow,
  type DurationSpreadOptions,
  MAX_SPREAD_CURVE_POINTS,
  type SpreadComponents,
  type SpreadCurve,
  type SpreadCurveChart,
  type SpreadPoint,
  spreadCurve,
  type TimeSpreadCurve,
} from "./spread-curve.js";
