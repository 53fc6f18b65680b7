"use client";

import { useState, type FormEvent } from "react";
import { generationParamsTextSchema, systemCreateSchema } from "@/lib/validation/admin";
import type { SystemView } from "@/lib/admin/systems";
import { sendJson, zodMessage } from "./api";

const input = "w-full rounded border border-slate-300 px-2 py-1 text-sm";
const label = "block text-xs font-medium text-slate-700";

interface Props {
  /** Editing this system; absent for a new one. */
  system?: SystemView;
  onSaved(system: SystemView): void;
  onCancel?(): void;
}

/** Create or edit a system. Validates with the same zod schema as the handler, then POSTs / PATCHes. */
export function SystemForm({ system, onSaved, onCancel }: Props) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const prefix = system ? `sys-${system.id}` : "sys-new";

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setError(null);
    const f = new FormData(e.currentTarget);
    const text = (k: string) => String(f.get(k) ?? "");
    const params = generationParamsTextSchema.safeParse(text("params"));
    if (!params.success) {
      setError(`params: ${zodMessage(params.error.issues)}`);
      return;
    }
    const candidate = {
      slug: text("slug"),
      name: text("name"),
      organization: text("organization"),
      family: text("family"),
      description: text("description"),
      baseUrl: text("baseUrl"),
      model: text("model"),
      apiKeyEnv: text("apiKeyEnv"),
      params: params.data,
      weight: Number(text("weight")),
      boost: Number(text("boost")),
      outage: f.get("outage") === "on",
      active: f.get("active") === "on",
    };
    const parsed = systemCreateSchema.safeParse(candidate);
    if (!parsed.success) {
      setError(zodMessage(parsed.error.issues));
      return;
    }
    setBusy(true);
    // Send the raw candidate: the handler applies the same schema (empty strings clear the endpoint fields).
    const res = system
      ? await sendJson<{ system: SystemView }>(`/api/admin/systems/${system.id}`, "PATCH", candidate)
      : await sendJson<{ system: SystemView }>("/api/admin/systems", "POST", candidate);
    setBusy(false);
    if (!res.ok) setError(res.message);
    else onSaved(res.data.system);
  }

  const field = (name: keyof SystemView | "params", title: string, extra: Record<string, string> = {}) => (
    <div>
      <label className={label} htmlFor={`${prefix}-${name}`}>
        {title}
      </label>
      <input
        id={`${prefix}-${name}`}
        name={name}
        className={input}
        defaultValue={system ? String(system[name as keyof SystemView] ?? "") : (extra.defaultValue ?? "")}
        {...Object.fromEntries(Object.entries(extra).filter(([k]) => k !== "defaultValue"))}
      />
    </div>
  );

  return (
    <form onSubmit={submit} className="space-y-3 rounded border border-slate-200 bg-white p-4" aria-label={system ? `Edit ${system.slug}` : "New system"}>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        {field("slug", "Slug", { required: "required", placeholder: "acme-large" })}
        {field("name", "Name", { required: "required" })}
        {field("organization", "Organization")}
        {field("family", "Family")}
        {field("baseUrl", "Endpoint base URL", { placeholder: "https://api.example.org/v1" })}
        {field("model", "Model")}
        {field("apiKeyEnv", "Key env-var name", { placeholder: "OPENAI_API_KEY" })}
        <div className="grid grid-cols-2 gap-2">
          {field("weight", "Weight", { type: "number", step: "any", min: "0", defaultValue: "1" })}
          {field("boost", "Boost", { type: "number", step: "any", min: "0", defaultValue: "1" })}
        </div>
      </div>
      <div>
        <label className={label} htmlFor={`${prefix}-description`}>
          Description
        </label>
        <input id={`${prefix}-description`} name="description" className={input} defaultValue={system?.description ?? ""} />
      </div>
      <div>
        <label className={label} htmlFor={`${prefix}-params`}>
          Generation params (JSON: temperature, max_tokens, system, timeoutMs)
        </label>
        <textarea
          id={`${prefix}-params`}
          name="params"
          rows={2}
          className={`${input} font-mono`}
          defaultValue={system ? JSON.stringify(system.params) : "{}"}
        />
      </div>
      <div className="flex flex-wrap items-center gap-4 text-sm">
        <label className="flex items-center gap-1">
          <input type="checkbox" name="active" defaultChecked={system ? system.active : true} /> Active
        </label>
        <label className="flex items-center gap-1">
          <input type="checkbox" name="outage" defaultChecked={system?.outage ?? false} /> Outage (weight 0)
        </label>
        <button type="submit" disabled={busy} className="rounded bg-blue-700 px-3 py-1 text-white disabled:opacity-50">
          {system ? "Save" : "Create system"}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel} className="rounded border border-slate-300 px-3 py-1">
            Cancel
          </button>
        )}
      </div>
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      <p className="text-xs text-slate-500">Keys are never stored: give the name of the environment variable that holds the key on the server.</p>
    </form>
  );
}
