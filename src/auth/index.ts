export { type ApiKeyOptions, apiKey, checkOrgSlug } from "./api-key.js";
export { bearer, type TokenSource } from "./bearer.js";
export { CredentialsError } from "./errors.js";
export { type JwtSession, type JwtSessionOptions, jwtSession } from "./jwt-session.js";
export { missingAuth, none } from "./none.js";
export {
  type AuthStrategy,
  BIND_SESSION,
  bindSessionEndpoints,
  type SessionEndpoints,
  type TokenPair,
} from "./types.js";
