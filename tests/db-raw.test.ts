/** lib/db/raw.ts: the hot-path runner reads values as Prisma does (timestamps as UTC) on Postgres and on PGlite. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, useTestDb, type TestDb } from "./support/db";
import { getRawSql } from "@/lib/db";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
  useTestDb(t);
});
afterAll(async () => {
  await t.close();
});

describe("getRawSql", () => {
  it(`uses the pg pool on Postgres and $queryRawUnsafe on in-memory PGlite`, async () => {
    const raw = await getRawSql();
    expect(raw === t.raw).toBe(t.kind === "postgres");
    expect(await getRawSql()).toBe(raw); // one runner per database
  });

  it("reads timestamp(3) as UTC, like Prisma, and binds parameters in order", async () => {
    const raw = await getRawSql();
    const rows = await raw.query<{ ts: Date; n: bigint | string; s: string }>(
      `SELECT $1::timestamp(3) AS ts, (2 + $2::int)::bigint AS n, $3::text AS s`,
      ["2026-03-04 05:06:07.890", 40, "x'y"],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].ts).toBeInstanceOf(Date);
    expect(rows[0].ts.toISOString()).toBe("2026-03-04T05:06:07.890Z");
    expect(Number(rows[0].n)).toBe(42);
    expect(rows[0].s).toBe("x'y");
    const viaPrisma = await t.db.$queryRawUnsafe<{ ts: Date }[]>(`SELECT $1::timestamp(3) AS ts`, "2026-03-04 05:06:07.890");
    expect(viaPrisma[0].ts.getTime()).toBe(rows[0].ts.getTime());
  });

  it("a failing statement rejects with the database error and leaves the pool usable", async () => {
    const raw = await getRawSql();
    await expect(raw.query(`SELECT * FROM "NoSuchTable"`)).rejects.toThrow(/NoSuchTable/);
    expect(await raw.query<{ one: number }>(`SELECT 1 AS one`)).toEqual([{ one: 1 }]);
  });
});
