// TurbineX from Node: log in, submit a simulation ZIP, follow the job to its end, stream the
// output to a file (never buffered whole), and print a page of jobs.
//
// Against the simulator:  npm run sim            (another shell)
//                         npx tsx examples/turbinex.ts [input.zip]
// Against a real account: TURBINEX_BASE_URL=https://api.turbinex.app TURBINEX_TOKEN=… \
//                         npx tsx examples/turbinex.ts input.zip --submit
//   (or TURBINEX_EMAIL + TURBINEX_PASSWORD instead of a personal access token)
// (A real submit runs and is billed, so there it happens only with --submit.)
import { createWriteStream, openAsBlob } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { Writable } from "node:stream";
import { type AuthStrategy, bearer, isTurbokitError, jwtSession } from "turbokit";
import { TURBINEX_SIM_PASSWORD, TURBINEX_SIM_USERS } from "turbokit/testing";
import { createTurbineX, JobFailedError } from "turbokit/turbinex";

const baseUrl = process.env.TURBINEX_BASE_URL ?? "http://127.0.0.1:4010/turbinex";
const local = /^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(baseUrl);
const inputPath = process.argv.slice(2).find((a) => !a.startsWith("--"));

function authFromEnv(): AuthStrategy {
  if (process.env.TURBINEX_TOKEN) return bearer(process.env.TURBINEX_TOKEN);
  // Email + password: a JWT session that logs in, refreshes itself and rotates refresh tokens.
  const email = process.env.TURBINEX_EMAIL ?? (local ? TURBINEX_SIM_USERS.owner : undefined);
  const password = process.env.TURBINEX_PASSWORD ?? (local ? TURBINEX_SIM_PASSWORD : undefined);
  if (!email || !password) throw new Error("set TURBINEX_TOKEN, or TURBINEX_EMAIL and TURBINEX_PASSWORD");
  return jwtSession({ credentials: { email, password } });
}

/** A stand-in input when no ZIP is given: the ZIP signature, then a small parameter file. */
function sampleZip(): Uint8Array {
  const body = new TextEncoder().encode("wind_speed=10\nyaw=0\n");
  const bytes = new Uint8Array(4 + body.length);
  bytes.set([0x50, 0x4b, 0x03, 0x04]);
  bytes.set(body, 4);
  return bytes;
}

const tx = createTurbineX({ baseUrl, auth: authFromEnv() });

try {
  const me = await tx.auth.me();
  console.log(`signed in as ${me.email} (${me.role}, ${me.plan} plan)`);

  if (local || process.argv.includes("--submit")) {
    const file = inputPath ? await openAsBlob(inputPath) : sampleZip();
    // dedupe: the same ZIP submitted within 24 h returns the earlier job instead of a new run.
    // .withResponse(): the job together with the answer it came in (status, request id).
    const { data: job, response } = await tx.jobs
      .submit(
        { file, name: "example run" },
        {
          dedupe: true,
          onUploadProgress: (p) => {
            if (p.transferredBytes === p.totalBytes) console.log(`  uploaded ${p.totalBytes} bytes`);
          },
        },
      )
      .withResponse();
    console.log(`job ${job.id} ${job.status} (input sha256 ${job.input_sha256?.slice(0, 12)}…)`);
    console.log(`  answered ${response.status} by ${response.method} ${new URL(response.url).pathname}`);
    const done = await tx.jobs.waitFor(job.id, {
      timeoutMs: 10 * 60_000,
      onProgress: (j) => console.log(`  ${j.status} ${Math.round((j.progress ?? 0) * 100)}%`),
    });
    console.log(`job ${done.id} ${done.status}`);
    if (done.status === "succeeded") {
      let bytes = 0;
      const output = await tx.jobs.downloadOutput(done.id, {
        onProgress: (p) => {
          bytes = p.transferredBytes;
        },
      });
      // The name comes from the server's Content-Disposition: keep only its last segment, so a
      // name like "../../x" cannot write outside tmpdir ("." and ".." are no file names at all).
      const name = basename(output.fileName ?? "");
      const path = join(tmpdir(), name && name !== "." && name !== ".." ? name : `${done.id}.zip`);
      await output.body.pipeTo(Writable.toWeb(createWriteStream(path)));
      console.log(`output ${output.fileName}: ${bytes} bytes streamed to ${path}`);
    }
  }

  const page = await tx.jobs.list({ pageSize: 5 }).firstPage();
  console.log(`jobs (page 1 of ${page.total ?? "?"} jobs):`);
  console.table(page.items.map(({ id, name, status, progress }) => ({ id, name, status, progress })));
} catch (error) {
  if (error instanceof JobFailedError) console.error(`job ${error.jobId} failed: ${error.errorText}`);
  else if (isTurbokitError(error)) console.error(`${error.name}: ${error.message}`);
  else throw error;
  process.exitCode = 1;
}
