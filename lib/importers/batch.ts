/**
 * Writes one batch of parsed items in one transaction: systems, judges and runs through in-memory maps (created on
 * first sight), then prompts, responses, voters, battles and votes as multi-row inserts that return ids (votes are
 * written with battle and voter ids, no key joins), then the job cursor. A crash leaves whole batches only.
 *
 * Prompts, battles and votes are written as plain INSERTs while their keys keep turning out new (a fresh import), and
 * with ON CONFLICT DO NOTHING (plus a lookup of the existing ids) after a batch met an existing key: a plain insert
 * that hits one fails with unique_violation, the transaction rolls back, and the batch is redone skipping existing
 * keys. A table goes back to plain inserts after a batch in which none of its rows existed.
 */
import { canonicalPair, toCanonicalOutcome } from "@/lib/battles/canonical";
import type { JudgeSpec, PromptItem, ResponseItem, VoteItem } from "./types";
import * as q from "./queries";
import { battleKey, voteKey } from "./keys";

/** Voter ids kept per writer; beyond this many the cache starts over (memory stays bounded). */
const VOTER_CACHE = 200_000;

export interface ResolvedVote {
  item: VoteItem;
  first: { slug: string; name: string };
  second: { slug: string; name: string };
}

export interface Batch {
  prompts: PromptItem[];
  responses: (ResponseItem & { slug: string; name: string })[];
  votes: ResolvedVote[];
  /** Cursor after this batch: last line per file. */
  cursor: Record<string, number>;
}

export interface BatchCounts {
  votes: number;
  voteRows: number;
  prompts: number;
  responses: number;
  battles: number;
  voters: number;
  systems: number;
  judges: number;
}

type Table = "Prompt" | "Battle" | "Vote";
const TABLES: readonly Table[] = ["Prompt", "Battle", "Vote"];

/**
 * The table of a unique violation (SQLSTATE 23505): from node-postgres' error, or from the constraint name in Prisma's
 * wrapped driver error (`"Vote_externalKey_key"`). "" when the table is unknown; undefined for any other error.
 */
export function uniqueViolationTable(err: unknown): string | undefined {
  if (typeof err !== "object" || err === null) return undefined;
  const e = err as { code?: unknown; table?: unknown; constraint?: unknown; meta?: { driverAdapterError?: { cause?: { originalCode?: unknown; originalMessage?: unknown } } } };
  if (e.code === "23505") return typeof e.table === "string" ? e.table : typeof e.constraint === "string" ? e.constraint.split("_")[0] : "";
  const cause = e.meta?.driverAdapterError?.cause;
  if (cause?.originalCode !== "23505") return undefined;
  const m = /constraint "([A-Za-z]+)_/.exec(String(cause.originalMessage ?? ""));
  return m ? m[1] : "";
}

export class BatchWriter {
  private systems = new Map<string, number>();
  private judges = new Map<string, number>();
  private runs = new Map<string, number>();
  /** Voter ids by external id, committed or written by this writer's open transaction (cleared on rollback). */
  private voters = new Map<string, number>();
  /** Tables written with ON CONFLICT DO NOTHING (their keys were met again lately); the others get plain INSERTs. */
  private skipping = new Set<Table>();

  constructor(
    private session: q.BulkSession,
    private setId: number,
  ) {}

  /** Forgets resolved ids (after a rolled-back transaction, which may have created some of them). */
  reset(): void {
    this.systems.clear();
    this.judges.clear();
    this.runs.clear();
    this.voters.clear();
  }

  async write(batch: Batch, afterWrite: (tx: q.Tx, counts: BatchCounts) => Promise<void>): Promise<BatchCounts> {
    for (;;) {
      const skipping = new Set(this.skipping);
      try {
        return await this.session.transaction((tx) => this.writeIn(tx, batch, skipping, afterWrite));
      } catch (err) {
        const table = uniqueViolationTable(err);
        // A unique violation while every table already skips existing keys is a real error (e.g. a voter race).
        if (table === undefined || skipping.size === TABLES.length) throw err;
        this.reset();
        const t = TABLES.find((x) => x === table);
        if (t && !skipping.has(t)) this.skipping.add(t);
        else for (const x of TABLES) this.skipping.add(x);
      }
    }
  }

