import { requireObject, requireOneOf } from "../core/args.js";
import { InputValidationError } from "../core/errors.js";
import { isRecord } from "../core/is-record.js";
import { date, toInt } from "./internal.js";
import type { DeployStatus, DeployType, DeployWire } from "./schemas.js";

/**
 * Deployments: what `deployHost` sends, how any deploy answer is read into an open status, and
 * when a wait for a deployment is over.
 */

/** Every `DeployType`, for menus and validation. */
export const DEPLOY_TYPES: readonly DeployType[] = ["deploy", "fullDeploy", "fullResetDeploy"];

/** The confirmation `fullResetDeploy` needs, as the web UI makes the user type it. */
export const RESET_CONFIRMATION = "DELETE";

/** What `hosts.deploy` sends: the kind of deployment (and, for a reset, its confirmation). */
export interface DeployOptions {
  /** `deploy` (publish changes), `fullDeploy` (re-apply everything), `fullResetDeploy` (delete and rebuild the server). */
  type: DeployType;
  /** Required for `fullResetDeploy`: must be exactly `"DELETE"` (it wipes the server). */
  confirm?: typeof RESET_CONFIRMATION;
}

export function checkDeployOptions(input: unknown): DeployType {
  const { type, confirm } = requireObject(input, "options");
  const checked = requireOneOf(type, "type", DEPLOY_TYPES);
  if (checked === "fullResetDeploy" && confirm !== RESET_CONFIRMATION) {
    throw new InputValidationError(
      "confirm",
      `fullResetDeploy deletes and rebuilds the server: pass { confirm: "${RESET_CONFIRMATION}" } to proceed`,
    );
  }
  return checked;
}

const SUCCEEDED = new Set([
  "finished",
  "success",
  "succeeded",
  "successful",
  "completed",
  "complete",
  "done",
  "deployed",
]);
const FAILED = new Set(["failed", "failure", "error", "errored", "cancelled", "canceled", "aborted"]);
// (Both sets include every word of the core's COMMON_FINAL_STATUSES: deploy waits read final
// words here, not in the core, because a final word alone does not say whose deployment it is.)

const NONE: ReadonlySet<string> = new Set();

/** Reads whatever a deploy endpoint answered into an open status; unknown values are not final. */
export function toDeployStatus(
  body: unknown,
  hostId: number | undefined,
  finalStates: ReadonlySet<string> = NONE,
): DeployStatus {
  const wire = unwrapDeploy(body);
  const statusText = typeof body === "string" ? body : (str(wire?.status) ?? str(wire?.state));
  const status = statusText?.trim() || "unknown";
  const key = status.toLowerCase();
  const outcome = SUCCEEDED.has(key) ? "succeeded" : FAILED.has(key) ? "failed" : undefined;
  // A word only the caller's `finalStates` names: final, with no outcome the SDK could vouch for.
  const callerFinal = outcome === undefined && finalStates.has(key);
  const rawProgress = wire?.progress;
  const progress =
    typeof rawProgress === "number" || (typeof rawProgress === "string" && rawProgress.trim() !== "")
      ? Number(rawProgress)
      : undefined;
  return {
    id: typeof wire?.id === "number" || typeof wire?.id === "string" ? wire.id : undefined,
    host_id: toInt(wire?.host_id) ?? hostId,
    type: str(wire?.type),
    status,
    progress: progress !== undefined && Number.isFinite(progress) ? progress : undefined,
    message: str(wire?.message) ?? str(wire?.step),
    created_at: date(wire?.created_at),
    started_at: date(wire?.started_at),
    finished_at: date(wire?.finished_at),
    done: outcome !== undefined || callerFinal,
    outcome,
    raw: body,
  };
}

const str = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

/**
 * A final status that comes back unchanged this many polls in a row (after the first poll's
 * was skipped as a possibly earlier deployment) ends the wait anyway: a deployment may have run
 * and finished between two polls, and a wait must not run to its timeout while the server keeps
 * saying "finished".
 */
export const SETTLED_FINAL_POLLS = 4;

/**
 * When `waitForDeploy` is over. GET …/deploy answers the host's latest deployment, and a deploy
 * the server has only queued may not have one yet, so the previous, finished deployment can come
 * back first. With a known id (on both sides) only that deployment's final status counts.
 * Otherwise a status that is already final at the first poll is taken as that previous deployment
 * and skipped: the wait ends on a final status of another deployment (other id or timestamps) or
 * on a final status that follows one still running. Ids and timestamps are compared, not times
 * against the local clock: the shape is undocumented and the server's clock and zone are unknown.
 * A final status seen `SETTLED_FINAL_POLLS` times in a row after the skipped one counts too, so a
 * bare `{status}` (nothing to tell deployments apart) never runs a wait to its timeout — and the
 * previous deployment's outcome is never taken for ours at the first poll.
 */
export function deployDone(deploymentId: number | string | undefined): (status: DeployStatus) => boolean {
  let polls = 0;
  // The deployment found already final at the first poll; reset once something runs.
  let previous: { key: string | undefined; repeats: number } | undefined;
  return (status) => {
    const first = polls++ === 0;
    if (!status.done) {
      previous = undefined;
      return false;
    }
    if (deploymentId !== undefined && status.id !== undefined)
      return String(status.id) === String(deploymentId);
    const key = identity(status);
    if (first) {
      previous = { key, repeats: 0 };
      return false;
    }
    if (previous === undefined || key !== previous.key) return true;
    previous.repeats++;
    return previous.repeats >= SETTLED_FINAL_POLLS;
  };
}

/** What tells two deployments apart: the id, else their timestamps; undefined when neither is sent. */
function identity(status: DeployStatus): string | undefined {
  if (status.id !== undefined) return `id ${String(status.id)}`;
  const times = [status.created_at, status.started_at, status.finished_at].map((d) => d?.getTime() ?? "");
  return times.some((t) => t !== "") ? `at ${times.join(" ")}` : undefined;
}

function unwrapDeploy(body: unknown): DeployWire | undefined {
  if (!isRecord(body)) return undefined;
  if ("data" in body && !("status" in body) && !("state" in body)) {
    return isRecord(body.data) ? (body.data as DeployWire) : undefined;
  }
  return body as DeployWire;
}
