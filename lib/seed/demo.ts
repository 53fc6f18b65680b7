/**
 * Loads the demo dataset (lib/demo: fictional systems, our own prompts and answers, simulated votes) into the
 * database. Idempotent: systems, judges and sets are keyed by slug; battles, votes and voters by natural keys.
 */
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { DEMO_JUDGES, DEMO_SEED, demoAnswers, demoPrompts, demoSystems, simulateDemoVotes } from "@/lib/demo";
import { canonicalPair, fixedBattleKey, type CanonicalOutcome } from "@/lib/battles/canonical";
import { seedBaselineRuns } from "@/lib/judges/runs/baseline-seed";

export const DEMO_SET_SLUG = "demo";

export interface SeedSummary {
  systems: number;
  prompts: number;
  responses: number;
  battles: number;
  crowdVotes: number;
  judgeVotes: number;
  /** Votes of the baseline judges' completed runs (longer answer wins, random). */
  baselineVotes: number;
}

const outcomeOf = (o: "a" | "b" | "tie" | "bothbad", swapped: boolean): CanonicalOutcome =>
  o === "tie" || o === "bothbad" ? o : (o === "a") !== swapped ? "A" : "B";
const sideOf = (s: "a" | "b", swapped: boolean): "A" | "B" => ((s === "a") !== swapped ? "A" : "B");

/** Seeds the demo only when the database holds no systems and no prompt sets yet. */
export async function seedDemoIfEmpty(db: PrismaClient, log?: (line: string) => void): Promise<boolean> {
  const [systems, sets] = await Promise.all([db.system.count(), db.promptSet.count()]);
  if (systems > 0 || sets > 0) return false;
  const summary = await seedDemo(db, log);
  log?.(`demo data loaded: ${summary.systems} systems, ${summary.prompts} prompts, ${summary.battles} battles, ${summary.crowdVotes} crowd votes, ${summary.judgeVotes} judge votes, ${summary.baselineVotes} baseline votes`);
  return true;
}

