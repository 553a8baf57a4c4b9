import { type HttpHandler, http } from "msw";
import { detail, isRecord, json, pageOf, Reject } from "../../kit/fastapi.js";
import type { SimOrg, SimTurbine, TurbineXSimState } from "../state.js";
import { turbineView } from "../views.js";
import { jsonBody, numberOrNull, requiredText } from "./body.js";
import type { HandlerContext } from "./context.js";
import { requireVerified, visibleTurbine } from "./scope.js";

const READ_ONLY = "Demo-derived turbines are read-only. Clone the demo turbine and edit the copy.";

/** Turbines: the shared demo rows (read-only) and an org's custom ones, unique by name per org. */
export function turbineHandlers({ state, root, member }: HandlerContext): HttpHandler[] {
  return [
    http.get(
      `${root}/turbines`,
      member((call) => {
        const all = [...state.turbines.values()].filter((t) => t.org_id === null || t.org_id === call.org.id);
        return json(pageOf(call.url, all.map(turbineView), 100));
      }),
    ),
    http.post(
      `${root}/turbines`,
      member(async (call) => {
        requireVerified(call, "create custom turbines");
        const body = await jsonBody(call.request);
        const t = addCustom(state, call.org, requiredText(body, "name"), {
          rated_power_kw: numberOrNull(body.rated_power_kw),
          rotor_diameter_m: numberOrNull(body.rotor_diameter_m),
          hub_height_m: numberOrNull(body.hub_height_m),
          config: isRecord(body.config) ? body.config : {},
        });
        return json(turbineView(t), 201);
      }),
    ),
    http.get(
      `${root}/turbines/:id`,
      member((call) => json(turbineView(visibleTurbine(state, call)))),
    ),
    http.put(
      `${root}/turbines/:id`,
      member(async (call) => {
        const t = visibleTurbine(state, call);
        if (t.demo_derived) return detail(403, READ_ONLY);
        const body = await jsonBody(call.request);
        if (body.name !== undefined) {
          const name = requiredText(body, "name");
          refuseTakenName(state, call.org, name, t.id);
          t.name = name;
        }
        for (const key of ["rated_power_kw", "rotor_diameter_m", "hub_height_m"] as const) {
          if (body[key] !== undefined) t[key] = numberOrNull(body[key]);
        }
        if (isRecord(body.config)) t.config = body.config;
        return json(turbineView(state.touch(t)));
      }),
    ),
    http.delete(
      `${root}/turbines/:id`,
      member((call) => {
        const t = visibleTurbine(state, call);
        if (t.demo_derived) return detail(403, READ_ONLY);
        state.turbines.delete(t.id);
        return new Response(null, { status: 204 });
      }),
    ),
    http.post(
      `${root}/turbines/:id/clone`,
      member(async (call) => {
        const source = visibleTurbine(state, call);
        const { rated_power_kw, rotor_diameter_m, hub_height_m } = source;
        const t = addCustom(state, call.org, requiredText(await jsonBody(call.request), "name"), {
          rated_power_kw,
          rotor_diameter_m,
          hub_height_m,
          config: structuredClone(source.config),
        });
        return json(turbineView(t), 201);
      }),
    ),
  ];
}

/** A new custom turbine of the org: a copy of nothing, or of a demo or custom one (`specs`). */
function addCustom(
  state: TurbineXSimState,
  org: SimOrg,
  name: string,
  specs: Pick<SimTurbine, "rated_power_kw" | "rotor_diameter_m" | "hub_height_m" | "config">,
): SimTurbine {
  refuseTakenName(state, org, name);
  return state.insert<SimTurbine>(state.turbines, {
    id: state.id("trb"),
    org_id: org.id,
    name,
    kind: "custom",
    demo_derived: false,
    ...specs,
    ...state.stamps(),
  });
}

/** A 409 when another turbine of the org has this name (names compare case-insensitively). */
function refuseTakenName(state: TurbineXSimState, org: SimOrg, name: string, except?: string): void {
  for (const t of state.turbines.values()) {
    if (t.org_id === org.id && t.id !== except && t.name.toLowerCase() === name.toLowerCase()) {
      throw new Reject(detail(409, `A turbine named '${name}' already exists in this org`));
    }
  }
}
