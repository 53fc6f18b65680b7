/**
 * Real data: PRD Vicuna-80 (Li et al. 2023), human votes and five LLM judges on the same battles. Read from
 * ../shared/data relative to the repository root, never copied. Skipped when the folder is absent.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fitBradleyTerry, judgeHumanAgreement, kendallTauB, positionConsistency, reduceToCounts, type Outcome, type Vote } from "./index";

const ROOT = path.resolve(__dirname, "../../../shared/data/prd-vicuna80/data/vicuna80");
const present = existsSync(path.join(ROOT, "ratings-human"));
if (!present) console.log(`PRD Vicuna-80 data not found at ${ROOT}: skipping the real-data tests`);

const JUDGES = ["gpt4", "gpt35", "claude", "bard", "vicuna-13b"];
const OUTCOME: Record<number, Outcome> = { 1: "a", 2: "b", 3: "tie" };

interface Raw {
  question: number;
  x: string;
  y: string;
  score: number;
}

/** Test-only loader: system names from the inconsistent file names, every file of a folder counts (two gpt35 runs). */
function load(reviewer: string): Raw[] {
  const dir = path.join(ROOT, `ratings-${reviewer}`);
  const out: Raw[] = [];
  const esc = reviewer.replace(/[-]/g, "\\-");
  const re = new RegExp(`^answer[_-](.+?)-vs-answer[_-](.+?)-${esc}-reviewer`);
  for (const f of readdirSync(dir).sort()) {
    const m = re.exec(f);
    if (!m) throw new Error(`unexpected file name ${f}`);
    for (const line of readFileSync(path.join(dir, f), "utf8").split("\n")) {
      if (!line.trim()) continue;
      const r = JSON.parse(line) as { question_id: number; score: number };
      out.push({ question: r.question_id, x: m[1], y: m[2], score: r.score });
    }
  }
  return out;
}

const toVotes = (raw: Raw[]): Vote[] => raw.map((r) => ({ prompt: r.question, a: r.x, b: r.y, outcome: OUTCOME[r.score], turn: 1 }));

/** Independent agreement: plain loops over raw records, winner names compared directly. */
function bruteAgreement(human: Raw[], judge: Raw[]): { withTies: number; withoutTies: number; n: number } {
  const winner = (r: Raw): string => (r.score === 1 ? r.x : r.score === 2 ? r.y : "tie");
  let n = 0;
  let eq = 0;
  let nt = 0;
  let eqNt = 0;
  for (const h of human)
    for (const j of judge) {
      if (h.question !== j.question) continue;
      const samePair = (h.x === j.x && h.y === j.y) || (h.x === j.y && h.y === j.x);
      if (!samePair) continue;
      const a = winner(h);
      const b = winner(j);
      n++;
      if (a === b) eq++;
      if (a !== "tie" && b !== "tie") {
        nt++;
        if (a === b) eqNt++;
      }
    }
  return { withTies: eq / n, withoutTies: eqNt / nt, n };
}

/** Independent BT: gradient ascent on the half-win log-likelihood over raw records (no counts, no Newton). */
function gradientBT(raw: Raw[]): Map<string, number> {
  const names = [...new Set(raw.flatMap((r) => [r.x, r.y]))].sort();
  const idx = new Map(names.map((s, i) => [s, i]));
  const th = new Array<number>(names.length).fill(0);
  for (let it = 0; it < 3000; it++) {
    const g = new Array<number>(names.length).fill(0);
    for (const r of raw) {
      const i = idx.get(r.x)!;
      const j = idx.get(r.y)!;
      const y = r.score === 1 ? 1 : r.score === 2 ? 0 : 0.5;
      const res = y - 1 / (1 + Math.exp(th[j] - th[i]));
      g[i] += res;
      g[j] -= res;
    }
    for (let i = 0; i < th.length; i++) th[i] += (2 / raw.length) * g[i] * names.length;
  }
  return new Map(names.map((s, i) => [s, th[i]]));
}

