/**
 * `arena-hard`: the arena-hard-auto layout.
 * - `question.jsonl` `{uid, category, cluster, prompt}` → prompts (category = cluster, the topic; the `category`
 *   field only names the benchmark version).
 * - `model_answer/*.jsonl` `{uid, model, messages:[{role:"user"}, {role:"assistant", content:{answer}}]}` → responses.
 * - `model_judgment/<judge>/*.jsonl` `{question_id|uid, model, judge?, baseline?, games:[{score}, {score}]}` → two
 *   judge votes per line: game 1 shows the baseline (default gpt-4-0314) as A and the model as B, game 2 the swap.
 *   Verdicts `A>>B A>B A=B B>A B>>A`; the strong ones get Vote.strength 3. A missing verdict is a bad row.
 */
import path from "node:path";
import { readJsonl } from "../readers";
import { slugify } from "../names";
import type { GivenOutcome, ImportFormat, ImportItem } from "../types";
import { bad, conversationTurns, expand, isObj, llmJudge, str } from "./common";

export const DEFAULT_BASELINE = "gpt-4-0314";

const VERDICTS: Record<string, [GivenOutcome, number]> = {
  "A>>B": ["first", 3],
  "A>B": ["first", 1],
  "A=B": ["tie", 1],
  "B>A": ["second", 1],
  "B>>A": ["second", 3],
};

type Kind = "question" | "answer" | "judgment";
function kindOf(file: string): Kind | null {
  const parts = file.split(path.sep);
  if (path.basename(file) === "question.jsonl") return "question";
  if (parts.includes("model_judgment")) return "judgment";
  if (parts.includes("model_answer")) return "answer";
  return null;
}
const ORDER: Kind[] = ["question", "answer", "judgment"];

export function arenaHardFormat(): ImportFormat {
  return {
    name: "arena-hard",
    defaultSet: "arena-hard",
    async listFiles(paths) {
      const files = (await expand(paths, (f) => f.endsWith(".jsonl"))).filter((f) => kindOf(f) !== null);
      return files.sort((a, b) => ORDER.indexOf(kindOf(a)!) - ORDER.indexOf(kindOf(b)!) || (a < b ? -1 : 1));
    },
    async *parse(ctx): AsyncGenerator<ImportItem> {
      for (const file of await this.listFiles(ctx.paths)) {
        const kind = kindOf(file)!;
        for await (const rec of readJsonl(file, ctx.onBytes)) {
          const loc = { file, line: rec.line };
          if (rec.error !== undefined || !isObj(rec.value)) {
            yield bad(loc, "malformed_json", rec.error ?? "a record must be a JSON object");
            continue;
          }
          const r = rec.value;
          const uid = str(r, "uid") || str(r, "question_id");
          if (!uid) {
            yield bad(loc, "missing_field", "uid is missing");
            continue;
          }
          if (kind === "question") {
            yield { kind: "prompt", loc, externalId: uid, turns: [str(r, "prompt")], category: str(r, "cluster") || str(r, "category") || "general", language: "en" };
            continue;
          }
          const model = str(r, "model");
          if (!model) {
            yield bad(loc, "missing_model", "model is missing");
            continue;
          }
          if (kind === "answer") {
            const conv = conversationTurns(r.messages);
            if (!conv || conv.assistant.length === 0) yield bad(loc, "missing_field", "messages has no assistant answer");
            else yield { kind: "response", loc, promptExternalId: uid, system: model, turns: conv.assistant };
            continue;
          }
          const judgeName = str(r, "judge") || path.basename(path.dirname(file));
          const baseline = str(r, "baseline") || DEFAULT_BASELINE;
          const games = Array.isArray(r.games) ? r.games : null;
          if (!games || games.length === 0) {
            yield bad(loc, "missing_field", "games is missing");
            continue;
          }
          const verdicts = games.map((g) => (isObj(g) ? str(g, "score") : ""));
          const unknown = verdicts.find((v) => !VERDICTS[v]);
          if (unknown !== undefined) {
            yield bad(loc, "unknown_winner", `unknown verdict ${JSON.stringify(unknown || null)} (expected A>>B, A>B, A=B, B>A or B>>A)`);
            continue;
          }
          const scope = `arenahard:${ctx.set}:${uid}`;
          for (let gi = 0; gi < Math.min(2, verdicts.length); gi++) {
            const [outcome, strength] = VERDICTS[verdicts[gi]];
            const game = games[gi] as Record<string, unknown>;
            const [first, second] = gi === 0 ? [baseline, model] : [model, baseline];
            yield {
              kind: "vote",
              loc,
              promptExternalId: uid,
              prompt: { turns: [], category: "general", language: "en" },
              first,
              second,
              battleScope: scope,
              turn: 1,
              counted: true,
              mode: "fixed",
              outcome,
              firstShownLeft: true,
              voter: {
                kind: "judge",
                judge: llmJudge(`arena-hard-${slugify(judgeName)}`, `${judgeName} (Arena-Hard)`, judgeName, "Imported Arena-Hard-Auto judgments."),
                runLabel: `arena-hard:${judgeName}`,
                combine: "arena-hard",
              },
              strength,
              rawOutput: typeof game.judgment === "string" ? game.judgment : null,
              externalKey: `${scope}:${judgeName}:${model}:${baseline}:g${gi + 1}`,
            };
          }
        }
      }
    },
  };
}
