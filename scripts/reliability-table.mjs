// Renders the reliability suite's figures (the JSON each test file writes) as Markdown tables.

const n = (v) => (typeof v === "number" ? v.toLocaleString("en-US") : String(v ?? "—"));
const list = (obj) =>
  Object.entries(obj ?? {})
    .sort(([, a], [, b]) => b - a)
    .map(([k, v]) => `${k} ${n(v)}`)
    .join(", ") || "—";
const sum = (obj) => Object.values(obj ?? {}).reduce((a, b) => a + b, 0);

export function renderFigures(f, { seconds, env }) {
  const rows = [];
  const row = (area, what, value) => rows.push(`| ${area} | ${what} | ${value} |`);
  const soak = f.soak;
  if (soak) {
    const faults = soak.faults;
    row(
      "Soak",
      "operations run (4 providers, real HTTP on 127.0.0.1)",
      `${n(soak.operations)} (${n(soak.requests)} HTTP requests, concurrency ${soak.concurrency}, ${n(Math.round(soak.elapsedMs / 1000))} s)`,
    );
    row(
      "Soak",
      "faults injected by kind",
      `${n(faults.injected)} = ${(100 * faults.share).toFixed(1)} % of requests: 5xx ${n(faults.error5xx)}, dropped ${n(faults.drop)}, truncated ${n(faults.truncate)}, malformed JSON ${n(faults.malformedJson)}, latency ${n(faults.latency)}`,
    );
    const failures = { ...soak.outcomes };
    delete failures.ok;
    row("Soak", "succeeded", n(soak.outcomes.ok ?? 0));
    row("Soak", "failures surfaced by type (all TurbokitError)", `${n(sum(failures))}: ${list(failures)}`);
    row(
      "Soak",
      "untyped errors / unhandled rejections",
      `${n(soak.untyped)} / ${n(soak.unhandledRejections)}`,
    );
    row("Soak", "orders refused for a reused Permit2 nonce", n(soak.permit2NonceReused ?? 0));
    const creations = Object.entries(soak.creations)
      .map(
        ([k, c]) =>
          `${k} ${n(c.serverCreated)} (client ok ${n(c.clientOk)}, ambiguous ${n(c.clientMaybe)}, of ${n(c.attempted)})`,
      )
      .join("; ");
    row("Soak", "creations on the server (witness: simulator state)", creations);
    row(
      "Soak",
      "**duplicate submits / deploys / runs / VMs / orders**",
      `**${n(soak.duplicates)}** (creating requests sent twice for one call: ${n(soak.creatingRequestsSentTwice)})`,
    );
    row(
      "Soak",
      "most times one call sent one request (retries and 401 replay share one budget)",
      `${n(soak.mostSendsOfOneCall)} (budget: 1 + maxRetries = ${n(soak.retryBudget)})`,
    );
  }
  const fz = f["fuzz-schemas"];
  if (fz) {
    row(
      "Fuzz",
      "response schemas fuzzed (all providers)",
      `${n(fz.schemas)} (valid generator for ${n(fz.schemasWithValidGenerator)}), ${n(fz.runsPerSchema)} runs each per property`,
    );
    row("Fuzz", "valid bodies parsed", n(fz.validBodies));
    row("Fuzz", "damaged bodies by class", `${n(sum(fz.mutatedByClass))}: ${list(fz.mutatedByClass)}`);
    row(
      "Fuzz",
      "damaged-body outcomes",
      `${list(fz.mutatedOutcomes)}; other exceptions 0 (${n(fz.mutatedThroughHttpClient)} also through HttpClient.json)`,
    );
  }
  const fc = f["fuzz-clients"];
  if (fc) {
    const total = Object.values(fc.outcomes).reduce((a, o) => a + sum(o), 0);
    const verdicts = {};
    for (const o of Object.values(fc.outcomes))
      for (const [k, v] of Object.entries(o)) {
        const verdict = k.split(":")[1];
        verdicts[verdict] = (verdicts[verdict] ?? 0) + v;
      }
    row(
      "Fuzz",
      "damaged answers to real client read methods (mappers included)",
      `${n(total)} over ${n(fc.methods)} methods: ${list(verdicts)}; other exceptions 0`,
    );
  }
  const props = f.properties;
  if (props)
    row(
      "Properties",
      "codec and spread-curve inputs tried",
      `${n(sum(props.inputsTried))}: ${list(props.inputsTried)}`,
    );
  const storms = f.storms;
  if (storms) {
    row("Storms", "1,000 concurrent calls, expired JWT → refreshes", n(storms.jwtStorm?.refreshes));
    row(
      "Storms",
      "200 concurrent calls, no / expired SIWE session → logins",
      `${n(storms.siweAbsent?.logins)} / ${n(storms.siweExpired?.logins)}`,
    );
    row(
      "Storms",
      "failed refresh → distinct errors seen by 200 waiters; next call retried",
      `${n(storms.failedRefresh?.distinctErrors)}; ${storms.failedRefresh?.retriedAfter ? "yes" : "no"}`,
    );
  }
  const sec = f.secrets;
  if (sec) {
    row("Secrets", "secrets planted by kind", `${n(sec.secretsPlanted)}: ${list(sec.kinds)}`);
    row(
      "Secrets",
      "outputs scanned (messages, JSON.stringify, util.inspect, String, debug log lines)",
      `${n(sec.outputsScanned + sec.logLinesScanned)} after ${n(sec.echoedFailures)} echoing failures`,
    );
    row("Secrets", "**secrets found**", `**${n(sec.found)}**`);
  }
  const hostile = f.hostile;
  if (hostile) {
    row("Hostile input", "inputs tried per class", list(hostile.inputsTried));
    if (hostile.ids)
      row(
        "Hostile input",
        "hostile ids × id-taking methods",
        `${n(hostile.ids.ids)} ids × ${n(hostile.ids.methods)} methods: ${list(hostile.ids.outcomes)}; escaped 0`,
      );
  }
  const core = f["hostile-core"];
  if (core) {
    row("Hostile servers (core)", "attacks tried per class", list(core.inputsTried));
    row(
      "Hostile servers (core)",
      "worst timer lateness while a 10 MiB error page of near-miss secrets was redacted",
      `${n(core.redactionWorstTimerLatenessMs)} ms`,
    );
    row(
      "Hostile servers (core)",
      "script exit after its queued, aborted call (rate limiter, 2-minute window)",
      `${n(core.rateLimiterExitAfterLastLineMs)} ms after its last line`,
    );
  }
  const pipeline = f["hostile-pipeline"];
  if (pipeline) {
    row(
      "Hostile servers (pipeline)",
      "a GET trickled at 1 byte/s, timeoutMs 300: two attempts, then a TimeoutError",
      `${n(pipeline.trickledGetTwoAttemptsOf300MsMs)} ms`,
    );
    row(
      "Hostile servers (pipeline)",
      "a refresh that never answers: the caller with 1,000 ms left is released at",
      `${n(pipeline.hungRefreshCallerDeadline1000MsLeftAtMs)} ms`,
    );
    row(
      "Hostile servers (pipeline)",
      "refreshes for 100 concurrent 401s when the refresh is refused",
      n(pipeline.refreshesFor100Concurrent401s),
    );
  }
  const streams = f["hostile-streams"];
  if (streams) {
    row(
      "Hostile servers (streams)",
      "streams whose connection the server saw close when the loop ended",
      `${n(streams.streamsClosed)}, the slowest ${n(streams.slowestCloseAfterEndMs)} ms after (bound ${n(streams.closeBoundMs)} ms)`,
    );
  }
  const seed = soak?.seed ?? fz?.seed ?? 20261123;
  const knobs = ["RELIABILITY_SEED", "RELIABILITY_OPS", "RELIABILITY_RUNS"]
    .filter((k) => env[k])
    .map((k) => `${k}=${env[k]}`);
  return [
    `Seed **${seed}** · command \`${knobs.length ? `${knobs.join(" ")} ` : ""}npm run test:reliability\` · ${n(seconds)} s wall clock · Node ${process.version}`,
    "",
    "| Area | Measure | Result |",
    "| --- | --- | --- |",
    ...rows,
  ].join("\n");
}
