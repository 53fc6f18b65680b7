/** The import service: the format registry and one entry point for the CLI and the admin page. */
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { runImport } from "./engine";
import { alpacaevalFormat } from "./formats/alpacaeval";
import { arenaHardFormat } from "./formats/arenahard";
import { fastchatFormat } from "./formats/fastchat";
import { genericFormat } from "./formats/generic";
import { mtbenchFormat } from "./formats/mtbench";
import { prdFormat } from "./formats/prd";
import type { ImportFormat, ImportOptions, ImportSummary } from "./types";

export const IMPORT_FORMATS = ["fastchat-battles", "mtbench", "prd", "alpacaeval", "arena-hard", "csv"] as const;
export type ImportFormatName = (typeof IMPORT_FORMATS)[number];

export function importFormat(name: ImportFormatName): ImportFormat {
  switch (name) {
    case "fastchat-battles":
      return fastchatFormat();
    case "mtbench":
      return mtbenchFormat();
    case "prd":
      return prdFormat();
    case "alpacaeval":
      return alpacaevalFormat();
    case "arena-hard":
      return arenaHardFormat();
    case "csv":
      return genericFormat();
  }
}

export function isImportFormat(name: string): name is ImportFormatName {
  return (IMPORT_FORMATS as readonly string[]).includes(name);
}

export async function importFiles(db: PrismaClient, format: ImportFormatName, paths: string[], opts: ImportOptions = {}): Promise<ImportSummary> {
  return runImport(db, importFormat(format), paths, opts);
}

/** A human-readable summary, several lines. */
export function formatSummary(s: ImportSummary): string {
  const lines = [
    `${s.dryRun ? "dry run: " : ""}${s.aborted ? "ABORTED (--strict: bad rows found, nothing written) " : ""}${s.format} → set "${s.set}"${s.jobId ? ` (job ${s.jobId})` : ""}`,
    `  files ${s.files}, rows read ${s.rowsRead}${s.resumedRows ? `, already imported by an earlier run ${s.resumedRows}` : ""}`,
    `  votes ${s.dryRun ? "valid" : "imported"} ${s.imported}, prompts ${s.prompts}, responses ${s.responses}`,
    `  skipped ${s.skipped}${Object.keys(s.skippedByReason).length ? ` (${Object.entries(s.skippedByReason).map(([k, v]) => `${k} ${v}`).join(", ")})` : ""}`,
    `  ${s.dryRun ? "distinct systems" : "systems created"} ${s.systemsCreated}, ${s.dryRun ? "distinct prompts" : "prompts created"} ${s.promptsCreated}` +
      (s.dryRun ? "" : `, battles created ${s.battlesCreated}, voters created ${s.votersCreated}, judges created ${s.judgesCreated}`),
    `  time ${s.seconds.toFixed(1)} s${s.seconds > 0 && !s.dryRun ? ` (${Math.round(s.imported / s.seconds)} votes/s)` : ""}`,
  ];
  for (const e of s.errors) lines.push(`  ${e.file}:${e.line}: ${e.reason}: ${e.message}`);
  const listed = s.errors.length;
  const bad = s.skipped - (s.skippedByReason.duplicate ?? 0);
  if (bad > listed) lines.push(`  … and ${bad - listed} more bad rows`);
  return lines.join("\n");
}

export type { ImportOptions, ImportSummary } from "./types";