export async function seedDemo(db: PrismaClient, log?: (line: string) => void): Promise<SeedSummary> {
  const started = Date.now();
  const systemIds = new Map<string, number>();
  for (const s of [...demoSystems].sort((a, b) => a.slug.localeCompare(b.slug))) {
    const row = await db.system.upsert({
      where: { slug: s.slug },
      update: {},
      create: {
        slug: s.slug,
        name: s.name,
        organization: s.organization,
        family: s.family,
        description: `Demo system (simulated): ${s.styleDescription}`,
        isDemo: true,
      },
    });
    systemIds.set(s.slug, row.id);
  }
  const set = await db.promptSet.upsert({
    where: { slug: DEMO_SET_SLUG },
    update: {},
    create: {
      slug: DEMO_SET_SLUG,
      name: "Demo prompts",
      description: "Prompts and answers written for Concord's demo; the votes on them are simulated.",
      source: "demo",
      isDemo: true,
    },
  });
  await db.prompt.createMany({
    data: demoPrompts.map((p) => ({
      promptSetId: set.id,
      externalId: p.externalId,
      turns: p.turns,
      category: p.category,
      language: p.language,
      reference: p.reference === undefined ? undefined : [p.reference],
    })),
    skipDuplicates: true,
  });
  const prompts = await db.prompt.findMany({ where: { promptSetId: set.id }, select: { id: true, externalId: true, category: true, language: true } });
  const promptByExt = new Map(prompts.map((p) => [p.externalId, p]));

  const answers = demoAnswers();
  const grouped = new Map<string, { turns: string[]; tokens: number; latency: number; system: string; prompt: string }>();
  for (const a of answers) {
    const key = `${a.systemSlug}|${a.promptExternalId}`;
    const g = grouped.get(key) ?? { turns: [], tokens: 0, latency: 0, system: a.systemSlug, prompt: a.promptExternalId };
    g.turns[a.turnIndex] = a.content;
    g.tokens += a.tokens;
    g.latency += a.latencyMs;
    grouped.set(key, g);
  }
  await db.response.createMany({
    data: [...grouped.values()].map((g) => ({
      promptId: promptByExt.get(g.prompt)!.id,
      systemId: systemIds.get(g.system)!,
      turns: g.turns,
      tokenCount: g.tokens,
      latencyMs: g.latency,
      origin: "imported" as const,
    })),
    skipDuplicates: true,
  });
  const responses = await db.response.findMany({ where: { prompt: { promptSetId: set.id } }, select: { id: true, promptId: true, systemId: true } });
  const responseId = new Map(responses.map((r) => [`${r.promptId}|${r.systemId}`, r.id]));

  const sim = simulateDemoVotes(DEMO_SEED);
  const battleMeta = new Map<string, { key: string; swapped: boolean }>();
  const battleRows = sim.battles.map((b) => {
    const prompt = promptByExt.get(b.promptExternalId)!;
    const pair = canonicalPair(systemIds.get(b.systemA)!, systemIds.get(b.systemB)!);
    const key = fixedBattleKey(prompt.id, pair.systemAId, pair.systemBId, 1);
    battleMeta.set(b.id, { key, swapped: pair.swapped });
    return {
      key,
      mode: "fixed" as const,
      promptId: prompt.id,
      turn: 1,
      systemAId: pair.systemAId,
      systemBId: pair.systemBId,
      responseAId: responseId.get(`${prompt.id}|${pair.systemAId}`),
      responseBId: responseId.get(`${prompt.id}|${pair.systemBId}`),
      promptSetId: set.id,
      category: prompt.category,
      language: prompt.language,
    };
  });
  await db.battle.createMany({ data: battleRows, skipDuplicates: true });
  const battles = await db.battle.findMany({ where: { key: { in: battleRows.map((b) => b.key) } }, select: { id: true, key: true } });
  const battleIdByKey = new Map(battles.map((b) => [b.key, b.id]));
  const battleRef = (demoBattleId: string) => {
    const meta = battleMeta.get(demoBattleId)!;
    return { id: battleIdByKey.get(meta.key)!, swapped: meta.swapped };
  };

  await db.voter.createMany({ data: sim.voters.map((v) => ({ externalId: `demo:${v}` })), skipDuplicates: true });
  const voters = await db.voter.findMany({ where: { externalId: { startsWith: "demo:" } }, select: { id: true, externalId: true } });
  const voterId = new Map(voters.map((v) => [v.externalId!.slice("demo:".length), v.id]));
  const crowd = await db.vote.createMany({
    data: sim.crowdVotes.map((v) => {
      const b = battleRef(v.battleId);
      return {
        battleId: b.id,
        outcome: outcomeOf(v.outcome, b.swapped),
        shownLeft: sideOf(v.shownLeft, b.swapped),
        voterKind: "human" as const,
        voterId: voterId.get(v.voterId)!,
        timeToVoteMs: v.timeToVoteMs,
        externalKey: v.id,
        createdAt: v.createdAt,
      };
    }),
    skipDuplicates: true,
  });

  let judgeVotes = 0;
  for (const j of DEMO_JUDGES) {
    const judge = await db.judge.upsert({
      where: { slug: j.slug },
      update: {},
      create: {
        slug: j.slug,
        name: j.name,
        kind: "external",
        family: j.family,
        description: `Demo judge (simulated votes, no LLM): ${j.description}`,
        isDemo: true,
      },
    });
    const votes = sim.judgeVotes.filter((v) => v.judgeSlug === j.slug);
    let run = await db.judgeRun.findFirst({ where: { judgeId: judge.id, label: "demo simulation" } });
    run ??= await db.judgeRun.create({
      data: {
        judgeId: judge.id,
        label: "demo simulation",
        status: "completed",
        totalTasks: votes.length,
        doneTasks: votes.length,
        promptTokens: votes.reduce((s, v) => s + v.promptTokens, 0),
        completionTokens: votes.reduce((s, v) => s + v.completionTokens, 0),
        startedAt: votes[0]?.createdAt,
        finishedAt: votes.at(-1)?.createdAt,
      },
    });
    const runId = run.id;
    const res = await db.vote.createMany({
      data: votes.map((v) => {
        const b = battleRef(v.battleId);
        return {
          battleId: b.id,
          outcome: outcomeOf(v.outcome, b.swapped),
          shownLeft: sideOf(v.shownLeft, b.swapped),
          voterKind: "judge" as const,
          judgeId: judge.id,
          judgeRunId: runId,
          rationale: v.rationale,
          promptTokens: v.promptTokens,
          completionTokens: v.completionTokens,
          externalKey: v.id,
          createdAt: v.createdAt,
        };
      }),
      skipDuplicates: true,
    });
    judgeVotes += res.count;
  }
  const baselines = await seedBaselineRuns(db, set.id, set.slug, battlesAt(sim.judgeVotes));
  log?.(`demo seed took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return {
    systems: systemIds.size,
    prompts: prompts.length,
    responses: responses.length,
    battles: battles.length,
    crowdVotes: crowd.count,
    judgeVotes,
    baselineVotes: baselines.votes,
  };
}

/** The baseline runs are dated at the end of the simulated judging, so the seed stays deterministic. */
function battlesAt(votes: Array<{ createdAt: Date }>): Date {
  return votes.reduce((m, v) => (v.createdAt > m ? v.createdAt : m), new Date(0));
}
