/**
 * A judge's `concurrency`, requests-per-minute and tokens-per-minute are limits for the whole deployment, not per
 * worker process: `npm start`'s worker and any number of `npm run worker` processes share them.
 *
 * Mechanism: the judge has `concurrency` request slots, rows `JudgeSlot(judgeId, slot ∈ [0, C))`. A process holds
 * slots under a lease and lets at most as many requests into flight as it holds (its `EndpointLimiter` share,
 * with the same fraction of the per-minute budgets). A process that uses the judge re-balances (a "tick"):
 * 1. it publishes its demand d = min(C, requests in flight + requests waiting for a slot) in `JudgeSlotWant` and
 *    reads the other live processes' demands;
 * 2. its target is its max-min fair share of C given all demands (`fairShares`: nobody gets more than it asks for,
 *    what is left is split evenly);
 * 3. it renews its slots' leases, claims free or expired slots up to the target, or, when above it, stops handing
 *    out the extra slots at once and deletes their rows as its requests beyond the target end (one row kept per
 *    such request still out).
 * Ticks run every `tickMs` (1 s); every 50 ms while a process holds less than its target (a hand-over is under
 * way); at once when a process joins and when its demand falls below half of what it published (its slots can go
 * to others); and after each request while it still owes rows.
 *
 * Invariant: the primary key lets one process hold a slot at a time, and a process's requests in flight never
 * exceed the slots it holds, so requests in flight across all processes are ≤ C whatever the timing of joins,
 * shrinks and crashes. The one exception is a process stalled for longer than a lease (10 s): its slots expire and
 * can be taken while its old requests are still out. A crashed process's slots come free when their lease
 * expires; its want stops counting after the same time. A process idle on the judge for `idleMs` leaves (slots
 * and want rows deleted).
 */
import os from "node:os";
import { randomBytes } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { RawSql } from "@/lib/db/raw";
import { EndpointLimiter, type LimitConfig } from "@/lib/llm/limits";
import { claimSlots, leaveSlots, releaseSlots, renewSlots, touchWant } from "./slot-queries";

export interface SlotTiming {
  /** How often a process re-balances (default 1 s). */
  tickMs: number;
  /** Lease of a slot and liveness of a want (default 10 s). */
  leaseMs: number;
  /** Leave after this long without use (default 30 s). */
  idleMs: number;
}

const DEFAULT_TIMING: SlotTiming = { tickMs: 1_000, leaseMs: 10_000, idleMs: 30_000 };
const SHORT_TICK_MS = 50;

/**
 * Max-min fair integer shares of `total` slots for `demands` (progressive filling): in ascending order of demand,
 * each gets min(demand, ⌈left / remaining⌉) and `left` shrinks by it, so Σ shares ≤ total, nobody gets more than
 * its demand, and the spare of small demands goes to the larger ones. Equal demands are served in input order
 * (callers sort by a stable key so every process computes the same vector). Bertsekas & Gallager, Data Networks,
 * §6.5.2 (max-min fairness).
 */
export function fairShares(total: number, demands: readonly number[]): number[] {
  const order = demands.map((d, i) => ({ d: Math.max(0, Math.floor(d)), i })).sort((a, b) => a.d - b.d || a.i - b.i);
  const out = new Array<number>(demands.length).fill(0);
  let left = Math.max(0, Math.floor(total));
  order.forEach(({ d, i }, k) => {
    const s = Math.min(d, Math.ceil(left / (order.length - k)), left);
    out[i] = s;
    left -= s;
  });
  return out;
}

export class JudgeSlots {
  readonly limiter: EndpointLimiter;
  private joined = false;
  private lastUsed = 0;
  private timer: NodeJS.Timeout | null = null;
  private soonTimer: NodeJS.Timeout | null = null;
  /** Slot rows above the share still held because requests were in flight when the share shrank. */
  private owed = false;
  /** The demand this process last published. */
  private published = 0;
  private ticking: Promise<void> | null = null;
  private again: Promise<void> | null = null;
  private leaving: Promise<void> | null = null;
  private readonly users = new Set<object>();

  constructor(
    private readonly sql: RawSql,
    readonly judgeId: number,
    readonly owner: string,
    config: LimitConfig & { concurrency: number },
    private readonly timing: SlotTiming,
    private readonly log: (line: string) => void,
  ) {
    this.limiter = new EndpointLimiter(config);
    this.limiter.setShare(0); // nothing goes out before slots are held
  }

  get total(): number {
    return this.limiter.config.concurrency ?? 0;
  }

  /** Requests in flight plus requests waiting for a slot, at most C. */
  get demand(): number {
    return Math.min(this.total, this.limiter.active + this.limiter.waiting);
  }

  /**
   * Call before each request to the judge. Joins if this process is not in yet: the first tick runs after the
   * current macrotask, so the requests that arrive together (a claimed batch) count in the first demand.
   */
  use(user: object): void {
    this.lastUsed = Date.now();
    this.users.add(user);
    if (this.joined) {
      if (this.limiter.size === 0) this.soon(0); // work again after holding nothing
      return;
    }
    this.joined = true;
    this.timer = setInterval(() => void this.tick(), this.timing.tickMs);
    this.timer.unref?.();
    this.soon(0);
  }

