import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Reliability and cross-runtime suites have their own commands.
    exclude: ["test/reliability/**", "test/runtimes/**", "node_modules/**"],
    testTimeout: 20_000,
    reporters: process.env.CI ? ["default"] : ["default"],
  },
});
