/**
 * The judge detail's SQL aggregates (confusion matrix from key profiles, top disagreements ordered and LIMITed in SQL,
 * alt-test from per-annotator win counts) against brute-force computations over the raw votes, on a seeded random
 * fixture: several battles per key, voters voting twice on a key (the latest vote counts for the alt-test), both shown
 * orders, ties and both-bad, excluded and flagged voters, two categories, an uncounted battle; and the leaderboard's
 * longer-answer and first-shown shares (one pass with the key profiles) against the raw votes.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createRng } from "@/lib/random";
import { createTestDb, useTestDb, type TestDb } from "@/tests/support/db";
import { clearJudgeDashboardCache, getJudgeDetail, getJudgeLeaderboard } from "@/lib/judges/dashboard/service";
import { altTest, altTestFromCounts, type AltItem } from "@/lib/ranking";
import { altTestView } from "@/lib/judges/dashboard/detail";
import { sliceSchema, type Slice } from "@/lib/validation/slice";
import { judgeGameCounts } from "@/lib/judges/dashboard/queries";
import { loadSlice } from "@/lib/leaderboard/load";
import { ALT_ANNOTATORS_LISTED, ALT_MIN_HUMANS, ALT_MIN_ITEMS } from "@/lib/judges/dashboard/types";

type Outcome = "A" | "B" | "tie" | "bothbad";
type Label = "A" | "B" | "tie";
const label = (o: Outcome): Label => (o === "bothbad" ? "tie" : o);

/** Uniform [0, 1) numbers from the project's seeded generator (lib/random.ts). */
const rng = (seed: number): (() => number) => createRng(seed).next;

let t: TestDb;
const judgeSlugs = ["ja", "jb"];
const rand = rng(7);
const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];

async function fixture(db: TestDb["db"]) {
  const systems: number[] = [];
  for (let i = 0; i < 6; i++) systems.push((await db.system.create({ data: { slug: `s${i}`, name: `S${i}`, family: `f${i % 3}` } })).id);
  const set = await db.promptSet.create({ data: { slug: "agg", name: "Agg" } });
  const battles: { id: number; category: string }[] = [];
  for (let p = 0; p < 24; p++) {
    const category = p % 2 ? "coding" : "math";
    const prompt = await db.prompt.create({ data: { promptSetId: set.id, externalId: `p${p}`, turns: ["q"], category } });
    const resp = new Map<number, number>();
    for (const s of systems) resp.set(s, (await db.response.create({ data: { promptId: prompt.id, systemId: s, turns: ["a"], tokenCount: 50 + Math.floor(rand() * 100) } })).id);
    for (let k = 0; k < 3; k++) {
      const i = Math.floor(rand() * 5);
      const j = i + 1 + Math.floor(rand() * (5 - i));
      const copies = rand() < 0.3 ? 2 : 1; // several battles on one key
      for (let c = 0; c < copies; c++) {
        const b = await db.battle.create({
          data: {
            key: `agg:${p}:${k}:${c}:${battles.length}`,
            promptId: prompt.id,
            systemAId: systems[i],
            systemBId: systems[j],
            responseAId: resp.get(systems[i])!,
            responseBId: resp.get(systems[j])!,
            promptSetId: set.id,
            category,
            counted: battles.length !== 3,
          },
        });
        battles.push({ id: b.id, category });
      }
    }
  }
  const voters: number[] = [];
  for (let h = 0; h < 14; h++) voters.push((await db.voter.create({ data: { externalId: `agg:${h}`, excluded: h === 0, flagged: h === 1 || h === 2 } })).id);
  const outcomes: Outcome[] = ["A", "B", "tie", "bothbad", "A", "B"];
  const human = [];
  for (const b of battles) {
    const n = 3 + Math.floor(rand() * 5);
    const chosen = [...voters].sort(() => rand() - 0.5).slice(0, n);
    for (const v of chosen)
      human.push({ battleId: b.id, voterId: v, voterKind: "human" as const, outcome: pick(outcomes), shownLeft: pick(["A", "B"] as const), createdAt: new Date(Date.UTC(2026, 0, 1 + Math.floor(rand() * 20))) });
  }
  await db.vote.createMany({ data: human });
  for (const slug of judgeSlugs) {
    const judge = await db.judge.create({ data: { slug, name: slug.toUpperCase(), family: "f0" } });
    const run = await db.judgeRun.create({ data: { judgeId: judge.id, status: "completed" } });
    const jv = [];
    for (const b of battles) {
      if (rand() < 0.15) continue;
      for (const side of ["A", "B"] as const)
        if (side === "A" || rand() < 0.8) jv.push({ battleId: b.id, judgeId: judge.id, judgeRunId: run.id, voterKind: "judge" as const, shownLeft: side, outcome: pick(["A", "B", "tie", "A", "B"] as const) });
    }
    await db.vote.createMany({ data: jv });
  }
  // A later arena-hard run of jb on some battles, some with one shown order only: its votes replace run 1's there.
  const jb = await db.judge.findUniqueOrThrow({ where: { slug: "jb" } });
  const rerun = await db.judgeRun.create({ data: { judgeId: jb.id, status: "completed", combine: "arena-hard" } });
  const again = [];
  for (const b of battles) {
    if (rand() < 0.6) continue;
    for (const side of ["A", "B"] as const)
      if (side === "B" || rand() < 0.7)
        again.push({ battleId: b.id, judgeId: jb.id, judgeRunId: rerun.id, voterKind: "judge" as const, shownLeft: side, outcome: pick(["A", "B", "tie", "bothbad"] as const), strength: 1 + Math.floor(rand() * 3) });
  }
  await db.vote.createMany({ data: again });
}

