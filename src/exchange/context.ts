import type { Address } from "viem";
import type { HttpClient, RequestOptions } from "../core/http.js";
import type { Route } from "../core/routes.js";
import type { Schema } from "../core/schema.js";
import type { Eip712Envelopes } from "./eip712.js";
import type { Eip712PrimaryType } from "./eip712-types.js";
import type { ExchangeConfig } from "./schemas.js";
import type { ExchangeSigner } from "./signer.js";

/** What the resources share inside one client. */
export interface ExchangeContext {
  readonly http: HttpClient;
  readonly mode: "session" | "eip712";
  readonly chainId: number;
  /** Epoch milliseconds. */
  now(): number;
  /** `/config`, validated against the pins (cached). */
  config(options?: RequestOptions): Promise<ExchangeConfig>;
  /** The signer, or an InputValidationError when the client has none. */
  signer(): ExchangeSigner;
  /** The signer when there is one. */
  maybeSigner(): ExchangeSigner | undefined;
  /** The Permit2 allowance nonce to sign for a token and spender (per the client's allocation policy). */
  allocatePermit2Nonce(token: Address, spender: Address): Promise<bigint>;
  /** Gives back a nonce that was never used (the submit failed), when it is the latest one. */
  releasePermit2Nonce(token: Address, nonce: bigint): void;
  /** EIP-712 mode only. */
  readonly envelopes: Eip712Envelopes | undefined;
  /** Posts a write in the client's mode: the session form, or the signed EIP-712 envelope. */
  send<T>(call: ModeCall<T>): Promise<T>;
}

/** One write, in both of the API's forms; the client's mode picks which is sent. */
export interface ModeCall<T> {
  schema: Schema<T>;
  options?: RequestOptions | undefined;
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
