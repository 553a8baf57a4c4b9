// An unsigned JWT-shaped token: clients decode `exp`, they never verify it (the server would),
// so the benchmarks need no signing key.
const b64url = (value) => Buffer.from(JSON.stringify(value)).toString("base64url");

export function jwt(expSecs) {
  return `${b64url({ alg: "none", typ: "JWT" })}.${b64url({ sub: "bench", exp: expSecs })}.sig`;
}
