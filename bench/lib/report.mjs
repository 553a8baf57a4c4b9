// Markdown tables from bench/results/latest.json: ratio = median of the per-run ratios,
// spread = interquartile range [q1–q3] and min–max of the same per-run figures.
import { fmt } from "./stats.mjs";

const spread = (s, d = 2) =>
  `${fmt(s.q1, d)}–${fmt(s.q3, d)} (min–max ${fmt(s.min, d)}–${fmt(s.max, d)}, ${s.runs} runs)`;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const sdkRow = (r) => r.rows.find((x) => x.name === "sdk");
const verdict = (ok) => (ok ? "met" : "**missed**");

/** turbokit against ky alone and each peer SDK, ratios per run (the issue-13 goals). */
function versusTable(r, what, ok, kyGoal, peerGoal) {
  return [
    `| ${r.sdk}: ${what} | median | spread: IQR (min–max) | goal |`,
    "|---|---|---|---|",
    ...Object.entries(r.versus).map(([name, v]) => {
      const isKy = name === r.ky;
      const met = ok(v.median, isKy, name);
      const goal = met === undefined ? "(report)" : `${isKy ? kyGoal : peerGoal}: ${verdict(met)}`;
      return `| vs ${name} | ${fmt(v.median, 3)}× | ${spread(v, 3)} | ${goal} |`;
    }),
  ];
}

/** Issue 13's bundle goals on the README apps, what-ifs, and where the bytes go. */
function appTables(r) {
  const ifs = Object.keys(r.apps[0]?.whatIf ?? {});
  return [
    "",
    "README app (one client, one call), gzip of the built package against issue 13's goal; what-ifs bundled from src/ the same way:",
    "",
    `| app | gzip | goal | verdict | ${ifs.join(" | ")} |`,
    `|---|---|---|---|${ifs.map(() => "---|").join("")}`,
    ...r.apps.map(
      (a) =>
        `| ${a.name} | ${kb(a.gzip)} | ${a.goalKb} KB | ${verdict(a.gzip <= a.goalKb * 1024)} | ${ifs.map((k) => kb(a.whatIf[k])).join(" | ")} |`,
    ),
    "",
    "Where the bytes go (minified bytes in the bundle from src/, largest first; other resource modules dropped in the what-if):",
    "",
    ...r.apps.flatMap((a) => [
      `- **${a.name}**: ${Object.entries(a.breakdown)
        .sort((x, y) => y[1] - x[1])
        .slice(0, 14)
        .map(([k, v]) => `${k} ${kb(v)}`)
        .join(", ")}; dropped in the what-if: ${a.dropped.join(", ") || "–"}`,
    ]),
  ];
}

