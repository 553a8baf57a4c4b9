// Lyceum response schemas (zod/mini, built lazily), one file per resource under ./schemas/.
export * from "./schemas/account.js";
export * from "./schemas/auth.js";
export * from "./schemas/batches.js";
export * from "./schemas/billing.js";
export * from "./schemas/catalog.js";
export * from "./schemas/chat.js";
export * from "./schemas/deployments.js";
export * from "./schemas/env.js";
export * from "./schemas/health.js";
export * from "./schemas/observability.js";
export * from "./schemas/orgs.js";
export * from "./schemas/runs.js";
export * from "./schemas/storage.js";
export * from "./schemas/vms.js";