  private async writeIn(tx: q.Tx, batch: Batch, skipping: Set<Table>, afterWrite: (tx: q.Tx, counts: BatchCounts) => Promise<void>): Promise<BatchCounts> {
    const mode = (t: Table): q.OnConflict => (skipping.has(t) ? "skip" : "fail");
    // After a batch in which none of a skipping table's rows existed, that table goes back to plain inserts.
    const settle = (t: Table, created: number, rows: number) => {
      if (skipping.has(t) && created === rows) this.skipping.delete(t);
    };
    const counts: BatchCounts = { votes: 0, voteRows: batch.votes.length, prompts: 0, responses: 0, battles: 0, voters: 0, systems: 0, judges: 0 };
    counts.systems = await this.resolveSystems(tx, batch);
    counts.judges = await this.resolveJudges(tx, batch.votes);

    const promptRows = new Map<string, q.PromptRow>();
    for (const p of batch.prompts) {
      promptRows.set(p.externalId, {
        ext: p.externalId,
        turns: JSON.stringify(p.turns),
        category: p.category,
        language: p.language,
        reference: p.reference ? JSON.stringify(p.reference) : null,
      });
    }
    for (const v of batch.votes) {
      if (promptRows.has(v.item.promptExternalId)) continue;
      const p = v.item.prompt;
      promptRows.set(v.item.promptExternalId, { ext: v.item.promptExternalId, turns: JSON.stringify(p.turns), category: p.category, language: p.language, reference: null });
    }
    const prompts = await q.insertPrompts(tx, this.setId, [...promptRows.values()].sort((a, b) => (a.ext < b.ext ? -1 : a.ext > b.ext ? 1 : 0)), mode("Prompt"));
    counts.prompts = prompts.created;
    settle("Prompt", prompts.created, promptRows.size);
    // Response items may answer prompts written by an earlier batch or import.
    const elsewhere = [...new Set(batch.responses.map((r) => r.promptExternalId).filter((ext) => !prompts.ids.has(ext)))];
    for (const [ext, id] of await q.promptIdsByExt(tx, this.setId, elsewhere)) prompts.ids.set(ext, id);

    const responseRows = new Map<string, q.ResponseRow>();
    const addResponse = (ext: string, systemId: number, turns: string[]) => {
      const promptId = prompts.ids.get(ext);
      const k = `${ext}\u0000${systemId}`;
      if (promptId !== undefined && !responseRows.has(k)) responseRows.set(k, { promptId, systemId, turns: JSON.stringify(turns) });
    };
    // Response items first (the last one of a prompt and system wins, as before), then turns carried by votes.
    for (const r of [...batch.responses].reverse()) addResponse(r.promptExternalId, this.systems.get(r.slug)!, r.turns);
    for (const v of batch.votes) {
      const carried = v.item.responses;
      if (!carried) continue;
      for (const [side, turns] of [[v.first, carried.first], [v.second, carried.second]] as const) {
        if (turns && turns.length > 0) addResponse(v.item.promptExternalId, this.systems.get(side.slug)!, turns);
      }
    }
    counts.responses = await q.insertResponses(tx, [...responseRows.values()]);
    // A prompt this batch created has only the responses this batch wrote: its battles need no response lookup.
    const answered = new Set<number>();
    for (const r of responseRows.values()) answered.add(r.promptId);
    const mayHaveResponses = (promptId: number) => answered.has(promptId) || !prompts.createdIds.has(promptId);

    if (this.voters.size > VOTER_CACHE) this.voters.clear();
    const voters = new Set<string>();
    for (const v of batch.votes) if (v.item.voter.kind === "human" && !this.voters.has(v.item.voter.externalId)) voters.add(v.item.voter.externalId);
    // Sorted, so concurrent batches take row locks in the same order (no deadlocks on shared voters).
    const newVoters = await q.insertVoters(tx, [...voters].sort());
    counts.voters = newVoters.created;
    for (const [k, id] of newVoters.ids) this.voters.set(k, id);
    const voterId = (ext: string) => this.voters.get(ext) ?? null;

    const battleRows = new Map<string, q.BattleRow>();
    const pending: { key: string; row: q.VoteRow }[] = [];
    for (const v of batch.votes) {
      const { item } = v;
      const promptId = prompts.ids.get(item.promptExternalId);
      if (promptId === undefined) continue; // cannot happen: every vote's prompt is in this batch's insert
      const firstId = this.systems.get(v.first.slug)!;
      const secondId = this.systems.get(v.second.slug)!;
      const pair = canonicalPair(firstId, secondId);
      const key = battleKey(item.battleScope, v.first.slug, v.second.slug, item.turn);
      const created = item.createdAt ? item.createdAt.toISOString() : null;
      if (!battleRows.has(key)) {
        battleRows.set(key, {
          key,
          mode: item.mode,
          promptId,
          turn: item.turn,
          a: pair.systemAId,
          b: pair.systemBId,
          category: item.prompt.category,
          language: item.prompt.language,
          counted: item.counted,
          created,
          responses: mayHaveResponses(promptId),
        });
      }
      const firstIsA = !pair.swapped;
      const leftIsA = item.firstShownLeft ? firstIsA : !firstIsA;
      const voter = item.voter;
      pending.push({
        key,
        row: {
          battleId: 0,
          outcome: toCanonicalOutcome(item.outcome, pair.swapped),
          shownLeft: leftIsA ? "A" : "B",
          voterKind: voter.kind,
          voterId: voter.kind === "human" ? voterId(voter.externalId) : null,
          judgeId: voter.kind === "judge" ? this.judges.get(voter.judge.slug)! : null,
          runId: voter.kind === "judge" ? this.runs.get(runKey(voter.judge.slug, voter.runLabel))! : null,
          strength: item.strength,
          rationale: item.rationale ?? null,
          raw: item.rawOutput ?? null,
          key: voteKey(item.externalKey),
          created,
        },
      });
    }
    // Sorted by key, so concurrent batches that share battles lock them in the same order.
    const battles = await q.insertBattles(tx, this.setId, [...battleRows.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)), mode("Battle"));
    counts.battles = battles.created;
    settle("Battle", battles.created, battleRows.size);
    // Rows of this batch that repeat an earlier row's unique key (natural key; battle + voter; battle + judge +
    // shown order + run) are left out here, as ON CONFLICT DO NOTHING would skip them: they count as duplicates.
    const voteRows: q.VoteRow[] = [];
    const seen = new Set<string>();
    for (const p of pending) {
      const battleId = battles.ids.get(p.key);
      if (battleId === undefined) continue;
      const r = p.row;
      const k1 = `k${r.key}`;
      const k2 = r.voterId !== null ? `v${battleId}:${r.voterId}` : r.judgeId !== null && r.runId !== null ? `j${battleId}:${r.judgeId}:${r.shownLeft}:${r.runId}` : "";
      if (seen.has(k1) || (k2 && seen.has(k2))) continue;
      seen.add(k1);
      if (k2) seen.add(k2);
      r.battleId = battleId;
      voteRows.push(r);
    }
    counts.votes = await q.insertVotes(tx, voteRows, mode("Vote"));
    settle("Vote", counts.votes, voteRows.length);
    await afterWrite(tx, counts);
    return counts;
  }

  private async resolveSystems(tx: q.Tx, batch: Batch): Promise<number> {
    const wanted = new Map<string, string>();
    const want = (s: { slug: string; name: string }) => {
      if (!this.systems.has(s.slug)) wanted.set(s.slug, s.name);
    };
    for (const r of batch.responses) want(r);
    for (const v of batch.votes) {
      want(v.first);
      want(v.second);
    }
    if (wanted.size === 0) return 0;
    const rows = [...wanted].sort((a, b) => a[0].localeCompare(b[0])).map(([slug, name]) => ({ slug, name }));
    const created = await q.insertSystems(tx, rows);
    for (const r of await q.systemIdsBySlug(tx, rows.map((r) => r.slug))) this.systems.set(r.slug, r.id);
    return created;
  }

  private async resolveJudges(tx: q.Tx, votes: ResolvedVote[]): Promise<number> {
    let created = 0;
    for (const v of votes) {
      const voter = v.item.voter;
      if (voter.kind !== "judge") continue;
      const spec: JudgeSpec = voter.judge;
      let judgeId = this.judges.get(spec.slug);
      if (judgeId === undefined) {
        const j = await q.upsertJudge(tx, spec);
        judgeId = j.id;
        if (j.created) created++;
        this.judges.set(spec.slug, judgeId);
      }
      const rk = runKey(spec.slug, voter.runLabel);
      if (!this.runs.has(rk)) this.runs.set(rk, await q.findOrCreateJudgeRun(tx, judgeId, voter.runLabel, voter.combine ?? "mtbench"));
    }
    return created;
  }
}

const runKey = (judge: string, label: string) => `${judge}\u0000${label}`;

