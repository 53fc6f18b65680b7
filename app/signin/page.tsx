import { redirect } from "next/navigation";
import { configuredProviders, signIn, signOut, testCredentialsEnabled } from "@/lib/auth/config";
import { currentUser } from "@/lib/auth/guard";

export const dynamic = "force-dynamic";

function safeCallback(raw: string | string[] | undefined): string {
  const value = Array.isArray(raw) ? raw[0] : raw;
  return value && value.startsWith("/") && !value.startsWith("//") ? value : "/";
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallback(params.callbackUrl);
  const user = await currentUser();
  const providers = configuredProviders();
  return (
    <div className="mx-auto max-w-md space-y-6">
      <h1 className="text-2xl font-bold">Sign in</h1>
      {user && (
        <div className="space-y-2 rounded border border-slate-200 bg-white p-4">
          <p>
            Signed in as <strong data-testid="signed-in-email">{user.email}</strong> ({user.role}).
          </p>
          <form
            action={async () => {
              "use server";
              await signOut({ redirectTo: "/" });
            }}
          >
            <button className="rounded border border-slate-300 px-3 py-1">Sign out</button>
          </form>
        </div>
      )}
      <p className="text-sm text-slate-600">
        Voting needs no account. Signing in keeps your votes together across browsers; votes you cast anonymously in this
        browser are merged into your account.
      </p>
      {providers.length === 0 && <p className="text-slate-700">No sign-in provider is configured on this server.</p>}
      {providers
        .filter((p) => p.kind === "oauth")
        .map((p) => (
          <form
            key={p.id}
            action={async () => {
              "use server";
              await signIn(p.id, { redirectTo: callbackUrl });
            }}
          >
            <button className="w-full rounded bg-slate-900 px-3 py-2 text-white">Continue with {p.name}</button>
          </form>
        ))}
      {providers.some((p) => p.kind === "email") && (
        <form
          className="space-y-2"
          action={async (form: FormData) => {
            "use server";
            await signIn("nodemailer", { email: String(form.get("email") ?? ""), redirectTo: callbackUrl });
          }}
        >
          <label className="block text-sm font-medium" htmlFor="magic-email">
            Email me a sign-in link
          </label>
          <input id="magic-email" name="email" type="email" required className="w-full rounded border border-slate-300 px-2 py-1" />
          <button className="rounded bg-blue-700 px-3 py-1 text-white">Send link</button>
        </form>
      )}
      {testCredentialsEnabled() && (
        <form
          className="space-y-2 rounded border border-dashed border-amber-400 bg-amber-50 p-4"
          action={async (form: FormData) => {
            "use server";
            const email = String(form.get("email") ?? "");
            if (!email) redirect("/signin");
            await signIn("test-credentials", { email, redirectTo: callbackUrl });
          }}
        >
          <p className="text-sm text-amber-900">Test sign-in (enabled by CONCORD_TEST_CREDENTIALS; never in production).</p>
          <label className="block text-sm font-medium" htmlFor="test-email">
            Email
          </label>
          <input id="test-email" name="email" type="email" required className="w-full rounded border border-slate-300 px-2 py-1" />
          <button className="rounded bg-amber-700 px-3 py-1 text-white">Sign in</button>
        </form>
      )}
    </div>
  );
}
