import { type HttpHandler, http } from "msw";
import { detail, json, pageOf, Reject } from "../../kit/fastapi.js";
import type { SimStudy, TurbineXSimState } from "../state.js";
import { deliver } from "../variant.js";
import { artifactView, studyView } from "../views.js";
import type { HandlerContext } from "./context.js";
import { studyArtifact } from "./scope.js";

/** The public Share Space: a shared study and its artifacts, for anyone holding the share token. */
export function publicHandlers({ state, root, open }: HandlerContext): HttpHandler[] {
  const base = `${root}/api/public/studies/:token`;
  return [
    http.get(
      base,
      open(({ params }) => {
        const s = sharedStudy(state, params.token);
        const count = [...state.artifacts.values()].filter((a) => a.study_id === s.id).length;
        const { share: _share, ...header } = studyView(s);
        return json({ ...header, artifact_count: count });
      }),
    ),
    http.get(
      `${base}/artifacts`,
      open(({ params, url }) => {
        const s = sharedStudy(state, params.token);
        const all = [...state.artifacts.values()].filter((a) => a.study_id === s.id).map(artifactView);
        return json(pageOf(url, all, 200));
      }),
    ),
    http.get(
      `${base}/artifacts/:artifactId/download`,
      open(({ params }) => {
        const a = studyArtifact(state, sharedStudy(state, params.token), params.artifactId);
        if (a instanceof Response) return a;
        return deliver(state, a.bytes, a.content_type, a.filename);
      }),
    ),
  ];
}

/** The study this token shares, while sharing is on (a rotated or disabled token is a 404). */
function sharedStudy(state: TurbineXSimState, token: string | undefined): SimStudy {
  for (const s of state.studies.values()) {
    if (s.share_enabled && s.share_token !== null && s.share_token === token) return s;
  }
  throw new Reject(detail(404, "Share link not found or disabled"));
}
