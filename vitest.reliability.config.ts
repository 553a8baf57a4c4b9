import { defineConfig } from "vitest/config";

// `npm run test:reliability`: the reliability and security suite (issue 10). Kept out of `npm test`
// because the soak runs for tens of seconds; files run one at a time so the soak's figures are not
// skewed by the fuzzers competing for the machine's two cores.
export default defineConfig({
  test: {
    include: ["test/reliability/**/*.test.ts"],
    fileParallelism: false,
    testTimeout: 60_000,
    reporters: ["default"],
  },
});
