import {
  type Address,
  getAddress,
  type Hex,
  isAddress,
  recoverTypedDataAddress,
  serializeSignature,
} from "viem";
import { PERMIT2_ADDRESS } from "../../exchange/config.js";
import { LIQUIDITY_PERMIT_LIFETIME_S } from "../../exchange/liquidity.js";
import {
  PERMIT_BATCH_TRANSFER_TYPES,
  PERMIT_SINGLE_TYPES,
  PERMIT_TRANSFER_TYPES,
} from "../../exchange/permit2.js";
import {
  type ExchangeSimState,
  fairBuy,
  hashOf,
  type Knot,
  knotDelta,
  SimError,
  type SimExecution,
  type SimOrder,
  SimTextError,
  usdValue,
} from "./state.js";

const ZERO = "0x0000000000000000000000000000000000000000";
const BYTES32 = /^0x[0-9a-fA-F]{64}$/;
/** A signature scalar as the official client sends it: a bigint in 0x-hex, leading zeros dropped. */
const SCALAR = /^0x[0-9a-fA-F]{1,64}$/;
const HEX_OR_DEC = /^(0x[0-9a-fA-F]+|\d+)$/;

const invalid = (message: string) => new SimError(400, "INPUT_VALIDATION_ERROR", message);

// ── Deserialization (plain-text 422, as serde/axum answers) ───────────────────────────────────

const DESER = "Failed to deserialize the JSON body into the target type";

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "string") return `string ${JSON.stringify(value)}`;
  if (typeof value === "boolean") return `boolean \`${value}\``;
  if (typeof value === "number") return `integer \`${value}\``;
  if (Array.isArray(value)) return "sequence";
  return "map";
}

/** A serde-style "invalid type" failure at `path`, with a plausible line/column. */
export function deserError(raw: string, path: string, value: unknown, expected: string): SimTextError {
  const key = path.split(".").pop() ?? path;
  const at = raw.indexOf(`"${key.replace(/\[\d+\]$/, "")}"`);
  const column = at < 0 ? raw.length : at + key.length + 3 + JSON.stringify(value ?? null).length;
  return new SimTextError(
    422,
    `${DESER}: ${path}: invalid type: ${typeName(value)}, expected ${expected} at line 1 column ${column}`,
  );
}

function missing(path: string, field: string): SimTextError {
  return new SimTextError(
    422,
    `${DESER}: ${path ? `${path}: ` : ""}missing field \`${field}\` at line 1 column 1`,
  );
}

type Obj = Record<string, unknown>;

function obj(raw: string, value: unknown, path: string): Obj {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw deserError(raw, path || "body", value, "a map");
  }
  return value as Obj;
}

type Kind = "string" | "number" | "boolean" | "object" | "array" | "bigint";

function field(raw: string, o: Obj, path: string, name: string, kind: Kind): unknown {
  const value = o[name];
  const at = path ? `${path}.${name}` : name;
  if (value === undefined) throw missing(path, name);
  const ok =
    kind === "string"
      ? typeof value === "string"
      : kind === "number"
        ? typeof value === "number" && Number.isInteger(value)
        : kind === "boolean"
          ? typeof value === "boolean"
          : kind === "array"
            ? Array.isArray(value)
            : kind === "bigint"
              ? (typeof value === "string" && HEX_OR_DEC.test(value)) ||
                (typeof value === "number" && Number.isSafeInteger(value))
              : typeof value === "object" && value !== null && !Array.isArray(value);
  if (!ok) {
    const expected = {
      string: "a string",
      number: "an integer",
      boolean: "a boolean",
      object: "a map",
      array: "a sequence",
      bigint: "a hex or decimal integer string",
    }[kind];
    throw deserError(raw, at, value, expected);
  }
  return value;
}

const big = (value: unknown): bigint => BigInt(value as string | number);

// ── Signatures ───────────────────────────────────────────────────────────────────────────────

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
    throw invalid("signature r and s must be hex scalars of at most 32 bytes");
  if (sig.v !== undefined && sig.v !== (yParity ? "0x1c" : "0x1b"))
    throw invalid("signature v does not match yParity");
  return { r, s, yParity };
}

