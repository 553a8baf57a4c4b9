import { SignJWT } from "jose";
import type { SimEnv, SimUser } from "./state.js";

/** A fresh access token (HS256 JWT) and a single-use refresh token for the user. */
export async function issueTokens(env: SimEnv, user: SimUser) {
  const { state } = env;
  const iat = Math.floor(env.now() / 1000);
  const ttl = state.options.accessTokenTtlSeconds;
  const access = await new SignJWT({ email: user.email, jti: env.id(8) })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(user.id)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ttl)
    .sign(state.jwtSecret);
  const refresh = `rt_${env.id(24)}`;
  state.refreshTokens.set(refresh, user.id);
  return { access_token: access, refresh_token: refresh, token_type: "bearer", expires_in: ttl };
}
