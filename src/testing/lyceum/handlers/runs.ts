import { http } from "msw";
import { type BodyCheck, detail, json } from "../../kit/fastapi.js";
import type { Caller } from "../auth.js";
import { AVAILABLE_HARDWARE } from "../catalog.js";
import {
  createRun,
  finishedAt,
  isFinished,
  linesBy,
  type RunScript,
  resultOf,
  runStatus,
  scriptForCompose,
  scriptForDocker,
  scriptForPython,
} from "../run-model.js";
import { runEvents } from "../run-stream.js";
import type { SimEnv, SimRun } from "../state.js";
import { isoTime } from "../wire.js";
import type { LyceumRoutes } from "./index.js";

const MACHINE = /^[a-zA-Z0-9_.]+$/;

type Kind = SimRun["kind"];

function streamingUrl(base: string, run: SimRun): string {
  return `${base}/execution/streaming/${run.id}/events?token=${run.streamToken}`;
}

/** Checks the fields every start endpoint shares, then builds the run's script. */
function start(env: SimEnv, base: string, kind: Kind, check: BodyCheck, caller: Caller): Response {
  const timeout = check.int("timeout", 1, 600) ?? 60;
  const machine =
    kind === "gpu_selection" ? "gpu.auto" : (check.string("execution_type", { pattern: MACHINE }) ?? "cpu");
  check.stringList("user_callback_urls");
  let script: RunScript | undefined;
  let fileName: string | null = null;
  if (kind === "python" || kind === "gpu_selection") {
    const code = check.string("code", { required: true });
    fileName = check.string("file_name") ?? null;
    const imports = check.string("import_files");
    if (imports !== undefined) {
      try {
        JSON.parse(imports);
      } catch {
        check.issues.push({ loc: ["body", "import_files"], msg: "Invalid JSON", type: "json_invalid" });
      }
    }
    if (code !== undefined) script = scriptForPython(code);
  } else if (kind === "docker") {
    const image = check.string("docker_image_ref", { required: true });
    const cmd = check.stringList("docker_run_cmd", { required: true });
    check.oneOf("docker_registry_credential_type", ["aws", "basic"]);
    if (image !== undefined && cmd !== undefined) script = scriptForDocker(image, cmd);
  } else {
    const yaml = check.string("compose_file_code", { required: true });
    check.int("graceful_timeout", 0, 3600);
    if (yaml !== undefined) script = scriptForCompose(yaml);
  }
  if (check.failed) return check.failed;
  if (kind !== "gpu_selection" && !AVAILABLE_HARDWARE.includes(machine))
    return detail(403, `Machine type '${machine}' is not available for your account`);
  const run = createRun(
    env,
    { org: caller.org, userId: caller.user.id, kind, machine, fileName },
    script as RunScript,
    timeout,
  );
  caller.data.runs.set(run.id, run);
  if (kind === "gpu_selection")
    return json({
      execution_id: run.id,
      status: "queued",
      message: "GPU selection started across available GPU types",
    });
  // Documented: `{execution_id, status, streaming_url, pythia_decision}`; the variant answers
  // `queued` (a legal live word) and sends the nullable `pythia_decision`.
  const d = env.ctx.dialect;
  return json({
    execution_id: run.id,
    status: d.pick("pending", "queued"),
    streaming_url: streamingUrl(base, run),
    ...(d.variant ? { pythia_decision: null } : {}),
  });
}

function findRun(caller: Caller, id: unknown): SimRun | undefined {
  return typeof id === "string" ? caller.data.runs.get(id) : undefined;
}

function findRunAnywhere(env: SimEnv, id: string): SimRun | undefined {
  for (const org of env.state.orgs.values()) {
    const run = org.runs.get(id);
    if (run) return run;
  }
  return undefined;
}

function statusBody(env: SimEnv, base: string, run: SimRun, now: number) {
  const result = resultOf(run, now);
  const d = env.ctx.dialect;
  const status = runStatus(run, now);
  // The variant: the docs' lifecycle word `starting` for a queued run, `errors` as one text or
  // null rather than a list, naive timestamps.
  return {
    execution_id: run.id,
    status: status === "pending" ? d.pick("pending", "starting") : status,
    errors: result?.error ? d.pick<unknown>([result.error], result.error) : d.pick<unknown>([], null),
    streaming_url: run.kind === "gpu_selection" ? null : streamingUrl(base, run),
    created_at: isoTime(run.createdAt, d.pick<"z" | "naive">("z", "naive")),
  };
}

/**
 * Runs: the four start endpoints, status, abort and mark-complete, active workloads, the record,
 * timing, delete, and the live-output stream (its token is the capability: no auth).
 */