export function serialize(sig: WireSig): Hex {
  const pad = (h: Hex): Hex => `0x${h.slice(2).padStart(64, "0")}`;
  return serializeSignature({ r: pad(sig.r), s: pad(sig.s), yParity: sig.yParity ? 1 : 0 });
}

async function recover(definition: Record<string, unknown>, sig: WireSig): Promise<Address | undefined> {
  try {
    return await recoverTypedDataAddress({ ...definition, signature: serialize(sig) } as Parameters<
      typeof recoverTypedDataAddress
    >[0]);
  } catch {
    return undefined;
  }
}

// ── Orders ─────────────────────────────────────────────────────────────────────────────────

export interface ParsedOrder {
  owner: Address;
  sellToken: Address;
  buyToken: Address;
  sellAmount: bigint;
  minBuyAmount: bigint;
  startTime: number;
  endTime: number;
  knots: Knot[];
  partialFill: boolean;
  callData: Hex;
  callDataTarget: Address;
  salt: Hex;
  /** The curve as sent (deltas), with its interior knots at absolute seconds. */
  curve: { startDeltaBps: number; endDeltaBps: number; points: Knot[] };
}

function addressOf(value: unknown, name: string): Address {
  if (typeof value !== "string" || !isAddress(value, { strict: false }))
    throw invalid(`${name} is not an address`);
  return getAddress(value);
}

