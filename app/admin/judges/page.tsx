import type { Metadata } from "next";
import Link from "next/link";
import { requireMaintainerPage } from "@/lib/auth/guard";
import { getJudgesAdminView } from "@/lib/judges/admin-view";
import { JudgesAdmin } from "@/components/judges-admin/judges-admin";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Judges · Admin" };

export default async function AdminJudgesPage() {
  await requireMaintainerPage();
  const view = await getJudgesAdminView();
  return (
    <div className="space-y-4">
      <div>
        <Link href="/admin" className="text-sm text-blue-700 underline">
          Admin
        </Link>
        <h1 className="text-2xl font-bold">Judges</h1>
        <p className="text-sm text-slate-600">
          LLM judges on any OpenAI-compatible endpoint, baselines, panels and external judges (API keys). A run judges
          every selected battle in both orders; workers (in <code>npm start</code> or <code>npm run worker</code>) process it.
        </p>
      </div>
      <JudgesAdmin view={view} />
    </div>
  );
}
