import type { Hex, TypedDataDefinition } from "viem";
import {
  AbortedError,
  ApiError,
  ConflictError,
  ConnectionError,
  InputValidationError,
  TimeoutError,
} from "../core/errors.js";
import type { ClientOptions, HttpClient, RequestOptions } from "../core/http.js";
import { backoffMs, DEFAULT_DELAYS, DEFAULT_MAX_RETRIES, RETRY_STATUSES } from "../core/retry.js";
import type { Route } from "../core/routes.js";
import type { Schema } from "../core/schema.js";
import { sleep } from "../core/sleep.js";
import { EIP712_TYPES, type Eip712PrimaryType } from "./eip712-types.js";
import { permitSignatureForm, randomNonce } from "./permit2.js";
import type { ExchangeConfig } from "./schemas.js";
import type { ExchangeSigner } from "./signer.js";

/** Default signature lifetime when `/config` does not say (seconds). */
export const DEFAULT_SIGNATURE_LIFETIME_S = 60;
/** Margin taken off the lifetime: the server allows zero clock skew. */
export const DEADLINE_MARGIN_S = 5;

export interface EnvelopeAuth {
  signer: string;
  /** Fresh u64 as a decimal string. */
  nonce: string;
  deadline: number;
  signature: { r: Hex; s: Hex; yParity: boolean };
}

/** Signed read-only queries: retried after a transient failure, each time under a fresh nonce. */
const QUERY_TYPES: ReadonlySet<Eip712PrimaryType> = new Set(["QueryOrders", "QueryLiquidityIntents"]);

/** The client's retry settings, for the queries this module retries itself. */
export type EnvelopeRetry = Pick<ClientOptions, "maxRetries" | "retryDelay" | "totalTimeoutMs">;

export interface Eip712Envelopes {
  /**
   * Signs `message` (plus nonce and deadline) as `primaryType`, posts `{payload, auth}` and reads
   * the answer. A write's 409 NONCE_ALREADY_USED is replayed once with the identical body; a query
   * is sent again after a transient failure under a fresh nonce and signature.
   */
  call<T>(
    route: Route,
    primaryType: Eip712PrimaryType,
    message: Record<string, unknown>,
    payload: unknown,
    schema: Schema<T>,
    options?: RequestOptions,
  ): Promise<T>;
  /**
   * A batch write (`eip712/add_orders`): one envelope per item, each with its own nonce, posted as
   * a bare JSON array (the API has no batch type). A 409 NONCE_ALREADY_USED is replayed once with
   * the identical body.
   */
  callMany<T>(
    route: Route,
    primaryType: Eip712PrimaryType,
    items: { message: Record<string, unknown>; payload: unknown }[],
    schema: Schema<T>,
    options?: RequestOptions,
  ): Promise<T>;
}

