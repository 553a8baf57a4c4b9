import type { Open } from "../core/schema.js";
import type { SecretRecord } from "../core/secret.js";

/** A resource id: the API documents numbers; numeric strings are accepted too. */
export type TurboStackId = number | string;

/** A configuration document as stored by TurboStack (the `json` field), parsed. */
export type TurboStackConfig = Record<string, unknown>;

/** What every configurable object (host, group) exposes about its stored document. */
export interface ConfigView {
  /** The parsed document, or `undefined` when there is none or it is not a JSON object. */
  config: TurboStackConfig | undefined;
  /** The raw `json` value as the API sent it (usually a string). */
  configRaw: unknown;
  /**
   * False when `json` was a string that is not a JSON object document (kept raw in
   * `configRaw`, never an exception). True when it parsed, or when there was no document.
   */
  configValid: boolean;
}

/** A customer account. */
export interface Client {
  id: number;
  firstname: string | undefined;
  lastname: string | undefined;
  email: string | undefined;
  createdAt: Date | undefined;
  updatedAt: Date | undefined;
  /** The object as received (unknown fields kept; `id`/`active` normalised). */
  raw: Record<string, unknown>;
}

/** Live server status; the API leaves the contents undocumented, so they stay open objects. */
export interface HostMonitoring {
  load?: Record<string, unknown> | unknown;
  disk?: Record<string, unknown> | unknown;
  memory?: Record<string, unknown> | unknown;
  [key: string]: unknown;
}

/** One managed server. */
export interface Host extends ConfigView {
  id: number;
  clientId: number | undefined;
  /** `active` normalised from 0/1/boolean; undefined when absent. */
  active: boolean | undefined;
  name: string | undefined;
  monitoring: HostMonitoring | undefined;
  createdAt: Date | undefined;
  updatedAt: Date | undefined;
  raw: Record<string, unknown>;
}

/** A set of shared settings applied to several hosts. */
export interface Group extends ConfigView {
  id: number;
  /** Owning client, when the group belongs to one. */
  clientId: number | undefined;
  name: string | undefined;
  createdAt: Date | undefined;
  updatedAt: Date | undefined;
  raw: Record<string, unknown>;
}

/** What a config save answered. */
export interface ConfigSaveResult {
  /** The saved object's id (from the response when it names one, else the id you passed). */
  id: number | string;
  /** The response body as sent. */
  raw: unknown;
}

/** What `updateConfig` did. */
export interface ConfigUpdateResult {
  /** The document before the change (a copy). */
  before: TurboStackConfig;
  /** The whole document that was saved. */
  after: TurboStackConfig;
  saved: ConfigSaveResult;
}

/** The deployment kinds the API accepts (`fullResetDeploy` wipes the host and needs confirmation). */
export type DeployType = "deploy" | "fullDeploy" | "fullResetDeploy";

/** Known deployment states; any other string the server sends is kept as-is. */
export type DeployState = Open<"queued" | "pending" | "running" | "deploying" | "finished" | "failed">;

/** A deployment's status. Shape and values are undocumented: everything is optional and open. */
export interface DeployStatus {
  /** Deployment id, when the server sends one. */
  id: number | string | undefined;
  hostId: number | undefined;
  type: Open<DeployType> | undefined;
  /** Open status string; `"unknown"` when the server sent none. */
  status: DeployState;
  /** 0–100 when the server reports it. */
  progress: number | undefined;
  /** A current step or message, when the server sends one. */
  message: string | undefined;
  createdAt: Date | undefined;
  startedAt: Date | undefined;
  finishedAt: Date | undefined;
  /** True for a final state (success or failure). Unknown states are not final. */
  done: boolean;
  /** `"succeeded"` / `"failed"` once done, otherwise undefined. */
  outcome: "succeeded" | "failed" | undefined;
  /** The response body as sent. */
  raw: unknown;
}

/**
 * Host credentials, as a secret record: fields read normally (`creds.password`), but the object
 * prints as redacted in `String()`, `JSON.stringify`, `util.inspect`, logs and errors.
 * Undocumented fields are kept under their wire names. `reveal()` gives a plain copy.
 */
export type HostCredentials = SecretRecord<HostCredentialFields>;

/** A host's login as `hosts.credentials()` found it (under whichever names the answer used). */
export interface HostLogin {
  username: string;
  password: string | undefined;
  /** Host name or IP, when the answer names one. */
  host: string | undefined;
  port: number | undefined;
}

export interface HostCredentialFields extends ConfigView {
  hostId: number | undefined;
  /**
   * The login, the one documented way to read it: found under `ssh_user`/`ssh_password`,
   * `username`/`password`, `user`/`pass`, `login`… at the top level or one level down (`ssh`,
   * `system_users[0]`…). Undefined when the answer names no user.
   */
  login: HostLogin | undefined;
  hostname?: string;
  ip?: string;
  username?: string;
  password?: string;
  [key: string]: unknown;
}

/** Paging options of every list. */
export interface ListOptions {
  /** Items per page (default 15, 1–1000). */
  size?: number;
  /** First page to read (default 1). */
  page?: number;
  /** Most pages read before stopping (default 1000). */
  maxPages?: number;
}
