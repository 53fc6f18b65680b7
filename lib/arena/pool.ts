/**
 * The active battle pool, cached in memory: every (prompt, system pair) the fixed-set arena can serve, with the
 * prompt and answer texts, the systems' sampling weights, the ids of fixed battles that already exist and the
 * arena settings. Reloaded at most every POOL_TTL_MS; a stale pool keeps serving while one reload runs, so the hot
 * path never waits on it. Memory is proportional to the served responses.
 */
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { canonicalPair, fixedBattleKey } from "@/lib/battles/canonical";
import { rateLimitsSetting, samplingSetting, type RateLimits, type SamplingMode } from "@/lib/validation/arena";
import { groupByPair, type Candidate, type SystemWeight } from "./sampling";
import { listArenaSettings, listFixedBattleIds, listServableResponses, listSystems, type PoolSystemRow } from "./queries";

export const POOL_TTL_MS = 5_000;

export interface PoolPrompt {
  id: number;
  setId: number;
  setSlug: string;
  setName: string;
  category: string;
  language: string;
  turns: string[];
}

export interface PoolResponse {
  id: number;
  systemId: number;
  turns: string[];
}

export interface PoolCandidate extends Candidate {
  prompt: PoolPrompt;
  responseA: PoolResponse;
  responseB: PoolResponse;
}

export interface PoolSet {
  slug: string;
  name: string;
  categories: string[];
}

export interface ArenaPool {
  loadedAt: number;
  systems: Map<number, PoolSystemRow>;
  weights: Map<number, SystemWeight>;
  candidates: PoolCandidate[];
  /** Fixed battle key → Battle.id, filled in as battles are created. */
  battleIds: Map<string, number>;
  sets: PoolSet[];
  mode: SamplingMode;
  limits: RateLimits;
  /** Candidates grouped by pair, for all sets or one set (and category). Memoised. */
  pairsFor(set?: string, category?: string): Map<string, PoolCandidate[]>;
}

const asTurns = (v: unknown): string[] => (Array.isArray(v) ? v.map((t) => (typeof t === "string" ? t : JSON.stringify(t))) : typeof v === "string" ? [v] : []);

export async function loadPool(db: PrismaClient): Promise<ArenaPool> {
  const [systemRows, responseRows, battleRows, settings] = await Promise.all([
    listSystems(db),
    listServableResponses(db),
    listFixedBattleIds(db),
    listArenaSettings(db),
  ]);
  const systems = new Map(systemRows.map((s) => [s.id, s]));
  const weights = new Map(systemRows.filter((s) => s.active).map((s) => [s.id, { id: s.id, weight: s.weight, outage: s.outage, boost: s.boost }]));
  const prompts = new Map<number, { prompt: PoolPrompt; responses: PoolResponse[] }>();
  for (const r of responseRows) {
    let entry = prompts.get(r.promptId);
    if (!entry) {
      entry = {
        prompt: { id: r.promptId, setId: r.setId, setSlug: r.setSlug, setName: r.setName, category: r.category, language: r.language, turns: asTurns(r.promptTurns) },
        responses: [],
      };
      prompts.set(r.promptId, entry);
    }
    entry.responses.push({ id: r.responseId, systemId: r.systemId, turns: asTurns(r.responseTurns) });
  }
  const candidates: PoolCandidate[] = [];
  const setInfo = new Map<string, { name: string; categories: Set<string> }>();
  for (const { prompt, responses } of prompts.values()) {
    const rs = responses.filter((r) => r.turns.length > 0).sort((a, b) => a.systemId - b.systemId);
    for (let i = 0; i < rs.length; i++) {
      for (let j = i + 1; j < rs.length; j++) {
        const pair = canonicalPair(rs[i].systemId, rs[j].systemId);
        candidates.push({
          key: fixedBattleKey(prompt.id, pair.systemAId, pair.systemBId, 1),
          promptId: prompt.id,
          systemAId: pair.systemAId,
          systemBId: pair.systemBId,
          prompt,
          responseA: rs[i],
          responseB: rs[j],
        });
      }
    }
    if (rs.length >= 2) {
      const info = setInfo.get(prompt.setSlug) ?? { name: prompt.setName, categories: new Set<string>() };
      info.categories.add(prompt.category);
      setInfo.set(prompt.setSlug, info);
    }
  }
  const byKey = Object.fromEntries(settings.map((s) => [s.key, s.value]));
  const mode = samplingSetting.parse(byKey["arena.sampling"] ?? "uniform");
  const limits = rateLimitsSetting.parse(byKey["arena.rateLimits"] ?? {});
  const memo = new Map<string, Map<string, PoolCandidate[]>>();
  return {
    loadedAt: Date.now(),
    systems,
    weights,
    candidates,
    battleIds: new Map(battleRows.map((b) => [b.key, b.id])),
    sets: [...setInfo.entries()]
      .map(([slug, v]) => ({ slug, name: v.name, categories: [...v.categories].sort() }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    mode,
    limits,
    pairsFor(set, category) {
      const k = `${set ?? ""}|${category ?? ""}`;
      let pairs = memo.get(k);
      if (!pairs) {
        pairs = groupByPair(candidates.filter((c) => (!set || c.prompt.setSlug === set) && (!category || c.prompt.category === category)));
        memo.set(k, pairs);
      }
      return pairs;
    },
  };
}

const g = globalThis as unknown as { concordArenaPool?: { pool: ArenaPool | null; loading: Promise<ArenaPool> | null; db: PrismaClient | null } };

/** The cached pool; reloads in the background once it is older than POOL_TTL_MS. */
export async function getPool(db: PrismaClient): Promise<ArenaPool> {
  const state = (g.concordArenaPool ??= { pool: null, loading: null, db: null });
  if (state.db !== db) {
    state.pool = null;
    state.loading = null;
    state.db = db;
  }
  const fresh = state.pool && Date.now() - state.pool.loadedAt < POOL_TTL_MS;
  if (fresh) return state.pool!;
  if (!state.loading) {
    const loading = loadPool(db).then(
      (pool) => {
        if (state.db === db) state.pool = pool;
        state.loading = null;
        return pool;
      },
      (err: unknown) => {
        state.loading = null;
        throw err;
      },
    );
    state.loading = loading;
    if (state.pool) loading.catch((err: unknown) => console.error("[concord] arena pool reload failed:", err));
  }
  return state.pool ?? state.loading!;
}

/** Drops the cached pool (after settings or data change in the same process, and in tests). */
export function invalidatePool(): void {
  if (g.concordArenaPool) {
    g.concordArenaPool.pool = null;
    g.concordArenaPool.loading = null;
  }
}
