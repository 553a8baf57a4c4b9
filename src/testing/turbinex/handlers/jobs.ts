import { type HttpHandler, http } from "msw";
import { detail, invalid, json, pageOf, Reject } from "../../kit/fastapi.js";
import { jobOutputBytes, jobStatus, type SimJob, type SimOrg, type TurbineXSimState } from "../state.js";
import { deliver } from "../variant.js";
import { jobView } from "../views.js";
import { filePart, formBody } from "./body.js";
import type { HandlerContext, MemberCall } from "./context.js";
import { ownJob, ownStudy, requireVerified, visibleTurbine } from "./scope.js";

/** Jobs: ZIP submits (billed in tokens), listing, cancelling, the output ZIP; parametric sweeps. */
export function jobHandlers({ state, root, member }: HandlerContext): HttpHandler[] {
  return [
    http.get(
      `${root}/jobs`,
      member((call) => {
        const status = call.url.searchParams.get("status");
        const studyId = call.url.searchParams.get("study_id");
        const all = [...state.jobs.values()]
          .filter((j) => j.org_id === call.org.id)
          .filter((j) => !studyId || j.study_id === studyId)
          .filter((j) => !status || jobStatus(state, j).status === status)
          .reverse()
          .sort((a, b) => b.created_at - a.created_at)
          .map((j) => jobView(state, j));
        return json(pageOf(call.url, all, 100));
      }),
    ),
    http.post(
      `${root}/jobs`,
      member(async (call) => {
        const form = await formBody(call.request);
        const bytes = await zipBytes(form);
        const turbineId = optionalRef(form, "turbine_id");
        const studyId = optionalRef(form, "study_id");
        if (turbineId) visibleTurbine(state, call, turbineId);
        if (studyId) ownStudy(state, call, studyId);
        chargeTokens(state, call.org, 1);
        const created = newJob(state, call, {
          name: optionalRef(form, "name"),
          input_sha256: await sha256(bytes),
          turbine_id: turbineId,
          study_id: studyId,
        });
        return json(jobView(state, created), 201);
      }),
    ),
    http.get(
      `${root}/jobs/:id`,
      member((call) => json(jobView(state, ownJob(state, call)))),
    ),
    http.post(
      `${root}/jobs/:id/cancel`,
      member((call) => {
        const job = ownJob(state, call);
        const { status } = jobStatus(state, job);
        if (status !== "queued" && status !== "running") {
          return detail(409, `Job ${job.id} is already ${status} and cannot be cancelled`);
        }
        job.cancelled_at = state.now();
        return json(jobView(state, job));
      }),
    ),
    http.get(
      `${root}/jobs/:id/output`,
      member((call) => {
        const job = ownJob(state, call);
        const { status } = jobStatus(state, job);
        if (status !== "succeeded") return detail(409, `Job output is not available (status: ${status})`);
        return deliver(
          state,
          jobOutputBytes(job.id, state.settings.outputBytes),
          "application/zip",
          `${job.id}-output.zip`,
        );
      }),
    ),
    http.post(
      `${root}/parametric`,
      member(async (call) => {
        requireVerified(call, "submit parametric sweeps");
        const form = await formBody(call.request);
        const bytes = await zipBytes(form);
        const parameters = sweepParameters(form);
        if (parameters instanceof Response) return parameters;
        let combos: Record<string, unknown>[] = [{}];
        for (const p of parameters)
          combos = combos.flatMap((c) => p.values.map((v) => ({ ...c, [p.name]: v })));
        chargeTokens(state, call.org, combos.length);
        const hash = await sha256(bytes);
        const jobIds = combos.map(
          (c) =>
            newJob(state, call, {
              name: `sweep ${Object.entries(c)
                .map(([k, v]) => `${k}=${String(v)}`)
                .join(", ")}`,
              input_sha256: hash,
            }).id,
        );
        return json({ id: state.id("swp"), job_ids: jobIds }, 201);
      }),
    ),
  ];
}

/** The uploaded input: a 422 unless it starts like a ZIP (`PK`). */
async function zipBytes(form: FormData): Promise<Uint8Array> {
  const file = filePart(form);
  if (file instanceof Response) throw new Reject(file);
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes.byteLength < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    throw new Reject(invalid(["body", "file"], "File is not a ZIP archive"));
  }
  return bytes;
}

/** A sweep's `parameters` part: a JSON list of `{name, values[]}`, none empty. */
function sweepParameters(form: FormData): { name: string; values: unknown[] }[] | Response {
  const raw = form.get("parameters");
  try {
    const parameters = JSON.parse(typeof raw === "string" ? raw : "");
    if (
      Array.isArray(parameters) &&
      parameters.length > 0 &&
      parameters.every((p) => typeof p?.name === "string" && Array.isArray(p.values) && p.values.length > 0)
    ) {
      return parameters;
    }
  } catch {
    /* answered below, as for a list of the wrong shape */
  }
  return invalid(["body", "parameters"], "parameters must be a JSON list of {name, values[]}");
}

/** An optional id part of the form (`""` counts as absent). */
function optionalRef(form: FormData, key: string): string | null {
  const value = form.get(key);
  return typeof value === "string" && value !== "" ? value : null;
}

/** Bills `jobs` jobs to the org, or answers 402 when that would pass its monthly token cap. */
function chargeTokens(state: TurbineXSimState, org: SimOrg, jobs: number): void {
  const cost = jobs * state.settings.tokensPerJob;
  if (org.token_cap !== null && org.tokens_used + cost > org.token_cap) {
    throw new Reject(
      detail(
        402,
        `Monthly token cap reached: ${org.token_cap.toLocaleString("en-US")} tokens. Upgrade your plan or wait for the next billing period.`,
      ),
    );
  }
  org.tokens_used += cost;
}

/** A new job of the caller's; it fails if its name says so or `state.failNextJobs` asks. */
function newJob(
  state: TurbineXSimState,
  call: MemberCall,
  init: Partial<SimJob> & { input_sha256: string },
): SimJob {
  const fail = state.failNextJobs > 0 || /fail/i.test(init.name ?? "");
  if (state.failNextJobs > 0) state.failNextJobs--;
  return state.insert<SimJob>(state.jobs, {
    id: state.id("job"),
    org_id: call.org.id,
    user_id: call.user.id,
    name: null,
    created_at: state.now(),
    turbine_id: null,
    study_id: null,
    cancelled_at: null,
    fail,
    ...init,
  });
}

async function sha256(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}
