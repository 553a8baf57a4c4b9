import { type Address, getAddress } from "viem";
import { domainSalt } from "../../exchange/config.js";
import { EIP712_TYPES, type Eip712PrimaryType } from "../../exchange/eip712-types.js";
import { invalidInput, refusal } from "./errors.js";
import type { ParsedOrder } from "./order-input.js";
import { readBoolSig, recoverSigner } from "./signatures.js";
import { clientLagS, type ExchangeSimState } from "./state.js";
import { deserError, type Obj, obj } from "./wire.js";

/**
 * The stateless EIP-712 mode: every call is an envelope `{payload, auth: {signer, nonce, deadline,
 * signature}}` whose signature over the payload's struct authenticates it (no session).
 */

export interface EnvelopeCheck {
  state: ExchangeSimState;
  nowMs: number;
  /** The base URL the client reached (the domain's salt is derived from it). */
  apiBase: string;
  primaryType: Eip712PrimaryType;
  /** The signed struct of a payload (it may throw the payload's own 4xx). */
  message: (payload: Obj) => Record<string, unknown>;
}

/**
 * Checks one envelope at `path` (`""` for the body): its shape, the deadline window, the signature
 * over `message(payload)` (+ nonce, deadline) recovering to `auth.signer`, and a fresh nonce,
 * which it then spends.
 */
export async function verifyEnvelope(
  raw: string,
  value: unknown,
  path: string,
  check: EnvelopeCheck,
): Promise<{ signer: Address; payload: Obj }> {
  const { state, nowMs } = check;
  const at = (name: string) => (path ? `${path}.${name}` : name);
  const b = obj(raw, value, path);
  if (typeof b.payload !== "object" || b.payload === null)
    throw deserError(raw, at("payload"), b.payload, "a map");
  if (typeof b.auth !== "object" || b.auth === null) throw deserError(raw, at("auth"), b.auth, "a map");
  const auth = b.auth as Obj;
  if (typeof auth.signer !== "string") throw deserError(raw, at("auth.signer"), auth.signer, "a string");
  if (typeof auth.nonce !== "string" || !/^\d+$/.test(auth.nonce) || BigInt(auth.nonce) >= 1n << 64n) {
    throw deserError(raw, at("auth.nonce"), auth.nonce, "a decimal u64 string");
  }
  if (typeof auth.deadline !== "number" || !Number.isInteger(auth.deadline)) {
    throw deserError(raw, at("auth.deadline"), auth.deadline, "u64");
  }
  const sig = readBoolSig(raw, auth, at("auth"));
  const lifetime = state.options.maxSignatureLifetimeS;
  // A deadline is its signer's now + lifetime - 5 s: that says which clock the client reads.
  const nowS = Math.floor(nowMs / 1000) - clientLagS(state, nowMs, auth.deadline - lifetime + 5);
  if (auth.deadline < nowS) throw invalidInput("signature deadline has passed");
  if (auth.deadline > nowS + lifetime)
    throw invalidInput("signature deadline is beyond maxSignatureLifetimeS");
  const payload = b.payload as Obj;
  const recovered = await recoverSigner(
    {
      domain: {
        name: "Turbine",
        version: "1",
        chainId: state.options.chainId,
        verifyingContract: getAddress(state.pins.settler),
        salt: domainSalt(check.apiBase),
      },
      types: EIP712_TYPES[check.primaryType],
      primaryType: check.primaryType,
      message: { ...check.message(payload), nonce: BigInt(auth.nonce), deadline: BigInt(auth.deadline) },
    },
    sig,
  );
  const signer = getAddress(auth.signer);
  if (recovered !== signer)
    throw refusal(401, "VERIFICATION_FAILED", "envelope signature does not match auth.signer");
  const key = `${signer}:${auth.nonce}`;
  if (state.envelopeNonces.has(key)) throw refusal(409, "NONCE_ALREADY_USED", "nonce already used");
  state.envelopeNonces.add(key);
  return { signer, payload };
}

/** The signed `OrderIntent` struct of an order: its curve's knots at absolute seconds. */
export function orderIntentMessage(order: ParsedOrder) {
  return {
    order: {
      owner: order.owner,
      sellToken: order.sellToken,
      buyToken: order.buyToken,
      sellAmount: order.sellAmount,
      minBuyAmount: order.minBuyAmount,
      startDeltaBps: order.curve.startDeltaBps,
      endDeltaBps: order.curve.endDeltaBps,
      points: order.curve.points.map((k) => ({ timeSecs: BigInt(k.t), deltaBps: k.d })),
      startTime: BigInt(order.startTime),
      endTime: BigInt(order.endTime),
      partialFill: order.partialFill,
      callData: order.callData,
      callDataTarget: order.callDataTarget,
      salt: order.salt,
    },
  };
}
