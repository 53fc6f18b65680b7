/**
 * Who is asking. Route handlers call `requireMaintainer()` (throws AppError → 401/403 through the error mapper);
 * pages call `requireMaintainerPage()`, which answers with Next's 403 page.
 */
import { forbidden as nextForbidden } from "next/navigation";
import { auth } from "./config";
import { forbidden, unauthenticated } from "@/lib/errors";

export interface CurrentUser {
  id: string;
  email: string | null;
  name: string | null;
  role: "voter" | "maintainer";
}

export async function currentUser(): Promise<CurrentUser | null> {
  const session = await auth();
  if (!session?.user?.id) return null;
  return {
    id: session.user.id,
    email: session.user.email ?? null,
    name: session.user.name ?? null,
    role: session.user.role,
  };
}

export async function requireMaintainer(): Promise<CurrentUser> {
  const user = await currentUser();
  if (!user) throw unauthenticated("sign in as a maintainer first");
  if (user.role !== "maintainer") throw forbidden();
  return user;
}

export async function requireMaintainerPage(): Promise<CurrentUser> {
  const user = await currentUser();
  if (!user || user.role !== "maintainer") nextForbidden();
  return user;
}
