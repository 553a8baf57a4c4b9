import { type HttpHandler, HttpResponse } from "msw";
import { domainSalt } from "../../../exchange/config.js";
import { json } from "../../kit/index.js";
import type { Obj } from "../wire.js";
import type { ExchangeRoutes } from "./context.js";

/** `/status` and the pinned `/config` (contracts, SIWE domain and URI, tokens, EIP-712 domain). */
export function configHandlers(routes: ExchangeRoutes): HttpHandler[] {
  const { state, dialect } = routes;

  function config(request: Request): Obj {
    const publicUrl = routes.publicBase(request);
    // Token classes as the official client knows them (`src/models.ts` TurbineTokenClass).
    const tokens = state.options.tokens.map((t) => ({
      address: t.address.toLowerCase(),
      symbol: t.symbol,
      decimals: t.decimals,
      class: t.class ?? "Regular",
      binance: `${t.symbol}USDT`,
    }));
    const answer: Obj = {
      version: "0.135.0",
      turbineSettlerAddress: state.pins.settler,
      turbineSignerAddress: state.pins.signer,
      lpHookAddress: state.pins.lpHook,
      lpRouterAddress: state.pins.lpRouter,
      poolManagerAddress: state.pins.poolManager,
      submitSettlements: true,
      siweDomain: "app.turbine.exchange",
      siweUri: state.options.siweUriOverride ?? publicUrl,
      tokens,
      minTradeSizeUsdc: String(state.options.minTradeSizeUsd * 1_000_000),
      eip712Domain: {
        name: "Turbine",
        version: "1",
        chainId: state.options.chainId,
        verifyingContract: state.pins.settler,
        salt: state.options.saltOverride ?? domainSalt(publicUrl),
      },
      maxSignatureLifetimeS: state.options.maxSignatureLifetimeS,
    };
    if (dialect.variant) {
      // The official client's config has no signer address (it requires every other field, and
      // a token class of Regular/Stable/Meme); a field nobody documented.
      delete answer.turbineSignerAddress;
      answer.quoteEnabled = false;
    }
    return answer;
  }

  return [
    routes.get("/status", () => HttpResponse.text("OK from Turbine")),
    routes.get("/config", ({ request }) => json(config(request))),
  ];
}
