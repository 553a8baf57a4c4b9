import type { OutputLine, SimEnv, SimRun } from "./state.js";

/** How a simulated run behaves: its output lines and outcome, derived from what was submitted. */
export interface RunScript {
  lines: { text: string; stream: "stdout" | "stderr" }[];
  outcome: { status: string; returnCode: number | null; error: string | null };
  /** Runs forever (until its timeout). */
  endless?: boolean;
}

/** Python: every `print("…")` is a line; `raise X("m")` fails; `sys.exit(n)`; `while True` times out. */
export function scriptForPython(code: string): RunScript {
  const lines: RunScript["lines"] = [];
  for (const match of code.matchAll(/print\(\s*f?(["'])(.*?)\1\s*\)/g))
    lines.push({ text: match[2] ?? "", stream: "stdout" });
  const raised = /raise\s+(\w+)\(\s*(["'])(.*?)\2\s*\)/.exec(code);
  if (raised) {
    const error = `${raised[1]}: ${raised[3]}`;
    lines.push(
      { text: "Traceback (most recent call last):", stream: "stderr" },
      { text: error, stream: "stderr" },
    );
    return { lines, outcome: { status: "failed", returnCode: 1, error } };
  }
  const exit = /sys\.exit\(\s*(\d+)\s*\)/.exec(code);
  if (exit && exit[1] !== "0") {
    const rc = Number(exit[1]);
    return { lines, outcome: { status: "failed", returnCode: rc, error: `Process exited with code ${rc}` } };
  }
  if (/while\s+True\s*:/.test(code)) {
    return {
      lines,
      endless: true,
      outcome: { status: "timeout", returnCode: null, error: "Execution timed out" },
    };
  }
  return { lines, outcome: { status: "completed", returnCode: 0, error: null } };
}

export function scriptForDocker(image: string, command: string[]): RunScript {
  const lines: RunScript["lines"] = [
    { text: `Pulling image ${image}`, stream: "stdout" },
    { text: `Status: Downloaded newer image for ${image}`, stream: "stdout" },
  ];
  const joined = command.join(" ");
  const echo = /echo\s+["']?([^"';&]+)["']?/.exec(joined);
  if (echo) lines.push({ text: (echo[1] ?? "").trim(), stream: "stdout" });
  if (/\bfalse\b|exit\s+[1-9]/.test(joined))
    return { lines, outcome: { status: "failed", returnCode: 1, error: "Container exited with code 1" } };
  return { lines, outcome: { status: "completed", returnCode: 0, error: null } };
}

export function scriptForCompose(yaml: string): RunScript {
  const services = /^services:\s*$([\s\S]*)/m.exec(yaml)?.[1] ?? "";
  const names = [...services.matchAll(/^ {2}([A-Za-z0-9_-]+):\s*$/gm)].map((m) => m[1] ?? "");
  const lines: RunScript["lines"] = names.map((n) => ({ text: `Container ${n} Started`, stream: "stdout" }));
  lines.push({ text: `${names.length} services exited cleanly`, stream: "stdout" });
  return { lines, outcome: { status: "completed", returnCode: 0, error: null } };
}

export function createRun(
  env: SimEnv,
  init: Pick<SimRun, "org" | "userId" | "kind" | "machine" | "fileName">,
  script: RunScript,
  timeoutSeconds: number,
): SimRun {
  const { options } = env.state;
  const createdAt = env.now();
  const startAt = createdAt + options.runQueueMs;
  const step = options.runLineIntervalMs;
  const lines: OutputLine[] = script.lines.map((l, i) => ({ ...l, at: startAt + (i + 1) * step }));
  let endAt = startAt + (lines.length + 1) * step;
  let outcome = script.outcome;
  const limit = startAt + timeoutSeconds * 1000;
  if (script.endless || endAt > limit) {
    endAt = limit;
    outcome = {
      status: "timeout",
      returnCode: null,
      error: `Execution exceeded its timeout of ${timeoutSeconds}s`,
    };
  }
  env.state.counters.run++;
  return {
    ...init,
    id: `${env.id(4)}-${env.id(2)}-${env.id(2)}-${env.id(2)}-${env.id(6)}`,
    createdAt,
    startAt,
    endAt,
    lines: lines.filter((l) => l.at <= endAt),
    outcome,
    streamToken: env.id(16),
    hostname: `worker-${(env.state.counters.run % 7) + 1}.fra.lyceum.internal`,
  };
}

export function runStatus(run: SimRun, now: number): string {
  if (run.abortedAt !== undefined && run.abortedAt <= now)
    return run.completedAt !== undefined ? "completed" : "aborted";
  if (now < run.startAt) return run.kind === "gpu_selection" ? "queued" : "pending";
  if (now < run.endAt) return "running";
  return run.outcome.status;
}

export function isFinished(run: SimRun, now: number): boolean {
  const s = runStatus(run, now);
  return s !== "pending" && s !== "queued" && s !== "running";
}

/** Lines emitted by `now` (an aborted run stops emitting at its abort time). */
export function linesBy(run: SimRun, now: number): OutputLine[] {
  const until = Math.min(now, run.abortedAt ?? Number.POSITIVE_INFINITY);
  return run.lines.filter((l) => l.at <= until);
}

export function finishedAt(run: SimRun): number {
  return run.abortedAt !== undefined ? Math.min(run.abortedAt, run.endAt) : run.endAt;
}

export function resultOf(run: SimRun, now: number) {
  if (!isFinished(run, now)) return null;
  if (run.completedAt !== undefined && run.completedAt < run.endAt) return { returnCode: 0, error: null };
  if (run.abortedAt !== undefined && run.abortedAt < run.endAt)
    return { returnCode: null, error: "Execution aborted by user" };
  return { returnCode: run.outcome.returnCode, error: run.outcome.error };
}
