import { type HttpHandler, http } from "msw";
import { detail, invalid, json, pageOf } from "../../kit/fastapi.js";
import type { SimArtifact, SimReport, SimStudy } from "../state.js";
import { deliver } from "../variant.js";
import { artifactView, reportView, studyView } from "../views.js";
import { filePart, formBody, jsonBody, requiredText, textOrNull } from "./body.js";
import type { HandlerContext } from "./context.js";
import { ownStudy, requireVerified, studyArtifact } from "./scope.js";

/** Studies: CRUD, the share link (enable, disable, rotate), artifacts, certification requests. */
export function studyHandlers({ state, root, member }: HandlerContext): HttpHandler[] {
  return [
    http.get(
      `${root}/studies`,
      member((call) =>
        json(
          pageOf(
            call.url,
            [...state.studies.values()].filter((s) => s.org_id === call.org.id).map(studyView),
            100,
          ),
        ),
      ),
    ),
    http.post(
      `${root}/studies`,
      member(async (call) => {
        const body = await jsonBody(call.request);
        const s = state.insert<SimStudy>(state.studies, {
          id: state.id("std"),
          org_id: call.org.id,
          name: requiredText(body, "name"),
          description: textOrNull(body.description),
          share_enabled: false,
          share_token: null,
          ...state.stamps(),
        });
        return json(studyView(s), 201);
      }),
    ),
    http.get(
      `${root}/studies/:id`,
      member((call) => json(studyView(ownStudy(state, call)))),
    ),
    http.put(
      `${root}/studies/:id`,
      member(async (call) => {
        const s = ownStudy(state, call);
        const body = await jsonBody(call.request);
        if (body.name !== undefined) s.name = requiredText(body, "name");
        if (body.description !== undefined) s.description = textOrNull(body.description);
        return json(studyView(state.touch(s)));
      }),
    ),
    http.delete(
      `${root}/studies/:id`,
      member((call) => {
        const s = ownStudy(state, call);
        state.studies.delete(s.id);
        for (const a of state.artifacts.values()) if (a.study_id === s.id) state.artifacts.delete(a.id);
        return new Response(null, { status: 204 });
      }),
    ),
    http.post(
      `${root}/studies/:id/share`,
      member(async (call) => {
        const s = ownStudy(state, call);
        const body = await jsonBody(call.request);
        if (typeof body.enabled !== "boolean")
          return invalid(["body", "enabled"], "Input should be a valid boolean", "bool_type");
        // Enabling an enabled link keeps its token; disabling forgets it.
        if (body.enabled && !s.share_enabled) s.share_token = state.shareToken();
        if (!body.enabled) s.share_token = null;
        s.share_enabled = body.enabled;
        return json(studyView(state.touch(s)));
      }),
    ),
    http.post(
      `${root}/studies/:id/share/rotate`,
      member((call) => {
        const s = ownStudy(state, call);
        if (!s.share_enabled) return detail(409, "Sharing is disabled for this study; enable it first");
        s.share_token = state.shareToken();
        return json(studyView(state.touch(s)));
      }),
    ),
    http.get(
      `${root}/studies/:id/artifacts`,
      member((call) => {
        const s = ownStudy(state, call);
        const all = [...state.artifacts.values()].filter((a) => a.study_id === s.id).map(artifactView);
        return json(pageOf(call.url, all, 200));
      }),
    ),
    http.post(
      `${root}/studies/:id/artifacts`,
      member(async (call) => {
        const s = ownStudy(state, call);
        const file = filePart(await formBody(call.request));
        if (file instanceof Response) return file;
        const a = state.insert<SimArtifact>(state.artifacts, {
          id: state.id("art"),
          study_id: s.id,
          filename: file.name || "upload.bin",
          content_type: file.type || "application/octet-stream",
          bytes: new Uint8Array(await file.arrayBuffer()),
          created_at: state.now(),
        });
        return json(artifactView(a), 201);
      }),
    ),
    http.get(
      `${root}/studies/:id/artifacts/:artifactId/download`,
      member((call) => {
        const s = ownStudy(state, call);
        const a = studyArtifact(state, s, call.params.artifactId);
        if (a instanceof Response) return a;
        return deliver(state, a.bytes, a.content_type, a.filename);
      }),
    ),
    http.post(
      `${root}/studies/:id/certification-report`,
      member((call) => {
        const s = ownStudy(state, call);
        requireVerified(call, "request certification reports");
        const r = state.insert<SimReport>(state.reports, {
          id: state.id("rpt"),
          study_id: s.id,
          org_id: call.org.id,
          created_at: state.now(),
        });
        return json(reportView(state, r), 202);
      }),
    ),
  ];
}
