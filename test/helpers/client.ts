import { none } from "../../src/auth/none.js";
import type { AuthStrategy } from "../../src/auth/types.js";
import { type ClientOptions, HttpClient, type ProviderConfig } from "../../src/core/http.js";

export const BASE = "https://api.example.test";

/** A core HttpClient as a provider would build it, for testing core behaviour directly. */
export function testClient(
  auth: AuthStrategy = none(),
  options: ClientOptions = {},
  provider: Partial<ProviderConfig> = {},
): HttpClient {
  return new HttpClient(
    { name: "Test", defaultBaseUrl: BASE, auth, ...provider },
    { retryDelay: { baseMs: 1, maxMs: 5 }, ...options },
  );
}
