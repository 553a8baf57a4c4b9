import { type Address, getAddress, type Hex } from "viem";
import { PERMIT2_ADDRESS } from "../../exchange/config.js";
import { LIQUIDITY_PERMIT_LIFETIME_S } from "../../exchange/liquidity.js";
import { PERMIT_BATCH_TRANSFER_TYPES, PERMIT_TRANSFER_TYPES } from "../../exchange/permit2.js";
import type { SimDialect } from "../dialect.js";
import { invalidInput, refusal } from "./errors.js";
import { readBoolSig, recoverSigner, type WireSig } from "./signatures.js";
import { clientLagS, type ExchangeSimState, hashOf } from "./state.js";
import { addressOf, big, field, type Kind, list, type Obj, obj, saltOf } from "./wire.js";

/** The liquidity rules: intents read and checked, their Permit2 transfers verified, executed over time. */

/**
 * A liquidity intent as the official client sends it (`src/models.ts`): `AddLiquidityIntent =
 * {owner, token0, token1, fee, token0Amount, token1Amount, exact, salt}` with a SignatureTransfer
 * batch permit over [token0, token1], or `RemoveLiquidityIntent = {owner, token0, token1, fee,
 * lpToken, lpTokenAmount, salt}` with a permit over the LP token; spender = the LP router.
 */
export interface ParsedLiquidity {
  kind: "add" | "remove";
  /** The intent's signed fields (bigints decoded), as the EIP-712 struct takes them. */
  intent: Obj;
  owner: Address;
  permit: { sig: WireSig; nonce: bigint; deadline: bigint; definition: Record<string, unknown> };
}

export function parseLiquidity(
  state: ExchangeSimState,
  raw: string,
  body: Obj,
  kind: "add" | "remove",
): ParsedLiquidity {
  const intentKey = kind === "add" ? "addLiquidity" : "removeLiquidity";
  const permitKey = kind === "add" ? "permitTokens" : "permitLpToken";
  const i = obj(raw, field(raw, body, "", intentKey, "object"), intentKey);
  const permitBox = obj(raw, field(raw, body, "", permitKey, "object"), permitKey);
  const sig = readBoolSig(raw, permitBox, permitKey);
  const pp = `${permitKey}.permit`;
  const permit = obj(raw, field(raw, permitBox, permitKey, "permit", "object"), pp);
  const get = (name: string, k: Kind) => field(raw, i, intentKey, name, k);
  const owner = addressOf(get("owner", "string"), "owner");
  const token0 = addressOf(get("token0", "string"), "token0");
  const token1 = addressOf(get("token1", "string"), "token1");
  const fee = get("fee", "number") as number;
  if (fee < 0 || fee > 0xffffff) throw invalidInput("fee must fit a uint24");
  const salt = saltOf(get("salt", "string"));
  if (!state.token(token0) || !state.token(token1)) throw invalidInput("unsupported pool token");
  if (token0 === token1) throw invalidInput("token0 and token1 must differ");
  const nonce = big(field(raw, permit, pp, "nonce", "bigint"));
  const deadline = big(field(raw, permit, pp, "deadline", "bigint"));
  const readPermitted = (value: unknown, path: string) => {
    const po = obj(raw, value, path);
    return {
      token: addressOf(field(raw, po, path, "token", "string"), "token"),
      amount: big(field(raw, po, path, "amount", "bigint")),
    };
  };
  /** The SignatureTransfer the owner signed, the LP router its spender. */
  const transfer = (types: Record<string, unknown>, primaryType: string, permitted: unknown) => ({
    sig,
    nonce,
    deadline,
    definition: {
      domain: { name: "Permit2", chainId: state.options.chainId, verifyingContract: PERMIT2_ADDRESS },
      types,
      primaryType,
      message: { permitted, spender: getAddress(state.pins.lpRouter), nonce, deadline },
    },
  });
  if (kind === "add") {
    const token0Amount = big(get("token0Amount", "bigint"));
    const token1Amount = big(get("token1Amount", "bigint"));
    const exact = get("exact", "boolean") as boolean;
    if (token0Amount === 0n && token1Amount === 0n)
      throw invalidInput("at least one token amount must be positive");
    const permitted = field(raw, permit, pp, "permitted", "array") as unknown[];
    if (permitted.length !== 2) throw invalidInput("permitTokens must cover exactly [token0, token1]");
    const entries = permitted.map((p, n) => readPermitted(p, `${pp}.permitted[${n}]`));
    if (entries[0]!.token !== token0 || entries[1]!.token !== token1) {
      throw invalidInput("permitTokens must cover exactly [token0, token1] in order");
    }
    if (entries[0]!.amount !== token0Amount || entries[1]!.amount !== token1Amount)
      throw invalidInput("permit amounts differ from the intent");
    return {
      kind,
      owner,
      intent: { owner, token0, token1, fee, token0Amount, token1Amount, exact, salt },
      permit: transfer(PERMIT_BATCH_TRANSFER_TYPES, "PermitBatchTransferFrom", entries),
    };
  }
  const lpToken = addressOf(get("lpToken", "string"), "lpToken");
  const lpTokenAmount = big(get("lpTokenAmount", "bigint"));
  if (lpTokenAmount <= 0n) throw invalidInput("lpTokenAmount must be positive");
  const permitted = readPermitted(field(raw, permit, pp, "permitted", "object"), `${pp}.permitted`);
  if (permitted.token !== lpToken || permitted.amount !== lpTokenAmount)
    throw invalidInput("permitLpToken must cover the LP token amount");
  return {
    kind,
    owner,
    intent: { owner, token0, token1, fee, lpToken, lpTokenAmount, salt },
    permit: transfer(PERMIT_TRANSFER_TYPES, "PermitTransferFrom", permitted),
  };
}

