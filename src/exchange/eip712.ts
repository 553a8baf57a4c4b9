import type { Hex, TypedDataDefinition } from "viem";
import { type ApiError, InputValidationError } from "../core/errors.js";
import type { HttpClient, RequestOptions } from "../core/http.js";
import type { Route } from "../core/routes.js";
import type { Schema } from "../core/schema.js";
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

  return {
    async call(route, primaryType, message, payload, schema, options) {
      const config = await deps.config(options);
      if (QUERY_TYPES.has(primaryType)) {
        // Every attempt (first, retry, replay) signs a fresh envelope: a query's nonce is spent
        // once the server reads it, so the identical body would be refused.
        const perAttemptJson = async () => ({ payload, auth: await sign(config, primaryType, message) });
        return deps.http.json(route, { perAttemptJson, schema, auth: false, options });
      }
      const body = { payload, auth: await sign(config, primaryType, message) };
      return deps.http.json(route, { json: body, schema, auth: false, options });
    },
    async callMany(route, primaryType, items, schema, options) {
      const config = await deps.config(options);
      const body: { payload: unknown; auth: EnvelopeAuth }[] = [];
      for (const item of items)
        body.push({ payload: item.payload, auth: await sign(config, primaryType, item.message) });
      return deps.http.json(route, { json: body, schema, auth: false, options });
    },
  };
}

/**
 * The exchange's own proof that it did nothing with a request: 409 NONCE_ALREADY_USED on a signed
 * envelope can be a transient race (a failed request releases its nonce). A write goes once more
 * with the identical body; a query once more under a fresh envelope (`ProviderConfig.replayOnce`).
 */
export function isUsedEnvelopeNonce(error: ApiError): boolean {
  return error.status === 409 && error.code === "NONCE_ALREADY_USED" && error.url.includes("/eip712/");
}
