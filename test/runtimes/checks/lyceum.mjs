// Lyceum against the simulator over real HTTP: a Python run streamed live over SSE.
import { InputValidationError } from "turbokit";
import { createLyceum } from "turbokit/lyceum";
import { assert, assertEqual, rejection } from "./assert.mjs";

/** @param {{ baseUrl: string, key: string }} config */
export const lyceumChecks = [
  {
    name: "lyceum: a run streamed to its finish event",
    async run({ baseUrl, key }) {
      const { apiKey } = await import("turbokit");
      const lyceum = createLyceum({ baseUrl, auth: apiKey(key) });
      const run = await lyceum.runs.python({ code: 'print("smoke ok")' });
      let output = "";
      let finished;
      for await (const event of lyceum.runs.stream(run)) {
        if (event.type === "output") output += event.content;
        if (event.type === "finished") finished = event;
      }
      assert(output.includes("smoke ok"), `live output (${JSON.stringify(output)})`);
      assertEqual(finished?.returnCode, 0, "return code");
      return `output ${JSON.stringify(output.trim())}, return code 0`;
    },
  },
  {
    name: "lyceum: inputs checked before sending",
    async run({ baseUrl, key }) {
      const { apiKey } = await import("turbokit");
      const lyceum = createLyceum({ baseUrl, auth: apiKey(key) });
      const error = await rejection(() => lyceum.runs.python({ code: "x", timeout: 601 }), "timeout 601");
      assert(error instanceof InputValidationError, `InputValidationError (got ${error?.name})`);
      return `${error.name}: ${error.message}`;
    },
  },
];
