import { UsageError, type CliCommand, type CliIo } from "./types";

/**
 * `npm run -s concord -- <command> …`. Each command is a module in lib/cli/commands/ loaded on demand, so that
 * `concord rank --battles f.jsonl` never touches the database.
 */
const commands: Record<string, () => Promise<{ default: CliCommand }>> = {
  // one line per command; keep sorted
  arena: () => import("./commands/arena"),
  db: () => import("./commands/db"),
  export: () => import("./commands/export"),
  import: () => import("./commands/import"),
  judge: () => import("./commands/judge"),
  judges: () => import("./commands/judges"),
  rank: () => import("./commands/rank"),
  seed: () => import("./commands/seed"),
  user: () => import("./commands/user"),
  voters: () => import("./commands/voters"),
  worker: () => import("./commands/judge").then((m) => ({ default: m.workerCommand })),
};

async function main(argv: string[]): Promise<number> {
  const io: CliIo = { stdout: process.stdout, stderr: process.stderr, isTty: Boolean(process.stdout.isTTY) };
  const [name, ...rest] = argv;
  if (!name || name === "help" || name === "--help") {
    io.stdout.write("usage: npm run -s concord -- <command> [options]\n\ncommands:\n");
    for (const key of Object.keys(commands).sort()) {
      const cmd = (await commands[key]()).default;
      io.stdout.write(`  ${cmd.name.padEnd(10)} ${cmd.summary}\n`);
    }
    return name ? 0 : 2;
  }
  const load = commands[name];
  if (!load) {
    io.stderr.write(`concord: unknown command "${name}" (try: npm run -s concord -- help)\n`);
    return 2;
  }
  const cmd = (await load()).default;
  if (rest.includes("--help")) {
    io.stdout.write(cmd.usage + "\n");
    return 0;
  }
  try {
    return await cmd.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`concord ${name}: ${err.message}\n\n${cmd.usage}\n`);
      return 2;
    }
    const message = err instanceof Error ? err.message : String(err);
    io.stderr.write(`concord ${name}: ${message}\n`);
    if (process.env.CONCORD_DEBUG) io.stderr.write(`${err instanceof Error ? err.stack : ""}\n`);
    return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`concord: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