interface KeyData {
  humans: Label[];
  judge: Label[];
  minBattle: number;
  latest: Map<number, { at: number; id: number; label: Label }>;
  promptId: number;
  systemAId: number;
  systemBId: number;
}

/** Every key of the slice from the raw votes (humans, and judge `slug`'s votes). */
async function keysOf(slug: string, slice: Slice): Promise<Map<string, KeyData>> {
  const votes = await t.db.vote.findMany({
    select: {
      id: true,
      outcome: true,
      voterKind: true,
      voterId: true,
      createdAt: true,
      judge: { select: { slug: true } },
      voter: { select: { excluded: true, flagged: true } },
      battle: { select: { id: true, promptId: true, systemAId: true, systemBId: true, turn: true, counted: true, category: true } },
    },
  });
  const keys = new Map<string, KeyData>();
  for (const v of votes) {
    const b = v.battle;
    if (!b.counted || (slice.category && b.category !== slice.category)) continue;
    if (v.voterKind === "human" && (v.voter?.excluded || (slice.excludeFlagged && v.voter?.flagged))) continue;
    if (v.voterKind === "judge" && v.judge?.slug !== slug) continue;
    const k = `${b.promptId}:${b.systemAId}:${b.systemBId}:${b.turn}`;
    let d = keys.get(k);
    if (!d) keys.set(k, (d = { humans: [], judge: [], minBattle: b.id, latest: new Map(), promptId: b.promptId, systemAId: b.systemAId, systemBId: b.systemBId }));
    d.minBattle = Math.min(d.minBattle, b.id);
    const l = label(v.outcome);
    if (v.voterKind === "judge") d.judge.push(l);
    else {
      d.humans.push(l);
      const prev = d.latest.get(v.voterId!);
      const at = v.createdAt.getTime();
      if (!prev || at > prev.at || (at === prev.at && v.id > prev.id)) d.latest.set(v.voterId!, { at, id: v.id, label: l });
    }
  }
  return keys;
}

const tally = (ls: Label[]) => ({ A: ls.filter((l) => l === "A").length, B: ls.filter((l) => l === "B").length, tie: ls.filter((l) => l === "tie").length });
function strictTop(ls: Label[]): Label | null {
  const c = tally(ls);
  const best = (["A", "B", "tie"] as const).filter((l) => (["A", "B", "tie"] as const).every((m) => m === l || c[l] > c[m]));
  return best.length === 1 && c[best[0]] > 0 ? best[0] : null;
}
const score = (ls: Label[]) => (tally(ls).A + 0.5 * tally(ls).tie) / ls.length;

beforeAll(async () => {
  t = await createTestDb();
  useTestDb(t);
  await fixture(t.db);
}, 120_000);
beforeEach(() => {
  useTestDb(t);
  clearJudgeDashboardCache();
});
afterAll(async () => {
  await t.close();
});

const slices: [string, Slice][] = [
  ["all", sliceSchema.parse({})],
  ["excludeFlagged", sliceSchema.parse({ excludeFlagged: "1" })],
  ["category", sliceSchema.parse({ category: "coding" })],
  // A date range reads the votes themselves instead of BattleVoteCount (every fixture vote is after 2000).
  ["date range", sliceSchema.parse({ from: "2000-01-01", excludeFlagged: "1" })],
];

