import type { Metadata } from "next";
import Link from "next/link";
import { requireMaintainerPage } from "@/lib/auth/guard";
import { listSystems } from "@/lib/admin/systems";
import { SystemsAdmin } from "@/components/admin/systems-admin";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Systems · Admin" };

export default async function AdminSystemsPage() {
  await requireMaintainerPage();
  const systems = await listSystems();
  return (
    <div className="space-y-4">
      <div>
        <Link href="/admin" className="text-sm text-blue-700 underline">
          Admin
        </Link>
        <h1 className="text-2xl font-bold">Systems</h1>
        <p className="text-sm text-slate-600">
          A system with an OpenAI-compatible endpoint, active, with weight &gt; 0 and no outage, takes part in live battles.
        </p>
      </div>
      <SystemsAdmin systems={systems} />
    </div>
  );
}
