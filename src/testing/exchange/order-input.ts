import type { Address, Hex } from "viem";
import { invalidInput } from "./errors.js";
import { readBoolSig, type WireSig } from "./signatures.js";
import type { Knot, OrderTerms } from "./state.js";
import { addressOf, big, field, type Kind, missingField, type Obj, obj, saltOf } from "./wire.js";

/** An order as the API reads it (`spreadCurve` knots in windowBps), with its curve resolved. */
export interface ParsedOrder extends OrderTerms {
  partialFill: boolean;
  callData: Hex;
  callDataTarget: Address;
}

/** A Permit2 `PermitSingle` as sent: the struct the owner signed (`nonce` a uint48) and its signature. */
export interface ParsedPermit {
  sig: WireSig;
  details: { token: Address; amount: bigint; expiration: number; nonce: number };
  spender: Address;
  sigDeadline: bigint;
}

/** One `AddOrder` item: the order, its Permit2 `PermitSingle` (unless smart), its annotations. */
export interface ParsedAdd {
  order: ParsedOrder;
  permit: ParsedPermit | undefined;
  annotations: Obj | undefined;
}

function checkDeltaBps(d: unknown, name: string): number {
  if (typeof d !== "number" || !Number.isInteger(d) || d < -10_000 || d > 9_999) {
    throw invalidInput(`${name} must be an integer in [-10000, 9999]`);
  }
  return d;
}

/**
 * An order (`spreadCurve` with windowBps knots) → checked order. The session API nests the curve in
 * the order; the EIP-712 payload puts it beside the order (`curveFrom`: the payload object).
 */
export function parseRestOrder(
  raw: string,
  value: unknown,
  path: string,
  curveFrom?: { value: Obj; path: string },
): ParsedOrder {
  const o = obj(raw, value, path);
  const common = parseCommon(raw, o, path);
  const holder = curveFrom ?? { value: o, path };
  const cp = `${holder.path}.spreadCurve`;
  const curve = obj(raw, field(raw, holder.value, holder.path, "spreadCurve", "object"), cp);
  const start = checkDeltaBps(field(raw, curve, cp, "startDeltaBps", "number"), "startDeltaBps");
  const end = checkDeltaBps(field(raw, curve, cp, "endDeltaBps", "number"), "endDeltaBps");
  const points = field(raw, curve, cp, "points", "array") as unknown[];
  if (points.length > 1024) throw invalidInput("spreadCurve has more than 1024 points");
  const duration = common.endTime - common.startTime;
  const knots: Knot[] = [{ t: common.startTime, d: start }];
  let lastW = 0;
  let lastOffset = 0;
  for (const [i, p] of points.entries()) {
    const po = obj(raw, p, `${cp}.points[${i}]`);
    const w = field(raw, po, `${cp}.points[${i}]`, "windowBps", "number") as number;
    const d = checkDeltaBps(field(raw, po, `${cp}.points[${i}]`, "deltaBps", "number"), "deltaBps");
    if (w < 1 || w > 9_999 || w <= lastW)
      throw invalidInput(`spreadCurve point ${i}: windowBps must be in [1, 9999] and increasing`);
    const offset = Math.floor((w * duration) / 10_000);
    if (offset <= 0 || offset <= lastOffset) {
      throw invalidInput(
        `spreadCurve point ${i}: truncated time offset ${offset} is not positive and increasing`,
      );
    }
    lastW = w;
    lastOffset = offset;
    knots.push({ t: common.startTime + offset, d });
  }
  knots.push({ t: common.endTime, d: end });
  return { ...common, knots, curve: { startDeltaBps: start, endDeltaBps: end, points: knots.slice(1, -1) } };
}

function parseCommon(raw: string, o: Obj, path: string) {
  const get = (name: string, kind: Kind) => field(raw, o, path, name, kind);
  const owner = addressOf(get("owner", "string"), "owner");
  const sellToken = addressOf(get("sellToken", "string"), "sellToken");
  const buyToken = addressOf(get("buyToken", "string"), "buyToken");
  const sellAmount = big(get("sellAmount", "bigint"));
  const minBuyAmount = big(get("minBuyAmount", "bigint"));
  const startTime = Number(big(get("startTime", "bigint")));
  const endTime = Number(big(get("endTime", "bigint")));
  const partialFill = get("partialFill", "boolean") as boolean;
  const callData = get("callData", "string") as Hex;
  const callDataTarget = addressOf(get("callDataTarget", "string"), "callDataTarget");
  const salt = saltOf(get("salt", "string"));
  if (endTime <= startTime) throw invalidInput("endTime must be after startTime");
  return {
    owner,
    sellToken,
    buyToken,
    sellAmount,
    minBuyAmount,
    startTime,
    endTime,
    partialFill,
    callData,
    callDataTarget,
    salt,
  };
}

export function parsePermitSingle(raw: string, value: unknown, path: string): ParsedPermit {
  const o = obj(raw, value, path);
  const sig = readBoolSig(raw, o, path);
  const pp = `${path}.permit`;
  const permit = obj(raw, field(raw, o, path, "permit", "object"), pp);
  const dp = `${pp}.details`;
  const details = obj(raw, field(raw, permit, pp, "details", "object"), dp);
  return {
    sig,
    details: {
      token: addressOf(field(raw, details, dp, "token", "string"), "permit token"),
      amount: big(field(raw, details, dp, "amount", "bigint")),
      expiration: field(raw, details, dp, "expiration", "number") as number,
      nonce: field(raw, details, dp, "nonce", "number") as number,
    },
    spender: addressOf(field(raw, permit, pp, "spender", "string"), "spender"),
    sigDeadline: big(field(raw, permit, pp, "sigDeadline", "bigint")),
  };
}

/**
 * One `AddOrder` item: `{order, signedPermit?, annotations?}` (session: the curve inside the
 * order) or the EIP-712 payload `{order, spreadCurve, signedPermit?, annotations?}` (`curveBeside`).
 */
export function parseAddOrder(raw: string, item: unknown, path: string, curveBeside: boolean): ParsedAdd {
  const o = obj(raw, item, path);
  if (o.order === undefined) throw missingField(path, "order");
  const at = (name: string) => `${path ? `${path}.` : ""}${name}`;
  const beside = curveBeside ? { value: o, path: path || "payload" } : undefined;
  const order = parseRestOrder(raw, o.order, at("order"), beside);
  const permit =
    o.signedPermit === undefined ? undefined : parsePermitSingle(raw, o.signedPermit, at("signedPermit"));
  let annotations: Obj | undefined;
  if (o.annotations !== undefined && o.annotations !== null)
    annotations = obj(raw, o.annotations, at("annotations"));
  return { order, permit, annotations };
}