/** Brute-force τ-b over pairs; differences below `tieTol` count as ties. */
function bruteTauB(x: number[], y: number[], tieTol: number): number {
  let c = 0;
  let d = 0;
  let tx = 0;
  let ty = 0;
  let n0 = 0;
  for (let i = 0; i < x.length; i++)
    for (let j = 0; j < i; j++) {
      n0++;
      const a = Math.abs(x[i] - x[j]) < tieTol ? 0 : Math.sign(x[i] - x[j]);
      const b = Math.abs(y[i] - y[j]) < tieTol ? 0 : Math.sign(y[i] - y[j]);
      if (a === 0) tx++;
      if (b === 0) ty++;
      if (a * b > 0) c++;
      else if (a * b < 0) d++;
    }
  return (c - d) / Math.sqrt((n0 - tx) * (n0 - ty));
}

describe.skipIf(!present)("PRD Vicuna-80: judges vs humans", () => {
  const humanRaw = present ? load("human") : [];
  const human = toVotes(humanRaw);
  const humanFit = present ? fitBradleyTerry(reduceToCounts(human)) : null;

  it("loads 7,040 human votes over 9 systems", () => {
    expect(humanRaw.length).toBe(7040);
    expect(humanFit!.systems.length).toBe(9);
  });

  it.each(JUDGES)("judge %s: MT-Bench agreement and Kendall τ vs the human BT ranking", (judge) => {
    const raw = load(judge);
    const votes = toVotes(raw);
    const agree = judgeHumanAgreement(human, votes);
    const brute = bruteAgreement(humanRaw, raw);
    expect(agree.comparisons).toBe(brute.n);
    expect(agree.withTies).toBeCloseTo(brute.withTies, 12);
    expect(agree.withoutTies).toBeCloseTo(brute.withoutTies, 12);

    const judgeFit = fitBradleyTerry(reduceToCounts(votes));
    const common = judgeFit.systems.filter((s) => humanFit!.systems.includes(s));
    expect(common.length).toBe(5);
    const hv = common.map((s) => humanFit!.ratings[humanFit!.systems.indexOf(s)]);
    const jv = common.map((s) => judgeFit.ratings[judgeFit.systems.indexOf(s)]);
    // ratings are stable to ~1e-9 points; rounding to 1e-6 makes exactly tied systems (symmetric records) exact ties
    const round = (v: number): number => Math.round(v * 1e6) / 1e6;
    const tau = kendallTauB(hv.map(round), jv.map(round));

    const hg = gradientBT(humanRaw);
    const jg = gradientBT(raw);
    const f = 400 / Math.log(10);
    const tauRef = bruteTauB(common.map((s) => f * hg.get(s)!), common.map((s) => f * jg.get(s)!), 0.01);
    expect(tau).toBeCloseTo(tauRef, 12);
    // the independent fit agrees with the engine's ratings, not only their order
    const jm = common.reduce((s, x) => s + jg.get(x)!, 0) / common.length;
    const em = jv.reduce((s, x) => s + x, 0) / jv.length;
    common.forEach((s, k) => expect(Math.abs(f * (jg.get(s)! - jm) - (jv[k] - em))).toBeLessThan(1e-3));

    const pc = positionConsistency(votes);
    console.log(
      `PRD judge ${judge.padEnd(10)} agreement with ties ${agree.withTies.toFixed(4)}, without ties ${agree.withoutTies.toFixed(4)} ` +
        `(${agree.comparisons} / ${agree.comparisonsWithoutTies} comparisons), κ ${agree.kappa.toFixed(3)}, ` +
        `position consistency ${pc.consistency.toFixed(3)}, Kendall τ-b vs human BT ${tau.toFixed(3)}; judge ratings ${common.map((s, k) => `${s} ${jv[k].toFixed(1)}`).join(", ")}`,
    );
  });
});
