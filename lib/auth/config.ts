/**
 * Auth.js (next-auth v5). Providers appear when their settings exist:
 * - GitHub: AUTH_GITHUB_ID + AUTH_GITHUB_SECRET; Google: AUTH_GOOGLE_ID + AUTH_GOOGLE_SECRET;
 * - email magic links: EMAIL_SERVER (an SMTP URL) + EMAIL_FROM;
 * - a credentials provider that signs anyone in by email, ONLY when CONCORD_TEST_CREDENTIALS=1 (development, tests).
 * Sessions are JWTs (the credentials provider needs them); the role is read from the database on every request, so
 * `concord user promote` takes effect at once.
 */
import NextAuth, { type NextAuthConfig } from "next-auth";
import type { Provider } from "next-auth/providers";
import GitHub from "next-auth/providers/github";
import Google from "next-auth/providers/google";
import Nodemailer from "next-auth/providers/nodemailer";
import Credentials from "next-auth/providers/credentials";
import { PrismaAdapter } from "@auth/prisma-adapter";
import { z } from "zod";
import { lazyPrisma } from "./prisma-proxy";
import { applyAdminEmails, findUserRole, upsertUserByEmail } from "./users";

export const testCredentialsEnabled = () => process.env.CONCORD_TEST_CREDENTIALS === "1";

function providers(): Provider[] {
  const list: Provider[] = [];
  if (process.env.AUTH_GITHUB_ID && process.env.AUTH_GITHUB_SECRET) list.push(GitHub);
  if (process.env.AUTH_GOOGLE_ID && process.env.AUTH_GOOGLE_SECRET) list.push(Google);
  if (process.env.EMAIL_SERVER && process.env.EMAIL_FROM) {
    list.push(Nodemailer({ server: process.env.EMAIL_SERVER, from: process.env.EMAIL_FROM }));
  }
  if (testCredentialsEnabled()) {
    list.push(
      Credentials({
        id: "test-credentials",
        name: "Test sign-in (development only)",
        credentials: { email: { label: "Email", type: "email" } },
        async authorize(raw) {
          const parsed = z.object({ email: z.string().email().max(200) }).safeParse(raw);
          if (!parsed.success) return null;
          return upsertUserByEmail(parsed.data.email);
        },
      }),
    );
  }
  return list;
}

export const authConfig: NextAuthConfig = {
  adapter: PrismaAdapter(lazyPrisma()),
  providers: providers(),
  session: { strategy: "jwt" },
  trustHost: true,
  pages: { signIn: "/signin" },
  callbacks: {
    async jwt({ token, user }) {
      if (user?.id) {
        token.sub = user.id;
        token.role = (await applyAdminEmails(user.id, user.email)) ?? "voter";
      } else if (token.sub) {
        token.role = (await findUserRole(token.sub)) ?? "voter";
      }
      return token;
    },
    async session({ session, token }) {
      if (session.user && token.sub) {
        session.user.id = token.sub;
        session.user.role = token.role === "maintainer" ? "maintainer" : "voter";
      }
      return session;
    },
  },
};

export const { handlers, auth, signIn, signOut } = NextAuth(authConfig);

export function configuredProviders(): { id: string; name: string; kind: "oauth" | "email" | "credentials" }[] {
  return providers().map((p) => {
    const resolved = typeof p === "function" ? p() : p;
    const kind = resolved.type === "credentials" ? "credentials" : resolved.type === "email" ? "email" : "oauth";
    return { id: resolved.id, name: resolved.name, kind };
  });
}
