import { type Address, type Hex, hexToBigInt, parseSignature, type TypedDataDefinition } from "viem";
import { toHex } from "../core/codecs.js";
import { PERMIT2_ADDRESS } from "./config.js";

/** 2^160 - 1: Permit2's unlimited allowance (the default `permitAmount`). */
export const MAX_UINT160 = (1n << 160n) - 1n;
export const MAX_UINT48 = (1n << 48n) - 1n;

export const PERMIT_SINGLE_TYPES = {
  PermitDetails: [
    { name: "token", type: "address" },
    { name: "amount", type: "uint160" },
    { name: "expiration", type: "uint48" },
    { name: "nonce", type: "uint48" },
  ],
  PermitSingle: [
    { name: "details", type: "PermitDetails" },
    { name: "spender", type: "address" },
    { name: "sigDeadline", type: "uint256" },
  ],
} as const;

const TOKEN_PERMISSIONS = [
  { name: "token", type: "address" },
  { name: "amount", type: "uint256" },
] as const;

// Both signature-transfer structs end with the same three fields, after what is permitted.
const TRANSFER_TERMS = [
  { name: "spender", type: "address" },
  { name: "nonce", type: "uint256" },
  { name: "deadline", type: "uint256" },
] as const;

export const PERMIT_BATCH_TRANSFER_TYPES = {
  TokenPermissions: TOKEN_PERMISSIONS,
  PermitBatchTransferFrom: [{ name: "permitted", type: "TokenPermissions[]" }, ...TRANSFER_TERMS],
} as const;

export const PERMIT_TRANSFER_TYPES = {
  TokenPermissions: TOKEN_PERMISSIONS,
  PermitTransferFrom: [{ name: "permitted", type: "TokenPermissions" }, ...TRANSFER_TERMS],
} as const;

export function permit2Domain(chainId: number) {
  return { name: "Permit2", chainId, verifyingContract: PERMIT2_ADDRESS } as const;
}

export interface PermitSingleValues {
  token: Address;
  amount: bigint;
  expiration: number;
  nonce: bigint;
  spender: Address;
  sigDeadline: bigint;
}

/** AllowanceTransfer PermitSingle typed data (orders). */
export function permitSingleTypedData(chainId: number, p: PermitSingleValues): TypedDataDefinition {
  return {
    domain: permit2Domain(chainId),
    types: PERMIT_SINGLE_TYPES,
    primaryType: "PermitSingle",
    message: {
      details: { token: p.token, amount: p.amount, expiration: p.expiration, nonce: Number(p.nonce) },
      spender: p.spender,
      sigDeadline: p.sigDeadline,
    },
  } as TypedDataDefinition;
}

export interface TokenAmount {
  token: Address;
  amount: bigint;
}

/** A signature-transfer message: what is permitted, to whom, under which nonce, until when. */
interface TransferTerms<P> {
  permitted: P;
  spender: Address;
  nonce: bigint;
  deadline: bigint;
}

const transferMessage = <P>(p: TransferTerms<P>) => ({
  permitted: p.permitted,
  spender: p.spender,
  nonce: p.nonce,
  deadline: p.deadline,
});

/** SignatureTransfer PermitBatchTransferFrom typed data (add liquidity). */
export function permitBatchTransferTypedData(
  chainId: number,
  p: TransferTerms<TokenAmount[]>,
): TypedDataDefinition {
  return {
    domain: permit2Domain(chainId),
    types: PERMIT_BATCH_TRANSFER_TYPES,
    primaryType: "PermitBatchTransferFrom",
    message: transferMessage(p),
  } as TypedDataDefinition;
}

/** SignatureTransfer PermitTransferFrom typed data (remove liquidity). */
export function permitTransferTypedData(chainId: number, p: TransferTerms<TokenAmount>): TypedDataDefinition {
  return {
    domain: permit2Domain(chainId),
    types: PERMIT_TRANSFER_TYPES,
    primaryType: "PermitTransferFrom",
    message: transferMessage(p),
  } as TypedDataDefinition;
}

/**
 * Permit (and EIP-712 envelope) signature on the wire, as the official client serializes it
 * (`src/turbineClient.ts` `convertSignature` + its bigint replacer): r and s as bigints in 0x-hex
 * WITHOUT padding (a leading zero byte is dropped), `yParity` a JSON BOOLEAN, and no `v`.
 */
export interface WirePermitSignature {
  r: Hex;
  s: Hex;
  yParity: boolean;
}

/** `/verify` signature form: 32-byte r and s, `yParity` "0x0"/"0x1" and `v` "0x1b"/"0x1c" as STRINGS. */
export interface WireVerifySignature {
  r: Hex;
  s: Hex;
  yParity: "0x0" | "0x1";
  v: "0x1b" | "0x1c";
}

export function permitSignatureForm(signature: Hex): WirePermitSignature {
  const parsed = parseSignature(signature);
  const r = toHex(hexToBigInt(parsed.r)) as Hex;
  const s = toHex(hexToBigInt(parsed.s)) as Hex;
  return { r, s, yParity: parsed.yParity === 1 };
}

export function verifySignatureForm(signature: Hex): WireVerifySignature {
  const parsed = parseSignature(signature);
  const odd = parsed.yParity === 1;
  return { r: pad32(parsed.r), s: pad32(parsed.s), yParity: odd ? "0x1" : "0x0", v: odd ? "0x1c" : "0x1b" };
}

function pad32(hex: Hex): Hex {
  return `0x${hex.slice(2).padStart(64, "0")}`;
}

/** The permit as the exchange reads it: amount and sigDeadline 0x-hex, expiration/nonce numbers. */
export function wirePermitSingle(p: PermitSingleValues) {
  return {
    details: { token: p.token, amount: toHex(p.amount), expiration: p.expiration, nonce: Number(p.nonce) },
    spender: p.spender,
    sigDeadline: toHex(p.sigDeadline),
  };
}

/** A random 256-bit unordered SignatureTransfer nonce. */
export function randomNonce(bytes = 32): bigint {
  const buf = new Uint8Array(bytes);
  globalThis.crypto.getRandomValues(buf);
  let n = 0n;
  for (const b of buf) n = (n << 8n) | BigInt(b);
  return n;
}

export function randomBytes32(): Hex {
  const buf = new Uint8Array(32);
  globalThis.crypto.getRandomValues(buf);
  return `0x${Array.from(buf, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}
