import { type HttpHandler, http } from "msw";
import { detail, json } from "../../kit/fastapi.js";
import { reportStatus, type SimReport, type TurbineXSimState } from "../state.js";
import { deliver } from "../variant.js";
import { reportView } from "../views.js";
import type { HandlerContext, MemberCall } from "./context.js";

/** Certification reports (requested under a study): their status, and the PDF once ready. */
export function reportHandlers({ state, root, member }: HandlerContext): HttpHandler[] {
  return [
    http.get(
      `${root}/reports/:id`,
      member((call) => {
        const r = ownReport(state, call);
        return r instanceof Response ? r : json(reportView(state, r));
      }),
    ),
    http.get(
      `${root}/reports/:id/download`,
      member((call) => {
        const r = ownReport(state, call);
        if (r instanceof Response) return r;
        if (reportStatus(state, r) !== "ready") return detail(409, "Report is not ready yet");
        const pdf = new TextEncoder().encode(
          `%PDF-1.7\n% TurbineX certification report for study ${r.study_id}\n%%EOF\n`,
        );
        return deliver(state, pdf, "application/pdf", `${r.id}.pdf`);
      }),
    ),
  ];
}

/** The route's report, if it is the caller's org's (404 otherwise). */
function ownReport(state: TurbineXSimState, call: MemberCall): SimReport | Response {
  const found = state.reports.get(call.params.id ?? "");
  return found && found.org_id === call.org.id ? found : detail(404, "Report not found");
}
