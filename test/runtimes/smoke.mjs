// The cross-runtime smoke suite: the same checks, importing the BUILT package by name, run in
// Node 22/24, Deno and a Chromium page. Web APIs only here (no node:*): this file is bundled.
import { checks } from "./checks/index.mjs";

/**
 * Runs every registered check whose provider has a config (core always) and reports each
 * result through `report(line)`. Resolves to the counts; never throws.
 * @param {Record<string, unknown>} config provider name -> what its checks need (base URL, key)
 * @param {(line: string) => void} report
 */
export async function runSmoke(config, report) {
  let passed = 0;
  let failed = 0;
  for (const [provider, list] of Object.entries(checks)) {
    if (provider !== "core" && !config[provider]) {
      report(`skip ${provider}: no simulator config for it`);
      continue;
    }
    for (const check of list) {
      try {
        const detail = await check.run(config[provider] ?? {});
        passed += 1;
        report(`ok ${check.name}${detail ? ` (${detail})` : ""}`);
      } catch (error) {
        failed += 1;
        report(`FAIL ${check.name}: ${error?.stack ?? error}`);
      }
    }
  }
  return { passed, failed };
}
