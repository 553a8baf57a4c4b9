import { keccak256, toBytes } from "viem";
import { ConfigMismatchError } from "../core/errors.js";
import type { ExchangeConfig } from "./schemas.js";

/** Contract addresses the client refuses to deviate from (defaults: the seed's production values). */
export interface ExchangePins {
  settler: string;
  signer: string;
  lpHook: string;
  lpRouter: string;
  poolManager: string;
}

/** The production contract addresses the client pins by default. */
export const DEFAULT_PINS: Readonly<ExchangePins> = Object.freeze({
  settler: "0xbb3e81c0563dc61719696475f5c7b5e011a73f8a",
  signer: "0x89c740fea6bd1df86d0f8dff3f4c4c23cb598890",
  lpHook: "0xa44ff524f78858e015fcca322cb7d16aeb89a088",
  lpRouter: "0x8e7cc22eda4e2d3a8275fd88cf061681b42ce3d1",
  poolManager: "0x000000000004444c5dc75cb358380d2e3de08a90",
});

/** The production API base URL (the default `baseUrl`). */
export const DEFAULT_BASE_URL = "https://api.turbine.exchange/api";

/**
 * The domain SIWE messages are signed for (the seed's `app.turbine.exchange`). Pinned like the
 * contract addresses: a `/config` naming another domain would have the wallet sign a login that
 * another site could replay, so it is refused before anything is signed.
 */
export const DEFAULT_SIWE_DOMAIN = "app.turbine.exchange";

/** The Uniswap Permit2 contract (same address on every chain). */
export const PERMIT2_ADDRESS = "0x000000000022D473030F116dDEE9F6B43aC78BA3" as const;

const PIN_FIELDS: [keyof ExchangePins, keyof ExchangeConfig][] = [
  ["settler", "turbineSettlerAddress"],
  ["signer", "turbineSignerAddress"],
  ["lpHook", "lpHookAddress"],
  ["lpRouter", "lpRouterAddress"],
  ["poolManager", "poolManagerAddress"],
];

function sameAddress(a: unknown, b: unknown): boolean {
  return typeof a === "string" && typeof b === "string" && a.toLowerCase() === b.toLowerCase();
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, "");
}

/** keccak256(utf8(baseUrl)): the EIP-712 domain salt binding signatures to one API host. */
export function domainSalt(baseUrl: string): `0x${string}` {
  return keccak256(toBytes(trimSlash(baseUrl)));
}

/**
 * A pinned address the server disagrees with. The message names the exact option that accepts the
 * new value, for when the exchange really redeployed (check the new address independently first:
 * the settler is the Permit2 spender).
 */
function pinMismatch(
  field: string,
  pinned: string,
  actual: string,
  pin: keyof ExchangePins,
): ConfigMismatchError {
  const error = new ConfigMismatchError(field, pinned, actual);
  const value = /^0x[0-9a-fA-F]{40}$/.test(actual) ? actual : "0x…";
  error.message += `. If the exchange really moved there, pin the new address: createTurbineExchange({ pins: { ${pin}: "${value}" } })`;
  return error;
}

/**
 * Halts (ConfigMismatchError) when `/config` disagrees with the pins, when `siweUri` is not the
 * base URL, or — in EIP-712 mode — when the domain is not bound to the settler and this host.
 */
export function checkConfig(
  config: ExchangeConfig,
  ctx: {
    pins: ExchangePins;
    baseUrl: string;
    mode: "session" | "eip712";
    chainId: number;
    siweDomain?: string;
  },
): void {
  for (const [pin, field] of PIN_FIELDS) {
    // The official client's config has no turbineSignerAddress: pinned only when the server sends it.
    if (pin === "signer" && config[field] == null) continue;
    if (!sameAddress(config[field], ctx.pins[pin])) {
      throw pinMismatch(String(field), ctx.pins[pin], String(config[field]), pin);
    }
  }
  if (trimSlash(config.siweUri) !== trimSlash(ctx.baseUrl)) {
    throw new ConfigMismatchError("siweUri", trimSlash(ctx.baseUrl), config.siweUri);
  }
  const siweDomain = ctx.siweDomain ?? DEFAULT_SIWE_DOMAIN;
  if (ctx.mode === "session" && String(config.siweDomain).toLowerCase() !== siweDomain.toLowerCase()) {
    throw new ConfigMismatchError("siweDomain", siweDomain, String(config.siweDomain));
  }
  if (ctx.mode !== "eip712") return;
  const domain = config.eip712Domain;
  if (!domain) throw new ConfigMismatchError("eip712Domain", "present", "missing");
  if (!sameAddress(domain.verifyingContract, ctx.pins.settler)) {
    throw pinMismatch(
      "eip712Domain.verifyingContract",
      ctx.pins.settler,
      domain.verifyingContract,
      "settler",
    );
  }
  const salt = domainSalt(ctx.baseUrl);
  if (typeof domain.salt !== "string" || domain.salt.toLowerCase() !== salt) {
    throw new ConfigMismatchError("eip712Domain.salt", salt, String(domain.salt));
  }
  if (domain.chainId !== ctx.chainId) {
    throw new ConfigMismatchError("eip712Domain.chainId", String(ctx.chainId), String(domain.chainId));
  }
  if (domain.name !== "Turbine" || domain.version !== "1") {
    throw new ConfigMismatchError(
      "eip712Domain.name/version",
      "Turbine/1",
      `${domain.name}/${domain.version}`,
    );
  }
}
