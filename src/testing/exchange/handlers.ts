import { type HttpHandler, HttpResponse, http } from "msw";
import { type Address, getAddress, type Hex, recoverTypedDataAddress, verifyMessage } from "viem";
import { parseSiweMessage } from "viem/siwe";
import { domainSalt } from "../../exchange/config.js";
import { EIP712_TYPES, type Eip712PrimaryType } from "../../exchange/eip712-types.js";
import type { SimClock } from "../clock.js";
import { randomHex } from "../random.js";
import {
  acceptLiquidity,
  acceptOrder,
  deserError,
  feeFor,
  type ParsedPermit,
  parsePermitSingle,
  parseRestOrder,
  parseSignedOrder,
  readBoolSig,
  refresh,
  refreshLiquidity,
  requestCancel,
  serialize,
  stateJson,
} from "./engine.js";
import { type ExchangeSimState, SimError, type SimOrder, type SimSession, SimTextError } from "./state.js";

type Obj = Record<string, unknown>;
const MAX_ORDERS_IN_PAYLOAD = 50;
const MAX_HASHES = 30;

export function exchangeHandlers(
  state: ExchangeSimState,
  ctx: { clock: SimClock; random: () => number },
  baseUrl: string,
): HttpHandler[] {
  const base = baseUrl.replace(/\/$/, "");
  const url = (path: string) => `${base}${path}`;
  const settler = getAddress(state.pins.settler);

  const error = (status: number, code: string, message: string) =>
    HttpResponse.json({ code, message }, { status });

  function wrap(path: string, fn: (request: Request) => Promise<Response>) {
    return async ({ request }: { request: Request }) => {
      state.calls.set(path, (state.calls.get(path) ?? 0) + 1);
      try {
        return await fn(request);
      } catch (e) {
        if (e instanceof SimTextError) {
          return new HttpResponse(e.text, {
            status: e.status,
            headers: { "content-type": "text/plain; charset=utf-8" },
          });
        }
        if (e instanceof SimError) return error(e.status, e.code, e.message);
        throw e;
      }
    };
  }

  async function readBody(request: Request): Promise<{ raw: string; body: unknown }> {
    const raw = await request.text();
    try {
      return { raw, body: JSON.parse(raw) };
    } catch (e) {
      throw new SimTextError(400, `Failed to parse the request body as JSON: ${(e as Error).message}`);
    }
  }

  function cookieId(request: Request): string | undefined {
    const header = request.headers.get("cookie") ?? "";
    for (const part of header.split(";")) {
      const [k, ...v] = part.trim().split("=");
      if (k === "id") return v.join("=");
    }
    return undefined;
  }

  function session(request: Request): SimSession | undefined {
    const id = cookieId(request);
    const s = id ? state.sessions.get(id) : undefined;
    if (s && s.expiresAt <= ctx.clock.now()) {
      state.sessions.delete(s.id);
      return undefined;
    }
    return s;
  }

  function authed(request: Request): Address {
    const s = session(request);
    if (!s?.address) throw new SimError(401, "USER_NOT_AUTHORIZED", "User is not authorized");
    return s.address;
  }

  function setCookie(id: string): string {
    return `id=${id}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${Math.floor(state.options.sessionTtlMs / 1000)}`;
  }

  function newSession(): SimSession {
    const s: SimSession = {
      id: randomHex(ctx.random, 24),
      nonce: undefined,
      address: undefined,
      expiresAt: ctx.clock.now() + state.options.sessionTtlMs,
    };
    state.sessions.set(s.id, s);
    return s;
  }

  function config() {
    const tokens = state.options.tokens.map((t) => ({
      address: t.address.toLowerCase(),
      symbol: t.symbol,
      decimals: t.decimals,
      class: "erc20",
      binance: `${t.symbol}USDT`,
    }));
    return {
      version: "0.114.1",
      turbineSettlerAddress: state.pins.settler,
      turbineSignerAddress: state.pins.signer,
      lpHookAddress: state.pins.lpHook,
      lpRouterAddress: state.pins.lpRouter,
      poolManagerAddress: state.pins.poolManager,
      submitSettlements: true,
      siweDomain: "app.turbine.exchange",
      siweUri: state.options.siweUriOverride ?? base,
      tokens,
      minTradeSizeUsdc: String(state.options.minTradeSizeUsd * 1_000_000),
      eip712Domain: {
        name: "Turbine",
        version: "1",
        chainId: state.options.chainId,
        verifyingContract: state.pins.settler,
        salt: state.options.saltOverride ?? domainSalt(base),
      },
      maxSignatureLifetimeS: state.options.maxSignatureLifetimeS,
    };
  }

  const now = () => ctx.clock.now();

  // ── shared operations (session and EIP-712 routes) ──
  async function addOne(raw: string, item: unknown, path: string, owner: Address, signedForm: boolean) {
    const o = typeof item === "object" && item !== null && !Array.isArray(item) ? (item as Obj) : undefined;
    if (!o) throw deserError(raw, path || "body", item, "a map");
    if (o.order === undefined)
      throw new SimTextError(
        422,
        `Failed to deserialize the JSON body into the target type: ${path ? `${path}: ` : ""}missing field \`order\` at line 1 column 1`,
      );
    const order = signedForm
      ? parseSignedOrder(raw, o.order, `${path ? `${path}.` : ""}order`)
      : parseRestOrder(raw, o.order, `${path ? `${path}.` : ""}order`);
    const permit: ParsedPermit | undefined =
      o.signedPermit === undefined
        ? undefined
        : parsePermitSingle(raw, o.signedPermit, `${path ? `${path}.` : ""}signedPermit`);
    return acceptOrder(state, now(), owner, order, permit);
  }

  async function addMany(raw: string, items: unknown, owner: Address, signedForm: boolean) {
    if (!Array.isArray(items)) throw deserError(raw, "body", items, "a sequence");
    if (items.length > MAX_ORDERS_IN_PAYLOAD) {
      throw new SimError(400, "MAX_ORDERS_IN_PAYLOAD", `at most ${MAX_ORDERS_IN_PAYLOAD} orders per request`);
    }
    const out: { orderHash: string }[] = [];
    for (const [i, item] of items.entries()) {
      try {
        const stored = await addOne(raw, item, `[${i}]`, owner, signedForm);
        out.push({ orderHash: stored.hash });
      } catch (e) {
        // Per-order checks fail silently: the order is just missing from the answer.
        if (e instanceof SimError && e.status === 400) continue;
        throw e;
      }
    }
    return out;
  }

  function details(order: SimOrder): Record<string, unknown> {
    if (state.options.echoSalt) return order.details;
    const { salt: _salt, ...rest } = order.details;
    return rest;
  }

  function listOrders(
    owner: Address,
    q: { hashes: string[]; statuses: string[]; cursor: string; limit: number },
  ) {
    if (q.hashes.length > MAX_HASHES)
      throw new SimError(400, "TOO_MANY_HASHES", `at most ${MAX_HASHES} hashes`);
    if (!Number.isInteger(q.limit) || q.limit < 1)
      throw new SimError(400, "INPUT_VALIDATION_ERROR", "limit must be at least 1");
    if (q.limit > 200) throw new SimError(400, "LIMIT_TOO_HIGH", "limit must be at most 200");
    let offset = 0;
    if (q.cursor) {
      const m = /^c([0-9]+)$/.exec(q.cursor);
      if (!m) throw new SimError(400, "INVALID_CURSOR", "invalid cursor");
      offset = Number(m[1]);
    }
    const wanted = new Set(q.hashes.map((h) => h.toLowerCase()));
    const statuses = new Set(q.statuses);
    const all = [...state.orders.values()]
      .filter((o) => o.owner === owner)
      .map((o) => refresh(state, o, now()))
      .filter((o) => wanted.size === 0 || wanted.has(o.hash))
      .filter((o) => statuses.size === 0 || statuses.has(o.status))
      .sort((a, b) => b.createdAt - a.createdAt);
    const page = all.slice(offset, offset + q.limit);
    const hasMore = offset + q.limit < all.length;
    return {
      orders: page.map((o) => ({ ...stateJson(o, "camel"), orderDetails: details(o) })),
      cursor: hasMore ? `c${offset + q.limit}` : null,
      hasMore,
    };
  }

  function cancel(owner: Address, body: unknown, raw: string) {
    const o = body as Obj;
    if (typeof o !== "object" || o === null || typeof o.orderHash !== "string") {
      throw deserError(raw, "orderHash", o?.orderHash, "a string");
    }
    requestCancel(state, owner, o.orderHash, now());
    return { orderHash: o.orderHash };
  }

  function liquidityStates(hashes: unknown, raw: string) {
    if (!Array.isArray(hashes)) throw deserError(raw, "intentHashes", hashes, "a sequence");
    return hashes
      .map((h) => refreshLiquidity(state, String(h).toLowerCase() as Hex, now()))
      .filter((i) => i !== undefined)
      .map((i) => ({ hash: i.hash, status: i.status }));
  }

  // ── EIP-712 envelopes ──
  function bigintOf(v: unknown): bigint {
    return BigInt(v as string | number);
  }

  function signedOrderMessage(o: Obj) {
    return {
      owner: o.owner,
      sellToken: o.sellToken,
      buyToken: o.buyToken,
      sellAmount: bigintOf(o.sellAmount),
      minBuyAmount: bigintOf(o.minBuyAmount),
      startDeltaBps: o.startDeltaBps,
      endDeltaBps: o.endDeltaBps,
      points: (o.points as Obj[]).map((p) => ({ timeSecs: bigintOf(p.timeSecs), deltaBps: p.deltaBps })),
      startTime: bigintOf(o.startTime),
      endTime: bigintOf(o.endTime),
      partialFill: o.partialFill,
      callData: o.callData,
      callDataTarget: o.callDataTarget,
      salt: o.salt,
    };
  }

  async function envelope(
    request: Request,
    primaryType: Eip712PrimaryType,
    message: (payload: Obj, raw: string) => Record<string, unknown>,
  ): Promise<{ signer: Address; payload: Obj; raw: string }> {
    const { raw, body } = await readBody(request);
    const b = body as Obj;
    if (typeof b !== "object" || b === null) throw deserError(raw, "body", b, "a map");
    if (typeof b.payload !== "object" || b.payload === null)
      throw deserError(raw, "payload", b.payload, "a map");
    if (typeof b.auth !== "object" || b.auth === null) throw deserError(raw, "auth", b.auth, "a map");
    const auth = b.auth as Obj;
    if (typeof auth.signer !== "string") throw deserError(raw, "auth.signer", auth.signer, "a string");
    if (typeof auth.nonce !== "string" || !/^\d+$/.test(auth.nonce) || BigInt(auth.nonce) >= 1n << 64n) {
      throw deserError(raw, "auth.nonce", auth.nonce, "a decimal u64 string");
    }
    if (typeof auth.deadline !== "number" || !Number.isInteger(auth.deadline)) {
      throw deserError(raw, "auth.deadline", auth.deadline, "u64");
    }
    const sig = readBoolSig(raw, auth, "auth");
    const nowS = Math.floor(now() / 1000);
    if (auth.deadline < nowS)
      throw new SimError(400, "INPUT_VALIDATION_ERROR", "signature deadline has passed");
    if (auth.deadline > nowS + state.options.maxSignatureLifetimeS) {
      throw new SimError(400, "INPUT_VALIDATION_ERROR", "signature deadline is beyond maxSignatureLifetimeS");
    }
    const payload = b.payload as Obj;
    let recovered: Address | undefined;
    try {
      recovered = await recoverTypedDataAddress({
        domain: {
          name: "Turbine",
          version: "1",
          chainId: state.options.chainId,
          verifyingContract: settler,
          salt: domainSalt(base),
        },
        types: EIP712_TYPES[primaryType],
        primaryType,
        message: { ...message(payload, raw), nonce: BigInt(auth.nonce), deadline: BigInt(auth.deadline) },
        signature: serialize(sig),
      } as Parameters<typeof recoverTypedDataAddress>[0]);
    } catch (e) {
      if (e instanceof SimTextError || e instanceof SimError) throw e;
      recovered = undefined;
    }
    const signer = getAddress(auth.signer);
    if (recovered !== signer)
      throw new SimError(401, "VERIFICATION_FAILED", "envelope signature does not match auth.signer");
    const key = `${signer}:${auth.nonce}`;
    if (state.envelopeNonces.has(key)) throw new SimError(409, "NONCE_ALREADY_USED", "nonce already used");
    state.envelopeNonces.add(key);
    return { signer, payload, raw };
  }

  const E = (path: string) => url(`/eip712${path}`);

  return [
    http.get(
      url("/status"),
      wrap("/status", async () => HttpResponse.text("OK from Turbine")),
    ),
    http.get(
      url("/config"),
      wrap("/config", async () => HttpResponse.json(config())),
    ),

    http.post(
      url("/nonce"),
      wrap("/nonce", async () => {
        const s = newSession();
        s.nonce = randomHex(ctx.random, 16);
        return HttpResponse.json(s.nonce, { headers: { "Set-Cookie": setCookie(s.id) } });
      }),
    ),

    http.post(
      url("/verify"),
      wrap("/verify", async (request) => {
        const { raw, body } = await readBody(request);
        const b = body as Obj;
        if (typeof b?.message !== "string") throw deserError(raw, "message", b?.message, "a string");
        const sig = b.signature as Obj;
        if (typeof sig !== "object" || sig === null) throw deserError(raw, "signature", sig, "a map");
        for (const k of ["r", "s", "yParity", "v"]) {
          if (typeof sig[k] !== "string") throw deserError(raw, `signature.${k}`, sig[k], "a string");
        }
        const s = session(request);
        if (!s) throw new SimError(400, "NO_NONCE_GENERATED", "No nonce was generated for this session");
        if (s.address) throw new SimError(400, "ALREADY_AUTHENTICATED", "Session is already authenticated");
        if (!s.nonce)
          throw new SimError(400, "NO_NONCE_GENERATED", "No nonce was generated for this session");
        const expectedNonce = s.nonce;
        s.nonce = undefined; // single use, whatever happens next
        const fields = parseSiweMessage(b.message);
        const yParity = sig.yParity === "0x1" ? 1 : sig.yParity === "0x0" ? 0 : -1;
        const failed = (why: string) =>
          new SimError(401, "VERIFICATION_FAILED", `SIWE verification failed: ${why}`);
        if (yParity < 0) throw failed("yParity must be 0x0 or 0x1");
        if (sig.v !== (yParity ? "0x1c" : "0x1b")) throw failed("v does not match yParity");
        if (fields.nonce !== expectedNonce) throw failed("nonce mismatch");
        if (fields.domain !== "app.turbine.exchange") throw failed("domain mismatch");
        if (fields.uri !== base) throw failed("uri mismatch");
        if (fields.chainId !== state.options.chainId) throw failed("chain id mismatch");
        if (fields.version !== "1" || !fields.address || !fields.issuedAt) throw failed("malformed message");
        const ok = await verifyMessage({
          address: fields.address,
          message: b.message,
          signature: serialize({ r: sig.r as Hex, s: sig.s as Hex, yParity: yParity === 1 }),
        }).catch(() => false);
        if (!ok) throw failed("signature does not match the address");
        // Rotate the session id on login.
        state.sessions.delete(s.id);
        const next = newSession();
        next.address = getAddress(fields.address);
        return new HttpResponse(null, { status: 200, headers: { "Set-Cookie": setCookie(next.id) } });
      }),
    ),

    http.get(
      url("/me"),
      wrap("/me", async (request) => HttpResponse.json({ authenticated: true, address: authed(request) })),
    ),

    http.post(
      url("/logout"),
      wrap("/logout", async (request) => {
        authed(request);
        const id = cookieId(request);
        if (id) state.sessions.delete(id);
        return new HttpResponse(null, { status: 200, headers: { "Set-Cookie": "id=; Path=/; Max-Age=0" } });
      }),
    ),

    http.post(
      url("/add_order"),
      wrap("/add_order", async (request) => {
        const owner = authed(request);
        const { raw, body } = await readBody(request);
        const stored = await addOne(raw, body, "", owner, false);
        return HttpResponse.json({ orderHash: stored.hash });
      }),
    ),

    http.post(
      url("/add_orders"),
      wrap("/add_orders", async (request) => {
        const owner = authed(request);
        const { raw, body } = await readBody(request);
        return HttpResponse.json(await addMany(raw, body, owner, false));
      }),
    ),

    http.post(
      url("/cancel_order"),
      wrap("/cancel_order", async (request) => {
        const owner = authed(request);
        const { raw, body } = await readBody(request);
        return HttpResponse.json(cancel(owner, body, raw));
      }),
    ),

    http.post(
      url("/order_states"),
      wrap("/order_states", async (request) => {
        authed(request);
        const { raw, body } = await readBody(request);
        const hashes = (body as Obj)?.orderHashes;
        if (!Array.isArray(hashes)) throw deserError(raw, "orderHashes", hashes, "a sequence");
        return HttpResponse.json(
          hashes.map((h) => {
            const o = state.orders.get(String(h).toLowerCase() as Hex);
            return o
              ? stateJson(refresh(state, o, now()), "snake")
              : { hash: h, status: "Unknown", execution: [] };
          }),
        );
      }),
    ),

    http.get(
      url("/orders"),
      wrap("/orders", async (request) => {
        const owner = authed(request);
        const params = new URL(request.url).searchParams;
        for (const key of ["hash", "status", "cursor", "limit"]) {
          if (params.getAll(key).length > 1) {
            throw new SimError(
              400,
              "INPUT_VALIDATION_ERROR",
              `Failed to deserialize query string: duplicate field \`${key}\``,
            );
          }
        }
        const split = (v: string | null) => (v ? v.split(",").filter(Boolean) : []);
        return HttpResponse.json(
          listOrders(owner, {
            hashes: split(params.get("hash")),
            statuses: split(params.get("status")),
            cursor: params.get("cursor") ?? "",
            limit: params.has("limit") ? Number(params.get("limit")) : 50,
          }),
        );
      }),
    ),

    http.post(
      url("/order_fees"),
      wrap("/order_fees", async (request) => {
        const { raw, body } = await readBody(request);
        const order = parseRestOrder(raw, body, "");
        return HttpResponse.json(`0x${feeFor(state, order).toString(16)}`);
      }),
    ),

    http.post(
      url("/add_liquidity"),
      wrap("/add_liquidity", async (request) => {
        const owner = authed(request);
        const { raw, body } = await readBody(request);
        const hash = await acceptLiquidity(state, now(), owner, raw, body as Obj, "add");
        return HttpResponse.json({ intentHash: hash });
      }),
    ),

    http.post(
      url("/remove_liquidity"),
      wrap("/remove_liquidity", async (request) => {
        const owner = authed(request);
        const { raw, body } = await readBody(request);
        const hash = await acceptLiquidity(state, now(), owner, raw, body as Obj, "remove");
        return HttpResponse.json({ intentHash: hash });
      }),
    ),

    http.post(
      url("/liquidity_intent_states"),
      wrap("/liquidity_intent_states", async (request) => {
        authed(request);
        const { raw, body } = await readBody(request);
        return HttpResponse.json(liquidityStates((body as Obj)?.intentHashes, raw));
      }),
    ),

    // ── Stateless EIP-712 mode ──
    http.post(
      E("/add_order"),
      wrap("/eip712/add_order", async (request) => {
        const { signer, payload, raw } = await envelope(request, "AddOrder", (p, r) => {
          parseSignedOrder(r, p.order, "payload.order");
          return { order: signedOrderMessage(p.order as Obj) };
        });
        const stored = await addOne(raw, payload, "payload", signer, true);
        return HttpResponse.json({ orderHash: stored.hash });
      }),
    ),
    http.post(
      E("/add_orders"),
      wrap("/eip712/add_orders", async (request) => {
        const { signer, payload, raw } = await envelope(request, "AddOrders", (p, r) => {
          if (!Array.isArray(p.orders)) throw deserError(r, "payload.orders", p.orders, "a sequence");
          return {
            orders: (p.orders as Obj[]).map((item, i) => {
              parseSignedOrder(r, item?.order, `payload.orders[${i}].order`);
              return signedOrderMessage(item.order as Obj);
            }),
          };
        });
        return HttpResponse.json(await addMany(raw, payload.orders, signer, true));
      }),
    ),
    http.post(
      E("/cancel_order"),
      wrap("/eip712/cancel_order", async (request) => {
        const { signer, payload, raw } = await envelope(request, "CancelOrder", (p) => ({
          orderHash: p.orderHash,
        }));
        return HttpResponse.json(cancel(signer, payload, raw));
      }),
    ),
    http.post(
      E("/orders"),
      wrap("/eip712/orders", async (request) => {
        const { signer, payload } = await envelope(request, "QueryOrders", (p) => ({
          hashes: p.hashes,
          statuses: p.statuses,
          cursor: p.cursor,
          limit: BigInt(p.limit as number),
        }));
        return HttpResponse.json(
          listOrders(signer, {
            hashes: (payload.hashes as string[]) ?? [],
            statuses: (payload.statuses as string[]) ?? [],
            cursor: (payload.cursor as string) ?? "",
            limit: payload.limit as number,
          }),
        );
      }),
    ),
    http.post(
      E("/liquidity_intents"),
      wrap("/eip712/liquidity_intents", async (request) => {
        const { payload, raw } = await envelope(request, "QueryLiquidityIntents", (p) => ({
          hashes: p.hashes,
        }));
        return HttpResponse.json(liquidityStates(payload.hashes, raw));
      }),
    ),
    http.post(
      E("/add_liquidity"),
      wrap("/eip712/add_liquidity", async (request) => {
        const { signer, payload, raw } = await envelope(request, "AddLiquidity", (p) => {
          const a = (p.addLiquidity ?? {}) as Obj;
          const permit = ((p.permitTokens as Obj)?.permit ?? {}) as Obj;
          return {
            owner: a.owner,
            token0: a.token0,
            token1: a.token1,
            amount0: bigintOf(a.amount0),
            amount1: bigintOf(a.amount1),
            permitNonce: bigintOf(permit.nonce),
            permitDeadline: bigintOf(permit.deadline),
          };
        });
        return HttpResponse.json({
          intentHash: await acceptLiquidity(state, now(), signer, raw, payload, "add"),
        });
      }),
    ),
    http.post(
      E("/remove_liquidity"),
      wrap("/eip712/remove_liquidity", async (request) => {
        const { signer, payload, raw } = await envelope(request, "RemoveLiquidity", (p) => {
          const a = (p.removeLiquidity ?? {}) as Obj;
          const permit = ((p.permitLpToken as Obj)?.permit ?? {}) as Obj;
          return {
            owner: a.owner,
            lpToken: a.lpToken,
            liquidity: bigintOf(a.liquidity),
            permitNonce: bigintOf(permit.nonce),
            permitDeadline: bigintOf(permit.deadline),
          };
        });
        return HttpResponse.json({
          intentHash: await acceptLiquidity(state, now(), signer, raw, payload, "remove"),
        });
      }),
    ),
  ];
}
