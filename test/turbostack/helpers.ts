/** The simulated TurboStack's origin and API root, as the harness (`useSim("turbostack")`) serves them. */
export const BASE = "https://my.turbostack.app";
export const API = `${BASE}/api/v1`;
