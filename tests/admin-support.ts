/**
 * Shared by the admin and live tests: who the (mocked) Auth.js session says is signed in. The tests replace
 * `auth()` from lib/auth/config with `vi.mock`, so lib/auth/guard.ts runs for real on top of it.
 */
import type { Session } from "next-auth";

export const session: { current: Session | null } = { current: null };

export function signInAs(role: "maintainer" | "voter" | null): void {
  session.current =
    role === null
      ? null
      : { user: { id: `user-${role}`, email: `${role}@concord.test`, name: role, role }, expires: "2099-01-01T00:00:00.000Z" };
}

export function jsonRequest(url: string, method: string, body?: unknown): Request {
  return new Request(`http://concord.test${url}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

export const ctx = <P extends Record<string, string>>(params: P) => ({ params: Promise.resolve(params) });
