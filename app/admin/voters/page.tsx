import type { Metadata } from "next";
import Link from "next/link";
import { requireMaintainerPage } from "@/lib/auth/guard";
import { listVoters } from "@/lib/admin/voters";
import { voterListQuerySchema, type VoterFilter } from "@/lib/validation/admin";
import { VotersAdmin } from "@/components/admin/voters-admin";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Voters · Admin" };

const filters: { value: VoterFilter; label: string }[] = [
  { value: "flagged", label: "Flagged" },
  { value: "excluded", label: "Excluded" },
  { value: "all", label: "Flagged or excluded" },
];

export default async function AdminVotersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireMaintainerPage();
  const parsed = voterListQuerySchema.safeParse(await searchParams);
  const filter = parsed.success ? parsed.data.filter : "flagged";
  const voters = await listVoters(filter);
  return (
    <div className="space-y-4">
      <div>
        <Link href="/admin" className="text-sm text-blue-700 underline">
          Admin
        </Link>
        <h1 className="text-2xl font-bold">Voters</h1>
        <p className="text-sm text-slate-600">
          Voters are flagged automatically for suspicious patterns. Excluding a voter keeps their votes but leaves them out
          of the rankings; restoring counts them again.
        </p>
      </div>
      <nav aria-label="Voter filter" className="flex gap-3 text-sm">
        {filters.map((f) => (
          <Link
            key={f.value}
            href={`/admin/voters?filter=${f.value}`}
            aria-current={f.value === filter ? "page" : undefined}
            className={f.value === filter ? "font-semibold text-slate-900" : "text-blue-700 underline"}
          >
            {f.label}
          </Link>
        ))}
      </nav>
      <VotersAdmin voters={voters} />
    </div>
  );
}
