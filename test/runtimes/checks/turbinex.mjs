// TurbineX against the simulator over real HTTP: a JWT login, a job submitted, waited for and
// streamed, and the public viewer with no credentials.
import { jwtSession, PaymentRequiredError } from "turbokit";
import { createTurbineX } from "turbokit/turbinex";
import { assert, assertEqual } from "./assert.mjs";

/** A small deterministic "ZIP": the local-file signature, then bytes. */
function zipBytes() {
  const bytes = new Uint8Array(2048);
  bytes.set([0x50, 0x4b, 0x03, 0x04]);
  for (let i = 4; i < bytes.length; i++) bytes[i] = i % 251;
  return bytes;
}

/** @param {{ baseUrl: string, email: string, password: string }} config */
export const turbinexChecks = [
  {
    name: "turbinex: login, submit, wait, stream the output",
    async run({ baseUrl, email, password }) {
      let rotated = 0;
      const tx = createTurbineX({
        baseUrl,
        auth: jwtSession({ credentials: { email, password }, onTokens: () => rotated++ }),
      });
      const job = await tx.jobs.submit({
        file: new Blob([zipBytes()], { type: "application/zip" }),
        name: "smoke",
      });
      const seen = new Set();
      const done = await tx.jobs.waitFor(job.id, {
        intervalMs: 100,
        maxIntervalMs: 250,
        onProgress: (j) => seen.add(j.status),
      });
      assertEqual(done.status, "succeeded", "final status");
      const out = await tx.jobs.downloadOutput(done.id);
      const bytes = new Uint8Array(await new Response(out.body).arrayBuffer());
      assertEqual(bytes[0], 0x50, "output starts with PK");
      assertEqual(bytes[1], 0x4b, "output starts with PK");
      assert(rotated >= 1, "onTokens saw the login");
      const again = await tx.jobs.submit({ file: new Blob([zipBytes()]), name: "smoke" }, { dedupe: true });
      assertEqual(again.id, job.id, "dedupe returns the recent job");
      return `${[...seen].join(" → ")}; ${bytes.length} output bytes; dedupe hit`;
    },
  },
  {
    name: "turbinex: public share viewer without credentials",
    async run({ baseUrl, email, password }) {
      const tx = createTurbineX({ baseUrl, auth: jwtSession({ credentials: { email, password } }) });
      const study = await tx.studies.create({ name: "smoke study", description: "shared" });
      const shared = await tx.studies.enableSharing(study.id);
      assert(typeof shared.share.token === "string" && shared.share.token.length === 64, "a 64-char token");
      const anonymous = createTurbineX({ baseUrl });
      const viewed = await anonymous.public.study(shared.share.token);
      assertEqual(viewed.name, "smoke study", "study name through the public viewer");
      const bad = await anonymous.public.study("short").then(
        () => undefined,
        (e) => e,
      );
      assertEqual(bad?.name, "InputValidationError", "a malformed token is refused client-side");
      assert(!(bad instanceof PaymentRequiredError), "typed");
      return "study read anonymously";
    },
  },
];
