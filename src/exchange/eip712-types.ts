/**
 * EIP-712 types of the stateless `/eip712/*` API, as the official client declares them
 * (`propeller-heads/turbine-sdk` `src/eip712.ts`, mirroring the backend's `turbine_eip712.sol`; pinned
 * by the cast-signed vectors of its `tests/eip712.test.ts`). Domain: `{name: "Turbine", version: "1",
 * chainId, verifyingContract: settler, salt: keccak256(utf8(apiBaseUrl))}` from `config.eip712Domain`.
 */
const ENVELOPE = [
  { name: "nonce", type: "uint64" },
  { name: "deadline", type: "uint64" },
] as const;

const ORDER = {
  OrderIntent: [
    { name: "owner", type: "address" },
    { name: "sellToken", type: "address" },
    { name: "buyToken", type: "address" },
    { name: "sellAmount", type: "uint256" },
    { name: "minBuyAmount", type: "uint256" },
    { name: "startDeltaBps", type: "int32" },
    { name: "endDeltaBps", type: "int32" },
    { name: "points", type: "SpreadCurvePoint[]" },
    { name: "startTime", type: "uint256" },
    { name: "endTime", type: "uint256" },
    { name: "partialFill", type: "bool" },
    { name: "callData", type: "bytes" },
    { name: "callDataTarget", type: "address" },
    { name: "salt", type: "bytes32" },
  ],
  SpreadCurvePoint: [
    { name: "timeSecs", type: "uint64" },
    { name: "deltaBps", type: "int32" },
  ],
} as const;

export const EIP712_TYPES = {
  // `add_order` and `add_orders` both sign AddOrder: a batch is an array of these envelopes.
  AddOrder: { AddOrder: [{ name: "order", type: "OrderIntent" }, ...ENVELOPE], ...ORDER },
  CancelOrder: { CancelOrder: [{ name: "orderHash", type: "bytes32" }, ...ENVELOPE] },
  QueryOrders: {
    QueryOrders: [
      { name: "hashes", type: "bytes32[]" },
      { name: "statuses", type: "string[]" },
      { name: "cursor", type: "string" },
      { name: "limit", type: "uint64" },
      ...ENVELOPE,
    ],
  },
  QueryLiquidityIntents: {
    QueryLiquidityIntents: [{ name: "hashes", type: "bytes32[]" }, ...ENVELOPE],
  },
  AddLiquidityEip712: {
    AddLiquidityEip712: [{ name: "intent", type: "AddLiquidityIntent" }, ...ENVELOPE],
    AddLiquidityIntent: [
      { name: "owner", type: "address" },
      { name: "token0", type: "address" },
      { name: "token1", type: "address" },
      { name: "fee", type: "uint24" },
      { name: "token0Amount", type: "uint256" },
      { name: "token1Amount", type: "uint256" },
      { name: "exact", type: "bool" },
      { name: "salt", type: "bytes32" },
    ],
  },
  RemoveLiquidityEip712: {
    RemoveLiquidityEip712: [{ name: "intent", type: "RemoveLiquidityIntent" }, ...ENVELOPE],
    RemoveLiquidityIntent: [
      { name: "owner", type: "address" },
      { name: "token0", type: "address" },
      { name: "token1", type: "address" },
      { name: "fee", type: "uint24" },
      { name: "lpToken", type: "address" },
      { name: "lpTokenAmount", type: "uint256" },
      { name: "salt", type: "bytes32" },
    ],
  },
} as const;

export type Eip712PrimaryType = keyof typeof EIP712_TYPES;
