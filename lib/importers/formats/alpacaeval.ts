/**
 * `alpacaeval`: AlpacaEval files (JSON arrays or JSONL).
 * - `model_outputs.json`: `{instruction, output, generator, dataset}` → prompts (id = hash of the instruction,
 *   category = dataset) and responses.
 * - `annotations.json` (any file whose name contains "annotation"): `{instruction, output_1, output_2, generator_1,
 *   generator_2, preference, annotator?}` → one judge vote each, output_1 shown first.
 * Preference: 1 → output_1 wins, 2 → output_2 wins. Fractional preferences (weighted annotators give e.g. 1.73) map
 * to the nearer side, exactly 1.5 to a tie; the raw value is kept in Vote.rawOutput (`preference=1.73`).
 */
import path from "node:path";
import { readJsonRecords } from "../readers";
import { shortHash, slugify } from "../names";
import type { GivenOutcome, ImportFormat, ImportItem } from "../types";
import { bad, expand, isJsonFile, isObj, llmJudge, str } from "./common";

const isAnnotations = (f: string) => /annotation/i.test(path.basename(f));

export function preferenceOutcome(p: number): GivenOutcome {
  if (p === 1.5) return "tie";
  return p < 1.5 ? "first" : "second";
}

export const promptIdOf = (instruction: string) => `i${shortHash(instruction)}`;

export function alpacaevalFormat(): ImportFormat {
  return {
    name: "alpacaeval",
    defaultSet: "alpacaeval",
    async listFiles(paths) {
      const files = await expand(paths, isJsonFile);
      return files.sort((a, b) => Number(isAnnotations(a)) - Number(isAnnotations(b)) || (a < b ? -1 : 1));
    },
    async *parse(ctx): AsyncGenerator<ImportItem> {
      for (const file of await this.listFiles(ctx.paths)) {
        const annotations = isAnnotations(file);
        for await (const rec of readJsonRecords(file, ctx.onBytes)) {
          const loc = { file, line: rec.line };
          if (rec.error !== undefined || !isObj(rec.value)) {
            yield bad(loc, "malformed_json", rec.error ?? "a record must be a JSON object");
            continue;
          }
          const r = rec.value;
          const instruction = str(r, "instruction");
          if (!instruction) {
            yield bad(loc, "missing_field", "instruction is missing");
            continue;
          }
          const ext = promptIdOf(instruction);
          const category = str(r, "dataset") || "general";
          if (!annotations) {
            const generator = str(r, "generator");
            if (!generator) {
              yield bad(loc, "missing_model", "generator is missing");
              continue;
            }
            yield { kind: "prompt", loc, externalId: ext, turns: [instruction], category, language: "en" };
            yield { kind: "response", loc, promptExternalId: ext, system: generator, turns: [str(r, "output")] };
            continue;
          }
          const g1 = str(r, "generator_1");
          const g2 = str(r, "generator_2");
          if (!g1 || !g2) {
            yield bad(loc, "missing_model", `generator_${g1 ? "2" : "1"} is missing`);
            continue;
          }
          const p = typeof r.preference === "number" ? r.preference : typeof r.preference === "string" && r.preference.trim() !== "" ? Number(r.preference) : NaN;
          if (!Number.isFinite(p) || p < 1 || p > 2) {
            yield bad(loc, "unknown_winner", `preference must be a number from 1 to 2, got ${JSON.stringify(r.preference ?? null)}`);
            continue;
          }
          const annotator = str(r, "annotator") || "annotator";
          const scope = `alpacaeval:${ctx.set}:${ext}`;
          yield {
            kind: "vote",
            loc,
            promptExternalId: ext,
            prompt: { turns: [instruction], category, language: "en" },
            first: g1,
            second: g2,
            battleScope: scope,
            turn: 1,
            counted: true,
            mode: "fixed",
            outcome: preferenceOutcome(p),
            firstShownLeft: true,
            voter: {
              kind: "judge",
              judge: llmJudge(`alpacaeval-${slugify(annotator)}`, `AlpacaEval ${annotator}`, annotator, "Imported AlpacaEval annotations."),
              runLabel: `alpacaeval:${annotator}`,
            },
            strength: 1,
            rawOutput: `preference=${p}`,
            externalKey: `${scope}:${annotator}:${g1}:${g2}`,
            responses: { first: [str(r, "output_1")], second: [str(r, "output_2")] },
          };
        }
      }
    },
  };
}
