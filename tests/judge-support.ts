/** Test data and helpers for the judge tests and the judging benchmark. */
import { getDbHandle, getRawSql } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { fixedBattleKey } from "@/lib/battles/canonical";
import { JudgeWorker, type WorkerOptions } from "@/lib/judges/worker/worker";
import type { MockChatBody } from "./support/mock-llm";

export interface JudgeSeed {
  setSlug: string;
  systemIds: number[];
  systemSlugs: string[];
  battleIds: number[];
  promptIds: number[];
}

/**
 * A prompt set with `prompts` single-turn prompts, `systems` systems that all answer (`I am S<k>. …`), and one
 * fixed battle per prompt and system pair. Answers and references can be overridden.
 */
export async function seedJudgeData(
  db: PrismaClient,
  opts: { set?: string; prompts?: number; systems?: number; answer?: (p: number, s: number) => string; reference?: (p: number) => string | null; category?: (p: number) => string } = {},
): Promise<JudgeSeed> {
  const setSlug = opts.set ?? "jset";
  const nP = opts.prompts ?? 5;
  const nS = opts.systems ?? 3;
  const set = await db.promptSet.create({ data: { slug: setSlug, name: `Set ${setSlug}` } });
  const systems: Array<{ id: number; slug: string }> = [];
  for (let s = 0; s < nS; s++) systems.push(await db.system.create({ data: { slug: `${setSlug}-s${s}`, name: `System ${s}` } }));
  await db.prompt.createMany({
    data: Array.from({ length: nP }, (_, p) => {
      const ref = opts.reference?.(p) ?? null;
      return { promptSetId: set.id, externalId: `p${p}`, turns: [`Question ${p}: what is ${p} + ${p}?`], category: opts.category?.(p) ?? "general", ...(ref !== null ? { reference: [ref] } : {}) };
    }),
  });
  const prompts = await db.prompt.findMany({ where: { promptSetId: set.id }, orderBy: { id: "asc" }, select: { id: true, category: true } });
  await db.response.createMany({
    data: prompts.flatMap((p, pi) => systems.map((s, si) => ({ promptId: p.id, systemId: s.id, turns: [opts.answer?.(pi, si) ?? `I am S${si}. The answer to ${pi} is ${2 * pi}.`] }))),
  });
  const responses = await db.response.findMany({ where: { prompt: { promptSetId: set.id } }, select: { id: true, promptId: true, systemId: true } });
  const resp = new Map(responses.map((r) => [`${r.promptId}:${r.systemId}`, r.id]));
  const battles: Array<Record<string, unknown> & { key: string; promptId: number; turn: number; systemAId: number; systemBId: number; responseAId: number; responseBId: number; promptSetId: number; category: string }> = [];
  for (const p of prompts) {
    for (let a = 0; a < nS; a++) {
      for (let b = a + 1; b < nS; b++) {
        const [sa, sb] = [systems[a].id, systems[b].id];
        battles.push({
          key: fixedBattleKey(p.id, sa, sb, 1), promptId: p.id, turn: 1, systemAId: sa, systemBId: sb,
          responseAId: resp.get(`${p.id}:${sa}`)!, responseBId: resp.get(`${p.id}:${sb}`)!, promptSetId: set.id, category: p.category,
        });
      }
    }
  }
  for (let i = 0; i < battles.length; i += 5_000) await db.battle.createMany({ data: battles.slice(i, i + 5_000) });
  const battleIds = (await db.battle.findMany({ where: { promptSetId: set.id }, select: { id: true }, orderBy: { id: "asc" } })).map((b) => b.id);
  return { setSlug, systemIds: systems.map((s) => s.id), systemSlugs: systems.map((s) => s.slug), battleIds, promptIds: prompts.map((p) => p.id) };
}

/** Which system index is shown as Assistant A / B in a judge request (answers say `I am S<k>`). */
export function shownSystems(body: MockChatBody): { a: number; b: number } {
  const user = body.messages.map((m) => m.content).join("\n");
  const a = /<<<ANSWER_A[^>]*>>>\n[\s\S]*?I am S(\d+)/.exec(user);
  const b = /<<<ANSWER_B[^>]*>>>\n[\s\S]*?I am S(\d+)/.exec(user);
  return { a: a ? Number(a[1]) : -1, b: b ? Number(b[1]) : -1 };
}

/** A judge that prefers the higher system index, in the abc grammar. */
export function preferHigher(body: MockChatBody): string {
  const { a, b } = shownSystems(body);
  return `Comparing the two answers.\n\n${a > b ? "[[A]]" : "[[B]]"}`;
}

/** Runs one worker until the run is no longer running (raw SQL: the process-wide database's runner, see useTestDb). */
export async function drainRun(db: PrismaClient, runId: number, opts: WorkerOptions = {}): Promise<JudgeWorker> {
  const raw = (await getDbHandle()).db === db ? await getRawSql() : undefined;
  const w = new JudgeWorker(db, { runId, untilRunFinished: true, pollMs: 20, capacity: 16, raw, ...opts });
  await w.run();
  return w;
}

export const isReminder = (body: MockChatBody) => body.messages.length > 2;
