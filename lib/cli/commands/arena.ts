import type { CliCommand } from "../types";
import { UsageError } from "../types";
import { withCliDb } from "../db";
import { addArenaFixture } from "@/lib/arena/fixtures";
import { readArenaSettings, writeArenaSettings } from "@/lib/arena/settings";
import { rateLimitsSetting, samplingSetting } from "@/lib/validation/arena";

const usage = `usage: npm run -s concord -- arena <add-fixture FILE.json | settings [--sampling uniform|active] [--limits JSON]>
  add-fixture FILE.json   load a prompt set with given answers (format: lib/arena/fixtures.ts)
  settings                show the arena settings; --sampling sets Setting "arena.sampling",
                          --limits '{"votesPerMinute":100}' merges into Setting "arena.rateLimits" (0 = no limit)`;

const command: CliCommand = {
  name: "arena",
  summary: "arena fixtures and settings (sampling mode, rate limits)",
  usage,
  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub === "add-fixture") {
      const file = rest[0];
      if (!file) throw new UsageError("expected FILE.json");
      return withCliDb(async () => {
        const r = await addArenaFixture(file);
        io.stdout.write(`prompt set ${r.set}: ${r.prompts} prompts, ${r.responses} responses\n`);
        return 0;
      });
    }
    if (sub === "settings") {
      let sampling: "uniform" | "active" | undefined;
      let limits: Record<string, unknown> | undefined;
      for (let i = 0; i < rest.length; i++) {
        if (rest[i] === "--sampling") sampling = samplingSetting.parse(rest[++i]);
        else if (rest[i] === "--limits") {
          try {
            limits = JSON.parse(rest[++i] ?? "") as Record<string, unknown>;
          } catch {
            throw new UsageError("--limits needs a JSON object");
          }
        } else throw new UsageError(`unknown option ${rest[i]}`);
      }
      return withCliDb(async () => {
        const s =
          sampling || limits
            ? await writeArenaSettings({ sampling, rateLimits: limits ? rateLimitsSetting.partial().parse(limits) : undefined })
            : await readArenaSettings();
        io.stdout.write(`${JSON.stringify(s, null, 2)}\n`);
        return 0;
      });
    }
    throw new UsageError("expected add-fixture or settings");
  },
};

export default command;
