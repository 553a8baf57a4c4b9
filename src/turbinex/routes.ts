import { route } from "../core/routes.js";

/**
 * Every TurbineX path in one table. Paths marked [seed] come from the provider's own document;
 * the rest are this project's [contract] (see docs/turbinex.md), so correcting one is a one-line
 * change here. Idempotency (whether a call may be replayed) is decided by `route()`.
 */
export const routes = {
  // Auth [contract]
  login: route("POST", "/auth/login"),
  refresh: route("POST", "/auth/refresh"),
  me: route("GET", "/auth/me"),
  listPats: route("GET", "/auth/pats"),
  createPat: route("POST", "/auth/pats"),
  revokePat: route("DELETE", "/auth/pats/{id}"),

  // Jobs (GET /jobs is [seed]; the rest [contract]). POST /jobs is never replayed: it bills twice.
  listJobs: route("GET", "/jobs"),
  submitJob: route("POST", "/jobs"),
  getJob: route("GET", "/jobs/{id}"),
  cancelJob: route("POST", "/jobs/{id}/cancel"),
  jobOutput: route("GET", "/jobs/{id}/output"),
  submitParametric: route("POST", "/parametric"),

  // Turbines [contract]
  listTurbines: route("GET", "/turbines"),
  createTurbine: route("POST", "/turbines"),
  getTurbine: route("GET", "/turbines/{id}"),
  updateTurbine: route("PUT", "/turbines/{id}"),
  deleteTurbine: route("DELETE", "/turbines/{id}"),
  cloneTurbine: route("POST", "/turbines/{id}/clone"),

  // Studies, sharing, artifacts, certification reports [contract]
  listStudies: route("GET", "/studies"),
  createStudy: route("POST", "/studies"),
  getStudy: route("GET", "/studies/{id}"),
  updateStudy: route("PUT", "/studies/{id}"),
  deleteStudy: route("DELETE", "/studies/{id}"),
  setShare: route("POST", "/studies/{id}/share"),
  rotateShare: route("POST", "/studies/{id}/share/rotate"),
  listArtifacts: route("GET", "/studies/{id}/artifacts"),
  uploadArtifact: route("POST", "/studies/{id}/artifacts"),
  downloadArtifact: route("GET", "/studies/{id}/artifacts/{artifactId}/download"),
  requestReport: route("POST", "/studies/{id}/certification-report"),
  getReport: route("GET", "/reports/{id}"),
  downloadReport: route("GET", "/reports/{id}/download"),

  // Notes [contract]
  listNotes: route("GET", "/notes"),
  createNote: route("POST", "/notes"),
  getNote: route("GET", "/notes/{id}"),
  updateNote: route("PUT", "/notes/{id}"),
  deleteNote: route("DELETE", "/notes/{id}"),

  // Org and usage [contract]
  getOrg: route("GET", "/org"),
  updateOrg: route("PATCH", "/org"),
  listMembers: route("GET", "/org/members"),
  usage: route("GET", "/usage"),

  // Public Share Space viewer [seed]: no credentials, scoped by the share token.
  publicStudy: route("GET", "/api/public/studies/{token}"),
  publicArtifacts: route("GET", "/api/public/studies/{token}/artifacts"),
  publicArtifactDownload: route("GET", "/api/public/studies/{token}/artifacts/{artifactId}/download"),
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
