import { describe, expect, test } from "vitest";
import { logPageSchema } from "../../src/lyceum/schemas/observability.js";
import { balanceSchema, orgKeySchema, orgSchema } from "../../src/lyceum/schemas/orgs.js";

describe("Lyceum response types match what is validated", () => {
  test("ids sent as numbers read as the declared strings", () => {
    expect(orgKeySchema().parse({ id: 7, org_id: 3 })).toMatchObject({ id: "7", org_id: "3" });
    expect(orgSchema().parse({ slug: "acme", id: 12 }).id).toBe("12");
    expect(balanceSchema().parse({ org_id: 9, balance: "10.50" })).toMatchObject({
      org_id: "9",
      balance: "10.50",
    });
  });

  test("a log line without a timestamp is accepted (the type says it may be absent)", () => {
    const page = logPageSchema().parse({ logs: [{ message: "hello" }] });
    expect(page.logs[0]?.message).toBe("hello");
    expect(page.logs[0]?.timestamp).toBeUndefined();
    expect(page.total).toBe(0);
  });
});
