import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Where each reliability test file leaves its figures for `scripts/reliability-report.mjs`. */
export const REPORT_DIR = join(process.cwd(), ".tmp", "reliability");

/** Record one section of figures (the soak's counts, inputs tried per class, …) as JSON. */
export function writeFigures(section: string, figures: Record<string, unknown>): void {
  mkdirSync(REPORT_DIR, { recursive: true });
  const json = JSON.stringify(figures, (_k, v) => (typeof v === "bigint" ? v.toString() : v), 2);
  writeFileSync(join(REPORT_DIR, `${section}.json`), `${json}\n`);
}

/** The seed every randomised part of the suite uses (env `RELIABILITY_SEED` repeats a run). */
export const SEED = Number(process.env.RELIABILITY_SEED ?? 20_261_123);

/** Scales fuzz run counts (env `RELIABILITY_RUNS`, default 1000 per schema as the issue asks). */
export const FUZZ_RUNS = Number(process.env.RELIABILITY_RUNS ?? 1000);

/** Counts by key, for tallies of outcomes. */
export class Tally {
  readonly counts: Record<string, number> = {};
  add(key: string, n = 1): void {
    this.counts[key] = (this.counts[key] ?? 0) + n;
  }
  get total(): number {
    return Object.values(this.counts).reduce((a, b) => a + b, 0);
  }
}
