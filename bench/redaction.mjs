// Redaction on hostile text (issue 14, points 1 and 6): 10 MiB of the worst input for each secret
// shape the redactor knows, redacted through the public paths (`redactText`, which every error
// message, error body and log line goes through, over the whole text; a `ResponseValidationError`'s
// string `raw`, which also masks secret-named JSON members and keeps the first 64 KiB). Each figure is compared with a plain scan of the same
// text (one JS pass reading every character), and with a registry of 10,000 secrets. The old JWT
// pattern is run on 40 KB for contrast (it grew with the square of the input).
// `npm run build && node bench/redaction.mjs` (BENCH_QUICK=1: fewer rounds).
import { ResponseValidationError } from "turbokit";
import { redactText, registerSecret } from "turbokit/core";
import { emit, fmt, size, summarize } from "./lib/stats.mjs";

const MiB = 1024 * 1024;
const SIZE = 10 * MiB;
const ROUNDS = size(7, 3);
const fill = (unit, n = SIZE) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);

const viaText = (text) => redactText(text);
const viaRaw = (text) => new ResponseValidationError("bench", text, []).raw;

const cases = [
  ["`-eyJ` repeated (JWT header near-miss)", () => fill("-eyJ"), viaText],
  ["`eyJab.c.` repeated (JWT segments too short)", () => fill("eyJab.c."), viaText],
  ["`eyJaaaa.` repeated (every 3 segments a JWT)", () => fill("eyJaaaa."), viaText],
  ["`lk_-` repeated (one 10 MiB key)", () => fill("lk_-"), viaText],
  ["`Bearer` + 10 MiB of whitespace", () => `Bearer ${fill(" ")}!`, viaText],
  ['`"pass…` (secret-looking JSON name never closed), as `raw`', () => `"${fill("pass")}`, viaRaw],
  ['`"token":"\\"…` (secret member never closed), as `raw`', () => `"token":"${fill('\\"')}`, viaRaw],
  ['`"token":"x",` repeated (every member secret), as `raw`', () => fill('"token":"x",'), viaRaw],
  ['`"token":"x",` repeated, as an error body', () => fill('"token":"x",'), viaText],
  ["prose, 10,000 registered secrets", () => fill("The quick brown fox jumps over the lazy dog. "), viaText],
];

/** One JS pass over every character: the floor any redactor has to pay. */
function plainScan(text) {
  let sum = 0;
  for (let i = 0; i < text.length; i++) sum = (sum + text.charCodeAt(i)) | 0;
  return sum;
}

function time(fn) {
  globalThis.gc?.();
  const started = performance.now();
  fn();
  return performance.now() - started;
}

const rows = [];
for (const [name, make, redact] of cases) {
  if (name.includes("registered")) {
    for (let i = 0; i < 10_000; i++) registerSecret(`bench-${i.toString(36)}-${"k".repeat(i % 24)}Q7`);
    redactText("warm-up: builds the registry's matcher once");
  }
  const text = make();
  const ms = [];
  const ratio = [];
  for (let round = 0; round < ROUNDS; round++) {
    const plain = time(() => plainScan(text));
    const took = time(() => redact(text));
    ms.push(took);
    ratio.push(took / plain);
  }
  rows.push({ name, bytes: text.length, ms: summarize(ms), ratio: summarize(ratio) });
}

// The pattern the redactor used before, on 40 KB of its worst case, once.
const OLD_JWT = /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;
const oldMs = time(() => fill("-eyJ", 40 * 1024).replace(OLD_JWT, "[redacted]"));
const newMs = time(() => redactText(fill("-eyJ", 40 * 1024)));

const result = {
  id: "redaction",
  title: "Redaction of hostile text (10 MiB per case)",
  rounds: ROUNDS,
  rows,
  oldJwtPattern40KBMs: oldMs,
  newJwtPath40KBMs: newMs,
  goal: "each case well under 1 s",
  goalMaxMs: 1_000,
};
emit(result);

console.log(`\n${ROUNDS} rounds per case; median, with the interquartile range.\n`);
console.log("| 10 MiB of | redaction median ms (IQR) | ratio to a plain scan (IQR) |");
console.log("|---|---|---|");
for (const r of rows) {
  console.log(
    `| ${r.name} | ${fmt(r.ms.median, 1)} (${fmt(r.ms.q1, 1)}–${fmt(r.ms.q3, 1)}) | ${fmt(r.ratio.median, 1)}× (${fmt(r.ratio.q1, 1)}–${fmt(r.ratio.q3, 1)}) |`,
  );
}
console.log(
  `\nOld JWT pattern on 40 KB of \`-eyJ\`: ${fmt(oldMs, 0)} ms; the redactor now: ${fmt(newMs, 1)} ms.`,
);
const worst = Math.max(...rows.map((r) => r.ms.median));
console.log(
  `Goal (${result.goal}): ${worst < result.goalMaxMs ? "met" : "missed"} (worst median ${fmt(worst, 0)} ms).`,
);
