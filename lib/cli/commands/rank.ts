import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { parseArgs, flagNumber, flagString } from "../args";
import { UsageError, type CliCommand, type CliIo } from "../types";
import { leaderboard, reduceToCounts, styleControl, type Battle, type Outcome, type StyleBattle, type StyleFeatures } from "@/lib/ranking";

const usage = `usage: concord rank --battles FILE [options]
       concord rank [--source crowd|judge:SLUG] [--set S] [--category C] [--language L] [--from D] [--to D]
                    [--exclude-flagged] [--rating bt|elo] [--combine run|mtbench|arena-hard] [options]
                    (without --battles: the database slice, same output)

  --battles FILE        JSON array or JSONL of FastChat clean-battle records {model_a, model_b, winner}
                        (winner: model_a | model_b | tie | tie (bothbad); optional judge, tstamp, category)
  --bootstrap N         bootstrap rounds, 0 = none (default 1000)
  --seed S              RNG seed (default 0)
  --ci LEVEL            confidence level (default 0.95)
  --method M            bootstrap | sandwich (default bootstrap)
  --anchor SYSTEM=R     pin SYSTEM's rating to R
  --style-control       style-controlled ratings (needs conv_metadata in the records)
  --judge NAME          only records whose judge field is NAME
  --category C          only records whose category is C
  --format F            json | table (default table)`;

const WINNERS: Record<string, Outcome> = { model_a: "a", model_b: "b", tie: "tie", "tie (bothbad)": "bothbad" };

interface Record_ {
  model_a?: unknown;
  model_b?: unknown;
  winner?: unknown;
  judge?: unknown;
  tstamp?: unknown;
  category?: unknown;
  conv_metadata?: Record<string, unknown>;
}

function sumValues(v: unknown): number {
  if (typeof v === "number") return v;
  if (v && typeof v === "object") return Object.values(v as Record<string, unknown>).reduce<number>((s, x) => s + (typeof x === "number" ? x : 0), 0);
  return NaN;
}

/** Style features from a FastChat `conv_metadata` (sum_assistant_{a,b}_tokens, header/list/bold counts). */
function styleFrom(meta: Record<string, unknown>, side: "a" | "b"): StyleFeatures | null {
  const f = {
    tokens: sumValues(meta[`sum_assistant_${side}_tokens`]),
    headers: sumValues(meta[`header_count_${side}`]),
    listItems: sumValues(meta[`list_count_${side}`]),
    bold: sumValues(meta[`bold_count_${side}`]),
  };
  return Object.values(f).every(Number.isFinite) ? f : null;
}

/** Reads records from a JSON array or JSONL file; JSONL is streamed line by line. Yields [lineNumber, record]. */
async function* readRecords(file: string): AsyncGenerator<[number, unknown]> {
  const rl = createInterface({ input: createReadStream(file, { encoding: "utf8" }), crlfDelay: Infinity });
  let lineNo = 0;
  let arrayText: string[] | null = null;
  for await (const raw of rl) {
    lineNo++;
    const line = raw.trim();
    if (arrayText) {
      arrayText.push(raw);
      continue;
    }
    if (!line) continue;
    if (line.startsWith("[")) {
      arrayText = [raw];
      continue;
    }
    let rec: unknown;
    try {
      rec = JSON.parse(line);
    } catch (err) {
      throw new Error(`${file}:${lineNo}: malformed JSON (${err instanceof Error ? err.message : String(err)})`);
    }
    yield [lineNo, rec];
  }
  if (arrayText) {
    let arr: unknown;
    try {
      arr = JSON.parse(arrayText.join("\n"));
    } catch (err) {
      throw new Error(`${file}: malformed JSON array (${err instanceof Error ? err.message : String(err)})`);
    }
    if (!Array.isArray(arr)) throw new Error(`${file}: expected a JSON array`);
    for (let i = 0; i < arr.length; i++) yield [i + 1, arr[i]];
  }
}

