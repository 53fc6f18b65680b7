import type { CliCommand } from "../types";
import { UsageError } from "../types";
import { withCliDb } from "../db";

const usage = `usage: npm run -s concord -- seed demo
  Loads the demo dataset (fictional systems, prompts, answers, simulated crowd and judge votes).
  Safe to repeat: rows are keyed by slug and natural keys, so nothing is duplicated.`;

const command: CliCommand = {
  name: "seed",
  summary: "load the demo dataset",
  usage,
  async run(args, io) {
    if (args[0] !== "demo") throw new UsageError(`expected "demo", got "${args[0] ?? ""}"`);
    const { seedDemo } = await import("@/lib/seed/demo");
    return withCliDb(async ({ db }) => {
      const summary = await seedDemo(db, (line) => io.stdout.write(`${line}\n`));
      io.stdout.write(`${JSON.stringify(summary)}\n`);
      return 0;
    });
  },
};

export default command;