describe.each(slices)("judge detail aggregates equal brute force (%s)", (_name, slice) => {
  it.each(judgeSlugs)("judge %s: confusion matrix, disagreements and alt-test", async (slug) => {
    const keys = await keysOf(slug, slice);
    const d = await getJudgeDetail(slug, slice, { epsilon: 0.15 });
    const labels: Label[] = ["A", "B", "tie"];
    const matrix = labels.map(() => labels.map(() => 0));
    let majority = 0;
    let noMajority = 0;
    const shared: { battleId: number; gap: number; hn: number; k: KeyData }[] = [];
    const items: AltItem[] = [];
    for (const [id, k] of keys) {
      if (k.judge.length && k.latest.size >= ALT_MIN_HUMANS)
        items.push({ id, judge: strictTop(k.judge) ?? "tie", humans: Object.fromEntries([...k.latest].map(([v, x]) => [String(v), x.label])) });
      if (!k.humans.length || !k.judge.length) continue;
      shared.push({ battleId: k.minBattle, gap: Math.abs(score(k.humans) - score(k.judge)), hn: k.humans.length, k });
      const h = strictTop(k.humans);
      if (h === null) noMajority++;
      else {
        majority++;
        matrix[labels.indexOf(h)][labels.indexOf(strictTop(k.judge) ?? "tie")]++;
      }
    }
    expect(d.confusion).toEqual({ labels, matrix, keys: majority, noMajority });
    expect(majority + noMajority).toBeGreaterThan(10);

    shared.sort((a, b) => b.gap - a.gap || b.hn - a.hn || a.battleId - b.battleId);
    const top = shared.slice(0, 15);
    expect(d.disagreements.map((r) => r.battleId)).toEqual(top.map((r) => r.battleId));
    d.disagreements.forEach((r, i) => {
      expect(r.gap).toBe(top[i].gap);
      expect(r.human).toEqual(tally(top[i].k.humans));
      expect(r.judge).toEqual(tally(top[i].k.judge));
      expect(r.systemA).toMatch(/^s\d$/);
    });

    expect(d.altTest.items).toBe(items.length);
    if (items.length < ALT_MIN_ITEMS) {
      expect(d.altTest.enough).toBe(false);
      return;
    }
    const ref = altTest(items, { epsilon: 0.15 });
    expect(d.altTest.annotators).toBe(ref.annotators.length);
    expect(d.altTest.perAnnotator.map((a) => a.annotator)).toEqual(ref.annotators.map((a) => a.annotator));
    d.altTest.perAnnotator.forEach((a, i) => {
      const r = ref.annotators[i];
      expect(a.instances).toBe(r.instances);
      expect(a.judgeWinRate).toBe(r.judgeWinRate);
      expect(a.humanWinRate).toBe(r.humanWinRate);
      expect(a.pValue).toBeCloseTo(r.pValue, 12);
      expect(a.rejected).toBe(r.rejected);
    });
    expect(d.altTest.winningRate).toBe(ref.winningRate);
    expect(d.altTest.advantageProbability).toBeCloseTo(ref.advantageProbability, 12);
    expect(d.altTest.passed).toBe(ref.passed);
  });
});

it("the fixture exercises the alt-test with enough items", async () => {
  const keys = await keysOf("ja", slices[0][1]);
  const items = [...keys.values()].filter((k) => k.judge.length && k.latest.size >= ALT_MIN_HUMANS).length;
  expect(items).toBeGreaterThanOrEqual(ALT_MIN_ITEMS);
  const twice = [...keys.values()].some((k) => k.humans.length > k.latest.size);
  expect(twice).toBe(true);
});

it("lists the alt-test's most-annotating people only, and tests them all", () => {
  const rows = Array.from({ length: 150 }, (_, i) => ({ voterId: i + 1, n: 0, both: 2 + (i % 7), humanOnly: 1 + (i % 3), judgeOnly: i % 2 }));
  const view = altTestView([...rows, { voterId: null, n: 200, both: 0, humanOnly: 0, judgeOnly: 0 }], 0.2);
  const ref = altTestFromCounts(rows.map((r) => ({ annotator: String(r.voterId), both: r.both, humanOnly: r.humanOnly, judgeOnly: r.judgeOnly })), { epsilon: 0.2 });
  expect(view.annotators).toBe(150);
  expect(view.winningRate).toBe(ref.winningRate);
  expect(view.perAnnotator).toHaveLength(ALT_ANNOTATORS_LISTED);
  expect(view.perAnnotatorOmitted).toBe(150 - ALT_ANNOTATORS_LISTED);
  const minListed = Math.min(...view.perAnnotator.map((a) => a.instances));
  const listed = new Set(view.perAnnotator.map((a) => a.annotator));
  for (const a of ref.annotators) if (!listed.has(a.annotator)) expect(a.instances).toBeLessThanOrEqual(minListed);
  const order = ref.annotators.map((a) => a.annotator).filter((a) => listed.has(a));
  expect(view.perAnnotator.map((a) => a.annotator)).toEqual(order);
});

