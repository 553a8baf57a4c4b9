import { SignJWT } from "jose";

const KEY = new TextEncoder().encode("test-signing-key-0123456789abcdef");

/** A real HS256 JWT whose `exp` is `expiresInSec` from `nowMs`. */
export function makeJwt(subject: string, expiresInSec: number, nowMs = Date.now()): Promise<string> {
  const iat = Math.floor(nowMs / 1000);
  return new SignJWT({ sub: subject })
    .setProtectedHeader({ alg: "HS256" })
    .setIssuedAt(iat)
    .setExpirationTime(iat + expiresInSec)
    .sign(KEY);
}
