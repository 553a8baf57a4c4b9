// TurboStack against the simulator over real HTTP: pagination, typed errors, secret redaction.
import { AuthenticationError, bearer, isTurbokitError, NotFoundError, TurbokitError } from "turbokit";
import { createTurboStack } from "turbokit/turbostack";
import { assert, assertEqual, rejection } from "./assert.mjs";

/** @param {{ baseUrl: string, token: string }} config what sim-config.mjs hands over */
export const turbostackChecks = [
  {
    name: "turbostack: hosts across pages",
    async run({ baseUrl, token }) {
      const ts = createTurboStack({ baseUrl, auth: bearer(token), pageSize: 10 });
      let pages = 0;
      let hosts = 0;
      for await (const page of ts.hosts.list().pages()) {
        pages += 1;
        hosts += page.items.length;
      }
      // The simulator's demo token sees 42 of its 48 hosts.
      assertEqual(hosts, 42, "hosts");
      assertEqual(pages, 5, "pages of 10");
      const all = await ts.hosts.list().toArray();
      assertEqual(new Set(all.map((h) => h.id)).size, 42, "distinct host ids");
      return `${hosts} hosts in ${pages} pages`;
    },
  },
  {
    name: "turbostack: typed errors",
    async run({ baseUrl, token }) {
      const ts = createTurboStack({ baseUrl, auth: bearer(token), maxRetries: 0 });
      const missing = await rejection(() => ts.hosts.get(987654), "get a missing host");
      assert(missing instanceof NotFoundError, `404 is a NotFoundError (got ${missing?.name})`);
      assertEqual(missing.status, 404, "status");
      const wrongToken = "ts_pat_smoke_wrong_31337";
      const bad = createTurboStack({ baseUrl, auth: bearer(wrongToken), maxRetries: 0 });
      const denied = await rejection(() => bad.hosts.list().firstPage(), "list with a bad token");
      assert(denied instanceof AuthenticationError, `401 is an AuthenticationError (got ${denied?.name})`);
      assert(denied instanceof TurbokitError && isTurbokitError(denied), "brand across entries");
      const shown = `${denied.message} ${JSON.stringify(denied)} ${denied.stack ?? ""}`;
      assert(!shown.includes(wrongToken), "the token is not in the error");
      return `${missing.name} 404, ${denied.name} 401`;
    },
  },
  {
    name: "turbostack: credentials stay redacted",
    async run({ baseUrl, token }) {
      const ts = createTurboStack({ baseUrl, auth: bearer(token) });
      const host = (await ts.hosts.list().toArray()).find((h) => h.active);
      assert(host, "an active host");
      const creds = await ts.hosts.credentials(host.id);
      const secret = Object.values(creds.reveal()).find((v) => typeof v === "string" && v.length >= 8);
      assert(secret, "a credential string to look for");
      const printed = `${String(creds)} ${JSON.stringify(creds)} ${JSON.stringify({ creds })}`;
      assert(!printed.includes(secret), "a credential value was printed");
      assert(printed.includes("REDACTED") || printed.includes("redacted"), `redaction marker (${printed})`);
      return `host ${host.id}: ${String(creds)}`;
    },
  },
  {
    name: "turbostack: a page renders for Jupyter",
    async run({ baseUrl, token }) {
      const ts = createTurboStack({ baseUrl, auth: bearer(token), pageSize: 5 });
      const page = await ts.hosts.list().firstPage();
      const html = page[Symbol.for("Jupyter.display")]()["text/html"];
      assert(html.startsWith("<table"), "an HTML table");
      assertEqual((html.match(/<tr>/g) ?? []).length, 6, "header + 5 rows");
      return "text/html table of 5 hosts";
    },
  },
];
