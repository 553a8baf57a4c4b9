// The simulator kit: what every simulated API is built from (see CONTRIBUTING.md, "Simulator").

export { readBody } from "./body.js";
export { chunkedStream, fileResponse } from "./download.js";
export * from "./fastapi.js";
export { type Authenticate, flatParams, guard, type ResolverArgs } from "./guard.js";
export * as laravel from "./laravel.js";
export { withDefaults } from "./options.js";
export { type IntQuerySpec, intQueries } from "./queries.js";
export { createRequestLog, type LoggedRequest, type RequestLog } from "./request-log.js";