  /** Call after each request to the judge: gives owed slots back as their requests end, and unneeded ones at once. */
  settle(): void {
    if (this.owed) void this.tick();
    else if (this.demand < this.published / 2) this.soon(0);
  }

  /** A worker stops: once no worker in this process uses the judge, give everything back. */
  async detach(user: object): Promise<void> {
    this.users.delete(user);
    if (this.users.size === 0 && this.joined) await this.leave();
  }

  /**
   * One re-balance (see the module comment) that starts now or, if one is out, right after it (callers waiting
   * meanwhile share that one), so it always sees the state at the time of the call. Errors are logged and the next
   * tick tries again.
   */
  tick(): Promise<void> {
    if (this.ticking) {
      this.again ??= this.ticking.then(() => {
        this.again = null;
        return this.tick();
      });
      return this.again;
    }
    this.ticking = this.rebalance()
      .catch((err: unknown) => this.log(`judge ${this.judgeId} slots: ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => {
        this.ticking = null;
      });
    return this.ticking;
  }

  private async rebalance(): Promise<void> {
    await this.leaving; // a leave still deleting rows must not delete the ones claimed now
    if (!this.joined) return;
    const idle = this.limiter.active === 0 && this.limiter.waiting === 0 && Date.now() - this.lastUsed > this.timing.idleMs;
    if (idle) return this.leave(false);
    const { sql, judgeId, owner, total } = this;
    const { leaseMs } = this.timing;
    const demand = this.demand;
    const all = [...(await touchWant(sql, judgeId, owner, demand, leaseMs)), { owner, demand }];
    all.sort((a, b) => a.demand - b.demand || (a.owner < b.owner ? -1 : a.owner > b.owner ? 1 : 0));
    const target = fairShares(total, all.map((w) => w.demand))[all.findIndex((w) => w.owner === owner)];
    this.published = demand;
    const held = await renewSlots(sql, judgeId, owner, leaseMs);
    const keep = held.filter((s) => s < total).slice(0, target);
    const extra = held.filter((s) => !keep.includes(s));
    const claimed = keep.length < target ? await claimSlots(sql, judgeId, owner, total, target - keep.length, leaseMs) : [];
    const share = keep.length + claimed.length;
    if (!this.joined) {
      // left while this tick was out: the slots just claimed go back too
      await leaveSlots(sql, judgeId, owner);
      return;
    }
    this.limiter.setShare(share);
    // Keep one row per request still out beyond the share; give the other extra rows back now.
    const stillOut = Math.max(0, this.limiter.active - share);
    const release = extra.slice(stillOut);
    this.owed = extra.length > release.length;
    if (release.length > 0) await releaseSlots(sql, judgeId, owner, release);
    // Entitled to more than it holds (others still owe slots): look again soon, not in tickMs.
    if (share < target) this.soon(Math.min(SHORT_TICK_MS, this.timing.tickMs));
  }

  private soon(ms: number): void {
    if (this.soonTimer || !this.joined) return;
    this.soonTimer = setTimeout(() => {
      this.soonTimer = null;
      void this.tick();
    }, ms);
    this.soonTimer.unref?.();
  }

  private leave(waitTick = true): Promise<void> {
    this.joined = false;
    if (this.timer) clearInterval(this.timer);
    if (this.soonTimer) clearTimeout(this.soonTimer);
    this.timer = this.soonTimer = null;
    this.owed = false;
    this.published = 0;
    const leaving = (async () => {
      if (waitTick) await this.ticking;
      this.limiter.setShare(0);
      await leaveSlots(this.sql, this.judgeId, this.owner);
    })().finally(() => {
      if (this.leaving === leaving) this.leaving = null;
    });
    this.leaving = leaving;
    return leaving;
  }
}

const byDb = new WeakMap<PrismaClient, Map<string, JudgeSlots>>();
const processOwner = `${os.hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
let managers = 0;

/**
 * The slots (and the limiter that enforces this process's share) of one judge endpoint on one database, shared by
 * every worker in this process. `key` should change when the endpoint or its limits change, so a re-configured
 * judge gets a fresh limiter.
 */
export function judgeSlotsFor(
  db: PrismaClient,
  sql: RawSql,
  key: string,
  judgeId: number,
  config: LimitConfig & { concurrency: number },
  opts: { timing?: Partial<SlotTiming>; log?: (line: string) => void } = {},
): JudgeSlots {
  let m = byDb.get(db);
  if (!m) byDb.set(db, (m = new Map()));
  let s = m.get(key);
  if (!s) {
    s = new JudgeSlots(sql, judgeId, `${processOwner}:${++managers}`, config, { ...DEFAULT_TIMING, ...opts.timing }, opts.log ?? ((l) => console.warn(l)));
    m.set(key, s);
  }
  return s;
}
