import type { Metadata } from "next";
import Link from "next/link";
import { requireMaintainerPage } from "@/lib/auth/guard";
import { listPromptSets } from "@/lib/admin/prompt-sets";
import { PromptSetsAdmin } from "@/components/admin/prompt-sets-admin";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Prompt sets · Admin" };

export default async function AdminPromptSetsPage() {
  await requireMaintainerPage();
  const sets = await listPromptSets();
  return (
    <div className="space-y-4">
      <div>
        <Link href="/admin" className="text-sm text-blue-700 underline">
          Admin
        </Link>
        <h1 className="text-2xl font-bold">Prompt sets</h1>
        <p className="text-sm text-slate-600">The arena serves battles from the checked sets and categories only.</p>
      </div>
      <PromptSetsAdmin sets={sets} />
    </div>
  );
}