/** The owner's permit checked and its nonce spent; the intent stored as Pending. */
export async function acceptLiquidity(
  state: ExchangeSimState,
  nowMs: number,
  owner: Address,
  parsed: ParsedLiquidity,
  body: Obj,
): Promise<Hex> {
  // The permit's deadline is its signer's now + its lifetime: that says which clock the client reads.
  const lagS = clientLagS(state, nowMs, Number(parsed.permit.deadline) - LIQUIDITY_PERMIT_LIFETIME_S);
  const nowS = Math.floor(nowMs / 1000) - lagS;
  if (parsed.owner !== owner)
    throw refusal(401, "USER_NOT_AUTHORIZED", "intent owner is not the authenticated address");
  const { sig, nonce, deadline, definition } = parsed.permit;
  if (deadline <= BigInt(nowS)) throw invalidInput("permit deadline has passed");
  const signer = await recoverSigner(definition, sig);
  if (signer !== owner)
    throw invalidInput("Permit2 signature does not recover to the owner (spender must be the lpRouter)");
  // SignatureTransfer nonces are unordered and single use (Permit2's nonce bitmap).
  const nonceKey = `${owner}:${nonce}`;
  if (state.transferNonces.has(nonceKey)) throw invalidInput("Permit2 nonce already used");
  state.transferNonces.add(nonceKey);
  const hash = hashOf({ kind: parsed.kind, owner, salt: parsed.intent.salt, nonce });
  state.liquidity.set(hash, {
    hash,
    owner,
    kind: parsed.kind,
    createdAt: nowMs,
    deadline: Number(deadline) + lagS,
    status: "Pending",
    body,
  });
  return hash;
}

/** Moves an intent along simulated time: Executed after `liquidityDelayMs`, unless its deadline came first. */
export function refreshLiquidity(state: ExchangeSimState, hash: Hex, nowMs: number) {
  const intent = state.liquidity.get(hash);
  if (!intent) return undefined;
  if (intent.status === "Pending") {
    const executeAt = intent.createdAt + state.options.liquidityDelayMs;
    if (executeAt > intent.deadline * 1000 && nowMs >= intent.deadline * 1000) intent.status = "Expired";
    else if (nowMs >= executeAt) intent.status = "Executed";
  }
  return intent;
}

/** The states of the intents named (unknown hashes left out); the variant adds each one's kind. */
export function liquidityStates(
  state: ExchangeSimState,
  raw: string,
  hashes: unknown,
  nowMs: number,
  dialect: SimDialect,
) {
  return list(raw, hashes, "intentHashes")
    .map((h) => refreshLiquidity(state, String(h).toLowerCase() as Hex, nowMs))
    .filter((i) => i !== undefined)
    .map((i) =>
      dialect.pick<Obj>({ hash: i.hash, status: i.status }, { hash: i.hash, status: i.status, kind: i.kind }),
    );
}