const render = {
  latency: (r) => [
    `Raw fetch median: ${fmt(r.rawMedianMs, 3)} ms; ${r.perArm} requests per arm per run, interleaved.`,
    "",
    "| client call | median ratio (latency ÷ raw) | spread: IQR (min–max) | p99 ratio |",
    "|---|---|---|---|",
    ...r.rows.map(
      (x) =>
        `| ${x.name} | ${fmt(x.ratio.median, 3)}× | ${spread(x.ratio, 3)} | ${fmt(x.p99Ratio.median)}× |`,
    ),
    "",
    ...versusTable(
      r,
      "latency ÷ its latency",
      (v, isKy) => (isKy ? v <= r.goalVsKy : v < 1),
      "≤ 1.10×",
      "< 1",
    ),
  ],
  throughput: (r) => [
    `${r.perArm} requests per arm per run; arms in a rotating order. Per arm: requests per second of wall time, and per second of the client process's CPU time (its cost per request; robust to load from other processes on the shared cores).`,
    "",
    "| arm | median req/s | ratio to raw fetch | spread: IQR (min–max) | req per client CPU-s | CPU ratio to raw fetch |",
    "|---|---|---|---|---|---|",
    `| raw fetch | ${fmt(r.rawPerSec.median, 0)} | 1 | | ${r.rawPerCpuSec ? fmt(r.rawPerCpuSec.median, 0) : ""} | 1 |`,
    ...r.rows.map(
      (x) =>
        `| ${x.name} | ${fmt(x.perSec.median, 0)} | ${fmt(x.ratio.median, 3)}× | ${spread(x.ratio, 3)} | ${x.perCpuSec ? fmt(x.perCpuSec.median, 0) : ""} | ${x.cpuRatio ? `${fmt(x.cpuRatio.median, 3)}× (${spread(x.cpuRatio, 3)})` : ""} |`,
    ),
    "",
    ...versusTable(
      r,
      "req/s ÷ its req/s",
      (v, isKy, name) => (isKy ? v >= r.goalVsKy : name.startsWith("openai") ? v > 1 : undefined),
      "≥ 0.90×",
      "> 1",
    ),
    ...(r.versusCpu
      ? [
          "",
          `The same per client CPU-second: ${Object.entries(r.versusCpu)
            .map(([name, v]) => `vs ${name} ${fmt(v.median, 3)}× (${spread(v, 3)})`)
            .join("; ")}.`,
        ]
      : []),
  ],
  validation: (r) => [
    `Body: ${(r.bodyBytes / 2 ** 20).toFixed(2)} MiB. Per round, each arm: the best of ${r.reps} calls (CPU time of the process), each after a forced GC, the arms taking turns call by call; ratios against JSON.parse of the same text in the same round.`,
    "",
    "| arm | median ms | ratio vs JSON.parse | spread (IQR) |",
    "|---|---|---|---|",
    ...r.rows.map(
      (x) => `| ${x.name} | ${fmt(x.ms.median, 1)} | ${fmt(x.ratio.median)}× | ${spread(x.ratio)} |`,
    ),
    "",
    `Goal ${r.goal} for the SDK row: ${verdict(r.rows.find((x) => x.name.startsWith("SDK jobs")).ratio.median <= r.goalMax)}.`,
    `Core fast parser (src/core/fast-parse.ts) ÷ zod's interpreter, same shape and run: ${fmt(r.fastVsGeneral.median)}× (${spread(r.fastVsGeneral)}).`,
    `zod/mini time ÷ zod classic time, same shape: ${fmt(r.miniVsClassic.median)}× (${spread(r.miniVsClassic)}).`,
    "",
    "| same shape, bundled (esbuild browser, minified, gzip) | size |",
    "|---|---|",
    ...Object.entries(r.bundles).map(([k, v]) => `| ${k} | ${kb(v)} |`),
  ],
  download: (r) => [
    "| arm | median MiB/s | throughput ratio vs raw | spread (IQR) | peak RSS growth (median, min–max) |",
    "|---|---|---|---|---|",
    ...r.rows.map(
      (x) =>
        `| ${x.name} | ${fmt(x.mibPerSec, 0)} | ${fmt(x.ratio.median, 3)}× | ${spread(x.ratio, 3)} | ${fmt(x.peakGrowthMiB.median, 1)} MiB (${fmt(x.peakGrowthMiB.min, 1)}–${fmt(x.peakGrowthMiB.max, 1)}) |`,
    ),
    "",
    `Raw fetch of a quarter of the size (${r.bytes / 4 / 2 ** 20} MiB): peak RSS growth ${fmt(r.rawQuarterSizeGrowthMiB.median, 1)} MiB (${fmt(r.rawQuarterSizeGrowthMiB.min, 1)}–${fmt(r.rawQuarterSizeGrowthMiB.max, 1)}).`,
    `Goals for the SDK download path (\`sdk\` row): throughput ≥ ${r.goalMin}× — ${verdict(sdkRow(r).ratio.median >= r.goalMin)}; peak RSS growth ≤ ${r.goalMaxRssMiB} MiB — ${verdict(sdkRow(r).peakGrowthMiB.median <= r.goalMaxRssMiB)}.`,
  ],
  bundle: (r) => [
    "| entry | minified | gzip | budget | verdict | minified bytes by package |",
    "|---|---|---|---|---|---|",
    ...r.entries.map((x) => {
      const budget = r.budgets[x.name];
      const parts = Object.entries(x.breakdown)
        .filter(([, v]) => v > 0)
        .sort((a, b) => b[1] - a[1])
        .map(([k, v]) => `${k} ${kb(v)}`)
        .join(", ");
      return `| \`${x.name}\` | ${kb(x.min)} | ${kb(x.gzip)} | ${budget ? `${budget} KB` : "–"} | ${budget ? verdict(x.gzip <= budget * 1024) : ""} | ${parts} |`;
    }),
    "",
    "| one call, as an app writes it | minified | gzip |",
    "|---|---|---|",
    ...r.calls.map((x) => `| ${x.name} | ${kb(x.min)} | ${kb(x.gzip)} |`),
    ...(r.apps ? appTables(r) : []),
  ],
  imports: (r) => [
    "| entry | import ms (median) | its dependencies alone, ms | ratio | spread (IQR) | extra ms (median) | dependencies |",
    "|---|---|---|---|---|---|---|",
    ...r.rows.map(
      (x) =>
        `| \`${x.name}\` | ${fmt(x.ms, 1)} | ${fmt(x.depsMs, 1)} | ${fmt(x.ratio.median)}× | ${spread(x.ratio)} | ${fmt(x.extraMs.median, 1)} | ${x.deps.join(", ")} |`,
    ),
  ],
  exchange: (r) => [
    `- first authenticated call (signs in): ${r.firstCall.count} requests (${r.firstCall.paths.join(", ")})`,
    `- each later authenticated call (\`me()\`, ${r.perCallRoundTrips.runs} calls): median ${r.perCallRoundTrips.median}, max ${r.perCallRoundTrips.max} round trip — goal ${r.goal}: ${verdict(r.perCallRoundTrips.max === 1)}`,
    `- \`orders.states\`: ${r.orderStates.count} round trip`,
    `- batch of ${r.batch} orders: ${r.batchRequests} POSTs; SDK ${fmt(r.sdkOrdersPerSec.median, 0)} signed orders/s (${spread(r.sdkOrdersPerSec, 0)}) vs viem Permit2 signing alone ${fmt(r.viemSignaturesPerSec.median, 0)}/s; time ratio ${fmt(r.timeRatioVsViemSigning.median)}× (${spread(r.timeRatioVsViemSigning)}); share of the batch time: Permit2 signing ${fmt(100 * r.signShare.median, 0)} %, POST round trips (server verification included) ${fmt(100 * r.postShare.median, 0)} %, \`orders.build\` ${fmt(100 * r.buildShare.median, 0)} %`,
    `- client side only (batch time minus its POST round trips): ${fmt(r.clientOrdersPerSec.median, 0)} orders/s, ${fmt(r.clientTimeRatioVsViemSigning.median)}× the viem signing floor (${spread(r.clientTimeRatioVsViemSigning)})`,
    `- note: ${r.note}`,
  ],
  "refresh-storm": (r) => [
    "| figure | median | spread |",
    "|---|---|---|",
    `| refresh calls (goal: ${r.goal}) | ${r.refreshes.median} (${verdict(r.refreshes.max === 1 && r.refreshes.min === 1)}) | min–max ${r.refreshes.min}–${r.refreshes.max} |`,
    `| 401s seen by the server | ${r.unauthorized.median} | max ${r.unauthorized.max} |`,
    `| total time, expired token | ${fmt(r.expiredMs.median, 0)} ms | ${spread(r.expiredMs, 0)} |`,
    `| total time, fresh token | ${fmt(r.freshMs.median, 0)} ms | ${spread(r.freshMs, 0)} |`,
    `| ratio expired / fresh | ${fmt(r.ratio.median)}× | ${spread(r.ratio)} |`,
  ],
};

export function renderMarkdown(report) {
  const m = report.machine;
  const lines = [
    `Run ${report.date} · \`${report.command}\` · nproc ${m.nproc} (${m.cpu}) · Node ${m.node} · ${report.totalSeconds.toFixed(0)} s`,
    "",
  ];
  for (const r of report.results) {
    lines.push(`### ${r.title ?? r.id}`, "");
    if (r.failed) lines.push("(failed to run)");
    else lines.push(...render[r.id](r));
    lines.push("");
  }
  return lines.join("\n");
}
