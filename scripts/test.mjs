// `npm test`: runs vitest (unit tests under msw + end-to-end tests against the simulator), then prints
// one plain summary line ("tests: N passed, N failed") that CI and humans can read at a glance.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";

const report = ".tmp/vitest-report.json";
mkdirSync(".tmp", { recursive: true });
const run = spawnSync(
  "vitest",
  ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...process.argv.slice(2)],
  { stdio: "inherit", shell: process.platform === "win32" },
);
try {
  const { numPassedTests, numFailedTests, numPendingTests, numTodoTests } = JSON.parse(
    readFileSync(report, "utf8"),
  );
  const skipped = numPendingTests + numTodoTests;
  console.log(
    `tests: ${numPassedTests} passed, ${numFailedTests} failed${skipped ? `, ${skipped} skipped` : ""}`,
  );
} catch {
  console.log("tests: no report was written");
}
process.exit(run.status ?? 1);