describe.each(slices)("judge leaderboard's bias shares equal brute force (%s)", (_name, slice) => {
  it("longer-answer and first-shown shares of the crowd and of every judge", async () => {
    const votes = await t.db.vote.findMany({
      select: {
        outcome: true,
        shownLeft: true,
        voterKind: true,
        judge: { select: { slug: true } },
        voter: { select: { excluded: true, flagged: true } },
        battle: { select: { counted: true, category: true, responseA: { select: { tokenCount: true } }, responseB: { select: { tokenCount: true } } } },
      },
    });
    const longer = new Map<string, { k: number; n: number }>();
    const first = { k: 0, n: 0 };
    for (const v of votes) {
      const b = v.battle;
      if (!b.counted || (slice.category && b.category !== slice.category)) continue;
      if (v.voterKind === "human" && (v.voter?.excluded || (slice.excludeFlagged && v.voter?.flagged))) continue;
      if (v.outcome !== "A" && v.outcome !== "B") continue;
      const who = v.voterKind === "human" ? "crowd" : v.judge!.slug;
      if (who === "crowd") {
        first.n++;
        if (v.outcome === v.shownLeft) first.k++;
      }
      const ta = b.responseA?.tokenCount;
      const tb = b.responseB?.tokenCount;
      if (ta == null || tb == null || ta === tb) continue;
      const l = longer.get(who) ?? { k: 0, n: 0 };
      l.n++;
      if (v.outcome === (ta > tb ? "A" : "B")) l.k++;
      longer.set(who, l);
    }
    const lb = await getJudgeLeaderboard(slice);
    expect(lb.crowdBias.firstShown).toMatchObject(first);
    expect(lb.crowdBias.longer).toMatchObject(longer.get("crowd") ?? { k: 0, n: 0 });
    for (const j of lb.judges) expect(j.longer).toMatchObject(longer.get(j.judge) ?? { k: 0, n: 0 });
    expect(lb.judges.map((j) => j.judge).sort()).toEqual(judgeSlugs);
  });
});

describe.each(slices)("every judge's games from one grouped query equal lib/leaderboard's (%s)", (_name, slice) => {
  it("counts and weights per pair and outcome, and the combine rules", async () => {
    const rows = await judgeGameCounts(t.db, slice);
    const systems = new Map((await t.db.system.findMany()).map((s) => [s.id, s.slug]));
    const judges = await t.db.judge.findMany();
    const flip = { a: "b", b: "a", tie: "tie", bothbad: "bothbad" } as const;
    const norm = (a: string, b: string, o: keyof typeof flip) => (a < b ? `${a}|${b}|${o}` : `${b}|${a}|${flip[o]}`);
    let games = 0;
    for (const j of judges) {
      const loaded = await loadSlice(t.db, { ...slice, source: `judge:${j.slug}` });
      const want = new Map(loaded.counts.cells.map((c) => [norm(loaded.counts.systems[c.a], loaded.counts.systems[c.b], c.outcome), [c.count, c.weight]]));
      const mine = rows.filter((r) => r.judgeId === j.id);
      const got = new Map<string, number[]>();
      for (const r of mine) {
        if (r.outcome === null) continue;
        const o = ({ A: "a", B: "b", tie: "tie", bothbad: "bothbad" } as const)[r.outcome];
        const k = norm(systems.get(r.systemAId)!, systems.get(r.systemBId)!, o);
        const prev = got.get(k) ?? [0, 0];
        got.set(k, [prev[0] + r.n, prev[1] + r.w]);
      }
      expect(got).toEqual(want);
      expect([...new Set(mine.map((r) => r.rule))].sort().join("+") || "mtbench").toBe(loaded.combine);
      games += loaded.counts.battles;
    }
    expect(games).toBeGreaterThan(50);
  });
});
