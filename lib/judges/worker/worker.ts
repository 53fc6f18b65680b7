/**
 * The durable judge worker. Several can run at once (processes or in-process): each claims batches of tasks with
 * FOR UPDATE SKIP LOCKED leases, so no task is processed by two live workers, and a dead worker's tasks are
 * re-claimed when their lease expires.
 *
 * - `capacity` lanes judge tasks concurrently; per-endpoint concurrency/RPM/TPM come from the judge's
 *   `EndpointLimiter` held by `JudgeSlots` (slots.ts): this process's share of the judge's limits, which every
 *   worker process splits through slot rows in the database.
 * - Claims are batched (up to 2 × capacity tasks and their battle inputs in ONE statement) and refilled ahead of
 *   need, by one claim at a time; results are batched into one write statement (`writeResults`). When a claim
 *   comes back short the table is dry: no claim is sent again before `pollMs`, and idle lanes wait together
 *   (one claim + one run-status check per poll, not one per lane), woken early when tasks arrive or on stop.
 * - A heartbeat extends the leases of every task this worker holds (queued, in flight, or awaiting write).
 * - Retryable LLM errors release the task with a back-off `notBefore` (durable); after `maxAttempts` it fails.
 * - `stop()` is graceful: no new claims, in-flight tasks finish and are written, unstarted ones are released.
 */
import { randomBytes } from "node:crypto";
import os from "node:os";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { LlmClient } from "@/lib/llm/client";
import { prismaRawSql, type RawSql } from "@/lib/db/raw";
import { configHash, judgeParams, requestHash, resolveTemplate } from "@/lib/judges/configs/template";
import { BUILTIN_TEMPLATES } from "@/lib/judges/core";
import {
  claimTasksWithInputs, extendLeases, findCached, findRunContext, findRunStatus, releaseTasks, writeResults,
  type BattleInputRow, type ClaimedTask, type TaskResult,
} from "./queries";
import { fromCache, judgeTask, type RunContext } from "./task";
import { judgeSlotsFor, type JudgeSlots, type SlotTiming } from "./slots";

export interface WorkerOptions {
  /** Lease owner id (default host:pid:random). */
  owner?: string;
  /**
   * Tasks this worker works on at once (default 96). Requests in flight to an endpoint are capped by its judge's
   * `concurrency` (the endpoint limiter), so lanes beyond it have their next prompt rendered and wait at the
   * limiter: a freed request slot is refilled at once instead of after this process's CPU work for the next task.
   * Give the worker about 1.25 × the largest judge concurrency it serves.
   */
  capacity?: number;
  leaseMs?: number;
  /** Sleep when nothing is claimable (default 500 ms). */
  pollMs?: number;
  /** Only this run's tasks. */
  runId?: number;
  /** Stop by itself once `runId` is no longer running (completed, paused, cancelled). */
  untilRunFinished?: boolean;
  /** Max wait before a result batch is written (default 100 ms). */
  flushMs?: number;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
  /** Raw SQL on the same database for the claim / cache / write statements (lib/db/raw.ts); default through `db`. */
  raw?: RawSql;
  /** Cross-process judge slots' timing (slots.ts; tests shorten it). */
  slotTiming?: Partial<SlotTiming>;
}

