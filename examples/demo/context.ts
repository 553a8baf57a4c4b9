import type { Simulator } from "../../src/testing/index.js";

/** What `npm run demo` hands each provider chapter. */
export interface DemoContext {
  /** The running simulator (its clock and provider state). */
  sim: Simulator;
  /** This provider's base URL on the local simulator server. */
  baseUrl: string;
  /** Print one line. */
  log(line: string): void;
  /** Show a live status line (rewritten in place on a terminal, printed plainly otherwise). */
  status(line: string): void;
}

/** A chapter runs its walkthrough and returns summary lines for the final report. */
export type DemoChapter = (ctx: DemoContext) => Promise<string[]>;
