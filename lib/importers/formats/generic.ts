/**
 * `csv`: Concord's generic layout, one row per vote, as CSV (header row required) or a JSONL twin with the same
 * field names. Required: `prompt_id, system_a, system_b, winner`. Optional: `prompt, response_a, response_b,
 * voter_kind (human|judge, default human), voter, shown_left (a|b, default a), created_at (ISO or epoch seconds),
 * category, language, turn, strength, judge_run, counted (true|false), battle_key`.
 * `winner`: a | b | tie | bothbad (also model_a, model_b, "tie (bothbad)"), relative to system_a/system_b.
 * Humans become voters `csv:<voter>`; judges a Judge with slug `<voter>` (kind external) and run `judge_run`.
 * Votes with the same prompt, systems and turn share a battle, unless `battle_key` says otherwise (exports write it,
 * so an export → import round trip keeps battles apart exactly).
 */
import { readCsv } from "../csv";
import { readJsonl } from "../readers";
import { slugify } from "../names";
import type { GivenOutcome, ImportFormat, ImportItem, Loc } from "../types";
import { bad, expand, familyOf, toDate } from "./common";

export const CSV_FIELDS = [
  "prompt_id", "prompt", "system_a", "response_a", "system_b", "response_b", "winner", "voter_kind", "voter",
  "shown_left", "created_at", "category", "language", "turn", "strength", "judge_run", "counted", "battle_key",
] as const;

const WINNERS: Record<string, GivenOutcome> = {
  a: "first", model_a: "first", b: "second", model_b: "second", tie: "tie", bothbad: "bothbad", "tie (bothbad)": "bothbad",
};

export function genericFormat(): ImportFormat {
  return {
    name: "csv",
    defaultSet: "csv",
    listFiles: (paths) => expand(paths, (f) => /\.(csv|jsonl)$/i.test(f)),
    async *parse(ctx): AsyncGenerator<ImportItem> {
      for (const file of await this.listFiles(ctx.paths)) {
        if (/\.csv$/i.test(file)) {
          let header: string[] | null = null;
          for await (const row of readCsv(file, ctx.onBytes)) {
            const loc = { file, line: row.line };
            if (!header) {
              header = row.fields.map((h) => h.trim().toLowerCase());
              const missing = ["prompt_id", "system_a", "system_b", "winner"].filter((h) => !header!.includes(h));
              if (missing.length > 0) throw new Error(`${file}:1: the header lacks ${missing.join(", ")}`);
              continue;
            }
            if (row.error) {
              yield bad(loc, "malformed_csv", row.error);
              continue;
            }
            if (row.fields.length !== header.length) {
              yield bad(loc, "malformed_csv", `expected ${header.length} fields, got ${row.fields.length}`);
              continue;
            }
            const rec: Record<string, string> = {};
            header.forEach((h, i) => (rec[h] = row.fields[i]));
            yield toItem(ctx.set, loc, rec);
          }
        } else {
          for await (const rec of readJsonl(file, ctx.onBytes)) {
            const loc = { file, line: rec.line };
            if (rec.error !== undefined || typeof rec.value !== "object" || rec.value === null || Array.isArray(rec.value)) {
              yield bad(loc, "malformed_json", rec.error ?? "a record must be a JSON object");
              continue;
            }
            const flat: Record<string, string> = {};
            for (const [k, v] of Object.entries(rec.value)) flat[k] = v === null || v === undefined ? "" : typeof v === "string" ? v : String(v);
            yield toItem(ctx.set, loc, flat);
          }
        }
      }
    },
  };
}

function toItem(set: string, loc: Loc, r: Record<string, string>): ImportItem {
  const get = (k: string) => (r[k] ?? "").trim();
  const a = get("system_a");
  const b = get("system_b");
  if (!a || !b) return bad(loc, "missing_model", `system_${a ? "b" : "a"} is missing`);
  const promptId = get("prompt_id");
  if (!promptId) return bad(loc, "missing_field", "prompt_id is missing");
  const winner = get("winner").toLowerCase();
  const outcome = WINNERS[winner];
  if (!outcome) return bad(loc, "unknown_winner", `unknown winner "${get("winner")}" (expected a, b, tie or bothbad)`);
  const kind = (get("voter_kind") || "human").toLowerCase();
  if (kind !== "human" && kind !== "judge") return bad(loc, "invalid_value", `voter_kind must be human or judge, got "${kind}"`);
  const shown = (get("shown_left") || "a").toLowerCase();
  if (shown !== "a" && shown !== "b") return bad(loc, "invalid_value", `shown_left must be a or b, got "${shown}"`);
  const turn = get("turn") ? Number(get("turn")) : 1;
  if (!Number.isInteger(turn) || turn < 1) return bad(loc, "invalid_value", `turn must be a positive integer, got "${get("turn")}"`);
  const strength = get("strength") ? Number(get("strength")) : 1;
  if (!Number.isInteger(strength) || strength < 1) return bad(loc, "invalid_value", `strength must be a positive integer, got "${get("strength")}"`);
  const createdRaw = get("created_at");
  const createdAt = createdRaw ? toDate(createdRaw) : null;
  if (createdRaw && !createdAt) return bad(loc, "invalid_value", `created_at is not a date: "${createdRaw}"`);
  const counted = get("counted") ? get("counted").toLowerCase() !== "false" : true;
  const voter = get("voter") || "anonymous";
  const run = get("judge_run") || "csv import";
  const battle = get("battle_key");
  const scope = battle ? `csv:${set}:b:${battle}` : `csv:${set}:${promptId}`;
  const prompt = r.prompt ?? "";
  return {
    kind: "vote",
    loc,
    promptExternalId: promptId,
    prompt: { turns: prompt ? [prompt] : [], category: get("category") || "general", language: get("language") || "en" },
    first: a,
    second: b,
    battleScope: scope,
    turn,
    counted,
    mode: "fixed",
    outcome,
    firstShownLeft: shown === "a",
    voter:
      kind === "human"
        ? { kind: "human", externalId: `csv:${voter}` }
        : { kind: "judge", judge: { slug: slugify(voter), name: voter, family: familyOf(voter), kind: "external", description: "Imported from a CSV/JSONL vote file." }, runLabel: run },
    strength,
    externalKey: `${scope}:${a}:${b}:t${turn}:${kind}:${voter}:${shown}:${kind === "judge" ? run : ""}`,
    createdAt,
    responses: { first: r.response_a ? [r.response_a] : null, second: r.response_b ? [r.response_b] : null },
  };
}
