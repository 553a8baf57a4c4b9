import { http } from "msw";
import { readBody } from "../../kit/body.js";
import { detail, json } from "../../kit/fastapi.js";
import { issueTokens } from "../sessions.js";
import type { LyceumRoutes } from "./index.js";

/** Email/password login (with the MFA challenge when the account has MFA on) and token refresh. */
export function authHandlers({ base, env }: LyceumRoutes) {
  return [
    http.post(`${base}/auth/login`, async ({ request }) => {
      const check = await readBody(request);
      if (check instanceof Response) return check;
      const email = check.string("email", { required: true });
      const password = check.string("password", { required: true });
      if (check.failed) return check.failed;
      const user = [...env.state.users.values()].find((u) => u.email === email);
      if (!user || user.password !== password) return detail(401, "Incorrect email or password");
      if (user.mfa.enabled) {
        const mfaToken = `mfa_${env.id(16)}`;
        env.state.mfaTokens.set(mfaToken, { userId: user.id, expiresAt: env.now() + 300_000, attempts: 0 });
        const methods = ["totp", "backup_code"];
        if (env.state.options.mfaLoginShape === "200")
          return json({ mfa_required: true, mfa_token: mfaToken, methods });
        return detail(401, {
          code: "mfa_required",
          message: "MFA verification required",
          mfa_token: mfaToken,
          methods,
        });
      }
      return json(await issueTokens(env, user));
    }),
    http.post(`${base}/auth/refresh`, async ({ request }) => {
      const check = await readBody(request);
      if (check instanceof Response) return check;
      const token = check.string("refresh_token", { required: true });
      if (check.failed) return check.failed;
      const userId = token ? env.state.refreshTokens.get(token) : undefined;
      const user = userId ? env.state.users.get(userId) : undefined;
      if (!token || !user) return detail(401, "Invalid refresh token");
      env.state.refreshTokens.delete(token); // rotation: single use
      return json(await issueTokens(env, user));
    }),
  ];
}
