import type { Address } from "viem";
import { missingAuth, none } from "../auth/none.js";
import type { AuthStrategy } from "../auth/types.js";
import { optionalOneOf, requireInt, requireOneOf } from "../core/args.js";
import { type ClientCore, type CoreInternals, defineCore } from "../core/client.js";
import { withEnvDefaults } from "../core/env.js";
import { InputValidationError } from "../core/errors.js";
import { type ClientOptions, HttpClient, type RequestOptions } from "../core/http.js";
import type { Route } from "../core/routes.js";
import type { Schema } from "../core/schema.js";
import {
  checkConfig,
  DEFAULT_BASE_URL,
  DEFAULT_PINS,
  DEFAULT_SIWE_DOMAIN,
  type ExchangePins,
} from "./config.js";
import { createEnvelopes, type Eip712Envelopes, isUsedEnvelopeNonce } from "./eip712.js";
import type { Eip712PrimaryType } from "./eip712-types.js";
import { mapError } from "./errors.js";
import { type Permit2NonceAllocator, permit2NonceAllocator } from "./permit2-allocation.js";
import type { Permit2NonceSource } from "./permit2-nonce.js";
import { routes } from "./routes.js";
import { configSchema, type ExchangeConfig } from "./schemas.js";
import { type ExchangeSigner, type SignerInput, toSigner } from "./signer.js";
import { siweLogin } from "./siwe-login.js";
import { BIND_SIWE, isSiweSession, siweSession } from "./siwe-session.js";

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

/** The client core (`createTurbineExchangeCore`): what every standalone operation takes. */
export interface TurbineExchangeCore extends ClientCore {
  /** `session` (SIWE cookie) or `eip712` (every call signed, no session). */
  readonly mode: "session" | "eip712";
  /** The signer's address, when the client has a signer. */
  readonly address: Address | undefined;
}

/** One write, in both of the API's forms; the client's mode picks which is sent. */
export interface ModeCall<T> {
  schema: Schema<T>;
  options: RequestOptions;
  /** Cookie session: `json` posted to `route`. */
  session: { route: Route; json: unknown };
  /** Stateless: `payload` posted with an envelope that signs `message` as `primaryType`. */
  eip712: {
    route: Route;
    primaryType: Eip712PrimaryType;
    message: Record<string, unknown>;
    payload: unknown;
  };
}

/** What the exchange's operations share behind one client core. */
export interface ExchangeInternals extends CoreInternals {
  /** The options the client was made with (`withOptions` starts from them). */
  readonly options: TurbineExchangeOptions;
  readonly auth: AuthStrategy;
  readonly mode: "session" | "eip712";
  readonly chainId: number;
  /** Epoch milliseconds. */
  now(): number;
  /** `/config`, validated against the pins (cached); `refresh: true` re-reads it. */
  config(options?: RequestOptions & { refresh?: boolean }): Promise<ExchangeConfig>;
  /** The signer, or an InputValidationError when the client has none. */
  signer(): ExchangeSigner;
  /** The signer when there is one. */
  maybeSigner(): ExchangeSigner | undefined;
  readonly permit2Nonces: Permit2NonceAllocator;
  /** EIP-712 mode only. */
  readonly envelopes: Eip712Envelopes | undefined;
  /** Posts a write in the client's mode: the session form, or the signed EIP-712 envelope. */
  send<T>(call: ModeCall<T>): Promise<T>;
}

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

function pinsOf(given: Partial<ExchangePins> | undefined): ExchangePins {
  const pins: ExchangePins = { ...DEFAULT_PINS };
  for (const [key, value] of Object.entries(given ?? {}) as [keyof ExchangePins, unknown][]) {
    if (value === undefined) continue;
    if (!(key in DEFAULT_PINS)) throw new InputValidationError(`pins.${key}`, "is not a known pin");
    if (typeof value !== "string" || !ADDRESS.test(value)) {
      throw new InputValidationError(`pins.${key}`, "must be a 0x-prefixed 20-byte address");
    }
    pins[key] = value;
  }
  return pins;
}

/** Stateful pieces a `withOptions` client keeps from the client it was made from. */
interface Inherited {
  auth?: AuthStrategy;
  permit2Nonces?: Permit2NonceAllocator;
}

