// The EIP-712 type tables against the type strings of the spec (providers/exchange.md) and the
// published Permit2 typehashes. The simulator verifies signatures with the SDK's own tables, so a
// reordered or retyped field would pass every round trip: only a fixed text catches it.
import { keccak256, toBytes } from "viem";
import { describe, expect, it } from "vitest";
import { EIP712_TYPES } from "../../src/exchange/eip712-types.js";
import {
  PERMIT_BATCH_TRANSFER_TYPES,
  PERMIT_SINGLE_TYPES,
  PERMIT_TRANSFER_TYPES,
} from "../../src/exchange/permit2.js";

type Table = Record<string, readonly { name: string; type: string }[]>;
/** `Name(type name,…)` of one struct: the form EIP-712 hashes. */
const typeString = (types: Table, name: string) =>
  `${name}(${(types[name] ?? []).map((f) => `${f.type} ${f.name}`).join(",")})`;

describe("EIP-712 type strings", () => {
  it("the Turbine envelopes read exactly as the spec writes them", () => {
    expect(typeString(EIP712_TYPES.AddOrder, "AddOrder")).toBe(
      "AddOrder(OrderIntent order,uint64 nonce,uint64 deadline)",
    );
    expect(typeString(EIP712_TYPES.CancelOrder, "CancelOrder")).toBe(
      "CancelOrder(bytes32 orderHash,uint64 nonce,uint64 deadline)",
    );
    expect(typeString(EIP712_TYPES.QueryOrders, "QueryOrders")).toBe(
      "QueryOrders(bytes32[] hashes,string[] statuses,string cursor,uint64 limit,uint64 nonce,uint64 deadline)",
    );
    // The signed order (official turbine-sdk src/eip712.ts): the curve as absolute-time points,
    // the window as uint256.
    expect(
      `${typeString(EIP712_TYPES.AddOrder, "OrderIntent")}${typeString(EIP712_TYPES.AddOrder, "SpreadCurvePoint")}`,
    ).toBe(
      "OrderIntent(address owner,address sellToken,address buyToken,uint256 sellAmount,uint256 minBuyAmount,int32 startDeltaBps,int32 endDeltaBps,SpreadCurvePoint[] points,uint256 startTime,uint256 endTime,bool partialFill,bytes callData,address callDataTarget,bytes32 salt)SpreadCurvePoint(uint64 timeSecs,int32 deltaBps)",
    );
    expect(typeString(EIP712_TYPES.QueryLiquidityIntents, "QueryLiquidityIntents")).toBe(
      "QueryLiquidityIntents(bytes32[] hashes,uint64 nonce,uint64 deadline)",
    );
    expect(
      `${typeString(EIP712_TYPES.AddLiquidityEip712, "AddLiquidityEip712")}${typeString(EIP712_TYPES.AddLiquidityEip712, "AddLiquidityIntent")}`,
    ).toBe(
      "AddLiquidityEip712(AddLiquidityIntent intent,uint64 nonce,uint64 deadline)AddLiquidityIntent(address owner,address token0,address token1,uint24 fee,uint256 token0Amount,uint256 token1Amount,bool exact,bytes32 salt)",
    );
    expect(
      `${typeString(EIP712_TYPES.RemoveLiquidityEip712, "RemoveLiquidityEip712")}${typeString(EIP712_TYPES.RemoveLiquidityEip712, "RemoveLiquidityIntent")}`,
    ).toBe(
      "RemoveLiquidityEip712(RemoveLiquidityIntent intent,uint64 nonce,uint64 deadline)RemoveLiquidityIntent(address owner,address token0,address token1,uint24 fee,address lpToken,uint256 lpTokenAmount,bytes32 salt)",
    );
    // A batch signs AddOrder per order: there is no AddOrders type.
    expect(Object.keys(EIP712_TYPES)).toEqual([
      "AddOrder",
      "CancelOrder",
      "QueryOrders",
      "QueryLiquidityIntents",
      "AddLiquidityEip712",
      "RemoveLiquidityEip712",
    ]);
  });

  it("Permit2's structs match the spec and the contract's published typehashes", () => {
    const single = `${typeString(PERMIT_SINGLE_TYPES, "PermitSingle")}${typeString(PERMIT_SINGLE_TYPES, "PermitDetails")}`;
    expect(single).toBe(
      "PermitSingle(PermitDetails details,address spender,uint256 sigDeadline)PermitDetails(address token,uint160 amount,uint48 expiration,uint48 nonce)",
    );
    // PermitHash.sol: _PERMIT_SINGLE_TYPEHASH.
    expect(keccak256(toBytes(single))).toBe(
      "0xf3841cd1ff0085026a6327b620b67997ce40f282c88a8e905a7a5626e310f3d0",
    );

    const batch = `${typeString(PERMIT_BATCH_TRANSFER_TYPES, "PermitBatchTransferFrom")}${typeString(PERMIT_BATCH_TRANSFER_TYPES, "TokenPermissions")}`;
    expect(batch).toBe(
      "PermitBatchTransferFrom(TokenPermissions[] permitted,address spender,uint256 nonce,uint256 deadline)TokenPermissions(address token,uint256 amount)",
    );
    // PermitHash.sol: _PERMIT_BATCH_TRANSFER_FROM_TYPEHASH.
    expect(keccak256(toBytes(batch))).toBe(
      "0xfcf35f5ac6a2c28868dc44c302166470266239195f02b0ee408334829333b766",
    );

    const transfer = `${typeString(PERMIT_TRANSFER_TYPES, "PermitTransferFrom")}${typeString(PERMIT_TRANSFER_TYPES, "TokenPermissions")}`;
    // PermitHash.sol: _PERMIT_TRANSFER_FROM_TYPEHASH.
    expect(keccak256(toBytes(transfer))).toBe(
      "0x939c21a48a8dbe3a9a2404a1d46691e4d39f6583d6ec6b35714604c986d80106",
    );
  });
});
