"use client";
/** "CSV" / "JSON" buttons that download a table's rows exactly as given (no rounding). */
import { downloadText, fileSlug, toCsv, toJsonRows, type TableColumn } from "./export";

export interface TableDownloadProps<R> {
  rows: R[];
  columns: TableColumn<R>[];
  filename: string;
  label?: string;
}

export function TableDownload<R>({ rows, columns, filename, label = "Download" }: TableDownloadProps<R>) {
  const name = fileSlug(filename);
  return (
    <div className="flex items-center gap-1 text-xs" role="group" aria-label={`${label} ${filename}`}>
      <span className="text-slate-500">{label}:</span>
      <button
        type="button"
        className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-50"
        onClick={() => downloadText(toCsv(rows, columns), `${name}.csv`, "text/csv;charset=utf-8")}
      >
        CSV
      </button>
      <button
        type="button"
        className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-50"
        onClick={() => downloadText(toJsonRows(rows, columns), `${name}.json`, "application/json")}
      >
        JSON
      </button>
    </div>
  );
}
