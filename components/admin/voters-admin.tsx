"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import type { VoterView } from "@/lib/admin/voters";
import { sendJson } from "./api";

export function VotersAdmin({ voters }: { voters: VoterView[] }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<number | null>(null);

  async function setExcluded(id: number, excluded: boolean) {
    setBusy(id);
    setError(null);
    const res = await sendJson(`/api/admin/voters/${id}`, "PATCH", { excluded });
    setBusy(null);
    if (!res.ok) setError(res.message);
    router.refresh();
  }

  if (voters.length === 0) return <p className="text-slate-600">No voters here.</p>;
  return (
    <div className="space-y-2">
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      <div className="overflow-x-auto">
        <table className="w-full min-w-[36rem] border-collapse text-sm">
          <thead>
            <tr className="border-b border-slate-300 text-left">
              <th className="py-1 pr-2">Voter</th>
              <th className="py-1 pr-2">Flag</th>
              <th className="py-1 pr-2 text-right">Votes</th>
              <th className="py-1 pr-2">Status</th>
              <th className="py-1" />
            </tr>
          </thead>
          <tbody>
            {voters.map((v) => (
              <tr key={v.id} className="border-b border-slate-100 align-top" data-testid={`voter-${v.id}`}>
                <td className="py-1 pr-2">{v.label}</td>
                <td className="py-1 pr-2">
                  {v.flagged ? v.flagReason ?? "flagged" : "—"}
                  {v.flaggedAt && <div className="text-xs text-slate-500">{v.flaggedAt.slice(0, 10)}</div>}
                </td>
                <td className="py-1 pr-2 text-right tabular-nums">{v.votes}</td>
                <td className="py-1 pr-2">{v.excluded ? <span className="text-red-700">excluded</span> : "counted"}</td>
                <td className="py-1 text-right">
                  <button
                    type="button"
                    disabled={busy === v.id}
                    onClick={() => setExcluded(v.id, !v.excluded)}
                    className="rounded border border-slate-300 px-2 py-0.5 disabled:opacity-50"
                  >
                    {v.excluded ? "Restore" : "Exclude"}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