export function createEnvelopes(deps: {
  http: HttpClient;
  config: (options?: RequestOptions) => Promise<ExchangeConfig>;
  signer: () => ExchangeSigner;
  now: () => number;
  retry: EnvelopeRetry;
}): Eip712Envelopes {
  async function sign(
    config: ExchangeConfig,
    primaryType: Eip712PrimaryType,
    message: Record<string, unknown>,
  ): Promise<EnvelopeAuth> {
    const domain = config.eip712Domain;
    if (!domain) throw new InputValidationError("mode", "the server's /config has no eip712Domain");
    const signer = deps.signer();
    const nonce = randomNonce(8);
    const lifetime = config.maxSignatureLifetimeS ?? DEFAULT_SIGNATURE_LIFETIME_S;
    const deadline = Math.floor(deps.now() / 1000) + lifetime - DEADLINE_MARGIN_S;
    const definition = {
      domain: {
        name: domain.name,
        version: domain.version,
        chainId: domain.chainId,
        verifyingContract: domain.verifyingContract as Hex,
        salt: domain.salt as Hex,
      },
      types: EIP712_TYPES[primaryType],
      primaryType,
      message: { ...message, nonce, deadline: BigInt(deadline) },
    } as unknown as TypedDataDefinition;
    const { r, s, yParity } = permitSignatureForm(await signer.signTypedData(definition));
    return { signer: signer.address, nonce: nonce.toString(10), deadline, signature: { r, s, yParity } };
  }

  // The server spends an envelope's nonce once it reads it, so a query whose answer was lost gets
  // 409 NONCE_ALREADY_USED if the identical body is sent again (which the HTTP layer would do: the
  // routes are not marked idempotent for that reason). Each retry is signed afresh instead.
  async function query<T>(
    config: ExchangeConfig,
    route: Route,
    primaryType: Eip712PrimaryType,
    message: Record<string, unknown>,
    payload: unknown,
    schema: Schema<T>,
    options: RequestOptions | undefined,
  ): Promise<T> {
    const maxRetries = options?.maxRetries ?? deps.retry.maxRetries ?? DEFAULT_MAX_RETRIES;
    const total = options?.totalTimeoutMs ?? deps.retry.totalTimeoutMs;
    const endsAt = total === undefined ? undefined : Date.now() + total;
    // The call's deadline covers every attempt and the waits between them.
    const left = () => (endsAt === undefined ? Number.POSITIVE_INFINITY : endsAt - Date.now());
    for (let retry = 0; ; retry++) {
      const attempt = endsAt === undefined ? options : { ...options, totalTimeoutMs: Math.max(1, left()) };
      const body = { payload, auth: await sign(config, primaryType, message) };
      try {
        return await deps.http.json(route, { json: body, schema, auth: false, options: attempt });
      } catch (error) {
        const wait = retryDelayMs(error, retry + 1, deps.retry.retryDelay);
        if (retry >= maxRetries || wait === undefined || left() <= wait) throw error;
        try {
          await sleep(wait, options?.signal);
        } catch (reason) {
          throw new AbortedError(`${primaryType} query was aborted`, { cause: reason });
        }
      }
    }
  }

  return {
    async call(route, primaryType, message, payload, schema, options) {
      const config = await deps.config(options);
      if (QUERY_TYPES.has(primaryType)) {
        return query(config, route, primaryType, message, payload, schema, options);
      }
      const body = { payload, auth: await sign(config, primaryType, message) };
      return sendWrite(route, body, schema, options);
    },
    async callMany(route, primaryType, items, schema, options) {
      const config = await deps.config(options);
      const body: { payload: unknown; auth: EnvelopeAuth }[] = [];
      for (const item of items)
        body.push({ payload: item.payload, auth: await sign(config, primaryType, item.message) });
      return sendWrite(route, body, schema, options);
    },
  };

  // A write is never replayed blindly; the one exception is the API's own: NONCE_ALREADY_USED can
  // be a transient race (a failed request releases its nonce), so the identical body goes once more.
  async function sendWrite<T>(route: Route, body: unknown, schema: Schema<T>, options?: RequestOptions) {
    const send = () => deps.http.json(route, { json: body, schema, auth: false, options });
    try {
      return await send();
    } catch (error) {
      if (error instanceof ConflictError && error.code === "NONCE_ALREADY_USED") return send();
      throw error;
    }
  }
}

/**
 * How long to wait before retry `retry` (1-based) of a signed query, or undefined when the error
 * is not transient (the core's retry statuses, a used nonce, a dropped connection or a timed-out
 * attempt). The delay is the server's Retry-After (capped), else the core's backoff.
 */
function retryDelayMs(
  error: unknown,
  retry: number,
  delays: EnvelopeRetry["retryDelay"] = {},
): number | undefined {
  const usedNonce = error instanceof ConflictError && error.code === "NONCE_ALREADY_USED";
  const transient =
    usedNonce ||
    (error instanceof ApiError && RETRY_STATUSES.includes(error.status)) ||
    error instanceof ConnectionError ||
    error instanceof TimeoutError;
  if (!transient) return undefined;
  const asked = error instanceof ApiError ? error.rateLimit?.retryAfterMs : undefined;
  if (asked !== undefined) return Math.min(asked, delays.maxRetryAfterMs ?? DEFAULT_DELAYS.maxRetryAfterMs);
  return backoffMs(retry, delays);
}
