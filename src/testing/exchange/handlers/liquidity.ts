import type { HttpHandler } from "msw";
import { json } from "../../kit/index.js";
import { acceptLiquidity, liquidityStates, type ParsedLiquidity, parseLiquidity } from "../liquidity.js";
import { type Obj, obj, readBody } from "../wire.js";
import type { ExchangeRoutes } from "./context.js";

const KINDS = ["add", "remove"] as const;

/**
 * Liquidity intents, in both modes: `/add_liquidity`, `/remove_liquidity`,
 * `/liquidity_intent_states` (session) and `/eip712/add_liquidity`, `/eip712/remove_liquidity`,
 * `/eip712/liquidity_intents` (envelopes).
 */
export function liquidityHandlers(routes: ExchangeRoutes): HttpHandler[] {
  const { state, dialect, signedIn, now } = routes;
  const states = (raw: string, hashes: unknown) => json(liquidityStates(state, raw, hashes, now(), dialect));

  const session = KINDS.map((kind) =>
    routes.post(
      `/${kind}_liquidity`,
      signedIn(async ({ request }, owner) => {
        const { raw, body } = await readBody(request);
        const b = obj(raw, body, "");
        return json({
          intentHash: await acceptLiquidity(state, now(), owner, parseLiquidity(state, raw, b, kind), b),
        });
      }),
    ),
  );

  // An envelope signs the intent struct (`AddLiquidityEip712` / `RemoveLiquidityEip712`).
  const signed = KINDS.map((kind) =>
    routes.post(`/eip712/${kind}_liquidity`, async ({ request }) => {
      let parsed: ParsedLiquidity | undefined;
      const primaryType = kind === "add" ? "AddLiquidityEip712" : "RemoveLiquidityEip712";
      const { signer, payload } = await routes.signedBody(request, primaryType, (p, raw) => {
        parsed = parseLiquidity(state, raw, p, kind);
        return { intent: parsed.intent };
      });
      return json({ intentHash: await acceptLiquidity(state, now(), signer, parsed!, payload) });
    }),
  );

  return [
    ...session,
    routes.post(
      "/liquidity_intent_states",
      signedIn(async ({ request }) => {
        const { raw, body } = await readBody(request);
        return states(raw, (body as Obj)?.intentHashes);
      }),
    ),
    ...signed,
    routes.post("/eip712/liquidity_intents", async ({ request }) => {
      const { payload, raw } = await routes.signedBody(request, "QueryLiquidityIntents", (p) => ({
        hashes: p.hashes,
      }));
      return states(raw, payload.hashes);
    }),
  ];
}