export function runHandlers({ base, env, authed, authedBody }: LyceumRoutes) {
  const startRoute = (path: string, kind: Kind) =>
    http.post(
      `${base}${path}`,
      authedBody((check, _args, caller) => start(env, base, kind, check, caller)),
    );
  const abort = authed(({ params }, caller) => {
    const run = findRun(caller, params.id);
    const now = env.now();
    if (!run || isFinished(run, now)) return detail(404, "Execution not found or already stopped");
    run.abortedAt = now;
    return json({ execution_id: run.id, status: "aborted", message: "Execution aborted" });
  });
  // "Mark complete": the run stops as `completed` (its output so far is kept).
  const complete = authed(({ params }, caller) => {
    const run = findRun(caller, params.id);
    const now = env.now();
    if (!run || isFinished(run, now)) return detail(404, "Execution not found or already stopped");
    run.abortedAt = now;
    run.completedAt = now;
    return json({ execution_id: run.id, status: "completed", message: "Execution marked complete" });
  });
  return [
    startRoute("/execution/streaming/start", "python"),
    startRoute("/execution/image/start", "docker"),
    startRoute("/execution/compose/start", "compose"),
    startRoute("/execution/gpu_selection/start", "gpu_selection"),
    http.get(
      `${base}/execution/streaming/:id/status`,
      authed(({ params }, caller) => {
        const run = findRun(caller, params.id);
        return run ? json(statusBody(env, base, run, env.now())) : detail(404, "Execution not found");
      }),
    ),
    http.post(`${base}/execution/streaming/abort/:id`, abort),
    http.post(`${base}/execution/streaming/complete/:id`, complete),
    http.post(`${base}/execution/image/abort/:id`, abort),
    http.post(`${base}/workloads/abort/:id`, abort),
    http.get(
      `${base}/workloads/list`,
      authed((_args, caller) => {
        // Active runs only ("List active executions"; the official CLI's notebook list reads
        // `execution_id, status, created_at, file_name`), each with its `hardware_profile`.
        const now = env.now();
        const d = env.ctx.dialect;
        return json(
          [...caller.data.runs.values()]
            .filter((run) => !isFinished(run, now))
            .map((run) => ({
              execution_id: run.id,
              status: runStatus(run, now),
              created_at: isoTime(run.createdAt, d.pick<"naive" | "offset">("naive", "offset")),
              file_name: d.pick<string | null | undefined>(run.fileName, run.fileName ?? undefined),
              hardware_profile: run.machine,
              execution_type: d.pick<string | undefined>(run.machine, undefined),
              ...(d.variant ? { execution_kind: run.kind, user_id: caller.user.id } : {}),
            })),
        );
      }),
    ),
    http.get(
      `${base}/execution/:id`,
      authed(({ params }, caller) => {
        const run = findRun(caller, params.id);
        if (!run) return detail(404, "Execution not found");
        const now = env.now();
        const lines = linesBy(run, now);
        const text = (stream: string) =>
          lines
            .filter((l) => l.stream === stream)
            .map((l) => `${l.text}\n`)
            .join("");
        return json({
          ...statusBody(env, base, run, now),
          stdout: text("stdout"),
          stderr: text("stderr"),
          result: resultOf(run, now),
          execution_type: run.machine,
          file_name: run.fileName,
        });
      }),
    ),
    http.delete(
      `${base}/execution/:id`,
      authed(({ params }, caller) => {
        const run = findRun(caller, params.id);
        if (!run) return detail(404, "Execution not found");
        caller.data.runs.delete(run.id);
        return json({ message: "Execution deleted", execution_id: run.id });
      }),
    ),
    http.get(
      `${base}/execution/:id/timing`,
      authed(({ params }, caller) => {
        const run = findRun(caller, params.id);
        if (!run) return detail(404, "Execution not found");
        const now = env.now();
        const started = now >= run.startAt && (run.abortedAt === undefined || run.abortedAt > run.startAt);
        const end = isFinished(run, now) ? finishedAt(run) : null;
        return json({
          execution_id: run.id,
          created_at: isoTime(run.createdAt, "offset"),
          start: started ? isoTime(run.startAt, "offset") : null,
          end: end !== null && started ? isoTime(end, "offset") : null,
          duration: started ? ((end ?? now) - run.startAt) / 1000 : null,
        });
      }),
    ),
    // Live output. No auth: the token in the URL is the capability, as with the real streaming_url.
    http.post(`${base}/execution/streaming/:id/events`, ({ params, request }) => {
      const run = findRunAnywhere(env, String(params.id));
      const token = new URL(request.url).searchParams.get("token");
      if (!run || token !== run.streamToken) return detail(404, "Stream not found");
      return runEvents(env, run, request.signal);
    }),
  ];
}
