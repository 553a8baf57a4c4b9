import { type Address, type Hex, recoverTypedDataAddress, serializeSignature } from "viem";
import { invalidInput } from "./errors.js";
import { field, type Obj, obj } from "./wire.js";

/** A signature scalar as the official client sends it: a bigint in 0x-hex, leading zeros dropped. */
const SCALAR = /^0x[0-9a-fA-F]{1,64}$/;

export interface WireSig {
  r: Hex;
  s: Hex;
  yParity: boolean;
}

/**
 * A permit/envelope signature `{r, s, yParity}`: r and s 0x-hex scalars (unpadded, as the official
 * client's bigint serializer writes them, or padded), `yParity` a JSON boolean (a string is the 422).
 */
export function readBoolSig(raw: string, o: Obj, path: string): WireSig {
  const sig = obj(raw, field(raw, o, path, "signature", "object"), `${path}.signature`);
  const p = `${path ? `${path}.` : ""}signature`;
  const r = field(raw, sig, p, "r", "string") as Hex;
  const s = field(raw, sig, p, "s", "string") as Hex;
  const yParity = field(raw, sig, p, "yParity", "boolean") as boolean;
  if (!SCALAR.test(r) || !SCALAR.test(s))
    throw invalidInput("signature r and s must be hex scalars of at most 32 bytes");
  if (sig.v !== undefined && sig.v !== (yParity ? "0x1c" : "0x1b"))
    throw invalidInput("signature v does not match yParity");
  return { r, s, yParity };
}

export function serialize(sig: WireSig): Hex {
  const pad = (h: Hex): Hex => `0x${h.slice(2).padStart(64, "0")}`;
  return serializeSignature({ r: pad(sig.r), s: pad(sig.s), yParity: sig.yParity ? 1 : 0 });
}

/** The address that signed the typed data `definition`, or undefined when it cannot be recovered. */
export async function recoverSigner(
  definition: Record<string, unknown>,
  sig: WireSig,
): Promise<Address | undefined> {
  try {
    return await recoverTypedDataAddress({ ...definition, signature: serialize(sig) } as Parameters<
      typeof recoverTypedDataAddress
    >[0]);
  } catch {
    return undefined;
  }
}
