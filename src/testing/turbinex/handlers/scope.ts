import { detail, Reject } from "../../kit/fastapi.js";
import type { SimArtifact, SimJob, SimStudy, SimTurbine, TurbineXSimState } from "../state.js";
import type { MemberCall } from "./context.js";

/**
 * What a caller may see: records of their own org (and the shared demo turbines). Anything else
 * is answered 404, as if it did not exist, so ids from other orgs reveal nothing. The route's
 * own record is thrown as `Reject` (its 404 carries no rate-limit headers); a record inside it
 * (an artifact) is returned for the route to answer (with them).
 */

export function ownJob(state: TurbineXSimState, call: MemberCall, id = call.params.id): SimJob {
  const found = state.jobs.get(id ?? "");
  if (!found || found.org_id !== call.org.id) throw new Reject(detail(404, "Job not found"));
  return found;
}

export function visibleTurbine(state: TurbineXSimState, call: MemberCall, id = call.params.id): SimTurbine {
  const found = state.turbines.get(id ?? "");
  if (!found || (found.org_id !== null && found.org_id !== call.org.id)) {
    throw new Reject(detail(404, "Turbine not found"));
  }
  return found;
}

export function ownStudy(state: TurbineXSimState, call: MemberCall, id = call.params.id): SimStudy {
  const found = state.studies.get(id ?? "");
  if (!found || found.org_id !== call.org.id) throw new Reject(detail(404, "Study not found"));
  return found;
}

/** An artifact of this study, or the 404. */
export function studyArtifact(
  state: TurbineXSimState,
  study: SimStudy,
  id: string | undefined,
): SimArtifact | Response {
  const found = state.artifacts.get(id ?? "");
  return found && found.study_id === study.id ? found : detail(404, "Artifact not found");
}

/** Some actions need a verified account: a 403 for the others. */
export function requireVerified(call: MemberCall, what: string): void {
  if (!call.user.verified) {
    throw new Reject(
      detail(403, `Your account must be verified to ${what}. Check your inbox for the verification email.`),
    );
  }
}
