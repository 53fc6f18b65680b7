/**
 * `fastchat-battles`: Chatbot Arena `clean_battle_*.json` (one JSON array, read with the streaming array parser) or
 * JSONL. Each record is its own battle; only anonymous battles are counted; voters are `fastchat:<judge>`.
 */
import { readJsonRecords } from "../readers";
import { shortHash } from "../names";
import type { GivenOutcome, ImportFormat, ImportItem } from "../types";
import { bad, conversationTurns, expand, isJsonFile, isObj, str, toDate } from "./common";

export const FASTCHAT_WINNERS: Record<string, GivenOutcome> = {
  model_a: "first",
  model_b: "second",
  tie: "tie",
  "tie (bothbad)": "bothbad",
};

export function fastchatFormat(): ImportFormat {
  return {
    name: "fastchat-battles",
    defaultSet: "fastchat",
    listFiles: (paths) => expand(paths, isJsonFile),
    async *parse(ctx): AsyncGenerator<ImportItem> {
      const setSlug = ctx.set;
      for (const file of await this.listFiles(ctx.paths)) {
        for await (const rec of readJsonRecords(file, ctx.onBytes)) {
          const loc = { file, line: rec.line };
          if (rec.error !== undefined) {
            yield bad(loc, "malformed_json", rec.error);
            continue;
          }
          const r = rec.value;
          if (!isObj(r)) {
            yield bad(loc, "malformed_json", "a record must be a JSON object");
            continue;
          }
          const a = str(r, "model_a");
          const b = str(r, "model_b");
          if (!a || !b) {
            yield bad(loc, "missing_model", `model_${a ? "b" : "a"} is missing`);
            continue;
          }
          const winner = str(r, "winner");
          const outcome = FASTCHAT_WINNERS[winner];
          if (!outcome) {
            yield bad(loc, "unknown_winner", `unknown winner "${winner}" (expected model_a, model_b, tie or tie (bothbad))`);
            continue;
          }
          const tstamp = r.tstamp;
          const qid = str(r, "question_id");
          const identity = qid && tstamp !== undefined ? `${qid}:${String(tstamp)}` : `h${shortHash(JSON.stringify(r))}`;
          const convA = conversationTurns(r.conversation_a);
          const convB = conversationTurns(r.conversation_b);
          const category = typeof r.category_tag === "string" && r.category_tag ? r.category_tag : typeof r.category === "string" && r.category ? r.category : "general";
          const language = str(r, "language") || "unknown";
          const turn = typeof r.turn === "number" && Number.isInteger(r.turn) && r.turn >= 1 ? r.turn : 1;
          const judge = str(r, "judge") || "anonymous";
          const scope = `fastchat:${setSlug}:${identity}`;
          yield {
            kind: "vote",
            loc,
            promptExternalId: qid || identity,
            prompt: { turns: convA?.user ?? [], category, language },
            first: a,
            second: b,
            battleScope: scope,
            turn,
            counted: r.anony !== false,
            mode: "fixed",
            outcome,
            firstShownLeft: true,
            voter: { kind: "human", externalId: `fastchat:${judge}` },
            strength: 1,
            externalKey: `${scope}:${a}:${b}:t${turn}:${judge}`,
            createdAt: toDate(tstamp),
            responses: { first: convA?.assistant ?? null, second: convB?.assistant ?? null },
          };
        }
      }
    },
  };
}
