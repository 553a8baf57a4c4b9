import { route } from "../core/routes.js";

/**
 * Every TurboStack endpoint. All writes are POSTs and none of them is replayed after a
 * transient failure (a config save or a deploy must never run twice by accident).
 */
export const routes = {
  clients: {
    list: route("GET", "/api/v1/clients"),
    get: route("GET", "/api/v1/clients/{id}"),
    hosts: route("GET", "/api/v1/clients/{id}/hosts"),
    groups: route("GET", "/api/v1/clients/{id}/groups"),
  },
  hosts: {
    list: route("GET", "/api/v1/hosts"),
    get: route("GET", "/api/v1/hosts/{id}"),
    saveConfig: route("POST", "/api/v1/hosts/{id}"),
    deployStatus: route("GET", "/api/v1/hosts/{id}/deploy"),
    deploy: route("POST", "/api/v1/hosts/{id}/deploy"),
    credentials: route("GET", "/api/v1/hosts/{id}/credentials"),
  },
  groups: {
    list: route("GET", "/api/v1/groups"),
    get: route("GET", "/api/v1/groups/{id}"),
    saveConfig: route("POST", "/api/v1/groups/{id}"),
  },
} as const;
