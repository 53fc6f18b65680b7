import type { CliCommand } from "../types";
import { UsageError } from "../types";
import { withCliDb, withRunner } from "../db";
import { applyMigrations, latestAppliedMigration, readMigrations } from "@/lib/db/migrate";
import { redact } from "@/lib/db/config";

const usage = `usage: npm run -s concord -- db <migrate|status>
  migrate   apply pending migrations from prisma/migrations (also: npm run db:migrate)
  status    print the database kind, the latest applied migration and the pending ones`;

const command: CliCommand = {
  name: "db",
  summary: "apply migrations or show the database status",
  usage,
  async run(args, io) {
    const sub = args[0];
    if (sub !== "migrate" && sub !== "status") throw new UsageError(`expected migrate or status, got "${sub ?? ""}"`);
    return withCliDb(async (handle) =>
      withRunner(handle, async (runner) => {
        if (sub === "migrate") {
          const result = await applyMigrations(runner);
          for (const name of result.applied) io.stdout.write(`applied ${name}\n`);
          io.stdout.write(`${result.applied.length} applied; latest ${result.latest ?? "none"}\n`);
          return 0;
        }
        const latest = await latestAppliedMigration(runner);
        const all = readMigrations().map((m) => m.name);
        const pending = latest ? all.filter((n) => n > latest) : all;
        io.stdout.write(
          `database: ${handle.kind}${handle.url ? ` (${redact(handle.url)})` : ""}\nlatest migration: ${latest ?? "none"}\npending: ${pending.length ? pending.join(", ") : "none"}\n`,
        );
        return 0;
      }),
    );
  },
};

export default command;
