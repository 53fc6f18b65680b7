import type { JobView } from "@/lib/importers/jobs";

export function ImportJobList({ jobs }: { jobs: JobView[] }) {
  if (jobs.length === 0) return null;
  return (
    <section aria-labelledby="recent-imports">
      <h2 id="recent-imports" className="text-lg font-semibold">Recent imports</h2>
      <table className="mt-2 w-full text-left text-sm">
        <thead>
          <tr className="border-b border-slate-200 text-slate-600">
            <th className="py-1 pr-3">Job</th>
            <th className="py-1 pr-3">Format</th>
            <th className="py-1 pr-3">Status</th>
            <th className="py-1 pr-3">Rows</th>
            <th className="py-1 pr-3">Imported</th>
            <th className="py-1 pr-3">Skipped</th>
          </tr>
        </thead>
        <tbody>
          {jobs.map((j) => (
            <tr key={j.id} className="border-b border-slate-100">
              <td className="py-1 pr-3">{j.id}</td>
              <td className="py-1 pr-3">{j.format}</td>
              <td className="py-1 pr-3">{j.status}</td>
              <td className="py-1 pr-3">{j.rowsRead}</td>
              <td className="py-1 pr-3">{j.imported}</td>
              <td className="py-1 pr-3">{j.skipped}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
