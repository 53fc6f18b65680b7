/**
 * `concord rank` without --battles: the leaderboard of a database slice, in the same JSON / table output as the
 * file mode. Flags: --source crowd|judge:SLUG --set --category --language --from --to --exclude-flagged, and the
 * file mode's --bootstrap --seed --ci --method --style-control --format (plus --rating bt|elo, --combine).
 */
import { closeDb, getDb } from "@/lib/db";
import { flagNumber, flagString, type ParsedArgs } from "@/lib/cli/args";
import { UsageError, type CliIo } from "@/lib/cli/types";
import { sliceSchema } from "@/lib/validation/slice";
import { leaderboardOptionsSchema } from "@/lib/validation/leaderboard";
import { ZodError } from "zod";
import { computeSlice, sliceWatermark, toRankJson } from "./service";

const fmt = (x: number, d = 1): string => (Number.isFinite(x) ? x.toFixed(d) : "-");

export async function rankFromDb(p: ParsedArgs, io: CliIo): Promise<number> {
  if (flagString(p, "anchor") !== undefined || flagString(p, "judge") !== undefined) {
    throw new UsageError("--anchor and --judge apply to --battles files; for the database use --source judge:SLUG");
  }
  let slice, options;
  try {
    slice = sliceSchema.parse({
      source: flagString(p, "source"),
      set: flagString(p, "set"),
      category: flagString(p, "category"),
      language: flagString(p, "language"),
      from: flagString(p, "from"),
      to: flagString(p, "to"),
      excludeFlagged: p.flags.get("exclude-flagged") === true,
    });
    options = leaderboardOptionsSchema.parse({
      rounds: flagNumber(p, "bootstrap", 1000),
      seed: flagNumber(p, "seed", 0),
      level: flagNumber(p, "ci", 0.95),
      method: flagString(p, "method") ?? "bootstrap",
      rating: flagString(p, "rating") ?? "bt",
      combine: flagString(p, "combine") ?? "run",
      style: p.flags.get("style-control") === true,
    });
  } catch (err) {
    if (err instanceof ZodError) throw new UsageError(err.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
    throw err;
  }
  const format = flagString(p, "format") ?? "table";
  if (format !== "json" && format !== "table") throw new UsageError(`--format must be json or table, got "${format}"`);
  try {
    const db = await getDb();
    const started = performance.now();
    const [result, wm] = await Promise.all([computeSlice(db, slice, options), sliceWatermark(db, slice)]);
    if (result.meta.battles === 0) {
      io.stderr.write(`concord rank: no votes in this slice (${slice.source})\n`);
      return 1;
    }
    const view = { result, slice: "", options: "", watermark: wm.value, computedAt: new Date().toISOString(), stale: false, lastVoteAt: wm.lastVoteAt, sourceVotes: wm.sourceVotes };
    const out = toRankJson(view, false) as { meta: Record<string, unknown> };
    out.meta.seconds = (performance.now() - started) / 1000;
    if (format === "json") {
      io.stdout.write(JSON.stringify(out) + "\n");
      return 0;
    }
    const header = ["rank", "system", "rating", "CI", "battles", "wins", "losses", "ties", "organization"];
    const body = result.rows.map((r) => [String(r.rank), r.system, fmt(r.rating), `${fmt(r.ciLow)} .. ${fmt(r.ciHigh)}`, String(r.battles), String(r.wins), String(r.losses), String(r.ties), r.organization]);
    const widths = header.map((h, c) => Math.max(h.length, ...body.map((row) => row[c].length)));
    const line = (cells: string[]) => cells.map((s, c) => (c === 1 || c === 8 ? s.padEnd(widths[c]) : s.padStart(widths[c]))).join("  ");
    io.stdout.write(`${result.source.label}: ${result.ratingLabel}, ${result.ci.label}; ${result.meta.battles} battles, ${result.meta.systems} systems${result.meta.demo ? " (demo data)" : ""}\n`);
    io.stdout.write(line(header) + "\n" + widths.map((w) => "-".repeat(w)).join("  ") + "\n");
    for (const row of body) io.stdout.write(line(row) + "\n");
    for (const c of result.style?.coefficients ?? []) io.stdout.write(`style ${c.feature}: ${c.value.toFixed(3)} [${c.ciLow.toFixed(3)}, ${c.ciHigh.toFixed(3)}]\n`);
    for (const w of result.meta.warnings) io.stdout.write(`warning: ${w}\n`);
    return 0;
  } finally {
    await closeDb();
  }
}
