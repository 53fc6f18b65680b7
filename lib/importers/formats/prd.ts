/**
 * `prd`: the PRD Vicuna-80 layout (github.com/bcdnlp/PRD `data/vicuna80/`).
 * - `prompts/vicuna_questions.jsonl` → prompts; `generations/answer_<system>.jsonl` → responses.
 * - `ratings-<reviewer>/answer_X-vs-answer_Y-<reviewer>-reviewer[_threeclass].jsonl`: score 1 = X better, 2 = Y
 *   better, 3 = tie; X was shown first. File names mix `_` and `-`; both are accepted.
 * - Humans: the k-th line for a question within one pair file is annotator k of that file, voter
 *   `prd:human:<X>-vs-<Y>:<k>`. Nothing says annotator k of one file is annotator k of another, so voters are never
 *   shared across files; within a file the same position is taken to be the same annotator.
 * - Other reviewers: a Judge `prd-<reviewer>` (kind llm). When a reviewer has several files for the same ordered
 *   pair (ratings-gpt35 spells gpt35-vs-gpt4 both ways, with different verdicts) each extra file is its own run
 *   (`prd:<reviewer>#2`, …): every file is imported and none is a duplicate of another.
 */
import path from "node:path";
import { readdir, stat } from "node:fs/promises";
import { readJsonl } from "../readers";
import type { GivenOutcome, ImportFormat, ImportItem } from "../types";
import { bad, isObj, llmJudge, str, walk } from "./common";

const SCORES: Record<string, GivenOutcome> = { "1": "first", "2": "second", "3": "tie" };

const JUDGE_NAMES: Record<string, [string, string]> = {
  gpt4: ["GPT-4", "gpt-4"],
  gpt35: ["GPT-3.5", "gpt-3.5-turbo"],
  claude: ["Claude", "claude"],
  bard: ["Bard", "bard"],
  "vicuna-13b": ["Vicuna-13B", "vicuna-13b"],
};

/** Parses a ratings file name; null when it does not follow the layout. */
export function parsePairFile(name: string, reviewer: string): { x: string; y: string } | null {
  const base = name.replace(/\.jsonl$/i, "");
  const esc = reviewer.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const m = new RegExp(`^answer[_-](.+)-vs-answer[_-](.+)-${esc}-reviewer([_-]threeclass)?$`).exec(base);
  return m ? { x: m[1], y: m[2] } : null;
}

/** The folder holding prompts/, generations/ and ratings-*: the path itself, or its `vicuna80` child. */
async function layoutRoot(p: string): Promise<string> {
  for (const candidate of [p, path.join(p, "vicuna80"), path.join(p, "data", "vicuna80")]) {
    try {
      const entries = await readdir(/*turbopackIgnore: true*/ candidate);
      if (entries.some((e) => e.startsWith("ratings-") || e === "prompts" || e === "generations")) return candidate;
    } catch {
      // not a folder
    }
  }
  return p;
}

interface PrdFile { file: string; kind: "question" | "answer" | "rating"; system?: string; reviewer?: string; x?: string; y?: string; run?: number }

async function classify(paths: string[]): Promise<PrdFile[]> {
  const out: PrdFile[] = [];
  for (const p of paths) {
    const st = await stat(p).catch(() => null);
    if (!st) throw new Error(`no such file or folder: ${p}`);
    const files = st.isDirectory() ? await walk(await layoutRoot(p)) : [p];
    for (const file of files) {
      const name = path.basename(file);
      const dir = path.basename(path.dirname(file));
      if (!name.endsWith(".jsonl")) continue;
      if (name === "vicuna_questions.jsonl") out.push({ file, kind: "question" });
      else if (dir === "generations" && /^answer_.+\.jsonl$/.test(name)) out.push({ file, kind: "answer", system: name.slice("answer_".length, -".jsonl".length) });
      else if (dir.startsWith("ratings-")) {
        const reviewer = dir.slice("ratings-".length);
        const pair = parsePairFile(name, reviewer);
        if (pair) out.push({ file, kind: "rating", reviewer, ...pair });
      }
    }
  }
  // Several files for one (reviewer, X, Y): the conventionally spelled one (answer_…) is run 1, the others follow.
  const groups = new Map<string, PrdFile[]>();
  for (const f of out.filter((f) => f.kind === "rating")) {
    const k = `${f.reviewer}\u0000${f.x}\u0000${f.y}`;
    groups.set(k, [...(groups.get(k) ?? []), f]);
  }
  for (const g of groups.values()) {
    g.sort((a, b) => Number(!path.basename(a.file).startsWith("answer_")) - Number(!path.basename(b.file).startsWith("answer_")) || (a.file < b.file ? -1 : 1));
    g.forEach((f, i) => (f.run = i + 1));
  }
  const order = { question: 0, answer: 1, rating: 2 } as const;
  return out.sort((a, b) => order[a.kind] - order[b.kind] || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

export function prdFormat(): ImportFormat {
  return {
    name: "prd",
    defaultSet: "prd-vicuna80",
    listFiles: async (paths) => (await classify(paths)).map((f) => f.file),
    async *parse(ctx): AsyncGenerator<ImportItem> {
      for (const f of await classify(ctx.paths)) {
        const perQuestion = new Map<string, number>();
        for await (const rec of readJsonl(f.file, ctx.onBytes)) {
          const loc = { file: f.file, line: rec.line };
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
          if (f.kind === "question") {
            yield { kind: "prompt", loc, externalId: qid, turns: [str(r, "text")], category: str(r, "category") || "general", language: "en" };
            continue;
          }
          if (f.kind === "answer") {
            yield { kind: "response", loc, promptExternalId: qid, system: f.system!, turns: [str(r, "text")] };
            continue;
          }
          const k = (perQuestion.get(qid) ?? 0) + 1;
          perQuestion.set(qid, k);
          const outcome = SCORES[String(r.score)];
          if (!outcome) {
            yield bad(loc, "unknown_winner", `unknown score ${JSON.stringify(r.score)} (expected 1, 2 or 3)`);
            continue;
          }
          const pair = `${f.x}-vs-${f.y}`;
          const human = f.reviewer === "human";
          const [judgeName, model] = JUDGE_NAMES[f.reviewer!] ?? [f.reviewer!, f.reviewer!];
          const scope = `prd:${ctx.set}:${qid}`;
          yield {
            kind: "vote",
            loc,
            promptExternalId: qid,
            prompt: { turns: human ? [str(r, "text")] : [], category: "general", language: "en" },
            first: f.x!,
            second: f.y!,
            battleScope: scope,
            turn: 1,
            counted: true,
            mode: "fixed",
            outcome,
            firstShownLeft: true,
            voter: human
              ? { kind: "human", externalId: `prd:human:${pair}:${k}` }
              : {
                  kind: "judge",
                  judge: llmJudge(`prd-${f.reviewer}`, `${judgeName} (PRD reviewer)`, model, "Imported from the PRD paper's Vicuna-80 ratings (Li et al. 2023)."),
                  runLabel: f.run === 1 ? `prd:${f.reviewer}` : `prd:${f.reviewer}#${f.run}`,
                },
            strength: 1,
            rationale: human ? null : str(r, "text") || null,
            externalKey: `${scope}:${f.reviewer}:run${f.run}:${pair}:${k}`,
          };
        }
      }
    },
  };
}
