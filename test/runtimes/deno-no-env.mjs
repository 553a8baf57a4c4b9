// Deno without --allow-env (issue 19, point 4): creating clients must not crash on the refused
// environment reads, and the missing-credentials error must name the flag. The simulator's base
// URL comes as an argument (the environment is exactly what this run cannot read).
import { createLyceum } from "turbokit/lyceum";
import { createTurboStack } from "turbokit/turbostack";

const [lyceumUrl, turbostackUrl] = Deno.args;
const cases = [
  ["lyceum", "LYCEUM_API_KEY", () => createLyceum({ baseUrl: lyceumUrl }).machineTypes.list().firstPage()],
  ["turbostack", "TURBOSTACK_TOKEN", () => createTurboStack({ baseUrl: turbostackUrl }).hosts.get(1)],
];
let passed = 0;
let failed = 0;
for (const [name, variable, call] of cases) {
  const error = await call().then(
    () => undefined,
    (e) => e,
  );
  const flag = `--allow-env=${variable}`;
  if (error?.field === "auth" && error.message.includes(flag)) {
    passed += 1;
    console.log(`ok ${name}: without --allow-env the error names ${flag}`);
  } else {
    failed += 1;
    console.log(`FAIL ${name}: expected an auth error naming ${flag}, got ${error?.message ?? "no error"}`);
  }
}
console.log(`smoke: ${passed} passed, ${failed} failed`);
if (failed > 0) Deno.exit(1);