export function buildInternals(
  options: TurbineExchangeOptions,
  inherited: Inherited = {},
): ExchangeInternals {
  const mode = requireOneOf(options.mode ?? "session", "mode", ["session", "eip712"] as const);
  const chainId = requireInt(options.chainId ?? 1, "chainId", 1, Number.MAX_SAFE_INTEGER);
  const pins = pinsOf(options.pins);
  const now = options.now ?? Date.now;
  const siweDomain = options.siweDomain ?? DEFAULT_SIWE_DOMAIN;
  if (typeof siweDomain !== "string" || !/^[a-z0-9.-]+(:\d+)?$/i.test(siweDomain))
    throw new InputValidationError("siweDomain", "must be a host name (with an optional port)");
  const allocation =
    optionalOneOf(options.permit2NonceAllocation, "permit2NonceAllocation", [
      "current",
      "sequential",
    ] as const) ?? "current";

  let signer: ExchangeSigner | undefined = options.signer ? toSigner(options.signer) : undefined;
  let auth: AuthStrategy;
  if (mode === "eip712") {
    if (!signer) throw new InputValidationError("signer", "EIP-712 mode signs every call: pass a signer");
    auth = none();
  } else if (options.auth ?? inherited.auth) {
    auth = (options.auth ?? inherited.auth) as AuthStrategy;
    if (isSiweSession(auth)) signer ??= auth.signer;
  } else if (signer) {
    auth = siweSession(signer, { now });
  } else {
    auth = missingAuth("pass signer (a viem Account or WalletClient) or auth: siweSession(signer)");
  }
  if (isSiweSession(auth) && signer && auth.address !== signer.address) {
    throw new InputValidationError("signer", "differs from the siweSession's signer");
  }
  const requireSigner = (): ExchangeSigner => {
    if (!signer)
      throw new InputValidationError(
        "signer",
        "this call signs: pass signer (a viem Account or WalletClient)",
      );
    return signer;
  };

  const http = new HttpClient(
    {
      name: "Turbine Exchange",
      defaultBaseUrl: DEFAULT_BASE_URL,
      auth,
      mapError,
      replayOnce: isUsedEnvelopeNonce,
    },
    withEnvDefaults(options, "TURBINE_EXCHANGE_BASE_URL"),
  );

  let configPromise: Promise<ExchangeConfig> | undefined;
  function config(opts: RequestOptions & { refresh?: boolean } = {}): Promise<ExchangeConfig> {
    if (opts.refresh) configPromise = undefined;
    configPromise ??= (async () => {
      const value = await http.json(routes.config.get, {
        schema: configSchema(),
        auth: false,
        options: opts,
      });
      checkConfig(value, { pins, baseUrl: http.baseUrl, mode, chainId, siweDomain });
      return value;
    })().catch((error: unknown) => {
      configPromise = undefined;
      throw error;
    });
    return configPromise;
  }

  const envelopes =
    mode === "eip712" ? createEnvelopes({ http, config, signer: requireSigner, now }) : undefined;
  if (isSiweSession(auth)) {
    const deps = { http, config, chainId, now };
    auth[BIND_SIWE]({ login: (who, jar, opts) => siweLogin(deps, who, jar, opts), baseUrl: http.baseUrl });
  }

  return {
    http,
    options,
    auth,
    mode,
    chainId,
    now,
    config,
    signer: requireSigner,
    maybeSigner: () => signer,
    permit2Nonces:
      inherited.permit2Nonces ??
      permit2NonceAllocator({
        allocation,
        source: options.permit2Nonce ?? (() => 0n),
        chainId,
        owner: () => requireSigner().address,
      }),
    envelopes,
    send({ schema, options: opts, session, eip712 }) {
      return envelopes
        ? envelopes.call(eip712.route, eip712.primaryType, eip712.message, eip712.payload, schema, opts)
        : http.json(session.route, { json: session.json, schema, options: opts });
    },
  };
}

export function coreOf(inner: ExchangeInternals): TurbineExchangeCore {
  const core = defineCore(inner);
  return Object.defineProperties(core, {
    mode: { value: inner.mode, enumerable: true },
    address: { value: inner.maybeSigner()?.address, enumerable: true },
  }) as TurbineExchangeCore;
}

/**
 * The client core alone: what the standalone operations (`submitOrder(core, intent)`…) take, for
 * an app that bundles only the calls it makes. Same options and checks as `createTurbineExchange`.
 */
export function createTurbineExchangeCore(options: TurbineExchangeOptions = {}): TurbineExchangeCore {
  return coreOf(buildInternals(options));
}
