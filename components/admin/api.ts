/** Client-side helper for the admin forms: sends JSON, turns the error body into one readable message. */
export type ApiResult<T> = { ok: true; data: T } | { ok: false; message: string; status: number };

interface ErrorBody {
  error?: { message?: string; details?: unknown };
}

export function describeError(body: ErrorBody, status: number): string {
  const message = body.error?.message ?? `request failed (${status})`;
  const details = body.error?.details;
  if (Array.isArray(details) && details.length > 0) {
    const parts = details
      .map((d: { path?: string; message?: string }) => (d.path ? `${d.path}: ${d.message}` : d.message))
      .filter(Boolean);
    return `${message}: ${parts.join("; ")}`;
  }
  return message;
}

export async function sendJson<T>(url: string, method: string, body?: unknown): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    return { ok: false, status: 0, message: `network error: ${err instanceof Error ? err.message : String(err)}` };
  }
  const parsed = (await res.json().catch(() => ({}))) as T & ErrorBody;
  if (!res.ok) return { ok: false, status: res.status, message: describeError(parsed, res.status) };
  return { ok: true, data: parsed };
}

export function zodMessage(issues: { path: PropertyKey[]; message: string }[]): string {
  return issues.map((i) => (i.path.length ? `${i.path.map(String).join(".")}: ${i.message}` : i.message)).join("; ");
}
