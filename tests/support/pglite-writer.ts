/**
 * A second process for tests/pglite-sharing.test.ts: opens the database named by DATABASE_URL the way the CLI does,
 * runs N transactions that each insert a system (every odd one rolled back), and prints a JSON line.
 */
import { getDbHandle, closeDb } from "@/lib/db";

async function main(): Promise<void> {
  const [prefix, countArg] = process.argv.slice(2);
  const count = Number(countArg);
  const handle = await getDbHandle();
  let committed = 0;
  await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      try {
        await handle.db.$transaction(async (tx) => {
          await tx.system.create({ data: { slug: `${prefix}-${i}`, name: `${prefix} ${i}` } });
          if (i % 2 === 1) throw new Error("rollback on purpose");
        });
        committed++;
      } catch (err) {
        if (!(err instanceof Error && err.message === "rollback on purpose")) throw err;
      }
    }),
  );
  process.stdout.write(JSON.stringify({ committed, url: handle.url }) + "\n");
  await closeDb();
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
