"use client";
/** API keys of an external judge: issue (shown once), list by prefix, revoke. */
import { useEffect, useState } from "react";
import { sendJson } from "@/components/admin/api";
import type { ApiKeyView } from "@/lib/judges/apikeys/service";

export function JudgeKeys({ judgeId }: { judgeId: number }) {
  const [keys, setKeys] = useState<ApiKeyView[]>([]);
  const [fresh, setFresh] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = async () => {
    const r = await sendJson<{ keys: ApiKeyView[] }>(`/api/admin/judges/${judgeId}/keys`, "GET");
    if (r.ok) setKeys(r.data.keys);
    else setError(r.message);
  };
  useEffect(() => {
    let cancelled = false;
    sendJson<{ keys: ApiKeyView[] }>(`/api/admin/judges/${judgeId}/keys`, "GET").then((r) => {
      if (cancelled) return;
      if (r.ok) setKeys(r.data.keys);
      else setError(r.message);
    });
    return () => {
      cancelled = true;
    };
  }, [judgeId]);
  const issue = async () => {
    const r = await sendJson<{ key: { key: string } }>(`/api/admin/judges/${judgeId}/keys`, "POST", {});
    if (!r.ok) return setError(r.message);
    setFresh(r.data.key.key);
    await load();
  };
  const revoke = async (id: number) => {
    const r = await sendJson(`/api/admin/judges/${judgeId}/keys/${id}`, "DELETE");
    if (!r.ok) return setError(r.message);
    await load();
  };
  return (
    <div className="text-sm">
      <button type="button" onClick={issue} className="rounded border px-2">Issue API key</button>
      {fresh && (
        <p className="mt-1">
          New key (shown once, copy it now): <code data-testid="new-api-key" className="break-all">{fresh}</code>
        </p>
      )}
      <ul>
        {keys.map((k) => (
          <li key={k.id}>
            <code>{k.prefix}…</code> {k.name} · created {k.createdAt.slice(0, 10)} · last used {k.lastUsedAt?.slice(0, 16) ?? "never"}{" "}
            {k.revokedAt ? <span className="text-red-700">revoked</span> : <button type="button" className="underline" onClick={() => revoke(k.id)}>revoke</button>}
          </li>
        ))}
      </ul>
      {error && <p role="alert" className="text-red-700">{error}</p>}
    </div>
  );
}
