import type { SimClock } from "./clock.js";

/** The kinds of failure the harness can inject in front of any provider. */
export type FaultKind = "latency" | "error5xx" | "drop" | "truncate" | "malformedJson";

/** Which faults to inject and how often (rates from 0 to 1); all off by default. */
export interface FaultOptions {
  /** Probability (0..1) per request of each fault kind. Checked in the order of this object. */
  rates?: Partial<Record<FaultKind, number>>;
  /** Faults to apply to the next requests, one per request, before any rate applies. */
  script?: FaultKind[];
  /** Only requests whose URL matches are eligible (default: all). */
  match?: (request: Request) => boolean;
  /** Latency added by a `latency` fault, in ms (default 200). */
  latencyMs?: number;
  /** Status used by `error5xx` (default 503). */
  status?: number;
}

/** Counts of injected faults by kind, plus requests seen: the reliability suite's witness. */
export type FaultCounts = Record<FaultKind, number> & { requests: number };

/** Turns faults on and off at run time and counts what was injected. */
export interface FaultController {
  /** Replace the fault configuration (`undefined` turns injection off). */
  configure(options: FaultOptions | undefined): void;
  /** Queue scripted faults for the next matching requests. */
  script(...kinds: FaultKind[]): void;
  readonly counts: FaultCounts;
  /** Decide the fault for this request (consumes a scripted one). Used by the harness. */
  pick(request: Request): FaultKind | undefined;
  readonly latencyMs: number;
  readonly status: number;
}

export function createFaultController(random: () => number, initial?: FaultOptions): FaultController {
  let options: FaultOptions = initial ?? {};
  let queue: FaultKind[] = [...(options.script ?? [])];
  const counts: FaultCounts = {
    requests: 0,
    latency: 0,
    error5xx: 0,
    drop: 0,
    truncate: 0,
    malformedJson: 0,
  };
  return {
    configure(next) {
      options = next ?? {};
      queue = [...(options.script ?? [])];
    },
    script(...kinds) {
      queue.push(...kinds);
    },
    counts,
    get latencyMs() {
      return options.latencyMs ?? 200;
    },
    get status() {
      return options.status ?? 503;
    },
    pick(request) {
      counts.requests++;
      if (options.match && !options.match(request)) return undefined;
      let kind = queue.shift();
      if (!kind) {
        for (const [k, rate] of Object.entries(options.rates ?? {}) as [FaultKind, number][]) {
          if (random() < rate) {
            kind = k;
            break;
          }
        }
      }
      if (kind) counts[kind]++;
      return kind;
    },
  };
}

/** Wait `ms` of real time (latency faults slow the wire, not the simulated clock). */
export function realDelay(ms: number, _clock?: SimClock): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
