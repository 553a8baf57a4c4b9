import { none } from "../../../src/auth/none.js";
import { HttpClient } from "../../../src/core/http.js";
import { route } from "../../../src/core/routes.js";
import type { Schema } from "../../../src/core/schema.js";

const ROUTE = route("GET", "/fuzz");

/**
 * Feeds a response body through the real client path (read with the size cap, JSON.parse, schema
 * validation, error typing) without a network: the fetch answers with the given text.
 */
export function bodyReader() {
  let next = "";
  const http = new HttpClient(
    { name: "Fuzz", defaultBaseUrl: "https://fuzz.test", auth: none() },
    {
      maxRetries: 0,
      fetch: async () => new Response(next, { status: 200, headers: { "content-type": "application/json" } }),
    },
  );
  return (schema: unknown, text: string): Promise<unknown> => {
    next = text;
    return http.json(ROUTE, { schema: schema as Schema<unknown> });
  };
}
