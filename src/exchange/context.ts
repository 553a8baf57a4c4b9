import type { Address } from "viem";
import type { HttpClient, RequestOptions } from "../core/http.js";
import type { Eip712Envelopes } from "./eip712.js";
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
  /** Next Permit2 allowance nonce for a token (distinct within this client). */
  allocatePermit2Nonce(token: Address): Promise<bigint>;
  /** Gives back a nonce that was never used (the submit failed), when it is the latest one. */
  releasePermit2Nonce(token: Address, nonce: bigint): void;
  /** EIP-712 mode only. */
  readonly envelopes: Eip712Envelopes | undefined;
}
