/**
 * `mtbench`: FastChat's llm_judge layout. `question.jsonl` → prompts (two turns, category, reference answers from
 * the question or `reference_answer/*.jsonl`); `model_answer/*.jsonl` → responses; any other JSON/JSONL file →
 * pairwise judgments (`human_judgments`, `gpt4_pair`): `{question_id, model_a, model_b, winner, judge, turn,
 * conversation_a/b}`. Turn 2 is its own battle. A judge given as an array (`["gpt-4", "pair-v2"]`) or a name that
 * starts with gpt/claude is an LLM judge; any other judge string (`author_0`, `expert_12`) is a human voter.
 */
import path from "node:path";
import { readJsonl, readJsonRecords } from "../readers";
import { slugify } from "../names";
import type { ImportFormat, ImportItem } from "../types";
import { bad, conversationTurns, expand, isJsonFile, isObj, llmJudge, str, strings, toDate } from "./common";
import { FASTCHAT_WINNERS } from "./fastchat";

type Kind = "question" | "reference" | "answer" | "judgment";

function kindOf(file: string): Kind {
  const dir = path.basename(path.dirname(file));
  if (path.basename(file) === "question.jsonl") return "question";
  if (dir === "reference_answer") return "reference";
  if (dir === "model_answer") return "answer";
  return "judgment";
}

const ORDER: Kind[] = ["question", "reference", "answer", "judgment"];

const LLM_JUDGE = /^(gpt|claude|llama|judge)/i;

export function mtbenchFormat(): ImportFormat {
  return {
    name: "mtbench",
    defaultSet: "mt-bench",
    async listFiles(paths) {
      const files = await expand(paths, (f) => isJsonFile(f) && !/LICENSE/i.test(f));
      return files.sort((a, b) => ORDER.indexOf(kindOf(a)) - ORDER.indexOf(kindOf(b)) || (a < b ? -1 : a > b ? 1 : 0));
    },
    async *parse(ctx): AsyncGenerator<ImportItem> {
      const files = await this.listFiles(ctx.paths);
      const references = new Map<string, string[]>();
      for (const file of files.filter((f) => kindOf(f) === "reference")) {
        for await (const rec of readJsonl(file, () => undefined)) {
          if (!isObj(rec.value)) continue;
          const choices = rec.value.choices;
          const turns = Array.isArray(choices) && isObj(choices[0]) ? strings(choices[0].turns) : null;
          if (turns) references.set(str(rec.value, "question_id"), turns);
        }
      }
      for (const file of files) {
        const kind = kindOf(file);
        const reader = kind === "judgment" ? readJsonRecords(file, ctx.onBytes) : readJsonl(file, ctx.onBytes);
        for await (const rec of reader) {
          const loc = { file, line: rec.line };
          if (kind === "reference") continue;
          if (rec.error !== undefined || !isObj(rec.value)) {
            yield bad(loc, "malformed_json", rec.error ?? "a record must be a JSON object");
            continue;
          }
          const r = rec.value;
          const qid = str(r, "question_id");
          if (!qid) {
            yield bad(loc, "missing_field", "question_id is missing");
            continue;
          }
          if (kind === "question") {
            const turns = strings(r.turns);
            if (!turns || turns.length === 0) {
              yield bad(loc, "missing_field", "turns is missing");
              continue;
            }
            const ref = strings(r.reference) ?? references.get(qid) ?? null;
            yield { kind: "prompt", loc, externalId: qid, turns, category: str(r, "category") || "general", language: "en", reference: ref };
          } else if (kind === "answer") {
            const model = str(r, "model_id");
            const choices = r.choices;
            const turns = Array.isArray(choices) && isObj(choices[0]) ? strings(choices[0].turns) : null;
            if (!model) yield bad(loc, "missing_model", "model_id is missing");
            else if (!turns) yield bad(loc, "missing_field", "choices[0].turns is missing");
            else yield { kind: "response", loc, promptExternalId: qid, system: model, turns };
          } else {
            yield* judgment(ctx.set, loc, r, qid);
          }
        }
      }
    },
  };
}

function* judgment(set: string, loc: { file: string; line: number }, r: Record<string, unknown>, qid: string): Generator<ImportItem> {
  const a = str(r, "model_a");
  const b = str(r, "model_b");
  if (!a || !b) return yield bad(loc, "missing_model", `model_${a ? "b" : "a"} is missing`);
  const winner = str(r, "winner");
  const outcome = FASTCHAT_WINNERS[winner];
  if (!outcome) return yield bad(loc, "unknown_winner", `unknown winner "${winner}" (expected model_a, model_b, tie or tie (bothbad))`);
  const turn = r.turn === undefined ? 1 : Number(r.turn);
  if (turn !== 1 && turn !== 2) return yield bad(loc, "invalid_value", `turn must be 1 or 2, got ${JSON.stringify(r.turn)}`);
  const judgeParts = Array.isArray(r.judge) ? r.judge.map(String) : [str(r, "judge")];
  const judgeName = judgeParts.join("/");
  if (!judgeName) return yield bad(loc, "missing_field", "judge is missing");
  const isLlm = Array.isArray(r.judge) || LLM_JUDGE.test(judgeName);
  const convA = conversationTurns(r.conversation_a);
  const convB = conversationTurns(r.conversation_b);
  const assistantOf = (c: typeof convA) => (c && c.assistant.length > 0 ? c.assistant : null);
  const scope = `mtbench:${set}:${qid}`;
  yield {
    kind: "vote",
    loc,
    promptExternalId: qid,
    prompt: { turns: convA?.user ?? [], category: str(r, "category") || "general", language: "en" },
    first: a,
    second: b,
    battleScope: scope,
    turn,
    counted: true,
    mode: "fixed",
    outcome,
    firstShownLeft: true,
    voter: isLlm
      ? { kind: "judge", judge: llmJudge(`mtbench-${slugify(judgeParts[0])}`, `${judgeParts[0]} (MT-Bench)`, judgeParts[0], "Imported MT-Bench pairwise judgments."), runLabel: `mtbench:${judgeName}` }
      : { kind: "human", externalId: `mtbench:${judgeName}` },
    strength: 1,
    externalKey: `${scope}:${a}:${b}:t${turn}:${judgeName}`,
    createdAt: toDate(r.tstamp),
    responses: { first: assistantOf(convA), second: assistantOf(convB) },
  };
}
