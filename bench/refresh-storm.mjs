// (8) Refresh storm: 1,000 concurrent calls on an expired JWT must cause exactly one refresh;
// total time vs 1,000 concurrent calls with a fresh token, the two alternating per run.
import { jwtSession } from "turbokit";
import { createTurbineX } from "turbokit/turbinex";
import { jwt } from "./lib/jwt.mjs";
import { startFixedServer } from "./lib/server.mjs";
import { emit, size, summarize } from "./lib/stats.mjs";

const RUNS = size(5, 2);
const CALLS = 1000;
const server = await startFixedServer();
const nowSecs = () => Math.floor(Date.now() / 1000);

/** A new client whose session holds an access token expiring at `expSecs`. */
function clientWith(expSecs) {
  const session = jwtSession({ accessToken: jwt(expSecs), refreshToken: "rt_0" });
  return createTurbineX({ baseUrl: server.origin, auth: session });
}

async function storm(expSecs) {
  const turbinex = clientWith(expSecs);
  await server.reset();
  const t0 = performance.now();
  const jobs = await Promise.all(Array.from({ length: CALLS }, () => turbinex.jobs.get("job_1")));
  const ms = performance.now() - t0;
  if (jobs.length !== CALLS) throw new Error("missing results");
  return { ms, ...(await server.stats()) };
}

await storm(nowSecs() + 3600); // warm-up: sockets, JIT
const ratios = [];
const refreshes = [];
const unauthorized = [];
const times = { expired: [], fresh: [] };
for (let r = 0; r < RUNS; r++) {
  const order = r % 2 === 0 ? ["expired", "fresh"] : ["fresh", "expired"];
  const got = {};
  for (const kind of order) got[kind] = await storm(kind === "expired" ? nowSecs() - 60 : nowSecs() + 3600);
  times.expired.push(got.expired.ms);
  times.fresh.push(got.fresh.ms);
  ratios.push(got.expired.ms / got.fresh.ms);
  refreshes.push(got.expired.refreshes);
  unauthorized.push(got.expired.unauthorized);
  console.error(
    `refresh storm run ${r + 1}/${RUNS}: ${got.expired.refreshes} refresh, expired ${got.expired.ms.toFixed(0)} ms vs fresh ${got.fresh.ms.toFixed(0)} ms`,
  );
}
await server.close();
emit({
  id: "refresh-storm",
  title: `8. Refresh storm: ${CALLS.toLocaleString("en")} concurrent calls on an expired JWT`,
  goal: "exactly 1 refresh",
  calls: CALLS,
  refreshes: summarize(refreshes),
  unauthorized: summarize(unauthorized),
  ratio: summarize(ratios),
  expiredMs: summarize(times.expired),
  freshMs: summarize(times.fresh),
});
