// Checks of the shared entry `turbokit`: what every provider relies on, in every runtime.
import * as turbokit from "turbokit";
import { assert, assertEqual } from "./assert.mjs";

/** Core checks need no simulator: `config` is ignored. */
export const coreChecks = [
  {
    name: "core: public exports",
    run() {
      const { bearer, apiKey, jwtSession, none, isTurbokitError, Paginator, svgLineChart } = turbokit;
      for (const [name, value] of Object.entries({
        bearer,
        apiKey,
        jwtSession,
        none,
        isTurbokitError,
        Paginator,
        svgLineChart,
      }))
        assertEqual(typeof value, "function", `turbokit.${name}`);
      const error = new turbokit.InputValidationError("size", "must be positive");
      assert(error instanceof turbokit.TurbokitError, "InputValidationError is a TurbokitError");
      assert(turbokit.isTurbokitError(error), "isTurbokitError recognises it");
      return `${Object.keys(turbokit).length} exports, error brand ok`;
    },
  },
  {
    name: "core: an error renders for Jupyter",
    run() {
      const error = new turbokit.InputValidationError("size", "must be positive");
      const bundle = error[Symbol.for("Jupyter.display")]();
      assert(bundle["text/html"].includes("turbokit-error"), "text/html block");
      return Object.keys(bundle).join(", ");
    },
  },
];
