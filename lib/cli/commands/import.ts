import type { CliCommand } from "../types";
import { UsageError } from "../types";
import { flagNumber, flagString, parseArgs } from "../args";
import { withCliDb } from "../db";

const usage = `usage: npm run -s concord -- import <format> <path…> [--set SLUG] [--dry-run] [--strict] [--aliases file.json]
       [--batch-size N] [--max-errors N] [--no-resume] [--json]
  formats: fastchat-battles, mtbench, prd, alpacaeval, arena-hard, csv (README: "Importing data")
  --set SLUG        prompt set to import into (default: per format, e.g. mt-bench, prd-vicuna80)
  --dry-run         validate and count, write nothing
  --strict          validate everything first; any bad row aborts with nothing written
  --aliases FILE    JSON map of system names, {"gpt-4-0314": "gpt-4"}
  --batch-size N    rows per transaction (default 5000)
  --max-errors N    bad rows listed in the summary (default 50; all are counted)
  --no-resume       do not continue an interrupted import of the same input
  --json            print the summary as JSON
  Re-importing the same files adds nothing. Exit code 1 when rows were skipped as bad or --strict aborted.`;

const command: CliCommand = {
  name: "import",
  summary: "import battles, votes, prompts and answers from public formats",
  usage,
  async run(args, io) {
    const p = parseArgs(args, { values: ["set", "aliases", "batch-size", "max-errors"], booleans: ["dry-run", "strict", "no-resume", "json"] });
    const [format, ...paths] = p.positional;
    const { importFiles, isImportFormat, formatSummary, IMPORT_FORMATS } = await import("@/lib/importers");
    if (!format || !isImportFormat(format)) throw new UsageError(`expected a format (${IMPORT_FORMATS.join(", ")}), got "${format ?? ""}"`);
    if (paths.length === 0) throw new UsageError("give at least one file or folder");
    const aliasFile = flagString(p, "aliases");
    const { readAliasFile } = await import("@/lib/importers/names");
    const aliases = aliasFile ? await readAliasFile(aliasFile) : {};
    const opts = {
      set: flagString(p, "set"),
      dryRun: p.flags.has("dry-run"),
      strict: p.flags.has("strict"),
      resume: !p.flags.has("no-resume"),
      aliases,
      batchSize: flagNumber(p, "batch-size", 5000),
      maxErrors: flagNumber(p, "max-errors", 50),
      onProgress: io.isTty
        ? (g: { bytesRead: number; totalBytes: number; imported: number }) => {
            const pct = g.totalBytes > 0 ? Math.min(100, (100 * g.bytesRead) / g.totalBytes) : 0;
            io.stderr.write(`\r  ${pct.toFixed(1).padStart(5)}%  ${g.imported} votes`);
          }
        : undefined,
    };
    const run = async (db: Parameters<typeof importFiles>[0] | null, connectionUrl: string | null) => {
      const summary = await importFiles(db as Parameters<typeof importFiles>[0], format, paths, { ...opts, connectionUrl });
      if (io.isTty) io.stderr.write("\n");
      io.stdout.write(p.flags.has("json") ? `${JSON.stringify(summary)}\n` : `${formatSummary(summary)}\n`);
      const badRows = summary.skipped - (summary.skippedByReason.duplicate ?? 0);
      return summary.aborted || badRows > 0 ? 1 : 0;
    };
    // A dry run never opens the database.
    if (opts.dryRun) return run(null, null);
    return withCliDb(({ db, url }) => run(db, url));
  },
};

export default command;
