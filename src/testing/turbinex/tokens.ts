import { errors as joseErrors, jwtVerify, SignJWT } from "jose";
import type { SimUser, TurbineXSimState } from "./state.js";

export type Tokens = ReturnType<typeof createTokens>;

/** Real HS256 JWTs whose iat/exp come from the simulated clock. */
export function createTokens(state: TurbineXSimState) {
  const key = new TextEncoder().encode(state.settings.jwtSecret);

  async function accessToken(user: SimUser): Promise<string> {
    const iat = Math.floor(state.now() / 1000);
    return new SignJWT({ org: user.org_id, role: user.role, typ: "access" })
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .setSubject(user.id)
      .setIssuedAt(iat)
      .setExpirationTime(iat + state.settings.accessTokenTtlSec)
      .setJti(state.id("jti"))
      .sign(key);
  }

  /** A fresh pair; refresh tokens are opaque and single-use (rotation). */
  async function issue(user: SimUser): Promise<Record<string, unknown>> {
    const refresh = state.opaqueToken("txr");
    state.refreshTokens.set(refresh, {
      user_id: user.id,
      expires_at: state.now() + state.settings.refreshTokenTtlSec * 1000,
      used: false,
    });
    return {
      access_token: await accessToken(user),
      refresh_token: refresh,
      token_type: "bearer",
      expires_in: state.settings.accessTokenTtlSec,
    };
  }

  /** The user a bearer credential (JWT or PAT) belongs to, or the 401 detail. */
  async function authenticate(token: string): Promise<{ user: SimUser } | { error: string }> {
    if (token.startsWith("txp_")) {
      for (const pat of state.pats.values()) {
        if (pat.token !== token) continue;
        if (pat.expires_at !== null && pat.expires_at <= state.now()) {
          return { error: "Personal access token has expired" };
        }
        const user = state.users.get(pat.user_id);
        return user ? { user } : { error: "Could not validate credentials" };
      }
      return { error: "Could not validate credentials" };
    }
    try {
      const { payload } = await jwtVerify(token, key, {
        algorithms: ["HS256"],
        currentDate: new Date(state.now()),
      });
      if (payload.typ !== "access") return { error: "Could not validate credentials" };
      const user = typeof payload.sub === "string" ? state.users.get(payload.sub) : undefined;
      return user ? { user } : { error: "Could not validate credentials" };
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) return { error: "Token has expired" };
      return { error: "Could not validate credentials" };
    }
  }

  return { accessToken, issue, authenticate };
}
