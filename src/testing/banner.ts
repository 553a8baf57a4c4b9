// What `npm run sim` prints: where each provider is served and how to sign in to it, written as
// the environment variables the SDK reads, so a second shell can paste them and run an example.
import { DEFAULT_API_KEY as LYCEUM_SIM_API_KEY } from "./lyceum/index.js";
import { TURBINEX_SIM_PASSWORD, TURBINEX_SIM_USERS } from "./turbinex/index.js";
import { TURBOSTACK_SIM_TOKEN } from "./turbostack/index.js";

/** Anvil's first well-known test key: any wallet signs in to the simulated exchange; never a real one. */
export const EXCHANGE_SIM_TEST_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

/** The sign-in hint per provider, beside its base URL. */
const CREDENTIALS: Record<string, { env: Record<string, string>; note: string }> = {
  turbostack: {
    env: { TURBOSTACK_TOKEN: TURBOSTACK_SIM_TOKEN },
    note: `auth: bearer("${TURBOSTACK_SIM_TOKEN}")`,
  },
  turbinex: {
    env: {},
    note: `auth: jwtSession({ credentials: { email: "${TURBINEX_SIM_USERS.owner}", password: "${TURBINEX_SIM_PASSWORD}" } })`,
  },
  lyceum: { env: { LYCEUM_API_KEY: LYCEUM_SIM_API_KEY }, note: `auth: apiKey("${LYCEUM_SIM_API_KEY}")` },
  exchange: {
    env: {},
    note: `signer: any wallet (SIWE), e.g. privateKeyToAccount("${EXCHANGE_SIM_TEST_KEY}")`,
  },
};

/** The environment variable each provider's client reads its base URL from. */
const BASE_URL_ENV: Record<string, string> = {
  turbostack: "TURBOSTACK_BASE_URL",
  turbinex: "TURBINEX_BASE_URL",
  lyceum: "LYCEUM_BASE_URL",
  exchange: "TURBINE_EXCHANGE_BASE_URL",
};

/** The banner, one line per entry. */
export function simulatorBanner(
  server: { origin: string; baseUrls: Record<string, string> },
  speed: number,
): string[] {
  const lines = [`turbokit simulator on ${server.origin} (simulated time x${speed})`, ""];
  for (const [name, url] of Object.entries(server.baseUrls)) {
    const credentials = CREDENTIALS[name];
    lines.push(`  ${name.padEnd(11)} ${url}`);
    if (credentials) lines.push(`  ${"".padEnd(11)} ${credentials.note}`);
  }
  lines.push("", "Point the SDK at it from another shell (the clients read these variables):");
  for (const [name, url] of Object.entries(server.baseUrls)) {
    const variable = BASE_URL_ENV[name];
    if (!variable) continue;
    const pairs = [[variable, url], ...Object.entries(CREDENTIALS[name]?.env ?? {})];
    lines.push(`  export ${pairs.map(([key, value]) => `${key}=${value}`).join(" ")}`);
  }
  return lines;
}
