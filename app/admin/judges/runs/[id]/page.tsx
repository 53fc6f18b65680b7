import type { Metadata } from "next";
import Link from "next/link";
import { requireMaintainerPage } from "@/lib/auth/guard";
import { judgeIdParam } from "@/lib/validation/judges";
import { getRunDetail } from "@/lib/judges/runs/service";
import { RunProgress } from "@/components/judges-admin/run-progress";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Judge run · Admin" };

export default async function JudgeRunPage({ params }: { params: Promise<{ id: string }> }) {
  await requireMaintainerPage();
  const run = await getRunDetail(judgeIdParam.parse((await params).id));
  return (
    <div className="space-y-4">
      <Link href="/admin/judges" className="text-sm text-blue-700 underline">
        Judges
      </Link>
      <RunProgress initial={run} />
    </div>
  );
}
