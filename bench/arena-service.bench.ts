/**
 * `npm run bench -- arena-service`: the arena's two service calls (`nextBattle` + `voteOnTicket`, lib/arena/service.ts)
 * in this process, without HTTP or Next.js, by 64 concurrent voters for 10 s after a 3 s warm-up — the ceiling the
 * route handlers add their cost to (compare with `npm run bench -- arena`, the same loop through `next start`).
 *
 * Database: TEST_DATABASE_URL (a fresh schema; the hot-path SQL then runs through the pg pool, lib/db/raw.ts) or
 * in-memory PGlite. Data: the arena test seed (4 systems, 2 prompt sets × 30 prompts), rate limits off.
 * Prints votes/s, this process's CPU per vote (application + driver), and checks every accepted vote is one row.
 */
import { createTestDb, useTestDb as pointGetDbAt } from "../tests/support/db";
import { seedArena } from "../tests/arena-seed";
import { invalidatePool } from "../lib/arena/pool";
import { writeArenaSettings } from "../lib/arena/settings";
import { nextBattle, voteOnTicket } from "../lib/arena/service";
import { upsertVoterByCookieHash } from "../lib/voters/queries";
import type { VoterContext } from "../lib/voters/identity";

const OUTCOMES = ["left", "right", "tie", "bothbad"] as const;

export default async function arenaServiceBench(): Promise<void> {
  const voters = Number(process.env.BENCH_CONCURRENCY ?? 64);
  const t = await createTestDb();
  pointGetDbAt(t);
  invalidatePool();
  try {
    await seedArena(t, { promptsPerSet: 30 });
    const off = 1e9;
    await writeArenaSettings({ rateLimits: { votesPerMinute: off, votesPerDay: off, ipVotesPerMinute: off, ipVotesPerDay: off, battlesPerMinute: off, ipBattlesPerMinute: off } });
    const rows = await Promise.all(Array.from({ length: voters }, (_, i) => upsertVoterByCookieHash(t.db, `bench-${i}-${Date.now()}`)));
    const contexts: VoterContext[] = rows.map((v, i) => ({ voterId: v.id, kind: "human", userId: null, ip: `10.0.${i >> 8}.${i & 255}`, setCookie: null }));
    process.stdout.write(`database: ${t.kind}; ${voters} concurrent voters, service calls only (no HTTP)\n`);
    let before = 0;
    for (const [label, ms] of [["warm-up", 3_000], ["measured", 10_000]] as const) {
      let n = 0;
      const end = Date.now() + ms;
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      await Promise.all(
        contexts.map(async (ctx) => {
          while (Date.now() < end) {
            const b = await nextBattle(ctx, { set: undefined, category: undefined });
            await voteOnTicket(ctx, b.ticket, { outcome: OUTCOMES[n % 4] });
            n++;
          }
        }),
      );
      const cpu = process.cpuUsage(c0);
      const s = (performance.now() - t0) / 1000;
      if (label === "measured") {
        process.stdout.write(`${n} votes in ${s.toFixed(1)} s = ${(n / s).toFixed(0)} votes/s; this process's CPU ${((cpu.user + cpu.system) / 1000 / n).toFixed(2)} ms per vote\n`);
      }
      before += n;
    }
    const stored = Number((await t.sql.query<{ n: string }>(`SELECT count(*) AS n FROM "Vote"`)).rows[0].n);
    process.stdout.write(`database: ${stored} vote rows for ${before} accepted votes\n`);
  } finally {
    await t.close();
  }
}
