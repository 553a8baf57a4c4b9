// Statistics and reporting shared by every benchmark. Figures are ratios against a baseline
// measured in the same run (the machine is shared and noisy), summarised as the median of the
// per-run ratios with their interquartile range and min–max.
import { availableParallelism, cpus } from "node:os";

/** `BENCH_QUICK=1`: a fast pass (fewer runs, smaller sizes) for checking the suite works. */
export const QUICK = process.env.BENCH_QUICK === "1";

/** Picks the full or the quick value. */
export const size = (full, quick) => (QUICK ? quick : full);

export function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export const median = (values) => quantile(values, 0.5);

/** Median, quartiles and extremes of a list of per-run figures. */
export function summarize(values) {
  return {
    median: median(values),
    q1: quantile(values, 0.25),
    q3: quantile(values, 0.75),
    min: Math.min(...values),
    max: Math.max(...values),
    runs: values.length,
  };
}

/** Shuffles in place (Fisher–Yates): the order of interleaved arms changes every round. */
export function shuffle(items) {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

export function machine() {
  return {
    nproc: availableParallelism(),
    cpu: cpus()[0]?.model ?? "unknown",
    node: process.version,
    quick: QUICK,
  };
}

/**
 * A benchmark's results go to stdout as one tagged JSON line, so the runner can collect them
 * while the benchmark's own progress lines stay readable.
 */
export function emit(result) {
  console.log(`BENCH_RESULT ${JSON.stringify(result)}`);
}

export const fmt = (n, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : String(n));
