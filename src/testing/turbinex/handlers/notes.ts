import { type HttpHandler, http } from "msw";
import { detail, invalid, json, pageOf } from "../../kit/fastapi.js";
import type { SimNote, TurbineXSimState } from "../state.js";
import { noteView } from "../views.js";
import { jsonBody, requiredText, textOrNull } from "./body.js";
import type { HandlerContext, MemberCall } from "./context.js";
import { ownStudy } from "./scope.js";

/** Notes: private to their author or shared with the org; only the author changes one. */
export function noteHandlers({ state, root, member }: HandlerContext): HttpHandler[] {
  return [
    http.get(
      `${root}/notes`,
      member((call) => {
        const q = call.url.searchParams;
        const all = [...state.notes.values()]
          .filter((n) => canSee(call, n))
          .filter((n) => !q.get("study_id") || n.study_id === q.get("study_id"))
          .filter((n) => !q.get("job_id") || n.job_id === q.get("job_id"))
          .filter((n) => !q.get("visibility") || n.visibility === q.get("visibility"))
          .map(noteView);
        return json(pageOf(call.url, all, 100));
      }),
    ),
    http.post(
      `${root}/notes`,
      member(async (call) => {
        const body = await jsonBody(call.request);
        const visibility = body.visibility ?? "private";
        if (visibility !== "private" && visibility !== "org") {
          return invalid(["body", "visibility"], "Input should be 'private' or 'org'", "enum");
        }
        const n = state.insert<SimNote>(state.notes, {
          id: state.id("note"),
          org_id: call.org.id,
          owner_id: call.user.id,
          body: requiredText(body, "body"),
          visibility,
          study_id: typeof body.study_id === "string" ? ownStudy(state, call, body.study_id).id : null,
          job_id: textOrNull(body.job_id),
          ...state.stamps(),
        });
        return json(noteView(n), 201);
      }),
    ),
    http.get(
      `${root}/notes/:id`,
      member((call) => {
        const n = visibleNote(state, call);
        return n instanceof Response ? n : json(noteView(n));
      }),
    ),
    http.put(
      `${root}/notes/:id`,
      member(async (call) => {
        const n = authoredNote(state, call, "change");
        if (n instanceof Response) return n;
        const body = await jsonBody(call.request);
        if (body.body !== undefined) n.body = requiredText(body, "body");
        if (body.visibility === "private" || body.visibility === "org") n.visibility = body.visibility;
        if (body.study_id !== undefined) n.study_id = textOrNull(body.study_id);
        if (body.job_id !== undefined) n.job_id = textOrNull(body.job_id);
        return json(noteView(state.touch(n)));
      }),
    ),
    http.delete(
      `${root}/notes/:id`,
      member((call) => {
        const n = authoredNote(state, call, "delete");
        if (n instanceof Response) return n;
        state.notes.delete(n.id);
        return new Response(null, { status: 204 });
      }),
    ),
  ];
}

/** An org note, or a private note of the caller's own. */
function canSee(call: MemberCall, n: SimNote | undefined): n is SimNote {
  return (
    n !== undefined && n.org_id === call.org.id && (n.visibility === "org" || n.owner_id === call.user.id)
  );
}

/** The route's note, if the caller may see it (404 otherwise). */
function visibleNote(state: TurbineXSimState, call: MemberCall): SimNote | Response {
  const n = state.notes.get(call.params.id ?? "");
  return canSee(call, n) ? n : detail(404, "Note not found");
}

/** The route's note, for its author to change or delete (a 403 for anyone else who sees it). */
function authoredNote(
  state: TurbineXSimState,
  call: MemberCall,
  verb: "change" | "delete",
): SimNote | Response {
  const n = visibleNote(state, call);
  if (n instanceof Response || n.owner_id === call.user.id) return n;
  return detail(403, `Only the note's author can ${verb} it`);
}