interface Held {
  task: ClaimedTask;
  battle: BattleInputRow | undefined;
  hash: string | null;
  cached: string | null;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class JudgeWorker {
  readonly owner: string;
  private readonly raw: RawSql;
  private readonly capacity: number;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly flushMs: number;
  private readonly log: (line: string) => void;
  private stopping = false;
  private queue: Held[] = [];
  private refilling: Promise<number> | null = null;
  private readonly contexts = new Map<number, Promise<RunContext | null>>();
  private readonly held = new Set<number>();
  private pending: TaskResult[] = [];
  private flushing: Promise<void> | null = null;
  private flushTimer: NodeJS.Timeout | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private lanes: Promise<void>[] = [];
  /** No claim before this time (ms epoch): the last claim came back short, so nothing more is claimable now. */
  private dryUntil = 0;
  private idling: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  /** Counters for logs, tests and benchmarks. */
  readonly stats = { claimed: 0, written: 0, claimRoundTrips: 0, writeRoundTrips: 0, retried: 0 };

  constructor(private readonly db: PrismaClient, private readonly opts: WorkerOptions = {}) {
    this.owner = opts.owner ?? `${os.hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
    this.raw = opts.raw ?? prismaRawSql(db);
    this.capacity = opts.capacity ?? 96;
    this.leaseMs = opts.leaseMs ?? 60_000;
    this.pollMs = opts.pollMs ?? 500;
    this.flushMs = opts.flushMs ?? 100;
    this.log = opts.log ?? (() => undefined);
  }

  /** Runs until `stop()` (or, with `untilRunFinished`, until the run is no longer running). */
  async run(): Promise<void> {
    this.heartbeat = setInterval(() => void this.beat(), Math.max(50, Math.floor(this.leaseMs / 3)));
    this.heartbeat.unref?.();
    try {
      this.lanes = Array.from({ length: this.capacity }, () => this.lane());
      await Promise.all(this.lanes);
    } finally {
      await this.releaseQueued();
      await this.flush(true);
      if (this.heartbeat) clearInterval(this.heartbeat);
      await this.detachSlots();
    }
  }

  /** Graceful stop: in-flight tasks finish and are written, unstarted ones released (`run()` then resolves). */
  stop(): void {
    this.stopping = true;
    this.wakeIdle();
  }

  private wakeIdle(): void {
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  private async lane(): Promise<void> {
    while (!this.stopping) {
      if (this.queue.length < this.capacity) void this.refill(); // keep one to two batches ahead
      const next = this.queue.shift();
      if (next) await this.process(next);
      else await this.idle();
    }
  }

  /**
   * What lanes with nothing to do await, shared by all of them: a claim; if nothing came, a run-status check
   * (with `untilRunFinished`) and a wait of `pollMs`, cut short when tasks are queued or on stop.
   */
  private idle(): Promise<void> {
    this.idling ??= (async () => {
      await this.refill();
      if (this.queue.length > 0 || this.stopping) return;
      if (await this.finished()) return this.stop();
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          this.wake = null;
          resolve();
        }, this.pollMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    })().finally(() => {
      this.idling = null;
    });
    return this.idling;
  }

  private async finished(): Promise<boolean> {
    if (!this.opts.untilRunFinished || this.opts.runId === undefined) return false;
    if (this.held.size > 0) return false;
    const status = await findRunStatus(this.db, this.opts.runId);
    return status !== "running";
  }

  private refill(): Promise<number> {
    if (this.stopping) return Promise.resolve(0);
    if (!this.refilling && Date.now() < this.dryUntil) return Promise.resolve(0);
    this.refilling ??= this.claim()
      .catch(async (err: unknown) => {
        // A database hiccup must not end the worker: log it, back off, claim again later.
        this.log(`worker ${this.owner}: claiming tasks failed: ${err instanceof Error ? err.message : String(err)}`);
        this.dryUntil = Date.now() + this.pollMs;
        return 0;
      })
      .finally(() => {
        this.refilling = null;
      });
    return this.refilling;
  }

  private async claim(): Promise<number> {
    const want = this.capacity * 2 - this.queue.length;
    if (want <= 0) return 0;
    const tasks = await claimTasksWithInputs(this.raw, this.owner, want, this.leaseMs, this.opts.runId ?? null);
    this.stats.claimRoundTrips++;
    if (tasks.length < want) this.dryUntil = Date.now() + this.pollMs;
    if (tasks.length === 0) return 0;
    this.stats.claimed += tasks.length;
    for (const t of tasks) this.held.add(t.id);
    try {
      return await this.enqueue(tasks);
    } catch (err) {
      // Loading the run or the cache failed after the claim: give the tasks back now rather than hold them
      // (unqueued, heartbeat-extended) forever.
      const ids = tasks.map((t) => t.id);
      await releaseTasks(this.db, this.owner, ids).catch((e: unknown) =>
        this.log(`worker ${this.owner}: giving back ${ids.length} tasks failed (their leases will expire): ${e instanceof Error ? e.message : String(e)}`),
      );
      for (const id of ids) this.held.delete(id);
      for (const runId of new Set(tasks.map((t) => t.runId))) this.contexts.delete(runId);
      throw err;
    }
  }

  private async enqueue(tasks: Awaited<ReturnType<typeof claimTasksWithInputs>>): Promise<number> {
    const contexts = new Map<number, RunContext | null>();
    for (const runId of new Set(tasks.map((t) => t.runId))) contexts.set(runId, await this.context(runId));
    const items: Held[] = tasks.map(({ battle, ...task }) => {
      const ctx = contexts.get(task.runId);
      const hash = ctx && ctx.kind === "llm" && battle ? requestHash(ctx.configHash, battle, task.shownLeft) : null;
      return { task, battle, hash, cached: null };
    });
    const hashes = items.flatMap((i) => (i.hash ? [i.hash] : []));
    if (hashes.length) {
      const hits = new Map((await findCached(this.raw, hashes)).map((c) => [c.requestHash, c.output]));
      for (const i of items) if (i.hash) i.cached = hits.get(i.hash) ?? null;
    }
    this.queue.push(...items);
    this.wakeIdle();
    return tasks.length;
  }

  private context(runId: number): Promise<RunContext | null> {
    let c = this.contexts.get(runId);
    if (!c) {
      c = this.loadContext(runId);
      this.contexts.set(runId, c);
    }
    return c;
  }

  private async loadContext(runId: number): Promise<RunContext | null> {
    const r = await findRunContext(this.db, runId);
    if (!r) return null;
    const params = judgeParams(r.params);
    const kind = r.kind === "baseline" ? "baseline" : "llm";
    let client: LlmClient | null = null;
    let slots: JudgeSlots | null = null;
    if (kind === "llm" && r.baseUrl && r.model) {
      const limits = { concurrency: r.concurrency, requestsPerMinute: r.rpm ?? undefined, tokensPerMinute: r.tpm ?? undefined };
      const key = `judge:${r.judgeId}:${r.baseUrl}:${r.model}:${r.concurrency}:${r.rpm}:${r.tpm}`;
      slots = judgeSlotsFor(this.db, this.raw, key, r.judgeId, limits, { timing: this.opts.slotTiming, log: this.log });
      client = new LlmClient(
        { baseURL: r.baseUrl, model: r.model, apiKeyEnv: r.apiKeyEnv ?? undefined, temperature: params.temperature, maxTokens: params.maxTokens, timeoutMs: params.timeoutMs, maxAttempts: 1 },
        { env: this.opts.env ?? process.env, limiter: slots.limiter },
      );
    }
    return {
      runId,
      judgeId: r.judgeId,
      kind,
      rule: r.rule === "random" ? "random" : r.rule === "longer" ? "longer" : null,
      template: kind === "baseline" && !r.template ? BUILTIN_TEMPLATES["arena-hard"] : resolveTemplate(r),
      params,
      client,
      slots,
      configHash: configHash(r),
      pricePromptPerM: r.pricePromptPerM,
      priceCompletionPerM: r.priceCompletionPerM,
    };
  }

  private async process(h: Held): Promise<void> {
    let result: TaskResult;
    try {
      const ctx = await this.context(h.task.runId);
      if (!ctx) result = failed(h.task, "the run no longer exists");
      else if (!h.battle) result = failed(h.task, `battle ${h.task.battleId} not found`);
      else if (h.task.attempts > ctx.params.maxAttempts + 2) result = failed(h.task, `gave up after ${h.task.attempts - 1} claims without a result (worker crashes or lease expiries)`);
      else if (h.cached !== null && h.hash) result = fromCache(ctx, h.task, h.hash, h.cached);
      else {
        ctx.slots?.use(this);
        result = await judgeTask(ctx, h.task, h.battle, h.hash);
        ctx.slots?.settle();
      }
    } catch (err) {
      // A bug or config error while judging: fail the task with its reason rather than drop it.
      result = failed(h.task, err instanceof Error ? err.message : String(err));
    }
    if (result.status === "pending") this.stats.retried++;
    this.pending.push(result);
    // Write now when the batch is full, or when every task this worker holds is a finished result awaiting the
    // write (nothing queued or in flight: waiting `flushMs` would only delay the run's last results).
    if (this.pending.length >= this.capacity * 2 || this.pending.length >= this.held.size) void this.flush(false);
    else this.flushTimer ??= setTimeout(() => void this.flush(false), this.flushMs);
  }

  private async flush(final: boolean): Promise<void> {
    if (this.flushTimer) {
      clearTimeout(this.flushTimer);
      this.flushTimer = null;
    }
    while (this.flushing) await this.flushing;
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.flushing = (async () => {
      try {
        await writeResults(this.raw, batch);
        this.stats.writeRoundTrips++;
        this.stats.written += batch.length;
        for (const r of batch) this.held.delete(r.taskId);
      } catch (err) {
        this.log(`worker ${this.owner}: writing ${batch.length} results failed, will retry: ${(err as Error).message}`);
        this.pending.unshift(...batch);
        await sleep(200);
      } finally {
        this.flushing = null;
      }
    })();
    await this.flushing;
    if (final && this.pending.length) await this.flush(true);
  }

  private async beat(): Promise<void> {
    if (this.held.size === 0) return;
    try {
      await extendLeases(this.db, this.owner, [...this.held], this.leaseMs);
    } catch (err) {
      this.log(`worker ${this.owner}: lease heartbeat failed: ${(err as Error).message}`);
    }
  }

  /** Gives this worker's judge slots back (other workers in this process may keep them). */
  private async detachSlots(): Promise<void> {
    for (const c of this.contexts.values()) {
      const ctx = await c.catch(() => null);
      await ctx?.slots?.detach(this).catch((err: unknown) => this.log(`worker ${this.owner}: giving back judge slots failed: ${(err as Error).message}`));
    }
  }

  private async releaseQueued(): Promise<void> {
    await this.refilling?.catch(() => 0);
    const ids = this.queue.map((h) => h.task.id);
    this.queue = [];
    if (ids.length === 0) return;
    await releaseTasks(this.db, this.owner, ids);
    for (const id of ids) this.held.delete(id);
  }
}

function failed(task: ClaimedTask, err: string): TaskResult {
  return { taskId: task.id, status: "failed", outcome: null, strength: 1, rationale: null, raw: null, pt: 0, ct: 0, cost: 0, err, hash: null, notBefore: null, cache: null };
}
