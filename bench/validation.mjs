// (3) A 10,000-item list page: SDK read + parse + validation vs bare JSON.parse (goal ≤ 2.5×, issue
// 13 point 5), the core's fast parser vs zod's own interpreter on the same shape, and zod/mini vs
// classic zod. Arms run interleaved in a shuffled order every round.
import { readFileSync } from "node:fs";
import { bearer } from "turbokit";
import { parseResponse, timestamp } from "turbokit/core";
import { createTurbineX } from "turbokit/turbinex";
import * as zClassic from "zod";
import * as zMini from "zod/mini";
import { gzipSize } from "../scripts/bundle-size.mjs";
import { pageShape, pageText } from "./lib/job-shape.mjs";
import { emit, shuffle, size, summarize } from "./lib/stats.mjs";

const ITEMS = 10_000;
const ROUNDS = size(11, 3);
const text = pageText(ITEMS);
const bytes = new TextEncoder().encode(text);

// The SDK's whole read path (body stream → text → JSON.parse → the real jobs page schema →
// paginator), fed from memory so the network is not part of the figure.
const inMemory = async () =>
  new Response(bytes, {
    headers: { "content-type": "application/json", "content-length": String(bytes.length) },
  });
const client = (validate) =>
  createTurbineX({ baseUrl: "http://127.0.0.1:9", auth: bearer("pat_bench"), fetch: inMemory, validate });
const sdk = client(true);
const sdkRaw = client(false);
const mini = pageShape(zMini);
const classic = pageShape(zClassic);
const miniPlain = pageShape(zMini, { plain: true });
const miniCore = pageShape(zMini, { codec: timestamp });
const miniCoreDefault = pageShape(zMini, { codec: timestamp, defaultNull: true });

const INTERPRETER = "JSON.parse + zod/mini safeParse (before: zod's interpreter, Date.parse)";
const FAST = "JSON.parse + core parseResponse (fast parser, digit timestamps)";
const FAST_DEFAULT = "… the same, missing-or-null fields as core orNull() (as TurbineX's schemas read them)";
const arms = {
  "JSON.parse": async () => JSON.parse(text),
  "Response.json()": async () => (await inMemory()).json(),
  "SDK jobs.list().firstPage()": () => sdk.jobs.list().firstPage(),
  "SDK, validate: false": () => sdkRaw.jobs.list().firstPage(),
  [INTERPRETER]: async () => mini.parse(JSON.parse(text)),
  [FAST]: async () => parseResponse(miniCore, JSON.parse(text), "bench"),
  [FAST_DEFAULT]: async () => parseResponse(miniCoreDefault, JSON.parse(text), "bench"),
  "JSON.parse + zod classic": async () => classic.parse(JSON.parse(text)),
  "JSON.parse + zod/mini, no transforms (breakdown)": async () => miniPlain.parse(JSON.parse(text)),
};
const REPS = size(5, 1);

/**
 * Milliseconds of CPU time of this process (every thread: V8's parallel GC helpers do part of the
 * allocation-heavy work). Every arm here is synchronous work or in-memory streams, so CPU time is
 * what it costs; wall time on cores shared with other engineers' processes also counts the time
 * the scheduler gave to them, which grows with an arm's length and so inflated the slower arms.
 */
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

const check = await sdk.jobs.list().firstPage();
if (check.items.length !== ITEMS || !(check.items[1].created_at instanceof Date)) throw new Error("bad page");
const reference = JSON.stringify(await arms[INTERPRETER]());
if (
  JSON.stringify(await arms[FAST]()) !== reference ||
  JSON.stringify(await arms[FAST_DEFAULT]()) !== reference
)
  throw new Error("the fast parser and zod's interpreter disagree");

for (const call of Object.values(arms)) await call(); // warm-up
const ratios = Object.fromEntries(Object.keys(arms).map((k) => [k, []]));
const ms = Object.fromEntries(Object.keys(arms).map((k) => [k, []]));
for (let r = 0; r < ROUNDS; r++) {
  // Per round, each arm's best of REPS calls (process CPU time), each after a forced GC (--expose-gc). The
  // arms take turns call by call (a new shuffled order per repetition), so a burst of load from
  // other processes on these shared cores hits every arm alike instead of one arm's whole turn.
  const t = Object.fromEntries(Object.keys(arms).map((k) => [k, Number.POSITIVE_INFINITY]));
  for (let rep = 0; rep < REPS; rep++) {
    for (const name of shuffle(Object.keys(arms))) {
      globalThis.gc?.();
      const t0 = cpuMs();
      await arms[name]();
      t[name] = Math.min(t[name], cpuMs() - t0);
    }
  }
  for (const name of Object.keys(arms)) {
    ratios[name].push(t[name] / t["JSON.parse"]);
    ms[name].push(t[name]);
  }
  console.error(
    `validation round ${r + 1}/${ROUNDS}: SDK ×${(t["SDK jobs.list().firstPage()"] / t["JSON.parse"]).toFixed(2)}`,
  );
}

// The same comparison for bundles: the shape's source with `z` bound to a static import (so the
// bundler can tree-shake), for each import style; esbuild browser + minify + gzip.
const shapeSource = readFileSync(new URL("./lib/job-shape.mjs", import.meta.url), "utf8").replace(
  "export function pageShape(z,",
  "export function pageShape(_z,",
);
const bundles = {};
for (const [label, importLine] of [
  ["zod/mini (import * as z)", 'import * as z from "zod/mini";'],
  ["zod classic (import * as z)", 'import * as z from "zod";'],
  ["zod classic (import { z })", 'import { z } from "zod";'],
]) {
  bundles[label] = await gzipSize(`${importLine}\n${shapeSource}\nexport const s = pageShape();`);
}

emit({
  id: "validation",
  title: `3. A ${ITEMS.toLocaleString("en")}-item list page: parse + validation vs bare JSON.parse`,
  goal: "≤ 2.5×",
  goalMax: 2.5,
  bodyBytes: bytes.length,
  reps: REPS,
  rows: Object.keys(arms).map((name) => ({ name, ratio: summarize(ratios[name]), ms: summarize(ms[name]) })),
  fastVsGeneral: summarize(ratios[FAST].map((f, i) => f / ratios[INTERPRETER][i])),
  miniVsClassic: summarize(ratios[INTERPRETER].map((m, i) => m / ratios["JSON.parse + zod classic"][i])),
  bundles,
});
