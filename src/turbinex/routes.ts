import { route } from "../core/routes.js";

/**
 * Every TurbineX path in one table, as `routes.<resource>.<verb>`. Paths marked [seed] come from
 * the provider's own document; the rest are this project's [contract] (see docs/turbinex.md), so
 * correcting one is a one-line change here. Idempotency (whether a call may be replayed) is
 * decided by `route()`.
 */
export const routes = {
  // [contract]: login and refresh are sent without credentials.
  auth: {
    login: route("POST", "/auth/login"),
    refresh: route("POST", "/auth/refresh"),
    me: route("GET", "/auth/me"),
  },
  // [contract]
  pats: {
    list: route("GET", "/auth/pats"),
    create: route("POST", "/auth/pats"),
    revoke: route("DELETE", "/auth/pats/{id}"),
  },
  // GET /jobs is [seed]; the rest [contract]. POST /jobs is never replayed: it bills twice.
  jobs: {
    list: route("GET", "/jobs"),
    submit: route("POST", "/jobs"),
    get: route("GET", "/jobs/{id}"),
    cancel: route("POST", "/jobs/{id}/cancel"),
    output: route("GET", "/jobs/{id}/output"),
  },
  // [contract]
  parametric: {
    submit: route("POST", "/parametric"),
  },
  // [contract]
  turbines: {
    list: route("GET", "/turbines"),
    create: route("POST", "/turbines"),
    get: route("GET", "/turbines/{id}"),
    update: route("PUT", "/turbines/{id}"),
    delete: route("DELETE", "/turbines/{id}"),
    clone: route("POST", "/turbines/{id}/clone"),
  },
  // [contract]
  studies: {
    list: route("GET", "/studies"),
    create: route("POST", "/studies"),
    get: route("GET", "/studies/{id}"),
    update: route("PUT", "/studies/{id}"),
    delete: route("DELETE", "/studies/{id}"),
    share: route("POST", "/studies/{id}/share"),
    rotateShare: route("POST", "/studies/{id}/share/rotate"),
    requestReport: route("POST", "/studies/{id}/certification-report"),
  },
  // [contract]
  artifacts: {
    list: route("GET", "/studies/{id}/artifacts"),
    upload: route("POST", "/studies/{id}/artifacts"),
    download: route("GET", "/studies/{id}/artifacts/{artifactId}/download"),
  },
  // [contract]
  reports: {
    get: route("GET", "/reports/{id}"),
    download: route("GET", "/reports/{id}/download"),
  },
  // [contract]
  notes: {
    list: route("GET", "/notes"),
    create: route("POST", "/notes"),
    get: route("GET", "/notes/{id}"),
    update: route("PUT", "/notes/{id}"),
    delete: route("DELETE", "/notes/{id}"),
  },
  // [contract]
  org: {
    get: route("GET", "/org"),
    update: route("PATCH", "/org"),
    members: route("GET", "/org/members"),
  },
  // [contract]
  usage: {
    get: route("GET", "/usage"),
  },
  // The Share Space viewer [seed]: no credentials, scoped by the share token.
  public: {
    study: route("GET", "/api/public/studies/{token}"),
    artifacts: route("GET", "/api/public/studies/{token}/artifacts"),
    download: route("GET", "/api/public/studies/{token}/artifacts/{artifactId}/download"),
  },
} as const;

/** Largest `page_size` each list accepts (the seed: "varies per endpoint (50–200)"). */
export const MAX_PAGE_SIZE = {
  jobs: 100,
  turbines: 100,
  studies: 100,
  artifacts: 200,
  notes: 100,
  members: 200,
  pats: 50,
} as const;