function checkDeltaBps(d: unknown, name: string): number {
  if (typeof d !== "number" || !Number.isInteger(d) || d < -10_000 || d > 9_999) {
    throw invalid(`${name} must be an integer in [-10000, 9999]`);
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
  const curve = obj(
    raw,
    field(raw, holder.value, holder.path, "spreadCurve", "object"),
    `${holder.path}.spreadCurve`,
  );
  const cp = `${holder.path}.spreadCurve`;
  const start = checkDeltaBps(field(raw, curve, cp, "startDeltaBps", "number"), "startDeltaBps");
  const end = checkDeltaBps(field(raw, curve, cp, "endDeltaBps", "number"), "endDeltaBps");
  const points = field(raw, curve, cp, "points", "array") as unknown[];
  if (points.length > 1024) throw invalid("spreadCurve has more than 1024 points");
  const duration = common.endTime - common.startTime;
  const knots: Knot[] = [{ t: common.startTime, d: start }];
  let lastW = 0;
  let lastOffset = 0;
  for (const [i, p] of points.entries()) {
    const po = obj(raw, p, `${cp}.points[${i}]`);
    const w = field(raw, po, `${cp}.points[${i}]`, "windowBps", "number") as number;
    const d = checkDeltaBps(field(raw, po, `${cp}.points[${i}]`, "deltaBps", "number"), "deltaBps");
    if (w < 1 || w > 9_999 || w <= lastW)
      throw invalid(`spreadCurve point ${i}: windowBps must be in [1, 9999] and increasing`);
    const offset = Math.floor((w * duration) / 10_000);
    if (offset <= 0 || offset <= lastOffset) {
      throw invalid(`spreadCurve point ${i}: truncated time offset ${offset} is not positive and increasing`);
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
  const salt = get("salt", "string") as Hex;
  if (!BYTES32.test(salt)) throw invalid("salt must be bytes32");
  if (endTime <= startTime) throw invalid("endTime must be after startTime");
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

export interface ParsedPermit {
  sig: WireSig;
  token: Address;
  amount: bigint;
  expiration: number;
  nonce: bigint;
  spender: Address;
  sigDeadline: bigint;
}

export function parsePermitSingle(raw: string, value: unknown, path: string): ParsedPermit {
  const o = obj(raw, value, path);
  const sig = readBoolSig(raw, o, path);
  const permit = obj(raw, field(raw, o, path, "permit", "object"), `${path}.permit`);
  const pp = `${path}.permit`;
  const details = obj(raw, field(raw, permit, pp, "details", "object"), `${pp}.details`);
  const dp = `${pp}.details`;
  return {
    sig,
    token: addressOf(field(raw, details, dp, "token", "string"), "permit token"),
    amount: big(field(raw, details, dp, "amount", "bigint")),
    expiration: field(raw, details, dp, "expiration", "number") as number,
    nonce: BigInt(field(raw, details, dp, "nonce", "number") as number),
    spender: addressOf(field(raw, permit, pp, "spender", "string"), "spender"),
    sigDeadline: big(field(raw, permit, pp, "sigDeadline", "bigint")),
  };
}

/**
 * How far a client's clock lags the simulated one, in seconds. The simulator's clock may run fast
 * (`npm run sim` runs at x30): a client signing times from its own wall clock, as the README's code
 * does, would otherwise see its orders expire once the simulator has been up a minute. A client's
 * `claimedNowS` (an order's start, a deadline minus its lifetime) tells which clock it reads: the
 * simulated one (tests, `x-sim-now` readers: no lag) or the wall clock (lag = simulated - wall).
 * An order then lives in its client's frame, moving at the simulated speed.
 */
export function clientLagS(state: ExchangeSimState, simNowMs: number, claimedNowS: number): number {
  if (!state.options.wallClockClients) return 0;
  const simS = Math.floor(simNowMs / 1000);
  const wallS = Math.floor(Date.now() / 1000);
  return simS > wallS && Math.abs(claimedNowS - wallS) < Math.abs(claimedNowS - simS) ? simS - wallS : 0;
}

/** Semantic checks, the Permit2 signature, the $30 minimum; then the order is stored. */
export async function acceptOrder(
  state: ExchangeSimState,
  nowMs: number,
  owner: Address,
  order: ParsedOrder,
  permit: ParsedPermit | undefined,
  annotations?: Obj,
): Promise<SimOrder> {
  const lagS = clientLagS(state, nowMs, order.startTime);
  const nowS = Math.floor(nowMs / 1000) - lagS;
  if (order.owner !== owner)
    throw new SimError(401, "USER_NOT_AUTHORIZED", "order owner is not the authenticated address");
  const sell = state.token(order.sellToken);
  const buy = state.token(order.buyToken);
  if (!sell) throw invalid(`sell token ${order.sellToken} is not supported`);
  if (!buy) throw invalid(`buy token ${order.buyToken} is not supported`);
  if (order.sellToken === order.buyToken) throw invalid("sell and buy tokens must differ");
  if (order.sellAmount <= 0n) throw invalid("sellAmount must be positive");
  if (order.minBuyAmount <= 0n) throw invalid("minBuyAmount must be positive");
  if (order.endTime <= nowS) throw invalid("endTime must be in the future");
  if (!order.partialFill) throw invalid("partialFill must be true");
  const smart = order.callData !== "0x" && order.callDataTarget !== ZERO;
  if ((order.callData !== "0x") !== (order.callDataTarget !== ZERO)) {
    throw invalid("callData and callDataTarget must be set together");
  }
  const worth = usdValue(sell, order.sellAmount);
  if (worth < state.options.minTradeSizeUsd) {
    throw invalid(
      `Sell amount ${order.sellAmount} is worth ~$${worth.toFixed(6)} which is less than $${state.options.minTradeSizeUsd}`,
    );
  }
  if (!smart) {
    if (!permit) throw new SimTextError(422, `${DESER}: missing field \`signedPermit\` at line 1 column 1`);
    if (permit.spender !== getAddress(state.pins.settler)) throw invalid("permit spender is not the settler");
    if (permit.token !== order.sellToken) throw invalid("permit token is not the sell token");
    if (permit.expiration < order.endTime || permit.sigDeadline < BigInt(order.endTime)) {
      throw invalid("permit expires before the order ends");
    }
    const signer = await recover(
      {
        domain: { name: "Permit2", chainId: state.options.chainId, verifyingContract: PERMIT2_ADDRESS },
        types: PERMIT_SINGLE_TYPES,
        primaryType: "PermitSingle",
        message: {
          details: {
            token: permit.token,
            amount: permit.amount,
            expiration: permit.expiration,
            nonce: Number(permit.nonce),
          },
          spender: permit.spender,
          sigDeadline: permit.sigDeadline,
        },
      },
      permit.sig,
    );
    if (signer !== owner) throw invalid("Permit2 signature does not recover to the order owner");
    // Several open orders of one token may carry the same allowance nonce: the official client
    // signs each permit with the wallet's current on-chain nonce, and no source says the API
    // refuses that, so neither does the simulator.
  }
  let active = 0;
  for (const o of state.orders.values()) {
    refresh(state, o, nowMs);
    if (o.owner === owner && (o.status === "Active" || o.status === "PendingCancellation")) active++;
  }
  if (active >= state.options.maxActiveOrders) {
    throw new SimError(
      400,
      "USER_ORDER_LIMIT_REACHED",
      `at most ${state.options.maxActiveOrders} active orders`,
    );
  }
  const hash = hashOf({ owner, salt: order.salt, sellToken: order.sellToken, buyToken: order.buyToken });
  if (state.orders.has(hash)) throw new SimError(400, "ORDER_ALREADY_EXISTS", `order ${hash} already exists`);
  const stored: SimOrder = {
    hash,
    owner,
    sellToken: order.sellToken,
    buyToken: order.buyToken,
    sellAmount: order.sellAmount,
    minBuyAmount: order.minBuyAmount,
    startTime: order.startTime,
    endTime: order.endTime,
    knots: order.knots,
    salt: order.salt.toLowerCase() as Hex,
    permitNonce: permit?.nonce,
    curve: order.curve,
    annotations,
    createdAt: nowMs,
    lagS,
    status: "Active",
    execution: [],
  };
  state.orders.set(hash, stored);
  return stored;
}

/** Moves an order along simulated time: fills when the curve reaches the threshold, else expires. */
export function refresh(state: ExchangeSimState, order: SimOrder, nowMs: number): SimOrder {
  const nowS = nowMs / 1000 - order.lagS;
  if (order.status === "PendingCancellation") {
    if (nowMs >= (order.cancelRequestedAt ?? 0) + state.options.cancelDelayMs) order.status = "Canceled";
    return order;
  }
  if (order.status !== "Active") return order;
  const from = Math.max(order.startTime, Math.floor(order.createdAt / 1000) - order.lagS);
  const fillAt = firstFill(state, order, from);
  if (fillAt !== undefined && nowS >= fillAt.t) {
    order.status = "Filled";
    order.execution.push(fillAt.execution);
  } else if (nowS >= order.endTime) {
    order.status = "Expired";
  }
  return order;
}

function firstFill(
  state: ExchangeSimState,
  order: SimOrder,
  from: number,
): { t: number; execution: SimExecution } | undefined {
  const sell = state.token(order.sellToken);
  const buy = state.token(order.buyToken);
  if (!sell || !buy) return undefined;
  const fair = fairBuy(sell, buy, order.sellAmount);
  const steps = 400;
  const span = Math.max(1, order.endTime - from);
  for (let i = 0; i <= steps; i++) {
    const t = Math.min(order.endTime, from + Math.ceil((span * i) / steps));
    const delta = knotDelta(order.knots, t);
    if (delta < state.options.fillThresholdBps) continue;
    const bought = (fair * BigInt(10_000 - Math.round(delta))) / 10_000n;
    if (bought < order.minBuyAmount) continue;
    const seed = hashOf({ order: order.hash, t });
    return {
      t,
      execution: {
        txHash: seed,
        blockNumber: 18_000_000 + Math.floor((t - 1_700_000_000) / 12),
        soldAmount: order.sellAmount,
        boughtAmount: bought,
        surplusBuyAmount: bought - order.minBuyAmount,
      },
    };
  }
  return undefined;
}

export function requestCancel(
  state: ExchangeSimState,
  owner: Address,
  hash: string,
  nowMs: number,
): SimOrder {
  const order = state.orders.get(hash.toLowerCase() as Hex) ?? state.orders.get(hash as Hex);
  if (!order || order.owner !== owner)
    throw new SimError(404, "ORDER_NOT_AVAILABLE", `order ${hash} not found`);
  refresh(state, order, nowMs);
  if (order.status !== "Active") {
    throw new SimError(400, "ORDER_NOT_AVAILABLE", `order ${hash} is ${order.status} and cannot be canceled`);
  }
  order.status = "PendingCancellation";
  order.cancelRequestedAt = nowMs;
  return order;
}

const hex = (n: bigint) => `0x${n.toString(16)}`;

/**
 * An order's state. The variant spells the final "Canceled" the British way ("Cancelled"), a word
 * a server may legally use for an open status field.
 */
export function stateJson(order: SimOrder, casing: "snake" | "camel", o: { variant?: boolean } = {}) {
  return {
    hash: order.hash,
    status: o.variant && order.status === "Canceled" ? "Cancelled" : order.status,
    execution: order.execution.map((e) =>
      casing === "snake"
        ? {
            tx_hash: e.txHash,
            block_number: e.blockNumber,
            sold_amount: hex(e.soldAmount),
            bought_amount: hex(e.boughtAmount),
            surplus_buy_amount: hex(e.surplusBuyAmount),
          }
        : {
            txHash: e.txHash,
            blockNumber: e.blockNumber,
            soldAmount: hex(e.soldAmount),
            boughtAmount: hex(e.boughtAmount),
            surplusBuyAmount: hex(e.surplusBuyAmount),
          },
    ),
  };
}

/**
 * `orderDetails` in the official client's shape (`src/models.ts` OrderDetails, parsed by
 * `parseOrderState`): sellToken, buyToken, sellAmount, limitPrice {numerator, denominator},
 * startTime, endTime, the resolved spreadCurve {startSecs, endSecs, startDeltaBps, endDeltaBps,
 * points [{timeSecs, deltaBps}]}, createdTimestamp (ISO, UTC, without `Z`), annotations when sent.
 * The variant writes the other legal forms: times as numbers, amounts as decimal strings, a `Z`
 * on the timestamp, and extra fields.
 */
export function orderDetailsJson(order: SimOrder, o: { variant: boolean; echo: boolean }) {
  const amount = (n: bigint) => (o.variant ? n.toString(10) : hex(n));
  const time = (t: number) => (o.variant ? t : hex(BigInt(t)));
  const iso = new Date(order.createdAt).toISOString();
  const details: Record<string, unknown> = {
    sellToken: order.sellToken,
    buyToken: order.buyToken,
    sellAmount: amount(order.sellAmount),
    // Buy per sell, as the order's floor: minBuyAmount / sellAmount.
    limitPrice: { numerator: amount(order.minBuyAmount), denominator: amount(order.sellAmount) },
    startTime: time(order.startTime),
    endTime: time(order.endTime),
    spreadCurve: {
      startSecs: order.startTime,
      endSecs: order.endTime,
      startDeltaBps: order.curve.startDeltaBps,
      endDeltaBps: order.curve.endDeltaBps,
      points: order.curve.points.map((k) => ({ timeSecs: k.t, deltaBps: k.d })),
    },
    createdTimestamp: o.variant ? iso : iso.slice(0, -1),
  };
  if (order.annotations !== undefined) details.annotations = order.annotations;
  if (o.echo)
    Object.assign(details, {
      owner: order.owner,
      salt: order.salt,
      minBuyAmount: amount(order.minBuyAmount),
    });
  if (o.variant) details.settlementVenue = "turbine";
  return details;
}

export function feeFor(state: ExchangeSimState, order: ParsedOrder): bigint {
  const sell = state.token(order.sellToken);
  const buy = state.token(order.buyToken);
  if (!sell || !buy) throw invalid("unsupported token");
  return (fairBuy(sell, buy, order.sellAmount) * BigInt(state.options.feeBps)) / 10_000n;
}

// ── Liquidity ──────────────────────────────────────────────────────────────────────────────

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
  const router = getAddress(state.pins.lpRouter);
  const intentKey = kind === "add" ? "addLiquidity" : "removeLiquidity";
  const permitKey = kind === "add" ? "permitTokens" : "permitLpToken";
  const i = obj(raw, field(raw, body, "", intentKey, "object"), intentKey);
  const permitBox = obj(raw, field(raw, body, "", permitKey, "object"), permitKey);
  const sig = readBoolSig(raw, permitBox, permitKey);
  const permit = obj(raw, field(raw, permitBox, permitKey, "permit", "object"), `${permitKey}.permit`);
  const pp = `${permitKey}.permit`;
  const get = (name: string, k: Kind) => field(raw, i, intentKey, name, k);
  const owner = addressOf(get("owner", "string"), "owner");
  const token0 = addressOf(get("token0", "string"), "token0");
  const token1 = addressOf(get("token1", "string"), "token1");
  const fee = get("fee", "number") as number;
  if (fee < 0 || fee > 0xffffff) throw invalid("fee must fit a uint24");
  const salt = get("salt", "string") as Hex;
  if (!BYTES32.test(salt)) throw invalid("salt must be bytes32");
  if (!state.token(token0) || !state.token(token1)) throw invalid("unsupported pool token");
  if (token0 === token1) throw invalid("token0 and token1 must differ");
  const nonce = big(field(raw, permit, pp, "nonce", "bigint"));
  const deadline = big(field(raw, permit, pp, "deadline", "bigint"));
  const domain = { name: "Permit2", chainId: state.options.chainId, verifyingContract: PERMIT2_ADDRESS };
  if (kind === "add") {
    const token0Amount = big(get("token0Amount", "bigint"));
    const token1Amount = big(get("token1Amount", "bigint"));
    const exact = get("exact", "boolean") as boolean;
    if (token0Amount === 0n && token1Amount === 0n)
      throw invalid("at least one token amount must be positive");
    const permitted = field(raw, permit, pp, "permitted", "array") as unknown[];
    if (permitted.length !== 2) throw invalid("permitTokens must cover exactly [token0, token1]");
    const entries = permitted.map((p, n) => {
      const po = obj(raw, p, `${pp}.permitted[${n}]`);
      return {
        token: addressOf(field(raw, po, `${pp}.permitted[${n}]`, "token", "string"), "token"),
        amount: big(field(raw, po, `${pp}.permitted[${n}]`, "amount", "bigint")),
      };
    });
    if (entries[0]!.token !== token0 || entries[1]!.token !== token1) {
      throw invalid("permitTokens must cover exactly [token0, token1] in order");
    }
    if (entries[0]!.amount !== token0Amount || entries[1]!.amount !== token1Amount)
      throw invalid("permit amounts differ from the intent");
    return {
      kind,
      owner,
      intent: { owner, token0, token1, fee, token0Amount, token1Amount, exact, salt },
      permit: {
        sig,
        nonce,
        deadline,
        definition: {
          domain,
          types: PERMIT_BATCH_TRANSFER_TYPES,
          primaryType: "PermitBatchTransferFrom",
          message: { permitted: entries, spender: router, nonce, deadline },
        },
      },
    };
  }
  const lpToken = addressOf(get("lpToken", "string"), "lpToken");
  const lpTokenAmount = big(get("lpTokenAmount", "bigint"));
  if (lpTokenAmount <= 0n) throw invalid("lpTokenAmount must be positive");
  const permitted = obj(raw, field(raw, permit, pp, "permitted", "object"), `${pp}.permitted`);
  const token = addressOf(field(raw, permitted, `${pp}.permitted`, "token", "string"), "token");
  const amount = big(field(raw, permitted, `${pp}.permitted`, "amount", "bigint"));
  if (token !== lpToken || amount !== lpTokenAmount)
    throw invalid("permitLpToken must cover the LP token amount");
  return {
    kind,
    owner,
    intent: { owner, token0, token1, fee, lpToken, lpTokenAmount, salt },
    permit: {
      sig,
      nonce,
      deadline,
      definition: {
        domain,
        types: PERMIT_TRANSFER_TYPES,
        primaryType: "PermitTransferFrom",
        message: { permitted: { token, amount }, spender: router, nonce, deadline },
      },
    },
  };
}

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
    throw new SimError(401, "USER_NOT_AUTHORIZED", "intent owner is not the authenticated address");
  const { sig, nonce, deadline, definition } = parsed.permit;
  if (deadline <= BigInt(nowS)) throw invalid("permit deadline has passed");
  const signer = await recover(definition, sig);
  if (signer !== owner)
    throw invalid("Permit2 signature does not recover to the owner (spender must be the lpRouter)");
  // SignatureTransfer nonces are unordered and single use (Permit2's nonce bitmap).
  const nonceKey = `${owner}:${nonce}`;
  if (state.transferNonces.has(nonceKey)) throw invalid("Permit2 nonce already used");
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