const fmt = (x: number, d = 1): string => (Number.isFinite(x) ? x.toFixed(d) : "-");

async function run(args: string[], io: CliIo): Promise<number> {
  const p = parseArgs(args, {
    values: ["battles", "bootstrap", "seed", "ci", "method", "anchor", "judge", "category", "format", "source", "set", "language", "from", "to", "rating", "combine"],
    booleans: ["style-control", "exclude-flagged"],
  });
  if (p.positional.length) throw new UsageError(`unexpected argument "${p.positional[0]}"`);
  const file = flagString(p, "battles");
  if (!file) return (await import("@/lib/leaderboard/cli")).rankFromDb(p, io);
  const rounds = flagNumber(p, "bootstrap", 1000);
  if (!Number.isInteger(rounds) || rounds < 0) throw new UsageError("--bootstrap must be a non-negative integer");
  const seed = flagNumber(p, "seed", 0);
  const level = flagNumber(p, "ci", 0.95);
  if (!(level > 0 && level < 1)) throw new UsageError("--ci must be in (0, 1)");
  const method = flagString(p, "method") ?? "bootstrap";
  if (method !== "bootstrap" && method !== "sandwich") throw new UsageError(`--method must be bootstrap or sandwich, got "${method}"`);
  const format = flagString(p, "format") ?? "table";
  if (format !== "json" && format !== "table") throw new UsageError(`--format must be json or table, got "${format}"`);
  let anchor: { system: string; rating: number } | undefined;
  const anchorFlag = flagString(p, "anchor");
  if (anchorFlag !== undefined) {
    const eq = anchorFlag.lastIndexOf("=");
    const rating = Number(anchorFlag.slice(eq + 1));
    if (eq <= 0 || !Number.isFinite(rating)) throw new UsageError(`--anchor must be SYSTEM=RATING, got "${anchorFlag}"`);
    anchor = { system: anchorFlag.slice(0, eq), rating };
  }
  const styleOn = p.flags.get("style-control") === true;
  if (styleOn && method === "sandwich") throw new UsageError("--style-control supports only --method bootstrap");
  const judge = flagString(p, "judge");
  const category = flagString(p, "category");

  const started = performance.now();
  const battles: Battle[] = [];
  const styled: StyleBattle[] = [];
  let records = 0;
  for await (const [line, raw] of readRecords(file)) {
    records++;
    if (!raw || typeof raw !== "object" || Array.isArray(raw)) throw new Error(`${file}:${line}: record is not an object`);
    const r = raw as Record_;
    if (typeof r.model_a !== "string" || typeof r.model_b !== "string") throw new Error(`${file}:${line}: model_a and model_b must be strings`);
    if (typeof r.winner !== "string" || !(r.winner in WINNERS)) {
      throw new Error(`${file}:${line}: unknown winner ${JSON.stringify(r.winner)} (expected model_a, model_b, tie or "tie (bothbad)")`);
    }
    if (r.model_a === r.model_b) throw new Error(`${file}:${line}: model_a and model_b are the same system`);
    if (judge !== undefined && r.judge !== judge) continue;
    if (category !== undefined && r.category !== category) continue;
    const b: Battle = { a: r.model_a, b: r.model_b, outcome: WINNERS[r.winner] };
    if (typeof r.tstamp === "number") b.tstamp = r.tstamp;
    battles.push(b);
    if (styleOn) {
      const meta = r.conv_metadata;
      const sa = meta && styleFrom(meta, "a");
      const sb = meta && styleFrom(meta, "b");
      if (!sa || !sb) throw new Error(`${file}:${line}: --style-control needs conv_metadata with token, header, list and bold counts`);
      styled.push({ ...b, styleA: sa, styleB: sb });
    }
  }
  if (records === 0) {
    io.stderr.write(`concord rank: ${file} contains no battles\n`);
    return 1;
  }
  if (battles.length === 0) {
    io.stderr.write(`concord rank: no battles left after filtering (${records} records read)\n`);
    return 1;
  }
  const counts = reduceToCounts(battles);
  const lb = leaderboard(counts, { method: method === "sandwich" ? "sandwich" : "bootstrap", rounds, seed, level, bt: { anchor } });
  let rows = lb.rows;
  let usedMethod: string = lb.meta.method;
  const extraMeta: Record<string, unknown> = {};
  if (styleOn) {
    const sc = styleControl(styled, { rounds, seed, level });
    const shift = anchor ? anchor.rating - sc.ratings[sc.systems.indexOf(anchor.system)] : 0;
    const byName = new Map(sc.systems.map((s, i) => [s, i]));
    rows = rows.map((row) => {
      const i = byName.get(row.system)!;
      return { ...row, rating: sc.ratings[i] + shift, ciLow: sc.ciLow[i] + shift, ciHigh: sc.ciHigh[i] + shift };
    });
    const { ranksFromIntervals } = await import("@/lib/ranking");
    const ranks = ranksFromIntervals(rows.map((r) => r.ciLow), rows.map((r) => r.ciHigh));
    rows = rows.map((r, i) => ({ ...r, rank: ranks[i] })).sort((x, y) => y.rating - x.rating);
    usedMethod = `${sc.method}+style-control`;
    extraMeta.style_coefficients = Object.fromEntries(sc.coefficients.map((c) => [c.feature, { value: c.value, ci_low: c.ciLow, ci_high: c.ciHigh }]));
  }
  const seconds = (performance.now() - started) / 1000;
  const roundsUsed = usedMethod.startsWith("bootstrap") ? rounds : 0;
  if (format === "json") {
    const out = {
      systems: rows.map((r) => ({
        system: r.system,
        rating: r.rating,
        ci_low: r.ciLow,
        ci_high: r.ciHigh,
        rank: r.rank,
        battles: r.battles,
        wins: r.wins,
        losses: r.losses,
        ties: r.ties,
      })),
      meta: {
        battles: counts.battles,
        systems: counts.systems.length,
        method: usedMethod,
        ci: level,
        rounds: roundsUsed,
        seed,
        seconds,
        warnings: lb.meta.warnings,
        ...extraMeta,
      },
    };
    io.stdout.write(JSON.stringify(out) + "\n");
  } else {
    const pct = `${+(level * 100).toFixed(4)}%`;
    const ciName = usedMethod === "none" ? "no CI" : `${pct} CI (${usedMethod}${roundsUsed ? `, ${roundsUsed} rounds, seed ${seed}` : ""})`;
    const header = ["rank", "system", "rating", `${pct} CI`, "battles", "wins", "losses", "ties"];
    const body = rows.map((r) => [
      String(r.rank),
      r.system,
      fmt(r.rating),
      `${fmt(r.ciLow)} .. ${fmt(r.ciHigh)}`,
      String(r.battles),
      String(r.wins),
      String(r.losses),
      String(r.ties),
    ]);
    const widths = header.map((h, c) => Math.max(h.length, ...body.map((row) => row[c].length)));
    const line = (cells: string[]): string => cells.map((s, c) => (c === 1 ? s.padEnd(widths[c]) : s.padStart(widths[c]))).join("  ");
    io.stdout.write(`Bradley–Terry ratings, ${ciName}; ${counts.battles} battles, ${counts.systems.length} systems\n`);
    io.stdout.write(line(header) + "\n" + widths.map((w) => "-".repeat(w)).join("  ") + "\n");
    for (const row of body) io.stdout.write(line(row) + "\n");
    for (const w of lb.meta.warnings) io.stdout.write(`warning: ${w}\n`);
    io.stdout.write(`(${seconds.toFixed(2)} s)\n`);
  }
  return 0;
}

const rank: CliCommand = { name: "rank", summary: "rank systems from a battles file (Bradley–Terry with CIs)", usage, run };
export default rank;
