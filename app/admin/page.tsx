import Link from "next/link";
import type { Metadata } from "next";
import { requireMaintainerPage } from "@/lib/auth/guard";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Admin" };

const sections = [
  { href: "/admin/systems", title: "Systems", text: "Create and edit systems, their endpoints, weights and outages; test a connection." },
  { href: "/admin/prompt-sets", title: "Prompt sets", text: "Choose which sets, and which of their categories, the arena serves." },
  { href: "/admin/voters", title: "Voters", text: "Flagged voters: exclude their votes from the rankings, or restore them." },
  { href: "/admin/judges", title: "Judges", text: "LLM judges, panels, runs and API keys for external judges." },
  { href: "/admin/import", title: "Import", text: "Import prompt sets, answers and votes (MT-Bench, Arena-Hard, CSV, …)." },
];

export default async function AdminPage() {
  const user = await requireMaintainerPage();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold">Admin</h1>
        <p className="text-sm text-slate-600">Signed in as {user.email} (maintainer).</p>
      </div>
      <ul className="grid gap-4 sm:grid-cols-2">
        {sections.map((s) => (
          <li key={s.href}>
            <Link href={s.href} className="block h-full rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-blue-400">
              <h2 className="font-semibold text-blue-800">{s.title}</h2>
              <p className="mt-1 text-sm text-slate-600">{s.text}</p>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
