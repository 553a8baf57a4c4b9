import { HttpResponse, http } from "msw";
import { expect, test } from "vitest";
import * as z from "zod/mini";
import type { ApiError } from "../../src/core/errors.js";
import { route } from "../../src/core/routes.js";
import { BASE, testClient } from "../helpers/client.js";
import { useMsw } from "../helpers/msw.js";

const server = useMsw();

// Found by bench/exchange.mjs: "Turbine Exchange" has a space, and the method was read as "Exchange".
test("ApiError.method is the HTTP method when the provider name has spaces", async () => {
  server.use(http.post(`${BASE}/orders`, () => HttpResponse.json({ message: "no" }, { status: 400 })));
  const client = testClient(undefined, { maxRetries: 0 }, { name: "Turbine Exchange" });
  const error = (await client
    .json(route("POST", "/orders"), { schema: z.unknown() })
    .catch((e) => e)) as ApiError;
  expect(error.status).toBe(400);
  expect(error.method).toBe("POST");
  expect(error.message).toMatch(/^Turbine Exchange POST \/orders failed: 400/);
});
