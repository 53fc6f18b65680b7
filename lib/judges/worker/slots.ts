/**
 * A judge's `concurrency`, requests-per-minute and tokens-per-minute are limits for the whole deployment, not per
 * worker process: `npm start`'s worker and any number of `npm run worker` processes share them.
 *
 * Mechanism: the judge has `concurrency` request slots, rows `JudgeSlot(judgeId, slot ∈ [0, C))`. A process holds
 * slots under a lease and lets at most as many requests into flight as it holds (its `EndpointLimiter` share,
 * with the same fraction of the per-minute budgets). Every `tickMs` a process that is using the judge:
 * 1. refreshes its row in `JudgeSlotWant` and counts the live ones, n;
 * 2. renews its slots' leases;
 * 3. aims for its fair share ⌈C / n⌉: it claims free or expired slots up to it, or, when above it, stops handing
 *    out the extra slots at once and deletes their rows once its requests in flight have drained to the share
 *    (checked after every request, not only on ticks). A process below its share looks again every 250 ms.
 *
 * Invariant: the primary key lets one process hold a slot at a time, and a process's requests in flight never
 * exceed the slots it holds, so requests in flight across all processes are ≤ C whatever the timing of joins,
 * shrinks and crashes. The one exception is a process stalled for longer than a lease (10 s): its slots expire and
 * can be taken while its old requests are still out. A crashed process's slots come free when their lease
 * expires; its want stops counting after the same time. A process idle on the judge for `idleMs` leaves (slots
 * and want deleted), so it does not hold back the shares of processes still working.
 */
import os from "node:os";
import { randomBytes } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { RawSql } from "@/lib/db/raw";
import { EndpointLimiter, type LimitConfig } from "@/lib/llm/limits";
import { claimSlots, leaveSlots, releaseSlots, renewSlots, touchWant } from "./slot-queries";

export interface SlotTiming {
  /** How often a process re-balances (default 2 s). */
  tickMs: number;
  /** Lease of a slot and liveness of a want (default 10 s). */
  leaseMs: number;
  /** Leave after this long without use (default 30 s). */
  idleMs: number;
}

const DEFAULT_TIMING: SlotTiming = { tickMs: 2_000, leaseMs: 10_000, idleMs: 30_000 };

export class JudgeSlots {
  readonly limiter: EndpointLimiter;
  private joined = false;
  private lastUsed = 0;
  private timer: NodeJS.Timeout | null = null;
  private soonTimer: NodeJS.Timeout | null = null;
  /** Slot rows above the share still held because requests were in flight when the share shrank. */
  private owed = false;
  private ticking: Promise<void> | null = null;
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

  /** Call before each request to the judge: joins (and takes a share) if this process is not in yet. */
  use(user: object): void {
    this.lastUsed = Date.now();
    this.users.add(user);
    if (this.joined) return;
    this.joined = true;
    this.timer = setInterval(() => void this.tick(), this.timing.tickMs);
    this.timer.unref?.();
    void this.tick();
  }

  /** Call after each request to the judge: gives owed slots back as soon as requests in flight have drained. */
  settle(): void {
    if (this.owed && this.limiter.active <= this.limiter.size) void this.tick();
  }

  /** A worker stops: once no worker in this process uses the judge, give everything back. */
  async detach(user: object): Promise<void> {
    this.users.delete(user);
    if (this.users.size === 0 && this.joined) await this.leave();
  }

  /** One re-balance (see the module comment); errors are logged and the next tick tries again. */
  tick(): Promise<void> {
    this.ticking ??= this.rebalance()
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
    const fair = Math.ceil(total / (await touchWant(sql, judgeId, owner, leaseMs)));
    const held = await renewSlots(sql, judgeId, owner, leaseMs);
    const keep = held.filter((s) => s < total).slice(0, fair);
    const extra = held.filter((s) => !keep.includes(s));
    const claimed = keep.length < fair ? await claimSlots(sql, judgeId, owner, total, fair - keep.length, leaseMs) : [];
    const share = keep.length + claimed.length;
    if (!this.joined) {
      // left while this tick was out: the slots just claimed go back too
      await leaveSlots(sql, judgeId, owner);
      return;
    }
    this.limiter.setShare(share);
    this.owed = extra.length > 0 && this.limiter.active > share;
    if (extra.length > 0 && !this.owed) await releaseSlots(sql, judgeId, owner, extra);
    // Below the fair share (another process still owes slots, or just left): look again soon, not in tickMs.
    if (share < fair) this.soon(Math.min(250, this.timing.tickMs));
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
